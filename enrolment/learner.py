"""What a signed-in learner sees of their own progress on course and module pages."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from enrolment.models import Enrolment, ModuleCompletion
from enrolment.status import enrolment_status, status_tag
from people.roles import employee_for


def current_enrolment(enrolments: list[Enrolment]) -> Enrolment | None:
    """The open enrolment if there is one, else the latest completed, else a withdrawn one to resume."""
    return min(
        enrolments,
        key=lambda e: (0 if e.is_open else 1 if e.completed_at else 2, -e.enrolled_at.timestamp()),
        default=None,
    )


def learner_state(request, *, course: Page, modules: list[Page]) -> dict | None:
    """The learner's place in the course: state, completed modules, where to resume.

    `course` may be the course page or its plain Page: only its id is used.
    """
    user = request.user
    if not user.is_authenticated:
        return None
    # Their enrolments on this course, found through their account: no separate look-up of
    # their HR record unless they have never enrolled.
    enrolment = current_enrolment(list(Enrolment.objects.filter(employee__user_id=user.pk, course_id=course.pk)))
    if enrolment is None and employee_for(user) is None:
        return {"state": "no_record", "completed_ids": set()}
    completed_ids = (
        set(ModuleCompletion.objects.filter(enrolment=enrolment).values_list("module_id", flat=True))
        if enrolment
        else set()
    )
    module_ids = [m.pk for m in modules]
    done = [pk for pk in module_ids if pk in completed_ids]
    resume = next((m for m in modules if m.pk not in completed_ids), modules[0] if modules else None)
    if enrolment and enrolment.completed_at:
        state = "completed"
    elif enrolment and enrolment.is_open:
        state = "in_progress"
    else:
        state = "not_started"
    due_on = enrolment.due_on if enrolment and enrolment.is_open else None
    today = timezone.localdate()
    # An open enrolment with a due date (compulsory, or set by a manager or HR): due, or overdue by N days.
    status = enrolment_status(enrolment, today=today) if due_on else None
    tag = status_tag(status, due_on=due_on, today=today) if status else None
    return {
        "state": state,
        "enrolment": enrolment,
        "completed_ids": completed_ids,
        "completed_count": len(done),
        "total": len(module_ids),
        "percent": round(100 * len(done) / len(module_ids)) if module_ids else 0,
        "resume_url": resume.url if resume else None,
        "start_url": reverse("enrolment:start_course", args=[course.pk]),
        "completed_at": enrolment.completed_at if enrolment else None,
        "due_on": due_on,
        "status": status,
        "tag": tag,
        "due_label": tag.label if tag else None,
        "due_colour": tag.colour if tag else None,
    }
