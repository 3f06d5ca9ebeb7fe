"""Workplace adjustments: extra time in timed quizzes for the people who need it, and who may record it.

This module is the one home for the rule. An adjustment is a percentage of each quiz's time limit
(0 to 400), or no time limit at all. Rows are never changed: recording a new one replaces the person's
adjustment, the latest row stands, and recording "no extra time" (0%) ends it; the earlier rows stay as
the history, with who recorded each, when and why. `current_adjustment` is the rule for one person (what
`assessments.attempts` applies when an attempt starts) and `in_force` the same rule in the database, for
lists of many people; a test checks the two against one table of cases.

Who may record one for whom:

- an HR officer (or administrator), for anyone working here now whom HR's permission policy
  (`people.permissions.HRDataPolicy`, the one every HR screen uses) lets them see;
- a line manager, for their own active direct reports: the team My team shows them
  (`compliance.team.team_of`, built from the same `Employee` queryset methods);
- nobody for themselves.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from assessments.models import WorkplaceAdjustment
from people.models import Employee, EmployeeQuerySet
from people.permissions import HRDataPolicy
from people.roles import employee_for

MAX_EXTRA_TIME_PERCENT = 400
MAX_REASON_LENGTH = 1000

PERCENT_OUT_OF_RANGE = f"The percentage of extra time must be between 0 and {MAX_EXTRA_TIME_PERCENT}."
REASON_MISSING = "Enter the reason for this adjustment."
REASON_TOO_LONG = f"The reason must be {MAX_REASON_LENGTH} characters or less."
NOT_YOURS_TO_RECORD = (
    "Only HR officers, or the person's line manager, can record extra time for them, and nobody for themselves."
)

# HR officers and administrators may see adjustments and record new ones. Nobody changes or deletes one:
# a new row replaces it, and the old one stays as the history.
adjustment_policy = HRDataPolicy(WorkplaceAdjustment, forbidden_actions={"change", "delete"})
# The people HR may see. A department scope, when HR's view is limited, belongs in HRDataPolicy and
# reaches these screens through this policy.
people_policy = HRDataPolicy(Employee)


# What stands ---------------------------------------------------------------------------


def current_adjustment(employee: Employee) -> WorkplaceAdjustment | None:
    """The person's extra time now: their latest recorded adjustment, unless it is "no extra time" (one query)."""
    latest = WorkplaceAdjustment.objects.filter(employee=employee).order_by("-recorded_at", "-pk").first()
    if latest is None or latest.extra_time_percent == 0:
        return None
    return latest


def latest_adjustments() -> models.QuerySet[WorkplaceAdjustment]:
    """Each person's latest recorded adjustment: the row no later one replaces (the model's ordering, latest first)."""
    later = WorkplaceAdjustment.objects.filter(employee=OuterRef("employee")).filter(
        Q(recorded_at__gt=OuterRef("recorded_at")) | Q(recorded_at=OuterRef("recorded_at"), pk__gt=OuterRef("pk"))
    )
    return WorkplaceAdjustment.objects.filter(~Exists(later))


def in_force() -> models.QuerySet[WorkplaceAdjustment]:
    """The adjustments that stand now, one per person who has extra time or no time limit."""
    # A NULL percentage (no time limit) is kept: exclude() leaves out only rows that are 0.
    return latest_adjustments().exclude(extra_time_percent=0)


# Who may record for whom -------------------------------------------------------------------


def hr_people(user) -> EmployeeQuerySet:
    """The people whose adjustments this user may see and record as HR: none unless HR's policy allows."""
    return people_policy.instances_user_has_permission_for(user, "change").active()


def hr_people_on_record(user) -> EmployeeQuerySet:
    """The people whose adjustment history this user may see as HR: leavers too (nobody records for a leaver)."""
    return people_policy.instances_user_has_permission_for(user, "view")


def team_people(user) -> EmployeeQuerySet:
    """The people whose adjustments this user may record as their line manager: their active direct reports."""
    manager = employee_for(user)
    if manager is None or not manager.is_active:
        return Employee.objects.none()
    # compliance.team.team_of(manager), the team My team lists, is these same people.
    return Employee.objects.reports_of(manager).active()


def people_user_may_record_for(user) -> EmployeeQuerySet:
    """Everyone this user may record an adjustment for, as HR or as their line manager, never themselves."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return Employee.objects.none()
    return (hr_people(user) | team_people(user)).exclude(user_id=user.pk)


def may_record(user, employee: Employee) -> bool:
    """Whether this user may record an adjustment for this person (one query)."""
    return people_user_may_record_for(user).filter(pk=employee.pk).exists()


# Recording ------------------------------------------------------------------------------


def adjustment_problems(*, extra_time_percent: int | None, reason: str) -> dict[str, str]:
    """What is wrong with an adjustment as given, by field; empty when it can be recorded."""
    problems = {}
    if extra_time_percent is not None and not 0 <= extra_time_percent <= MAX_EXTRA_TIME_PERCENT:
        problems["extra_time_percent"] = PERCENT_OUT_OF_RANGE
    reason = (reason or "").strip()
    if not reason:
        problems["reason"] = REASON_MISSING
    elif len(reason) > MAX_REASON_LENGTH:
        problems["reason"] = REASON_TOO_LONG
    return problems


def record_adjustment(
    *, employee: Employee, extra_time_percent: int | None, reason: str, recorded_by, now: datetime | None = None
) -> WorkplaceAdjustment:
    """Record a person's extra time in timed quizzes (None: no time limit; 0: none), with who, when and why.

    It replaces their adjustment from now on, for every quiz they start; attempts already started keep theirs.
    """
    if not may_record(recorded_by, employee):
        raise PermissionDenied(NOT_YOURS_TO_RECORD)
    if problems := adjustment_problems(extra_time_percent=extra_time_percent, reason=reason):
        raise ValidationError(problems)
    return WorkplaceAdjustment.objects.create(
        employee=employee,
        extra_time_percent=extra_time_percent,
        reason=reason.strip(),
        recorded_by=recorded_by,
        recorded_at=now or timezone.now(),
    )
