"""Every Wagtail hook and admin registration of the enrolment app (see content/hooks.py for govlearn's own hooks)."""

from django.urls import reverse
from wagtail import hooks

from content import hooks as govlearn_hooks
from enrolment.admin_views import RequirementViewSet
from enrolment.demo import load_demo_progress
from enrolment.extensions import REVOKE_EXEMPTION_ACTION
from enrolment.home import my_learning_panels
from enrolment.learner import learner_state


@hooks.register("register_admin_viewset")
def register_requirement_admin():
    return RequirementViewSet()


@hooks.register("register_log_actions")
def register_enrolment_log_actions(actions):
    actions.register_action(REVOKE_EXEMPTION_ACTION, "Revoke exemption", "Exemption revoked")


hooks.register(govlearn_hooks.HOME_PANELS, my_learning_panels)


@hooks.register(govlearn_hooks.COURSE_PAGE_CONTEXT)
def add_learner_to_course(*, request, course, context):
    context["learner"] = learner_state(request, course=course, modules=context["modules"])


@hooks.register(govlearn_hooks.MODULE_PAGE_CONTEXT)
def add_learner_to_module(*, request, module, context):
    learner = learner_state(request, course=context["course"], modules=context["modules"])
    if learner and learner["state"] != "no_record":
        learner["module_complete"] = module.pk in learner["completed_ids"]
        learner["complete_url"] = reverse("enrolment:complete_module", args=[module.pk])
    context["learner"] = learner


@hooks.register(govlearn_hooks.LOAD_DEMO_DATA, order=20)
def load_demo_enrolments(*, stdout):
    created = load_demo_progress()
    stdout.write(
        f"Demo learning progress: {created} new enrolments." if created else "Demo learning progress in place."
    )
