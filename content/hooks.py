"""The names of govlearn's own Wagtail hooks, in one place, and what each one is for.

Apps lower in the dependency order (content, courses, people, enrolment) call these hooks; apps above
them register functions in their own `wagtail_hooks.py` (Wagtail imports every app's
`wagtail_hooks` module at start-up; nothing else registers hooks, and no module is imported for
the side effect of registering one). Register with the constant, never the string:

    from content import hooks as govlearn_hooks

    @hooks.register(govlearn_hooks.NAVIGATION)
    def team_navigation(request): ...

NAVIGATION = "register_service_navigation"
    fn(request) -> list[content.navigation.NavItem]: the links in the header's service navigation
    that this person may use (none for a role without them). Called on every page by
    `content.navigation.navigation_for`; items are sorted by `order`, the current one marked.

HOME_PANELS = "register_home_panels"
    fn(request) -> list[content.home.HomePanel]: sections of the signed-in home page (a template
    and its context), sorted by `order`. Called by `content.home.home_panels_for`. Used by
    enrolment (My learning) and people (Your details), so the home page imports neither.

COURSE_PAGE_CONTEXT = "course_page_context"
    fn(*, request, course, context) -> None: add to a course page's template context in place
    (enrolment adds `learner`, the person's progress; assessments, at order 10 so after it, adds
    `quiz` and `quiz_state`; certificates, at order 20, adds `certificate` for a learner who has
    completed the course). Called by `CoursePage.get_context` after the course's own context
    (`modules`, `topics`, `prerequisites`) is in.

MODULE_PAGE_CONTEXT = "module_page_context"
    fn(*, request, module, context) -> None: the same for a module page (`course` and `modules`
    are in the context already). Called by `ModulePage.get_context`.

REQUIREMENT_ADMIN_URLS = "requirement_admin_urls"
    fn() -> list[django.urls.URLPattern]: more of HR's compulsory-training screens, served under
    `/admin/compulsory-training/` in the URL namespace `enrolment_requirements` with the same
    permission policy. Called by `enrolment.admin_views.RequirementViewSet.get_urlpatterns` when
    the admin's URLs load. compliance adds the people and status screen (`<int:pk>/people/`, name
    `people`), which enrolment's requirement screens link to.

COURSE_COMPLETION_CONDITIONS = "course_completion_conditions"
    fn(*, enrolment) -> bool: one more thing that must hold, beside every published module being
    done, for the enrolment's course to be complete. Called by `enrolment.progress.course_is_complete`,
    the one home of the completion rule, whenever a module is completed or a quiz is passed.
    assessments adds "the course's published quiz, if any, is passed in this enrolment".

COMPLETION_FACTS = "completion_facts"
    fn(*, enrolment) -> dict: facts about a completed enrolment that its certificate records, by
    `Certificate` field name. Called by `certificates.issuing.frozen_facts` when a certificate is
    issued, so certificates need not import the app that knows them. assessments adds
    `quiz_score_percent`, the score of the attempt that passed the course's quiz.

LOAD_DEMO_DATA = "load_demo_data"
    fn(*, stdout) -> None: load this app's demo records, idempotently, inside the transaction of
    `manage.py load_demo`, after the people. Runs in hook `order` (courses 10, enrolment 20,
    assessments 30, certificates 40); write one line to `stdout` saying what was created (assessments adds a line
    for each demo account with a quiz attempt or extra time, saying what it shows).
"""

NAVIGATION = "register_service_navigation"
HOME_PANELS = "register_home_panels"
COURSE_PAGE_CONTEXT = "course_page_context"
MODULE_PAGE_CONTEXT = "module_page_context"
REQUIREMENT_ADMIN_URLS = "requirement_admin_urls"
LOAD_DEMO_DATA = "load_demo_data"
COURSE_COMPLETION_CONDITIONS = "course_completion_conditions"
COMPLETION_FACTS = "completion_facts"
