"""HR's compliance figures and lists, within an officer's scope, from the latest refresh (compliance.snapshot).

Every function takes the officer's `Scope` (people.scopes) and the page's `Filters`, and reads only
`StatusFigure` (figures: a fixed number of rows per department, grade and profession, whatever the
number of people) or the latest refresh's rows (`PersonStatus` or `PersonStatusB`: lists and exports,
filtered and sorted by index). The screens
(compliance/dashboard_views.py) and the exports (compliance/exports.py) only display what these return,
so a list, its figures and its export always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import F, Q, QuerySet, Sum

from compliance.models import FrozenPeriod, PeriodFigure, Refresh, StatusFigure
from compliance.snapshot import COMPLIANT, EXPIRING_DAYS, latest_refresh, percent_compliant, rows_of
from enrolment.models import Requirement
from enrolment.status import Status
from people.models import Department, Grade, Profession
from people.scopes import Scope

# What the status filter offers: a column of the figures each.
STATUS_FILTERS = (
    ("compliant", "Compliant"),
    ("expiring", f"Expiring within {EXPIRING_DAYS} days"),
    ("due", "Due"),
    ("overdue", "Overdue"),
    ("exempt", "Exempt"),
)
COUNTS = ("covered", "compliant", "expiring", "due", "overdue", "exempt")


@dataclass(frozen=True)
class Filters:
    requirement: Requirement | None = None
    department: Department | None = None
    grade: Grade | None = None
    profession: Profession | None = None
    status: str = ""
    period: FrozenPeriod | None = None  # figures as at a month's end; None for the latest refresh

    def query(self, **changes) -> dict[str, str]:
        """These filters (with `changes`) as the query string of a page."""
        values = {
            "requirement": self.requirement.pk if self.requirement else "",
            "department": self.department.pk if self.department else "",
            "grade": self.grade.pk if self.grade else "",
            "profession": self.profession.pk if self.profession else "",
            "status": self.status,
            "as_at": self.period.period_end.isoformat() if self.period else "",
        }
        values.update(changes)
        return {key: str(value) for key, value in values.items() if value not in ("", None)}


@dataclass
class Counts:
    """Figures for some people: covered, and how many of them are in each status."""

    covered: int = 0
    compliant: int = 0
    expiring: int = 0
    due: int = 0
    overdue: int = 0
    exempt: int = 0
    label: str = ""
    key: object = None
    extra: dict = field(default_factory=dict)

    @property
    def percent_compliant(self) -> int | None:
        return percent_compliant(self.compliant, self.covered, self.exempt)

    def only(self, status: str) -> Counts:
        """These figures for the people in one status of the filter (all of them for no status)."""
        if not status:
            return self
        counts = dict.fromkeys(COUNTS, 0)
        counts["covered"] = getattr(self, status)
        counts[status] = counts["covered"]
        if status == "expiring":
            counts["compliant"] = counts["covered"]
        if status == "compliant":
            counts["expiring"] = self.expiring
        return Counts(**counts, label=self.label, key=self.key, extra=self.extra)


def period_structure(period: FrozenPeriod) -> dict[int, tuple[str, int | None]]:
    """The departments at the period's end: id to (name, parent id)."""
    return {
        pk: (name, parent) for pk, name, parent in period.departments.values_list("department_id", "name", "parent_id")
    }


def _under(structure: dict[int, tuple[str, int | None]], roots) -> set[int]:
    """The departments in `roots` and every one under them, in a period's structure."""
    children: dict[int | None, list[int]] = {}
    for pk, (_name, parent) in structure.items():
        children.setdefault(parent, []).append(pk)
    found, stack = set(), [pk for pk in roots if pk in structure]
    while stack:
        pk = stack.pop()
        if pk not in found:
            found.add(pk)
            stack.extend(children.get(pk, []))
    return found


def _in_scope(queryset: QuerySet, scope: Scope, period: FrozenPeriod | None = None, *, listed=False) -> QuerySet:
    if scope.whole_service:
        return queryset
    if scope.is_empty:
        return queryset.none()
    if period is not None:  # the scope's departments as the structure was then
        return queryset.filter(department__in=_under(period_structure(period), scope.department_ids))
    return queryset.filter(department__in=_ids(scope.departments(), listed))


def _ids(departments: QuerySet, listed: bool):
    """The departments as a subquery, or (`listed`) as the ids themselves, which cost a query but let
    PostgreSQL read one department's rows in order by its index instead of sorting them all."""
    return list(departments.values_list("pk", flat=True)) if listed else departments.values("pk")


def _filtered(queryset: QuerySet, scope: Scope, filters: Filters, *, listed: bool = False) -> QuerySet:
    queryset = _in_scope(queryset, scope, filters.period, listed=listed)
    if filters.requirement:
        queryset = queryset.filter(requirement=filters.requirement)
    if filters.department and filters.period is not None:
        queryset = queryset.filter(department__in=_under(period_structure(filters.period), [filters.department.pk]))
    elif filters.department:
        queryset = queryset.filter(department__in=_ids(filters.department.descendants(), listed))
    if filters.grade:
        queryset = queryset.filter(grade=filters.grade)
    if filters.profession:
        queryset = queryset.filter(profession=filters.profession)
    return queryset


def figures(scope: Scope, filters: Filters) -> QuerySet:
    """The figure rows within the scope and filters: the latest refresh's, or those frozen for the period."""
    rows = PeriodFigure.objects.filter(period=filters.period) if filters.period else StatusFigure.objects.all()
    return _filtered(rows, scope, filters)


def _sums(queryset, *group) -> list[dict]:
    return list(queryset.values(*group).annotate(**{name: Sum(name) for name in COUNTS}).order_by(*group))


def total(scope: Scope, filters: Filters) -> Counts:
    row = figures(scope, filters).aggregate(**{name: Sum(name) for name in COUNTS})
    return Counts(**{name: row[name] or 0 for name in COUNTS}).only(filters.status)


def overview(scope: Scope, filters: Filters) -> list[Counts]:
    """One row per active requirement (in the filters), in name order; requirements nobody in scope is in show 0."""
    if filters.period:
        # The requirements frozen with the period, by their names then.
        sums = _sums(figures(scope, filters), "requirement", "requirement_name")
        names = dict(
            PeriodFigure.objects.filter(period=filters.period).values_list("requirement", "requirement_name").distinct()
        )
        by_id = {row["requirement"]: row for row in sums}
        keys = {r.pk: r for r in Requirement.objects.filter(pk__in=names)}
        wanted = [filters.requirement.pk] if filters.requirement else sorted(names, key=lambda pk: names[pk].lower())
        return [
            Counts(
                **{name: (by_id.get(pk) or {}).get(name) or 0 for name in COUNTS},
                label=names.get(pk, str(keys.get(pk, ""))),
                key=keys.get(pk),
            ).only(filters.status)
            for pk in wanted
            if pk in names
        ]
    sums = {row["requirement"]: row for row in _sums(figures(scope, filters), "requirement")}
    requirements = Requirement.objects.active().select_related("course").order_by("name")
    if filters.requirement:
        requirements = requirements.filter(pk=filters.requirement.pk)
    rows = []
    for requirement in requirements:
        row = sums.get(requirement.pk, {})
        counts = Counts(**{name: row.get(name) or 0 for name in COUNTS}, label=requirement.name, key=requirement)
        rows.append(counts.only(filters.status))
    return rows


BREAKDOWNS = {
    "department": ("Department", Department, "department"),
    "grade": ("Grade", Grade, "grade"),
    "profession": ("Profession", Profession, "profession"),
}


def breakdown(scope: Scope, filters: Filters, by: str) -> list[Counts]:
    """One row per department (each counting the bodies under it too, as top-level and sub rows), grade or
    profession with anyone in the figures, in a stable order."""
    _label, model, column = BREAKDOWNS[by]
    sums = _sums(figures(scope, filters), column)
    by_key = {row[column]: row for row in sums}
    if by == "department":
        if filters.period:
            structure = period_structure(filters.period)
        else:
            structure = {
                pk: (name, parent) for pk, name, parent in Department.objects.values_list("pk", "name", "parent_id")
            }
        return _department_rows(by_key, filters, structure)
    names = {item.pk: item for item in model.objects.filter(pk__in=[k for k in by_key if k is not None])}
    rows = []
    for item in sorted(names.values(), key=lambda i: (-i.rank,) if by == "grade" else (i.name.lower(),)):
        counts = Counts(**{name: by_key[item.pk][name] or 0 for name in COUNTS}, label=str(item), key=item)
        rows.append(counts.only(filters.status))
    if None in by_key:
        counts = Counts(**{name: by_key[None][name] or 0 for name in COUNTS}, label="No profession recorded")
        rows.append(counts.only(filters.status))
    return rows


def _department_rows(by_key: dict, filters: Filters, structure: dict[int, tuple[str, int | None]]) -> list[Counts]:
    """Each department with people in the figures, counted with the bodies under it, in the structure given
    (now, or a period's); the bodies listed under it."""
    children: dict[int | None, list[int]] = {}
    for pk, (_name, parent) in structure.items():
        children.setdefault(parent if parent in structure else None, []).append(pk)

    def subtotal(pk: int) -> dict:
        sums = dict.fromkeys(COUNTS, 0)
        for member in _under(structure, [pk]):
            for name in COUNTS:
                sums[name] += (by_key.get(member) or {}).get(name) or 0
        return sums

    keys = {d.pk: d for d in Department.objects.filter(pk__in=structure)}
    rows: list[Counts] = []

    def add(pk: int, depth: int) -> None:
        sums = subtotal(pk)
        if not sums["covered"]:
            return
        extra = {"depth": depth, "indent": "— " * depth}
        rows.append(Counts(**sums, label=structure[pk][0], key=keys.get(pk), extra=extra).only(filters.status))
        for child in sorted(children.get(pk, []), key=lambda c: structure[c][0].lower()):
            add(child, depth + 1)

    # Start at the filter's department (its own row first), or at the top of the structure.
    if filters.department and filters.department.pk in structure:
        add(filters.department.pk, 0)
    else:
        for top in sorted(children.get(None, []), key=lambda c: structure[c][0].lower()):
            add(top, 0)
    return rows


# People ---------------------------------------------------------------------------------

SORTS = {
    "name": ("family_name", "given_name", "employee_id", "requirement_id"),
    "staff_number": ("staff_number", "employee_id", "requirement_id"),
    "grade": ("-grade_rank", "family_name", "given_name", "employee_id", "requirement_id"),
    "department": ("department_name", "family_name", "given_name", "employee_id", "requirement_id"),
    "status": ("urgency", "family_name", "given_name", "employee_id", "requirement_id"),
    "due_on": (F("due_on").asc(nulls_last=True), "family_name", "given_name", "employee_id", "requirement_id"),
    "completed": (
        F("completed_at").desc(nulls_last=True),
        "family_name",
        "given_name",
        "employee_id",
        "requirement_id",
    ),
    "requirement": ("requirement_name", "family_name", "given_name", "employee_id", "requirement_id"),
}


def status_filter(status: str, *, today: date) -> Q:
    if status == "compliant":
        return Q(status__in=COMPLIANT)
    if status == "expiring":
        return Q(status__in=COMPLIANT, expires_on__lte=today + timedelta(days=EXPIRING_DAYS))
    if status in (Status.DUE, Status.OVERDUE, Status.EXEMPT):
        return Q(status=status)
    return Q()


def people(
    scope: Scope,
    filters: Filters,
    *,
    today: date,
    sort: str = "name",
    descending: bool = False,
    refresh: Refresh | None = None,
):
    """The people behind the figures of `refresh` (the latest): one row per person and requirement, with what
    the list shows (all of it in the rows' own columns, so no other table is read)."""
    refresh = refresh or latest_refresh()
    rows = _filtered(rows_of(refresh).objects.all(), scope, filters, listed=True)
    rows = rows.filter(status_filter(filters.status, today=today))
    ordering = SORTS.get(sort, SORTS["name"])
    if descending:
        ordering = [_reverse(term) for term in ordering]
    return rows.order_by(*ordering)


def _reverse(term):
    if isinstance(term, str):
        return term[1:] if term.startswith("-") else f"-{term}"
    return term.copy().reverse_ordering() if hasattr(term, "reverse_ordering") else term
