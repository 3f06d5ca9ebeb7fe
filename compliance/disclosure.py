"""Statistical disclosure control for the published compliance figures: no small group can be singled out.

A published table has one row per department (top-level, each with the bodies under it) and requirement,
with three counts (people covered, compliant, overdue) and % compliant, and one "All departments" total
per requirement. The rules, as government statisticians apply cell suppression:

1. Primary: a count from 1 to `threshold - 1` is suppressed, and so is a count whose difference from the
   people covered is (the few not compliant, or the few not overdue, would be singled out). A department
   with so few people covered has all its counts suppressed. Zero is shown.
2. % compliant (compliant out of covered) is shown only when both its counts are.
3. Secondary: a requirement's total is published, so in each of its columns (covered, compliant,
   overdue) a lone suppressed department could be worked out as the total less the others. Another
   department's count is suppressed with it: the smallest that is at least the threshold (so that the two
   add up to more than any small count), else the smallest above zero; failing both, the total itself.
   The rules are applied again until nothing changes.
4. Audit: `recoverable` tries to pin down every suppressed count from what is left (the totals, the other
   counts, whole numbers never below zero, no more compliant or overdue than covered); each count it can
   pin down gets another of its column suppressed with it (the total, when there is no other), until it
   pins down none.

Tables of different periods hold different people and are not totals of one another, and nothing else
is published from the same counts, so a table is protected on its own. `tests/compliance/test_disclosure.py`
tries to recover every suppressed count from what is published.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SUPPRESSED = "[c]"
MEASURES = ("covered", "compliant", "overdue")
TOTAL = "All departments"


@dataclass
class Cell:
    covered: int
    compliant: int
    overdue: int
    hidden: set[str] = field(default_factory=set)

    def shown(self, measure: str) -> int | None:
        return None if measure in self.hidden else getattr(self, measure)

    @property
    def percent_compliant(self) -> int | None:
        if {"covered", "compliant"} & self.hidden or not self.covered:
            return None
        return round(self.compliant * 100 / self.covered)


def _small(value: int, threshold: int) -> bool:
    return 0 < value < threshold


def recoverable(table: dict[tuple[str, str], Cell], totals: dict[str, Cell]) -> set[tuple[tuple[str, str], str]]:
    """The suppressed counts someone could pin down from what is published: each is a whole number of at
    least 0, no department has more compliant or overdue than covered, and a requirement's column adds up to
    its published total. Bounds are narrowed again and again until nothing changes; a count whose lowest
    and highest possible values meet is recoverable."""
    low: dict = {}
    high: dict = {}
    for key, cell in table.items():
        for measure in cell.hidden:
            low[(key, measure)], high[(key, measure)] = 0, float("inf")

    def bounds(key, measure):
        cell = table[key]
        if measure in cell.hidden:
            return low[(key, measure)], high[(key, measure)]
        value = getattr(cell, measure)
        return value, value

    changed = True
    while changed:
        changed = False

        def narrow(variable, lo, hi):
            nonlocal changed
            if lo > low[variable]:
                low[variable], changed = lo, True
            if hi < high[variable]:
                high[variable], changed = hi, True

        for key, cell in table.items():
            covered, compliant, overdue = (bounds(key, m) for m in MEASURES)
            if "covered" in cell.hidden:
                narrow((key, "covered"), compliant[0] + overdue[0], float("inf"))
            if "compliant" in cell.hidden:
                narrow((key, "compliant"), 0, covered[1] - overdue[0])
            if "overdue" in cell.hidden:
                narrow((key, "overdue"), 0, covered[1] - compliant[0])
        for requirement, total in totals.items():
            column = [key for key in table if key[1] == requirement]
            for measure in MEASURES:
                if measure in total.hidden:
                    continue
                unknown = [key for key in column if measure in table[key].hidden]
                rest = getattr(total, measure) - sum(
                    getattr(table[key], measure) for key in column if key not in unknown
                )
                for key in unknown:
                    others = [other for other in unknown if other != key]
                    narrow(
                        (key, measure),
                        rest - sum(high[(other, measure)] for other in others),
                        rest - sum(low[(other, measure)] for other in others),
                    )
    return {variable for variable in low if low[variable] == high[variable]}


def _hide_another(column: list[Cell], total: Cell, measure: str, threshold: int) -> None:
    """Suppress one more count of the column: the smallest of at least the threshold, else the smallest above
    zero, else the total."""
    candidates = [cell for cell in column if measure not in cell.hidden and getattr(cell, measure) > 0]
    large = [cell for cell in candidates if getattr(cell, measure) >= threshold]
    pool = large or candidates
    if pool:
        min(pool, key=lambda cell: getattr(cell, measure)).hidden.add(measure)
    else:
        total.hidden.add(measure)


def protect(table: dict[tuple[str, str], Cell], totals: dict[str, Cell], *, threshold: int) -> None:
    """Mark (in each Cell's `hidden`) what must not be published. `table` is keyed (department, requirement);
    `totals` by requirement, each the sum of its departments."""
    for cell in [*table.values(), *totals.values()]:
        if _small(cell.covered, threshold):
            cell.hidden.update(MEASURES)  # so few people that nothing about them is shown
        for measure in MEASURES:
            if _small(getattr(cell, measure), threshold):
                cell.hidden.add(measure)
        for measure in ("compliant", "overdue"):
            if _small(cell.covered - getattr(cell, measure), threshold):
                cell.hidden.add(measure)
    columns = {requirement: [cell for (_d, req), cell in table.items() if req == requirement] for requirement in totals}
    while True:
        changed = False
        for requirement, total in totals.items():
            for measure in MEASURES:
                if measure not in total.hidden and sum(measure in c.hidden for c in columns[requirement]) == 1:
                    _hide_another(columns[requirement], total, measure, threshold)
                    changed = True
        if changed:
            continue
        # The audit: anything still recoverable gets another count of its column suppressed with it.
        found = recoverable(table, totals)
        if not found:
            return
        before = sum(len(cell.hidden) for cell in [*table.values(), *totals.values()])
        for (_department, requirement), measure in sorted(found):
            _hide_another(columns[requirement], totals[requirement], measure, threshold)
        if sum(len(cell.hidden) for cell in [*table.values(), *totals.values()]) == before:
            # Pinned by its own department's other counts (its column has nothing left to hide): hide them too.
            for key, _measure in found:
                table[key].hidden.update(MEASURES)
            if sum(len(cell.hidden) for cell in [*table.values(), *totals.values()]) == before:
                return  # everything that could hide it is hidden already
