"""The status of people against a requirement, derived in the database for many people at once."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Subquery, Value, When

from enrolment.models import Enrolment, Exemption, Requirement


class Status(models.TextChoices):
    COMPLIANT = "compliant", "Compliant"
    EXPIRING = "expiring", "Expiring"
    DUE = "due", "Due"
    OVERDUE = "overdue", "Overdue"
    EXEMPT = "exempt", "Exempt"
    NOT_REQUIRED = "not_required", "Not required"


def with_status(people, requirement: Requirement, *, today: date):
    """Annotate Employees with `status`, `due_on` and `expires_on` against the requirement (one query).

    People outside the audience are "not required"; within it, an exemption in force wins, then a
    valid completion (compliant, or expiring once the renewal window has opened), then the open
    enrolment's due date (due, or overdue once it has passed).
    """
    on_course = Enrolment.objects.filter(employee=OuterRef("pk"), course_id=requirement.course_id)
    completed = on_course.filter(completed_at__isnull=False)
    window = timedelta(days=requirement.recertification_window_days)
    return people.annotate(
        in_audience=Exists(requirement.audience().filter(pk=OuterRef("pk"))),
        exempt=Exists(Exemption.objects.in_force(on=today).filter(employee=OuterRef("pk"), requirement=requirement)),
        never_expires=Exists(completed.filter(expires_on__isnull=True)),
        expires_on=Subquery(completed.order_by("-expires_on").values("expires_on")[:1]),
        due_on=Subquery(on_course.open().order_by("due_on").values("due_on")[:1]),
    ).annotate(
        status=Case(
            When(in_audience=False, then=Value(Status.NOT_REQUIRED)),
            When(exempt=True, then=Value(Status.EXEMPT)),
            When(Q(never_expires=True) | Q(expires_on__gt=today + window), then=Value(Status.COMPLIANT)),
            When(expires_on__gte=today, then=Value(Status.EXPIRING)),
            When(due_on__lt=today, then=Value(Status.OVERDUE)),
            When(expires_on__lt=today, due_on__isnull=True, then=Value(Status.OVERDUE)),
            default=Value(Status.DUE),
            output_field=models.CharField(),
        )
    )


def enrolment_status(enrolment: Enrolment, *, today: date, window_days: int = 0) -> Status:
    """The status one compulsory enrolment gives its person (for My learning)."""
    if enrolment.completed_at:
        if enrolment.expires_on is None or enrolment.expires_on > today + timedelta(days=window_days):
            return Status.COMPLIANT
        return Status.EXPIRING if enrolment.expires_on >= today else Status.OVERDUE
    if enrolment.due_on is not None and enrolment.due_on < today:
        return Status.OVERDUE
    return Status.DUE
