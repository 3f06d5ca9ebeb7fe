"""Every Wagtail hook and admin registration of the assessments app (see content/hooks.py for govlearn's own hooks)."""

from django.urls import reverse
from wagtail import hooks

from assessments.admin_views import AdjustmentViewSet
from assessments.attempts import passed_score_percent
from assessments.demo import demo_account_quiz_states, load_demo_quizzes
from assessments.learner import course_quiz_context
from assessments.models import Attempt, QuizPage
from assessments.report_views import QuizReportButton, QuizReportViewSet, QuizResultsMenuItem, is_quiz
from content import hooks as govlearn_hooks


@hooks.register("register_admin_viewset")
def register_adjustments_admin():
    """HR's "Workplace adjustments" screens: who has extra time in quizzes, and recording it."""
    return AdjustmentViewSet()


@hooks.register(govlearn_hooks.COURSE_COMPLETION_CONDITIONS)
def quiz_passed(*, enrolment) -> bool:
    """A course with a published quiz is complete only once that quiz is passed in this enrolment."""
    quiz_ids = (
        QuizPage.objects.live()
        .filter(path__startswith=enrolment.course.path, depth=enrolment.course.depth + 1)
        .values("pk")
    )
    if not quiz_ids.exists():
        return True
    return Attempt.objects.filter(enrolment=enrolment, quiz_id__in=quiz_ids, passed=True).exists()


@hooks.register(govlearn_hooks.COMPLETION_FACTS)
def quiz_score(*, enrolment) -> dict:
    """A certificate records the score of the attempt that passed the course's quiz, if it has one."""
    return {"quiz_score_percent": passed_score_percent(enrolment)}


@hooks.register(govlearn_hooks.COURSE_PAGE_CONTEXT, order=10)  # after enrolment's `learner`
def add_quiz_to_course(*, request, course, context):
    course_quiz_context(request, course=course, context=context)


@hooks.register(govlearn_hooks.LOAD_DEMO_DATA, order=30)
def load_demo_quizzes_and_attempts(*, stdout):
    """After enrolment's demo (order 20), so the demo completions it records stand and get their passes."""
    result = load_demo_quizzes()
    if result.created_anything:
        stdout.write(
            f"Demo quizzes published: {len(result.created_quizzes)} new; quiz attempts: {result.attempts} new; "
            f"workplace adjustments (extra time): {result.adjustments} new."
        )
    else:
        stdout.write(f"Demo quizzes already in place: {result.existing_quizzes} quizzes.")
    for email, notes in demo_account_quiz_states():
        stdout.write(f"  {email}: {'; '.join(notes)}.")


@hooks.register("register_admin_viewset")
def register_quiz_reports():
    return QuizReportViewSet()


@hooks.register("register_reports_menu_item")
def quiz_results_menu_item():
    return QuizResultsMenuItem(
        "Quiz results", reverse("quiz_reports:index"), name="quiz-results", icon_name="tasks", order=650
    )


@hooks.register("register_page_listing_more_buttons")
def quiz_report_listing_button(page, user, next_url=None):
    if is_quiz(page):
        yield QuizReportButton(page, priority=45)


@hooks.register("register_page_header_buttons")
def quiz_report_header_button(page, user, view_name, next_url=None):
    if is_quiz(page):
        yield QuizReportButton(page, priority=62)
