"""The plan's types: what an import would do, row by row, before anything is written."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

BATCH_SIZE = 5000

# A full sync that would make more than this share of the active people leavers, and more than this many,
# is applied only when that is confirmed (a partial export would otherwise make everyone else a leaver).
MANY_LEAVERS_SHARE = 0.10
MANY_LEAVERS_AT_LEAST = 20


@dataclass(frozen=True, slots=True)
class Rejection:
    row: int
    column: str
    reason: str


@dataclass(frozen=True, slots=True)
class RowWarning:
    """An accepted row applied other than as written: its line manager's row is rejected."""

    row: int
    column: str
    reason: str


@dataclass(slots=True)
class PlannedRow:
    """An accepted row, resolved to ids. `new_department` is the code of a department the import would create."""

    number: int
    staff_number: str
    email: str
    given_name: str
    family_name: str
    grade_id: int
    department_id: int | None
    new_department: str | None
    profession_id: int | None
    line_manager: str | None
    grade_since: date | None
    start_date: date | None
    end_date: date | None
    is_active: bool


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    old: object
    new: object


@dataclass(frozen=True, slots=True)
class EmployeeUpdate:
    employee_id: int
    row: PlannedRow
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True, slots=True)
class NewDepartment:
    code: str
    name: str
    first_row: int


@dataclass
class ImportPlan:
    """What an import would do. Nothing has been written."""

    today: date
    full_sync: bool
    columns: tuple[str, ...]
    warnings: list[str] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    row_warnings: list[RowWarning] = field(default_factory=list)  # also in `warnings`, as sentences
    created: list[PlannedRow] = field(default_factory=list)
    updated: list[EmployeeUpdate] = field(default_factory=list)
    unchanged: int = 0  # accepted rows whose record the import would leave as it is
    leaving: list[str] = field(default_factory=list)
    absent_ids: list[int] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)  # their staff numbers, in the same order
    new_departments: list[NewDepartment] = field(default_factory=list)
    rows_read: int = 0  # records in the file, blank ones aside
    active_on_record: int = 0  # active people before the import; counted by a full sync only

    @property
    def rejected_rows(self) -> list[int]:
        return sorted({rejection.row for rejection in self.rejections})

    @property
    def leavers(self) -> int:
        return len(self.leaving) + len(self.absent_ids)

    @property
    def refusal(self) -> str:
        """Why this plan must not be applied at all: a full sync with no accepted row. Empty if it may be."""
        if not self.full_sync or self.created or self.updated or self.unchanged:
            return ""
        if self.rows_read:
            what = f"none of its {self.rows_read:,} {'row is' if self.rows_read == 1 else 'rows are'} accepted"
        else:
            what = "the file has no data rows"
        return (
            f"This full sync cannot be applied: {what}, so all it would do is make {self.leavers:,} of the "
            f"{self.active_on_record:,} active people leavers. Correct the file and import it again."
        )

    @property
    def leavers_to_confirm(self) -> int:
        """How many leavers a full sync would make, when they are so many that applying it needs confirming; else 0."""
        leavers = self.leavers
        many = leavers > MANY_LEAVERS_AT_LEAST and leavers > self.active_on_record * MANY_LEAVERS_SHARE
        return leavers if self.full_sync and many else 0

    def many_leavers_warning(self) -> str:
        """Why applying needs confirming (see `leavers_to_confirm`), or an empty string."""
        leavers = self.leavers_to_confirm
        if not leavers:
            return ""
        share = f"{leavers / self.active_on_record:.0%}" if self.active_on_record else "all"
        return (
            f"This full sync would make {leavers:,} of the {self.active_on_record:,} active people leavers ({share}), "
            f"more than {MANY_LEAVERS_SHARE:.0%} of them: check that the file is a complete export of every "
            "department and that its rows are not rejected by mistake."
        )

    def summary(self) -> dict[str, int]:
        return {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": self.unchanged,
            "leavers": len(self.leaving) + len(self.absent_ids),
            "rejected": len(self.rejected_rows),
            "departments_created": len(self.new_departments),
        }


class RecordOnFile(NamedTuple):
    """A person as the database holds them, in the fields an import compares."""

    id: int
    staff_number: str
    email: str
    given_name: str
    family_name: str
    grade_id: int
    department_id: int
    profession_id: int | None
    line_manager_id: int | None
    line_manager_staff_number: str | None
    grade_since: date | None
    start_date: date | None
    end_date: date | None
    is_active: bool


def batches(items: Iterable, size: int = BATCH_SIZE) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@contextmanager
def without_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: half a million rows of acyclic objects would set it off thousands of
    times, each pass walking every object made so far (it halves the time of a 500,000-row plan)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
