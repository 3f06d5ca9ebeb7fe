"""Compulsory status: where a person stands against a requirement, and how that is shown.

The rule has one home, here, in two forms that must agree (tests/enrolment/test_status.py checks
them against one table of cases):

- `with_status` derives it in the database for many people at once (My team, HR's screens);
- `enrolment_status` derives it in Python from the one enrolment that decides (My learning, course pages).

Both are built on the enrolment QuerySet's definitions (`EnrolmentQuerySet.compulsory`, `overdue`,
`due`, `expiring`, `compliant`, `lapsed`). How a status looks (its words, its GOV.UK tag colour) and
the order of urgency the pages sort by are here too; the status cell's markup is the template include
`enrolment/includes/status_cell.html`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.db.models import Case, Exists, OuterRef, Subquery, Value, When

from enrolment.models import Enrolment, Exemption, Requirement


class Status(models.TextChoices):
    COMPLIANT = "compliant", "Compliant"
    EXPIRING = "expiring", "Expiring"
    DUE = "due", "Due"
    OVERDUE = "overdue", "Overdue"
    EXEMPT = "exempt", "Exempt"
    NOT_REQUIRED = "not_required", "Not required"


# Most urgent first. Pages list people or courses in this order (and, within a status, by date).
URGENCY = (Status.OVERDUE, Status.DUE, Status.EXPIRING, Status.COMPLIANT, Status.EXEMPT)

# Statuses with something still to do: an open compulsory enrolment an extension can move.
TO_DO = frozenset({Status.OVERDUE, Status.DUE, Status.EXPIRING})


def urgency(status: str) -> int:
    """A status's place in URGENCY; anything else (not required) comes last."""
    return URGENCY.index(status) if status in URGENCY else len(URGENCY)


# The SQL side ---------------------------------------------------------------------


def with_status(people, requirement: Requirement, *, today: date):
    """Annotate Employees with `status`, `due_on` and `expires_on` against the requirement (one query).

    People outside the audience are "not required"; within it, an exemption in force wins, then a
    valid completion (compliant, or expiring once the renewal window has opened), then the open
    enrolment's due date (due, or overdue once it has passed); a lapsed completion with nothing
    open is overdue too.
    """
    on_course = Enrolment.objects.filter(employee=OuterRef("pk"), course_id=requirement.course_id)
    window = requirement.recertification_window_days
    return people.annotate(
        in_audience=Exists(requirement.audience().filter(pk=OuterRef("pk"))),
        exempt=Exists(Exemption.objects.in_force(on=today).filter(employee=OuterRef("pk"), requirement=requirement)),
        compliant=Exists(on_course.compliant(on=today, window_days=window)),
        expires_on=Subquery(on_course.completed().order_by("-expires_on").values("expires_on")[:1]),
        due_on=Subquery(on_course.open().order_by("due_on").values("due_on")[:1]),
    ).annotate(
        # `expires_on` is the latest completion's expiry and `due_on` the earliest open due date, so
        # these conditions are `expiring()`, `overdue()` and `lapsed()` of the enrolments behind them.
        status=Case(
            When(in_audience=False, then=Value(Status.NOT_REQUIRED)),
            When(exempt=True, then=Value(Status.EXEMPT)),
            When(compliant=True, then=Value(Status.COMPLIANT)),
            When(expires_on__gte=today, then=Value(Status.EXPIRING)),
            When(due_on__lt=today, then=Value(Status.OVERDUE)),
            When(expires_on__lt=today, due_on__isnull=True, then=Value(Status.OVERDUE)),
            default=Value(Status.DUE),
            output_field=models.CharField(),
        )
    )


# The Python side ------------------------------------------------------------------


def enrolment_status(enrolment: Enrolment, *, today: date, window_days: int = 0) -> Status:
    """The status the deciding compulsory enrolment gives its person: the same rule as `with_status`.

    The deciding enrolment is a completion that still counts if there is one, else the open one,
    else a lapsed completion.
    """
    if enrolment.completed_at:
        if enrolment.expires_on is None or enrolment.expires_on > today + timedelta(days=window_days):
            return Status.COMPLIANT
        return Status.EXPIRING if enrolment.expires_on >= today else Status.OVERDUE
    if enrolment.due_on is not None and enrolment.due_on < today:
        return Status.OVERDUE
    return Status.DUE


# How a status looks ---------------------------------------------------------------


@dataclass(frozen=True)
class Tag:
    """A GOV.UK tag: its words carry the meaning, its colour only repeats it."""

    label: str
    colour: str  # a GOV.UK Frontend tag colour; "blue" is the default tag

    @property
    def css_class(self) -> str:
        return "govuk-tag" if self.colour == "blue" else f"govuk-tag govuk-tag--{self.colour}"

    @property
    def admin_class(self) -> str:
        """The Wagtail admin's status class for the same meaning (HR's screens)."""
        return _ADMIN_CLASSES.get(self.colour, "")


COLOURS = {
    Status.OVERDUE: "red",
    Status.DUE: "blue",
    Status.EXPIRING: "orange",
    Status.COMPLIANT: "green",
    Status.EXEMPT: "grey",
}
_ADMIN_CLASSES = {"red": "w-status--label", "green": "w-status--primary"}


def overdue_label(days: int) -> str:
    return f"Overdue by {days} day{'' if days == 1 else 's'}"


def status_tag(status: str, *, due_on: date | None = None, today: date | None = None) -> Tag | None:
    """The tag for a status (None for "not required"): overdue says by how many days when the due date is known."""
    if status not in COLOURS:
        return None
    if status == Status.OVERDUE and due_on is not None and today is not None and due_on < today:
        return Tag(overdue_label((today - due_on).days), COLOURS[status])
    return Tag(Status(status).label, COLOURS[status])


def due_tag(due_on: date, *, today: date) -> Tag:
    """The tag of an open enrolment with a due date: due, or overdue by so many days."""
    return status_tag(Status.OVERDUE if due_on < today else Status.DUE, due_on=due_on, today=today)
