"""A learner's progress through a course: starting, completing modules, completing the course."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone
from wagtail import hooks

from content.hooks import COURSE_COMPLETION_CONDITIONS
from courses.models import CoursePage, ModulePage
from enrolment.models import Enrolment, ModuleCompletion, Requirement
from enrolment.renewal import expiry_after_completion
from enrolment.signals import course_completed
from people.models import Employee


@transaction.atomic(savepoint=False)
def start_course(*, employee: Employee, course: CoursePage, lock: bool = False) -> Enrolment:
    """A learner starting a course gets one open enrolment; a withdrawn one is resumed with its progress.

    One query finds the open enrolment, or else the latest withdrawn one. With `lock`, the caller's
    transaction holds that row locked for update (a quiz start serialises a learner's tabs on it).
    """
    candidates = Enrolment.objects.filter(employee=employee, course=course, completed_at__isnull=True)
    if lock:
        candidates = candidates.select_for_update()
    still_open = ExpressionWrapper(Q(withdrawn_at__isnull=True), output_field=BooleanField())
    existing = candidates.order_by(still_open.desc(), "-enrolled_at").first()
    if existing and existing.withdrawn_at is None:
        return existing
    if existing:
        existing.withdrawn_at = None
        existing.save(update_fields=["withdrawn_at", "updated_at"])
        return existing
    try:
        with transaction.atomic():
            return Enrolment.objects.create(employee=employee, course=course, source=Enrolment.Source.SELF)
    except IntegrityError:
        # Another request started the same course at the same moment: use that enrolment.
        found = Enrolment.objects.open().filter(employee=employee, course=course)
        return (found.select_for_update() if lock else found).get()


@dataclass(frozen=True)
class ModuleResult:
    enrolment: Enrolment
    newly_recorded: bool
    course_completed: bool


@transaction.atomic
def complete_module(*, enrolment: Enrolment, module: ModulePage, now: datetime | None = None) -> ModuleResult:
    """Record a module as complete once; when every published module is done, the course is complete."""
    now = now or timezone.now()
    if module.path[: -module.steplen] != enrolment.course.path:
        raise ValueError(f"Module {module.pk} is not part of course {enrolment.course_id}.")
    _completion, newly_recorded = ModuleCompletion.objects.get_or_create(
        enrolment=enrolment, module=module, defaults={"completed_at": now}
    )
    completed = complete_if_done(enrolment=enrolment, now=now)
    return ModuleResult(enrolment=enrolment, newly_recorded=newly_recorded, course_completed=completed)


def course_is_complete(enrolment: Enrolment) -> bool:
    """THE rule for when a course is complete: every published module is done, and every completion
    condition another app registers holds.

    Apps above enrolment add conditions through the `COURSE_COMPLETION_CONDITIONS` hook (content/hooks.py)
    without enrolment importing them: assessments adds "the course's quiz, if it has a published one, is
    passed in this enrolment". Nothing else decides completion; `complete_if_done` applies this rule.
    """
    if remaining_modules(enrolment).exists():
        return False
    return all(condition(enrolment=enrolment) for condition in hooks.get_hooks(COURSE_COMPLETION_CONDITIONS))


def complete_if_done(*, enrolment: Enrolment, now: datetime | None = None) -> bool:
    """Complete the open enrolment if the course is now complete; True only for the call that completed it."""
    if not enrolment.is_open or not course_is_complete(enrolment):
        return False
    return mark_complete(enrolment=enrolment, now=now)


def remaining_modules(enrolment: Enrolment):
    """Published modules of the course this enrolment has not completed, in course order."""
    return (
        ModulePage.objects.child_of(enrolment.course).live().exclude(completions__enrolment=enrolment).order_by("path")
    )


def mark_complete(*, enrolment: Enrolment, now: datetime | None = None) -> bool:
    """Complete the enrolment once; True only for the call that completed it."""
    now = now or timezone.now()
    expires_on = expiry_for(enrolment, completed_on=timezone.localdate(now))
    updated = Enrolment.objects.filter(pk=enrolment.pk, completed_at__isnull=True).update(
        completed_at=now, withdrawn_at=None, updated_at=now, expires_on=expires_on
    )
    if not updated:
        return False
    enrolment.completed_at = now
    enrolment.withdrawn_at = None
    enrolment.expires_on = expires_on
    transaction.on_commit(lambda: course_completed.send(sender=Enrolment, enrolment=enrolment))
    return True


def expiry_for(enrolment: Enrolment, *, completed_on: date) -> date | None:
    """When this completion stops counting, under the renewal rule of the requirement it meets.

    A completion outside any requirement, or of one that is never renewed, does not expire.
    """
    requirement = enrolment.requirement
    if requirement is None:
        requirement = (
            Requirement.objects.active()
            .filter(course_id=enrolment.course_id, enrolments__employee_id=enrolment.employee_id)
            .distinct()
            .first()
        )
    if requirement is None or not requirement.renewal_months:
        return None
    previous = (
        Enrolment.objects.filter(employee_id=enrolment.employee_id, course_id=enrolment.course_id)
        .exclude(pk=enrolment.pk)
        .filter(completed_at__isnull=False, expires_on__isnull=False)
        .order_by("-expires_on")
        .values_list("expires_on", flat=True)
        .first()
    )
    return expiry_after_completion(
        completed_on=completed_on,
        renewal_months=requirement.renewal_months,
        window_days=requirement.recertification_window_days,
        previous_expiry=previous,
    )
