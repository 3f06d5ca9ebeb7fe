"""Extensions and exemptions: HR (or a line manager, where allowed) changes what one person must do, and why.

Each change is a row that says who, when and why (`Extension`, `Exemption`); revoking an
exemption stamps the row and writes who and why to the Wagtail audit log. "Today" is a
parameter, a Europe/London date, so the rules never depend on the clock.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from enrolment.models import Enrolment, Exemption, Extension, Requirement
from people.models import Employee
from people.roles import is_hr_officer

REVOKE_EXEMPTION_ACTION = "enrolment.revoke_exemption"

# Line managers may move a due date by up to this many days in all after the due date HR (or the
# engine) last set, however many extensions they grant, and even when that date has passed: a report
# due on 17 November can be given until 15 February at the latest, whenever the manager asks. Longer
# extensions, and exemptions, are for HR. (My team and the extension form say so in these words.)
MANAGER_EXTENSION_LIMIT_DAYS = 90


def hr_due_date(enrolment: Enrolment) -> date | None:
    """The due date HR (or the engine) last set: before the line manager's extensions since then (one query)."""
    newest_first = enrolment.extensions.order_by("-granted_at", "-pk").values("by_line_manager", "previous_due_on")
    # The manager's extensions since HR (or the engine) last set the date, oldest last.
    since_hr = list(itertools.takewhile(lambda extension: extension["by_line_manager"], newest_first))
    return since_hr[-1]["previous_due_on"] if since_hr else enrolment.due_on


def latest_manager_extension(enrolment: Enrolment, *, today: date) -> date:
    """The latest due date a line manager may give this enrolment: 90 days after the due date HR set (one query).

    With no due date set, the 90 days count from today. The date may already have passed, when HR's
    due date is more than 90 days ago: then only HR can extend.
    """
    start = hr_due_date(enrolment) or today
    return start + timedelta(days=MANAGER_EXTENSION_LIMIT_DAYS)


def line_managers_can_extend() -> bool:
    return bool(getattr(settings, "LINE_MANAGERS_CAN_EXTEND", False))


def can_grant_extension(user, enrolment: Enrolment) -> bool:
    """HR officers always; the person's own line manager when the setting allows it."""
    if is_hr_officer(user):
        return True
    if not (line_managers_can_extend() and getattr(user, "is_authenticated", False) and user.is_active):
        return False
    return Employee.objects.filter(
        pk=enrolment.employee_id, line_manager__user_id=user.pk, line_manager__is_active=True
    ).exists()


@transaction.atomic
def grant_extension(
    *, enrolment: Enrolment, due_on: date, reason: str, granted_by, today: date | None = None
) -> Extension:
    """An open compulsory enrolment gets a later due date, with a reason, recorded with who and when."""
    today = today or timezone.localdate()
    if not can_grant_extension(granted_by, enrolment):
        raise PermissionDenied("Only HR officers (or, where allowed, the person's line manager) can grant extensions.")
    by_line_manager = not is_hr_officer(granted_by)
    # Lock the row so two people extending at once cannot both read the same old due date.
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    reason = (reason or "").strip()
    errors: dict[str, str] = {}
    if not enrolment.is_open:
        errors["__all__"] = "This enrolment is completed or withdrawn, so its due date cannot change."
    elif enrolment.requirement_id is None:
        errors["__all__"] = "Only compulsory training has a due date to extend."
    if not reason:
        errors["reason"] = "Enter the reason for the extension."
    if due_on is None:
        errors["due_on"] = "Enter the new due date."
    elif due_on <= today:
        errors["due_on"] = "The new due date must be in the future."
    elif enrolment.due_on is not None and due_on <= enrolment.due_on:
        errors["due_on"] = (
            f"The new due date must be after the current one, {enrolment.due_on.day} {enrolment.due_on:%B %Y}."
        )
    elif by_line_manager and due_on > (latest := latest_manager_extension(enrolment, today=today)):
        errors["due_on"] = (
            f"The new due date must be no later than {latest.day} {latest:%B %Y}. For a longer extension, ask HR."
        )
    if errors:
        raise ValidationError(errors)
    extension = Extension.objects.create(
        enrolment=enrolment,
        previous_due_on=enrolment.due_on,
        due_on=due_on,
        reason=reason,
        granted_by=granted_by,
        granted_at=timezone.now(),
        by_line_manager=by_line_manager,
    )
    Enrolment.objects.filter(pk=enrolment.pk).update(due_on=due_on, updated_at=extension.granted_at)
    return extension


@transaction.atomic
def grant_exemption(
    *, employee: Employee, requirement: Requirement, until: date, reason: str, granted_by, today: date | None = None
) -> Exemption:
    """HR exempts a person from a requirement up to and including a date, with a reason.

    An exemption already in force is replaced: it is marked revoked, and both rows remain as the record.
    """
    today = today or timezone.localdate()
    if not is_hr_officer(granted_by):
        raise PermissionDenied("Only HR officers can grant exemptions.")
    reason = (reason or "").strip()
    errors: dict[str, str] = {}
    if not reason:
        errors["reason"] = "Enter the reason for the exemption."
    if until is None:
        errors["until"] = "Enter the last day of the exemption."
    elif until < today:
        errors["until"] = "The exemption must last until today or later."
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    Exemption.objects.in_force(on=today).filter(employee=employee, requirement=requirement).update(revoked_at=now)
    return Exemption.objects.create(
        employee=employee, requirement=requirement, until=until, reason=reason, granted_by=granted_by, granted_at=now
    )


@transaction.atomic
def revoke_exemption(*, exemption: Exemption, revoked_by, reason: str) -> Exemption:
    """HR ends an exemption early, with a reason; the person is measured against the requirement again."""
    if not is_hr_officer(revoked_by):
        raise PermissionDenied("Only HR officers can revoke exemptions.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter the reason for revoking the exemption."})
    exemption = Exemption.objects.select_for_update().get(pk=exemption.pk)
    if exemption.revoked_at is not None:
        raise ValidationError("This exemption has already been revoked.")
    exemption.revoked_at = timezone.now()
    exemption.revoked_by = revoked_by
    exemption.revoke_reason = reason
    exemption.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    log(instance=exemption, action=REVOKE_EXEMPTION_ACTION, user=revoked_by, data={"reason": reason})
    return exemption
