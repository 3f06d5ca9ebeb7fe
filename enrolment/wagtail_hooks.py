from django.urls import reverse
from wagtail import hooks

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
