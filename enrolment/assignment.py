"""Compulsory training: every active person in a requirement's audience has what the rules say, every day.

Each step is one set-based statement over the whole audience (500,000 people
at most), never a loop over people; running again on the same day changes
nothing. "Today" is a parameter so the rules never depend on the clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import connection, models, transaction
from django.db.models import Case, Count, Exists, F, Max, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.db.models.lookups import GreaterThanOrEqual
from django.utils import timezone

from enrolment.expressions import AddDays
from enrolment.models import Enrolment, Exemption, Requirement
from enrolment.renewal import add_months


@dataclass
class AssignmentResult:
    assigned: int = 0
    renewals: int = 0
    resumed: int = 0
    adopted: int = 0
    withdrawn: int = 0
    expiries_set: int = 0
    by_requirement: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def changed(self) -> int:
        return self.assigned + self.renewals + self.resumed + self.adopted + self.withdrawn + self.expiries_set

    def add(self, requirement: Requirement, counts: dict[str, int]) -> None:
        self.by_requirement[requirement.name] = counts
        for name, count in counts.items():
            setattr(self, name, getattr(self, name) + count)


def assign_requirements(
    *,
    today: date | None = None,
    requirements: Iterable[Requirement] | None = None,
    employee_ids: Iterable[int] | None = None,
) -> AssignmentResult:
    """Every active person in every active requirement's audience gets one open enrolment with its due date.

    `employee_ids` limits the work to those people (after an HR change); `requirements` to those rules.
    Withdrawals run before assignments, so a person moving from one audience to another converges in one run.
    """
    today = today or timezone.localdate()
    now = timezone.now()
    requirements = list(requirements if requirements is not None else Requirement.objects.all())
    people = None if employee_ids is None else list(employee_ids)
    result = AssignmentResult()
    if people is not None and not people:
        return result
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # PostgreSQL's JIT compiles each big statement afresh (about 210 ms at 500,000 people), more than
            # these set-based statements gain from it.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        withdrawn = {r.pk: _withdraw_outside_audience(r, now=now, people=people) for r in requirements}
        for requirement in requirements:
            counts = {"withdrawn": withdrawn[requirement.pk]}
            if requirement.is_active:
                counts.update(_assign(requirement, today=today, now=now, people=people))
            result.add(requirement, counts)
    return result


def assign_requirement(*, requirement: Requirement, today: date | None = None) -> AssignmentResult:
    """Everyone in this requirement's audience gets one open enrolment with a due date (after a rule changes)."""
    return assign_requirements(today=today, requirements=[requirement])


def _audience(requirement: Requirement, people: list[int] | None):
    audience = requirement.audience()
    return audience if people is None else audience.filter(pk__in=people)


def _withdraw_outside_audience(requirement: Requirement, *, now: datetime, people: list[int] | None) -> int:
    """Open compulsory enrolments of people no longer in the audience (or of a retired rule) are withdrawn.

    Progress, completions and history stay: the enrolment is only marked withdrawn.
    """
    open_ones = Enrolment.objects.open().filter(requirement=requirement)
    if people is not None:
        open_ones = open_ones.filter(employee_id__in=people)
    if requirement.is_active:
        # NOT EXISTS, not NOT IN: PostgreSQL turns it into an anti-join; NOT IN over an audience too big for
        # work_mem becomes a subplan re-scanned for every enrolment.
        open_ones = open_ones.exclude(Exists(requirement.audience().filter(pk=OuterRef("employee_id"))))
    return open_ones.update(withdrawn_at=now, updated_at=now)


def due_on_expression(requirement: Requirement, *, today: date):
    """The due date of a person entering the audience, as a database expression over Employee.

    They entered on their grade-since date after a promotion (when the audience is about grade), on
    their start date as a new starter, otherwise today, when the engine first finds them; never before
    the requirement's own start date. A promotion or start before the requirement began is not an
    entry into its audience: such people entered when the engine first found them.
    """
    starts_on = Value(requirement.starts_on, output_field=models.DateField())
    if requirement.minimum_grade_id or requirement.grades.exists():
        recent = Greatest(Coalesce("start_date", "grade_since"), Coalesce("grade_since", "start_date"))
    else:
        recent = F("start_date")
    entered = Case(
        When(GreaterThanOrEqual(recent, starts_on), then=recent),
        default=Value(today, output_field=models.DateField()),
        output_field=models.DateField(),
    )
    return AddDays(Greatest(entered, starts_on), requirement.due_within_days)


def _assign(requirement: Requirement, *, today: date, now: datetime, people: list[int] | None) -> dict[str, int]:
    course_id = requirement.course_id
    audience = _audience(requirement, people)
    on_course = Enrolment.objects.filter(employee=OuterRef("pk"), course_id=course_id)
    exempt = Exemption.objects.in_force(on=today).filter(employee=OuterRef("pk"), requirement=requirement)
    counts = {"expiries_set": _set_missing_expiries(requirement, audience, now=now)}

    # A self-chosen enrolment on the course becomes compulsory: it keeps its progress and gains the due date.
    due_for = audience.filter(pk=OuterRef("employee_id")).annotate(due=due_on_expression(requirement, today=today))
    counts["adopted"] = (
        Enrolment.objects.open()
        .filter(course_id=course_id, requirement__isnull=True, employee__in=audience.values("pk"))
        .update(requirement=requirement, due_on=Subquery(due_for.values("due")[:1]), updated_at=now)
    )

    # Never completed, nothing open, not exempt: resume a withdrawn enrolment, else start one.
    completed_or_open = on_course.filter(Q(completed_at__isnull=False) | Q(withdrawn_at__isnull=True))
    needs_first = audience.exclude(Exists(completed_or_open))
    needs_first = needs_first.exclude(Exists(exempt))
    later_withdrawn = Enrolment.objects.withdrawn().filter(
        employee_id=OuterRef("employee_id"), course_id=course_id, enrolled_at__gt=OuterRef("enrolled_at")
    )
    withdrawn_here = Enrolment.objects.withdrawn().filter(course_id=course_id, employee__in=audience.values("pk"))
    # Withdrawn enrolments of people still in the audience are rare: look before doing the full update.
    counts["resumed"] = (
        withdrawn_here.filter(employee__in=needs_first.values("pk"))
        .exclude(Exists(later_withdrawn))
        .update(withdrawn_at=None, requirement=requirement, due_on=Subquery(due_for.values("due")[:1]), updated_at=now)
        if withdrawn_here.exists()
        else 0
    )
    counts["assigned"] = _insert_enrolments(
        needs_first.exclude(Exists(on_course)), requirement, now=now, due=due_on_expression(requirement, today=today)
    )

    # Renewal: a completion's window has opened (or it has lapsed), none counts beyond the window, and
    # nothing is open.
    window_end = today + timedelta(days=requirement.recertification_window_days)
    completed = on_course.filter(completed_at__isnull=False)
    renewing = (
        audience.filter(pk__in=_due_for_renewal(course_id, window_end=window_end, people=people))
        .exclude(Exists(exempt))
        .annotate(latest_expiry=Subquery(completed.order_by("-expires_on").values("expires_on")[:1]))
    )
    counts["renewals"] = _insert_enrolments(renewing, requirement, now=now, due=F("latest_expiry"))
    return counts


def _due_for_renewal(course_id: int, *, window_end: date, people: list[int] | None):
    """Ids of people whose latest completion of the course expires by `window_end`, with nothing open on it.

    One aggregate over the course's enrolments, grouped by person: every completion has an expiry and the
    latest is within the window, and none is open (withdrawn ones do not count). PostgreSQL reads the
    course's enrolments once; the three EXISTS tests it replaced were planned as nested-loop anti-joins
    probing the enrolment indexes for every completion in the window (over 100,000 probes at 500,000 people).
    """
    enrolments = Enrolment.objects.filter(course_id=course_id)
    if people is not None:
        enrolments = enrolments.filter(employee_id__in=people)
    done = Q(completed_at__isnull=False)
    blocking = (done & Q(expires_on__isnull=True)) | Q(completed_at__isnull=True, withdrawn_at__isnull=True)
    return (
        enrolments.order_by()
        .values("employee_id")
        .annotate(latest=Max("expires_on", filter=done), blocking=Count("pk", filter=blocking))
        .filter(latest__lte=window_end, blocking=0)
        .values("employee_id")
    )


def _insert_enrolments(people, requirement: Requirement, *, now: datetime, due) -> int:
    """INSERT … SELECT: one open compulsory enrolment for each of these people, in one statement."""
    rows = (
        people.order_by()
        .annotate(
            c_employee=F("pk"),
            c_course=Value(requirement.course_id, output_field=models.IntegerField()),
            c_requirement=Value(requirement.pk, output_field=models.IntegerField()),
            c_source=Value(Enrolment.Source.REQUIREMENT.value, output_field=models.CharField()),
            c_enrolled=Value(now, output_field=models.DateTimeField()),
            c_updated=Value(now, output_field=models.DateTimeField()),
            c_due=due,
        )
        .values_list("c_employee", "c_course", "c_requirement", "c_source", "c_enrolled", "c_updated", "c_due")
    )
    select_sql, params = rows.query.get_compiler(using=people.db).as_sql()
    table = Enrolment._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (employee_id, course_id, requirement_id, source, enrolled_at, updated_at, due_on) "
            f"{select_sql}",
            params,
        )
        return cursor.rowcount


def _set_missing_expiries(requirement: Requirement, audience, *, now: datetime) -> int:
    """Completions made before the course needed renewing get an expiry counted from their own date.

    Month arithmetic differs between databases, so it is done here: one UPDATE per distinct completion day.
    """
    if not requirement.renewal_months:
        return 0
    undated = Enrolment.objects.filter(
        course_id=requirement.course_id,
        completed_at__isnull=False,
        expires_on__isnull=True,
        employee__in=audience.values("pk"),
    ).annotate(completed_on=TruncDate("completed_at", tzinfo=timezone.get_current_timezone()))
    updated = 0
    for completed_on in undated.values_list("completed_on", flat=True).distinct().order_by():
        updated += undated.filter(completed_on=completed_on).update(
            expires_on=add_months(completed_on, requirement.renewal_months), updated_at=now
        )
    return updated


# Beyond this many people, re-evaluating everyone (a few set-based statements per rule) beats
# filtering every statement by a list of ids that long.
EVERYONE_ABOVE = 20_000


def employees_changed(sender, *, employee_ids: Iterable[int], **kwargs) -> None:
    """people.signals.employees_changed: re-assign requirements for those people (everyone, for a big change)."""
    people = list(employee_ids)
    assign_requirements(employee_ids=None if len(people) > EVERYONE_ABOVE else people)
