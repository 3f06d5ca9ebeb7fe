"""The published, anonymised compliance figures: per top-level department and requirement, for the latest
figures and for each frozen month, protected by `compliance.disclosure`, released nightly.

`publish()` (`manage.py publish_open_data`, nightly after `freeze_compliance`) builds every period's
table from the figures (`StatusFigure` for the latest, `PeriodFigure` with the structure of its month
for each month), protects it, and stores the release whole (`OpenDataRelease`). The public pages and
downloads (compliance/open_data_views.py) only show the latest release, so what is published changes
once a night and is the same in the page, the CSV and the JSON.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from compliance.disclosure import SUPPRESSED, TOTAL, Cell, protect
from compliance.models import FrozenPeriod, OpenDataRelease, PeriodFigure, StatusFigure
from compliance.snapshot import latest_refresh
from enrolment.models import Requirement
from people.models import Department

COLUMNS = (
    (
        "period_end",
        "Period end",
        "date",
        "The last day of the period the figures are for (the latest figures: the day they were worked out).",
    ),
    ("period", "Period", "string", "'Latest' for the latest figures, 'Month' for the figures at the end of a month."),
    (
        "department_code",
        "Department code",
        "string",
        "The department's short code; empty for the total of all departments.",
    ),
    ("department", "Department", "string", "The department, counting the bodies under it, as the structure was then."),
    ("requirement", "Requirement", "string", "The compulsory-training requirement."),
    ("people_covered", "People covered", "integer", "Active people the requirement applied to."),
    ("compliant", "Compliant", "integer", "People covered with a completion that still counted."),
    ("overdue", "Overdue", "integer", "People covered whose due date had passed without a completion."),
    ("percent_compliant", "Per cent compliant", "integer", "Compliant out of people covered, as a whole number."),
)
KEEP_RELEASES = 14


def threshold() -> int:
    return settings.OPEN_DATA_THRESHOLD


def _tops(structure: dict[int, tuple[str, str, int | None]]) -> dict[int, int]:
    """Each department's top-level department in a structure (id → (code, name, parent id))."""
    found = {}
    for pk in structure:
        seen, current = set(), pk
        while structure[current][2] in structure and current not in seen:
            seen.add(current)
            current = structure[current][2]
        found[pk] = current
    return found


def _table(rows, structure, requirement_names, *, limit: int) -> dict:
    """The protected table of one period from its figure rows (requirement, department, covered, compliant, overdue)."""
    tops = _tops(structure)
    sums: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0, 0])
    for requirement, department, covered, compliant, overdue in rows:
        top = tops.get(department, department)
        entry = sums[(top, requirement)]
        entry[0] += covered
        entry[1] += compliant
        entry[2] += overdue
    table = {key: Cell(*values) for key, values in sums.items()}
    totals: dict[int, Cell] = {}
    for (_top, requirement), cell in table.items():
        total = totals.setdefault(requirement, Cell(0, 0, 0))
        total.covered += cell.covered
        total.compliant += cell.compliant
        total.overdue += cell.overdue
    protect(table, totals, threshold=limit)
    return {"table": table, "totals": totals, "structure": structure, "names": requirement_names}


def _rows_of(period_end: date, kind: str, built: dict) -> list[dict]:
    structure, names = built["structure"], built["names"]

    def row(department_code, department, requirement, cell):
        percent = cell.percent_compliant
        return {
            "period_end": period_end.isoformat(),
            "period": kind,
            "department_code": department_code,
            "department": department,
            "requirement": names[requirement],
            **{
                column: SUPPRESSED if measure in cell.hidden else getattr(cell, measure)
                for column, measure in (
                    ("people_covered", "covered"),
                    ("compliant", "compliant"),
                    ("overdue", "overdue"),
                )
            },
            "percent_compliant": SUPPRESSED
            if percent is None and cell.covered
            else (percent if percent is not None else ""),
        }

    out = []
    for requirement in sorted(built["totals"], key=lambda pk: names[pk].lower()):
        for (top, req), cell in sorted(built["table"].items(), key=lambda item: structure[item[0][0]][1].lower()):
            if req == requirement:
                out.append(row(structure[top][0], structure[top][1], requirement, cell))
        out.append(row("", TOTAL, requirement, built["totals"][requirement]))
    return out


def build(*, limit: int | None = None) -> dict:
    """Every period's protected rows, the latest first."""
    limit = limit or threshold()
    periods = []
    refresh = latest_refresh()
    if refresh is not None:
        structure = {
            pk: (code, name, parent)
            for pk, code, name, parent in Department.objects.values_list("pk", "code", "name", "parent_id")
        }
        names = dict(Requirement.objects.values_list("pk", "name"))
        rows = (
            StatusFigure.objects.values("requirement", "department")
            .annotate(covered=Sum("covered"), compliant=Sum("compliant"), overdue=Sum("overdue"))
            .values_list("requirement", "department", "covered", "compliant", "overdue")
        )
        built = _table(rows, structure, names, limit=limit)
        periods.append(
            {
                "period_end": refresh.today.isoformat(),
                "kind": "Latest",
                "rows": _rows_of(refresh.today, "Latest", built),
            }
        )
    for period in FrozenPeriod.objects.order_by("-period_end"):
        structure = {
            pk: (code, name, parent)
            for pk, code, name, parent in period.departments.values_list("department_id", "code", "name", "parent_id")
        }
        names = dict(
            PeriodFigure.objects.filter(period=period).values_list("requirement", "requirement_name").distinct()
        )
        rows = (
            PeriodFigure.objects.filter(period=period)
            .values("requirement", "department")
            .annotate(covered=Sum("covered"), compliant=Sum("compliant"), overdue=Sum("overdue"))
            .values_list("requirement", "department", "covered", "compliant", "overdue")
        )
        built = _table(rows, structure, names, limit=limit)
        periods.append(
            {
                "period_end": period.period_end.isoformat(),
                "kind": "Month",
                "rows": _rows_of(period.period_end, "Month", built),
            }
        )
    return {"threshold": limit, "periods": periods}


def publish(*, limit: int | None = None) -> OpenDataRelease:
    data = build(limit=limit)
    release = OpenDataRelease.objects.create(published_at=timezone.now(), threshold=data["threshold"], data=data)
    stale = OpenDataRelease.objects.order_by("-published_at", "-pk").values_list("pk", flat=True)[KEEP_RELEASES:]
    OpenDataRelease.objects.filter(pk__in=list(stale)).delete()
    return release


def latest_release() -> OpenDataRelease | None:
    return OpenDataRelease.objects.order_by("-published_at", "-pk").first()
