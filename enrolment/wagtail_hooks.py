from django.urls import reverse
from wagtail import hooks

from enrolment import admin_views, home  # noqa: F401 - they register their own hooks
from enrolment.demo import load_demo_progress
from enrolment.learner import learner_state


@hooks.register("course_page_context")
def add_learner_to_course(*, request, course, context):
    context["learner"] = learner_state(request, course=course, modules=context["modules"])


@hooks.register("module_page_context")
def add_learner_to_module(*, request, module, context):
    learner = learner_state(request, course=context["course"], modules=context["modules"])
    if learner and learner["state"] != "no_record":
        learner["module_complete"] = module.pk in learner["completed_ids"]
        learner["complete_url"] = reverse("enrolment:complete_module", args=[module.pk])
    context["learner"] = learner


@hooks.register("load_demo_data", order=20)
def load_demo_enrolments(*, stdout):
    created = load_demo_progress()
    stdout.write(
        f"Demo learning progress: {created} new enrolments." if created else "Demo learning progress in place."
    )
