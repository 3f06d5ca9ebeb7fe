"""Charts for HR's compliance screens, drawn on the server as SVG from the same figures as the tables.

A chart is a list of bars (label, value, text) laid out here; the template
(compliance/dashboard/_bar_chart.html) draws it with a title and a description, and the page shows the
same figures in a table beside it, which is what screen readers are pointed to.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from compliance.dashboard import Filters, breakdown, total
from compliance.models import FrozenPeriod
from people.scopes import Scope

WIDTH = 640
LABEL_WIDTH = 220
BAR_HEIGHT = 22
GAP = 8


@dataclass
class Bar:
    label: str
    value: float
    text: str
    y: int = 0
    width: float = 0.0


@dataclass
class Chart:
    id: str
    title: str
    description: str
    bars: list[Bar]
    maximum: float

    @property
    def height(self) -> int:
        return max(1, len(self.bars)) * (BAR_HEIGHT + GAP) + GAP

    @property
    def label_width(self) -> int:
        return LABEL_WIDTH

    @property
    def width(self) -> int:
        return WIDTH

    def laid_out(self) -> Chart:
        room = WIDTH - LABEL_WIDTH - 60
        for index, bar in enumerate(self.bars):
            bar.y = GAP + index * (BAR_HEIGHT + GAP)
            bar.width = 0 if not self.maximum else round(room * bar.value / self.maximum, 1)
        return self


def compliance_by_department(scope: Scope, filters: Filters) -> Chart:
    """% compliant of each top-level department in the figures (within the scope and filters)."""
    rows = [row for row in breakdown(scope, filters, "department") if row.extra["depth"] == 0]
    bars = [
        Bar(
            row.label, row.percent_compliant or 0, "—" if row.percent_compliant is None else f"{row.percent_compliant}%"
        )
        for row in rows
    ]
    return Chart(
        "chart-by-department",
        "Compliance by department",
        "Per cent compliant in each department, with the bodies under it. The table below the chart has the figures.",
        bars,
        100,
    ).laid_out()


def overdue_by_month(scope: Scope, filters: Filters, *, latest_overdue: int | None) -> Chart:
    """People overdue at the end of each of the last 12 frozen months, and in the latest figures.

    Each month is added up within the scope as its own structure was (at most 12 small queries, whatever
    the number of people)."""
    months = list(FrozenPeriod.objects.order_by("-period_end")[:12])[::-1]
    bars = []
    for month in months:
        overdue = total(scope, replace(filters, period=month, status="")).overdue
        bars.append(Bar(f"{month.period_end:%b %Y}", overdue, f"{overdue:,}"))
    if latest_overdue is not None:
        bars.append(Bar("Latest", latest_overdue, f"{latest_overdue:,}"))
    return Chart(
        "chart-overdue",
        "Overdue over the last 12 months",
        "People overdue at the end of each month frozen so far, and in the latest figures. "
        "The table below the chart has the figures.",
        bars,
        max([bar.value for bar in bars] or [0]) or 1,
    ).laid_out()
