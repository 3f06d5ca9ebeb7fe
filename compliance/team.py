"""My team: a line manager's reports and where each stands against the compulsory training that applies to them.

Read side only. Each person's status against each active requirement comes from
`enrolment.status.with_status`, in the database: one SELECT per requirement (plus
one for the people no requirement covers), joined with UNION ALL into a single
query that the database orders, most urgent first, and pages. The number of
queries depends on nothing about the team; the number of requirements only
changes the size of that one query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.db.models import Count, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from enrolment.models import Enrolment, Exemption, Requirement
from enrolment.status import TO_DO, URGENCY, Tag, status_tag, with_status
from people.models import Employee, EmployeeQuerySet

# People no requirement covers come last, after every status in URGENCY.
NOTHING_REQUIRED = "none"
LAST = date.max

# What each row carries from the person's record.
PERSON_FIELDS = (
    "id",
    "given_name",
    "family_name",
    "grade__code",
    "line_manager_id",
    "line_manager__given_name",
    "line_manager__family_name",
)


def team_of(manager: Employee, *, everyone_below: bool = False) -> EmployeeQuerySet:
    """Active people the manager manages: their direct reports, or everyone below them in the chain."""
    if everyone_below:
        people = Employee.objects.filter(pk=manager.pk).with_reports(through_leavers=False).exclude(pk=manager.pk)
    else:
        people = Employee.objects.reports_of(manager)
    return people.active()


def has_indirect_reports(manager: Employee) -> bool:
    """Whether anyone reports to the manager through one of their active direct reports."""
    return Employee.objects.active().filter(line_manager__line_manager=manager, line_manager__is_active=True).exists()


def active_requirements() -> list[Requirement]:
    """The requirements My team measures people against, with what their audiences need (four queries)."""
    return list(
        Requirement.objects.active()
        .select_related("course", "minimum_grade")
        .prefetch_related("grades", "departments", "professions")
        .order_by("name", "pk")
    )


class StatusRank(models.Func):
    """A status's place in URGENCY, as `CASE status WHEN 'overdue' THEN 0 … END`.

    The simple form of CASE evaluates the status (itself a CASE over several subqueries) once;
    `Case(When(status=…))` would repeat it for every status.
    """

    output_field = models.IntegerField()

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        whens = " ".join("WHEN %s THEN %s" for _ in URGENCY)
        ranks = [param for index, status in enumerate(URGENCY) for param in (str(status), index)]
        return f"CASE {sql} {whens} ELSE %s END", (*params, *ranks, len(URGENCY))


def _standing(people: EmployeeQuerySet, requirement: Requirement, *, today: date):
    """One row per person in the requirement's audience: status, dates, and the enrolment an extension moves."""
    open_compulsory = Enrolment.objects.open().filter(
        employee=OuterRef("pk"), course_id=requirement.course_id, requirement__isnull=False
    )
    exemption = (
        Exemption.objects.in_force(on=today).filter(employee=OuterRef("pk"), requirement=requirement).order_by("-until")
    )
    rows = with_status(people, requirement, today=today).filter(in_audience=True)
    return rows.order_by().values(
        *PERSON_FIELDS,
        requirement_id=Value(requirement.pk),
        row_status=F("status"),
        row_due_on=F("due_on"),
        row_expires_on=F("expires_on"),
        exempt_until=Subquery(exemption.values("until")[:1], output_field=models.DateField()),
        enrolment_id=Subquery(open_compulsory.order_by("due_on").values("pk")[:1]),
        rank=StatusRank(F("status")),
        # Within a status: the date that matters to it (due, renew by, exempt until), earliest first.
        sort_on=Coalesce(
            F("due_on"),
            F("expires_on"),
            Subquery(exemption.values("until")[:1]),
            Value(LAST),
            output_field=models.DateField(),
        ),
    )


def _not_covered(people: EmployeeQuerySet, requirements: list[Requirement]) -> EmployeeQuerySet:
    """The people in no requirement's audience."""
    for requirement in requirements:
        people = people.exclude(pk__in=requirement.audience().values("pk"))
    return people.order_by()


def _uncovered(people: EmployeeQuerySet, requirements: list[Requirement]):
    """The same columns for people no active requirement covers, so every report appears once at least."""
    nothing = Value(None, output_field=models.DateField())
    return _not_covered(people, requirements).values(
        *PERSON_FIELDS,
        requirement_id=Value(None, output_field=models.IntegerField()),
        row_status=Value(NOTHING_REQUIRED, output_field=models.CharField()),
        row_due_on=nothing,
        row_expires_on=nothing,
        exempt_until=nothing,
        enrolment_id=Value(None, output_field=models.IntegerField()),
        rank=Value(len(URGENCY), output_field=models.IntegerField()),
        sort_on=Value(LAST, output_field=models.DateField()),
    )


def team_standing(people: EmployeeQuerySet, requirements: list[Requirement], *, today: date):
    """Every person against every requirement that applies to them, most urgent first (one query, pageable).

    Overdue first (longest overdue first), then due (soonest first), expiring, compliant,
    exempt, and last the people no requirement covers; then by name.
    """
    parts = [_standing(people, requirement, today=today) for requirement in requirements]
    parts.append(_uncovered(people, requirements))
    first, *others = parts
    combined = first.union(*others, all=True) if others else first
    return combined.order_by("rank", "sort_on", "family_name", "given_name", "id", "requirement_id")


def status_counts(people: EmployeeQuerySet, requirements: list[Requirement], *, today: date) -> dict[str, int]:
    """How many rows of `team_standing` have each status, in one query (their sum is its length)."""
    parts = [
        with_status(people, requirement, today=today)
        .filter(in_audience=True)
        .order_by()
        .values(row_status=F("status"))
        .annotate(n=Count("pk"))
        for requirement in requirements
    ]
    parts.append(
        _not_covered(people, requirements)
        .annotate(row_status=Value(NOTHING_REQUIRED, output_field=models.CharField()))
        .values("row_status")
        .annotate(n=Count("pk"))
    )
    first, *others = parts
    combined = first.union(*others, all=True) if others else first
    counts: dict[str, int] = {}
    for row in combined:
        counts[row["row_status"]] = counts.get(row["row_status"], 0) + row["n"]
    return counts


# Rows as the page shows them ----------------------------------------------------------


@dataclass(frozen=True)
class TeamRow:
    """One person against one requirement (or against none), as My team shows it."""

    employee_id: int
    name: str
    grade: str
    line_manager_id: int | None
    line_manager_name: str
    requirement: Requirement | None
    status: str
    tag: Tag | None
    due_on: date | None
    expires_on: date | None
    exempt_until: date | None
    enrolment_id: int | None

    @property
    def course_title(self) -> str:
        return self.requirement.course.title if self.requirement else ""

    @property
    def can_be_extended(self) -> bool:
        """An open compulsory enrolment still to complete: the thing an extension moves."""
        return self.enrolment_id is not None and self.status in TO_DO


def team_rows(rows, requirements: list[Requirement], *, today: date) -> list[TeamRow]:
    """The page's rows from `team_standing`, with their requirement and tag (no queries)."""
    by_pk = {requirement.pk: requirement for requirement in requirements}
    result = []
    for row in rows:
        status = row["row_status"]
        due_on = row["row_due_on"]
        manager = " ".join(filter(None, [row["line_manager__given_name"], row["line_manager__family_name"]]))
        result.append(
            TeamRow(
                employee_id=row["id"],
                name=f"{row['given_name']} {row['family_name']}".strip(),
                grade=row["grade__code"],
                line_manager_id=row["line_manager_id"],
                line_manager_name=manager,
                requirement=by_pk.get(row["requirement_id"]),
                status=status,
                tag=status_tag(status, due_on=due_on, today=today),
                due_on=due_on,
                expires_on=row["row_expires_on"],
                exempt_until=row["exempt_until"],
                enrolment_id=row["enrolment_id"],
            )
        )
    return result


def extendable_enrolments(manager: Employee) -> models.QuerySet[Enrolment]:
    """Open compulsory enrolments of the manager's active direct reports: what they may extend, and nothing else."""
    return (
        Enrolment.objects.open()
        .filter(
            requirement__isnull=False,
            requirement__is_active=True,
            employee__line_manager=manager,
            employee__is_active=True,
        )
        .select_related("employee__grade", "course", "requirement")
    )
