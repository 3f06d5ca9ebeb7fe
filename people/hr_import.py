"""HR data import: read an HR export, plan what it would change (writing nothing), and apply the plan.

`read_rows` streams the CSV (one line in memory at a time while reading) and
checks the header; `plan_import` validates every row, then compares the accepted
rows with the database set-based (one query per batch of staff numbers, never
one per row) and returns an `ImportPlan`: who would be created, updated (field by
field), left unchanged or marked a leaver, which rows are rejected and why, and
which departments would be created. `apply_plan` writes it in one transaction;
a database error is raised as ImportFailed with its reason, nothing written.

Decisions the issue leaves open:

- Row numbers are the line of the file where the record starts, the header
  being line 1 (blank lines count, as in a spreadsheet). They differ from a
  spreadsheet's row only after a quoted value that spans lines.
- An unknown profession rejects the row. The issue asks for the "same matching"
  as departments (code or name, ignoring case) but only says unknown
  *departments* are created; professions are the fixed civil-service list seeded
  by migration, and a typo must not invent a new one.
- An optional column that is absent from the header leaves that field as it is
  on record; present but blank clears it.
- When a staff number (whatever its capitals) or email is in several rows, the
  earliest row stands and each later one is rejected naming it, even when the
  earliest is rejected for something else (so a later record never takes its
  place unannounced). A later row repeating the earliest whole is rejected once,
  for its staff number.
- The file is read strictly, as a whole or not at all: a quoted value that is
  never closed refuses the file, naming the row where it opens, rather than
  swallowing the rows after it. So do UTF-16, non-UTF-8 (Windows) text, Excel
  workbooks and compressed files, each saying how to save the file instead.
  Semicolon- and tab-separated files, and CR line endings, are read as such.
- A row with more or fewer values than the header has columns is rejected for
  that alone (its values may be in the wrong columns); it may stop before empty
  header cells at the end, but not run past the header even with empty values,
  which is how a comma inside an unquoted value usually shows. So is a row with
  a control character (tab, line break, NUL …) in any of its values; and a name,
  or the name of a department to create, that `people.names` refuses (starting
  with =, +, - or @; bidirectional or invisible formatting characters).
- A file with only one of start_date and end_date keeps the other as recorded,
  so the row is rejected if the two would contradict each other.
- An email held on record by someone with another staff number rejects the row,
  even if that person's own row moves them to a new email in the same file (the
  next day's import then succeeds).
- Only a line manager who is neither in the file nor on record, or a management
  cycle, rejects a row. A row whose line manager's row is rejected keeps that
  manager if they are on record; otherwise it is applied with the line manager
  it has on record (none for a new person) and named in a warning
  (`ImportPlan.row_warnings`), so one bad row costs no rows under it.
- "Leavers" counts people this import would make inactive: existing active people
  whose end_date has passed, and (full sync) active people whose staff number
  appears in no row of the file, accepted or rejected (compared without spaces
  or capitals, so a badly written row still keeps its person). A new person
  whose end_date has passed is created inactive and counted as created. A
  person on record as inactive whose row has no past end_date becomes active
  again (shown as a change).
- A full sync with no accepted row is refused (`ImportPlan.refusal`): all it
  could do is make leavers. One that would make more than MANY_LEAVERS_SHARE of
  the active people leavers, and more than MANY_LEAVERS_AT_LEAST, is applied
  only when allowed (`ImportPlan.leavers_to_confirm`, `apply_plan`).
- A grade may be given by code or name ("G7", "Grade 7"), ignoring case and spaces.
- A name given as a department that matches nothing is created with that name;
  its code is the value itself when it is a valid code, otherwise the initials
  of its words (made unique with a number).
"""

from __future__ import annotations

import csv
import gc
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from itertools import chain
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import DatabaseError, connections, transaction
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Lower

from people.models import Department, Employee, Grade, Profession
from people.names import name_problem

REQUIRED_COLUMNS = ("staff_number", "email", "given_name", "family_name", "grade", "department")
OPTIONAL_COLUMNS = ("profession", "line_manager", "grade_since", "start_date", "end_date")
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
DATE_COLUMNS = ("grade_since", "start_date", "end_date")

BATCH_SIZE = 5000
SCAN_ALL_ABOVE = 20_000  # staff numbers in a file beyond which reading every record beats asking for each batch
MAX_LINE_BYTES = 1 << 20
_BOM = b"\xef\xbb\xbf"

# A full sync that would make more than this share of the active people leavers, and more than this many,
# is applied only when that is confirmed (a partial export would otherwise make everyone else a leaver).
MANY_LEAVERS_SHARE = 0.10
MANY_LEAVERS_AT_LEAST = 20
CYCLE_NAMED = 8  # management cycles longer than this are shortened in messages

_STAFF_NUMBER = re.compile(r"^(?=[-]*[A-Za-z0-9])[A-Za-z0-9-]{1,20}$")  # at least one letter or digit
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_NAMES = {
    "\t": "a tab",
    "\n": "a line break",
    "\r": "a line break (carriage return)",
    "\x00": "a NUL character",
}
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
# A strict subset of what Django's EmailValidator accepts (lower case): dot-atom local part, LDH labels.
_PLAIN_EMAIL = re.compile(
    r"[a-z0-9_%+'-]+(?:\.[a-z0-9_%+'-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\Z"
)
_DEPARTMENT_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9&.-]{0,15}$")
_MAX_LENGTHS = {"email": 254, "given_name": 100, "family_name": 100, "department": 200}


class HrFileError(Exception):
    """The file as a whole cannot be read, so nothing in it is imported."""


class ImportRefused(HrFileError):
    """Applying was refused before anything was written: a full sync with no accepted row (`leavers` 0), or
    one making so many leavers (`leavers`) that it must be confirmed."""

    def __init__(self, message: str, *, leavers: int = 0):
        super().__init__(message)
        self.leavers = leavers


class ImportFailed(HrFileError):
    """The database refused the changes; the transaction was rolled back, so nothing was written."""


# Reading ---------------------------------------------------------------------

_SAVE_AS_CSV = "In Excel, use File, Save As and choose “CSV UTF-8 (Comma delimited)”, then try again."
# What a file is, by its first bytes, when it is not text at all, and what to do instead.
_NOT_CSV = (
    (b"PK\x03\x04", "an Excel workbook (.xlsx) or another zipped file", _SAVE_AS_CSV),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Excel 97-2003 workbook (.xls)", _SAVE_AS_CSV),
    (b"\x1f\x8b", "a compressed (gzip) file", "Decompress it and import the CSV file inside, saved as “CSV UTF-8”."),
    (b"%PDF", "a PDF document", "Export the people from the HR system as CSV instead, saved as “CSV UTF-8”."),
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}


def _separator(delimiter: str, *, plural: bool = False) -> str:
    """How a message names the character between values: "semicolons", or the character itself."""
    name = _DELIMITERS.get(delimiter)
    return f"“{delimiter}”" if name is None else f"{name}s" if plural else name


_READ_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class RawRow:
    """One record: the line it starts on, its cells by column, and what is wrong with its shape, if anything
    (more or fewer values than the header has columns): such a row is rejected whatever its values."""

    number: int
    values: dict[str, str]
    problem: str = ""


class HrFile:
    """The checked header of an HR export and its records, read lazily (iterate once)."""

    def __init__(self, columns: tuple[str, ...], warnings: list[str], rows: Iterator[RawRow]):
        self.columns = columns
        self.warnings = warnings
        self._rows = rows

    def __iter__(self) -> Iterator[RawRow]:
        return self._rows


def normalise_header(name: str) -> str:
    return "_".join(name.strip().lower().split())


def _check_kind(first: bytes) -> None:
    """Refuse, with what to do instead, a file that is not UTF-8 text at all: a workbook, an archive, UTF-16."""
    for magic, kind, advice in _NOT_CSV:
        if first.startswith(magic):
            raise HrFileError(f"This is {kind}, not a CSV file. {advice}")
    nuls = first.count(b"\x00")
    if first.startswith(_UTF16_BOMS) or (nuls and nuls * 4 >= len(first)):  # UTF-16 without a BOM: every other byte
        raise HrFileError(f"The file is saved as UTF-16 (Excel's “Unicode text”), not as CSV UTF-8. {_SAVE_AS_CSV}")


def _universal_lines(first: bytes, stream: BinaryIO) -> Iterator[bytes]:
    """The lines of a file whose first line ends with a lone carriage return (old Mac line endings): any of
    CR, LF and CR LF ends a line, as in a spreadsheet."""
    pending = first
    while True:
        chunk = stream.read(_READ_CHUNK)
        data = pending + chunk
        if not chunk:
            yield from data.splitlines(keepends=True)
            return
        lines = data.splitlines(keepends=True)
        pending = lines.pop()  # perhaps incomplete, or a CR whose LF is in the next chunk
        yield from lines
        if len(pending) > MAX_LINE_BYTES:
            yield pending  # too long: refused by the caller
            return


def _decoded_lines(stream: BinaryIO) -> Iterator[str]:
    """The file's lines as text, each with its line ending; invalid UTF-8 stops the import with its position."""
    offset = 0
    first = stream.readline(MAX_LINE_BYTES + 1)
    if first.startswith(_BOM):
        first = first[len(_BOM) :]
        offset = len(_BOM)
    if first:
        _check_kind(first)
    cr = first.find(b"\r")
    if cr != -1 and first[cr + 1 : cr + 2] != b"\n":
        raw_lines = _universal_lines(first, stream)
    else:
        raw_lines = chain((first,), iter(partial(stream.readline, MAX_LINE_BYTES + 1), b""))
    for number, raw in enumerate(raw_lines, 1):
        if not raw:
            return
        if len(raw) > MAX_LINE_BYTES:
            raise HrFileError(f"Line {number} is longer than {MAX_LINE_BYTES:,} bytes: this is not an HR export.")
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            byte = raw[exc.start : exc.start + 1]
            raise HrFileError(
                f"The file is not valid UTF-8: line {number}, byte {exc.start + 1} of that line "
                f"(byte {offset + exc.start + 1} of the file), 0x{byte.hex().upper()}, which would be "
                f"“{byte.decode('cp1252', errors='replace')}” in the Windows character set. The file was probably "
                f"saved as “CSV (Comma delimited)”, which uses that character set. {_SAVE_AS_CSV}"
            ) from None
        offset += len(raw)


def _csv_error(exc: csv.Error, *, row: int, line: int) -> HrFileError:
    """What a CSV syntax error means, naming the row (where the record starts) or the line where it was found."""
    text = str(exc)
    if text.startswith("unexpected end of data"):
        return HrFileError(f"Row {row}: a quoted value opened here is never closed, so the file cannot be read.")
    if text.startswith("field larger than field limit"):
        return HrFileError(
            f"Row {row}: a value here runs on for more than {csv.field_size_limit():,} characters, so a quoted "
            "value opened here is probably never closed; the file cannot be read."
        )
    if "expected after" in text:
        if line > row:
            return HrFileError(
                f"Row {row}: a quoted value opened here runs on to line {line}, where it is closed by another "
                f"quotation mark; a closing quotation mark is probably missing in row {row}. The file cannot be read."
            )
        return HrFileError(
            f"Row {row}: a quoted value is followed by more text before the next separator. Put the whole value in "
            'quotation marks, and double any quotation mark inside it (""). The file cannot be read.'
        )
    if text.startswith("new-line character seen in unquoted field"):
        return HrFileError(
            f"Line {line} has a line break (carriage return) inside a value that is not in quotation marks, "
            "so the file cannot be read."
        )
    return HrFileError(f"Line {line} cannot be read as CSV: {text}.")


def _delimiter(line: str) -> str:
    """The separator of a header line: commas, unless it has none and has semicolons or tabs instead."""
    if "," in line:
        return ","
    return max((";", "\t"), key=line.count) if (";" in line or "\t" in line) else ","


def read_rows(stream: BinaryIO) -> HrFile:
    """Check the header of an HR export (a binary stream) and return its records, read as they are iterated.

    Values may be separated by commas, semicolons or tabs (told by the header, or by Excel's "sep=;" first
    line). CSV is read strictly: a quoted value that is never closed refuses the whole file, naming its row,
    rather than swallowing the rows after it.
    """
    lines = _decoded_lines(stream)
    skipped: list[str] = []  # blank lines before the header, read again by the CSV reader to keep line numbers
    delimiter, offset = ",", 0
    for text in lines:
        line = text.rstrip("\r\n")
        if not skipped and not offset and len(line) == 5 and line[:4].lower() == "sep=":
            delimiter, offset = line[4], 1  # Excel's hint, "sep=;": not a row of the file
            continue
        skipped.append(text)
        if line.strip(",;\t\"' "):
            if not offset:
                delimiter = _delimiter(text)
            break
    reader = csv.reader(chain(skipped, lines), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                header = cells
                break
    except csv.Error as exc:
        raise _csv_error(exc, row=offset + max(len(skipped), 1), line=offset + reader.line_num) from None
    if header is None:
        raise HrFileError("The file is empty: it needs a header row naming its columns.")

    positions: dict[str, int] = {}
    warnings: list[str] = []
    unknown: list[str] = []
    for index, name in enumerate(header):
        column = normalise_header(name)
        if not column:
            continue
        if column in positions:
            raise HrFileError(f"The header names the column “{column}” twice.")
        if column in COLUMNS:
            positions[column] = index
        else:
            unknown.append(name.strip())
    missing = [column for column in REQUIRED_COLUMNS if column not in positions]
    if missing:
        raise HrFileError(
            f"The file has no {'column' if len(missing) == 1 else 'columns'} for: {', '.join(missing)}. "
            f"Its header must name: {', '.join(REQUIRED_COLUMNS)} (optional: {', '.join(OPTIONAL_COLUMNS)})."
        )
    if delimiter != ",":
        warnings.append(
            f"The file's values are separated by {_separator(delimiter, plural=True)}, not commas: "
            "it was read that way."
        )
    if unknown:
        warnings.append(f"Ignored columns not used by the import: {', '.join(unknown)}.")
    wanted = tuple(positions.items())
    # A row has as many values as the header has columns. It may stop before empty header cells at the end
    # (a spreadsheet's unused columns), but not put values in them, nor run past the header even with empty
    # values: a comma inside a value that is not quoted shifts the values after it, often into the last,
    # mostly empty, column, and would otherwise put a value in the wrong field without a word.
    full = len(header)
    width = max(index for index, name in enumerate(header) if name.strip()) + 1
    unquoted = f"a value may contain a {_separator(delimiter)} that is not in quotation marks"

    def shape(cells: list[str]) -> str:
        count = len(cells)
        if count < width:
            return (
                f"has {count} {'value' if count == 1 else 'values'} but the header has {width} columns: the row "
                "may be cut short, or a value may hold a line break that is not in quotation marks"
            )
        if count > full:
            last = max(i + 1 for i, cell in enumerate(cells) if cell.strip())
            if last > full:
                return f"has {last} values but the header has {full} columns: {unquoted}"
            empty = count - full
            return (
                f"has {count} values but the header has {full} columns (the last {empty} empty): {unquoted}, "
                f"or the row ends with a stray {_separator(delimiter)}"
            )
        extra = next((i for i in range(width, count) if cells[i].strip()), None)
        if extra is not None:
            return f"has a value in column {extra + 1}, which the header does not name: {unquoted}"
        return ""

    def records() -> Iterator[RawRow]:
        end = reader.line_num
        try:
            for cells in reader:
                start, end = end + 1, reader.line_num
                count = len(cells)
                if count == full == width:
                    if not any(cell.strip() for cell in cells):
                        continue
                    yield RawRow(offset + start, {column: cells[i] for column, i in wanted})
                    continue
                if not any(cell.strip() for cell in cells):
                    continue
                values = {column: (cells[i] if i < count else "") for column, i in wanted}
                yield RawRow(offset + start, values, shape(cells))
        except csv.Error as exc:
            raise _csv_error(exc, row=offset + end + 1, line=offset + reader.line_num) from None

    return HrFile(tuple(column for column in COLUMNS if column in positions), warnings, records())


# Planning --------------------------------------------------------------------


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
    unchanged: list[str] = field(default_factory=list)
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
            "unchanged": len(self.unchanged),
            "leavers": len(self.leaving) + len(self.absent_ids),
            "rejected": len(self.rejected_rows),
            "departments_created": len(self.new_departments),
        }


# (id, staff_number, email, given_name, family_name, grade_id, department_id, profession_id,
#  line_manager_id, line_manager staff_number, grade_since, start_date, end_date, is_active)
_EXISTING_FIELDS = (
    "id",
    "staff_number",
    "email",
    "given_name",
    "family_name",
    "grade_id",
    "department_id",
    "profession_id",
    "line_manager_id",
    "line_manager__staff_number",
    "grade_since",
    "start_date",
    "end_date",
    "is_active",
)


def batches(items: Iterable, size: int = BATCH_SIZE) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _parse_date(text: str) -> date:
    match = _ISO_DATE.match(text) or _UK_DATE.match(text)
    if match is None:
        raise ValueError(f"“{text}” is not a date: use YYYY-MM-DD or DD/MM/YYYY")
    if match.re is _ISO_DATE:
        year, month, day = (int(part) for part in match.groups())
    else:
        day, month, year = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"“{text}” is not a real date") from None


class _Lookup:
    """Code-or-name matching, ignoring case and surrounding spaces; codes win over names."""

    def __init__(self, items: Iterable[tuple[int, str, str]]):
        self.by_name: dict[str, int] = {}
        self.by_code: dict[str, int] = {}
        self.code_of: dict[int, str] = {}
        for pk, code, name in items:
            self.by_code[code.lower()] = pk
            self.by_name[name.strip().lower()] = pk
            self.code_of[pk] = code

    def get(self, key: str) -> int | None:
        pk = self.by_code.get(key)
        return self.by_name.get(key) if pk is None else pk


def _new_department_code(name: str, taken: set[str]) -> str:
    if _DEPARTMENT_CODE.match(name) and name.lower() not in taken:
        return name
    initials = "".join(word[0] for word in re.findall(r"[A-Za-z0-9]+", name)).upper()
    base = initials if initials[:1].isalpha() else f"D{initials}"
    base = base[:12] or "DEPT"
    code, n = base, 1
    while code.lower() in taken:
        n += 1
        code = f"{base}{n}"
    return code


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: half a million rows of acyclic objects would set it off thousands of
    times, each pass walking every object made so far (it halves the time of a 500,000-row plan)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _presence_key(staff_number: str) -> str:
    """A staff number as a full sync matches it against the records: without spaces, in capitals. Loose on
    purpose: a row, even rejected, keeps anyone it may stand for from being made a leaver."""
    return "".join(staff_number.split()).upper()


def _control_reason(text: str) -> str:
    char = _CONTROL.search(text).group()
    return f"contains {_CONTROL_NAMES.get(char, f'a control character (U+{ord(char):04X})')}, which is not allowed"


def _duplicate_reason(key: str, first: int, what: str) -> str:
    return f"{key} is already in row {first}: only the first row with this {what} counts, so this one is not imported"


def _keep_recorded_manager(row: PlannedRow, record: tuple | None, first_row: dict[str, int]) -> RowWarning:
    """A row whose line manager's row is rejected, the manager not being on record, is applied with the line
    manager on record (none for a new person) rather than rejected: one bad row must not cost the good rows
    under it."""
    manager = row.line_manager
    kept = record[9] if record is not None else None
    row.line_manager = kept
    if record is None:
        outcome = "is imported without a line manager"
    elif kept is None:
        outcome = "keeps no line manager, as on record"
    else:
        outcome = f"keeps line manager {kept}, as on record"
    reason = f"{row.staff_number} {outcome}: the row for {manager} (row {first_row[manager]}) is rejected"
    return RowWarning(row.number, "line_manager", reason)


def _cycle_reasons(cycle: list[str], label: Callable[[str], str]) -> list[str]:
    """The message for each member of a management cycle (each reporting to the next, the last to the first).
    A long cycle is shortened, from each member's own place in it, so messages do not grow with its length."""
    size = len(cycle)
    if size <= CYCLE_NAMED:
        reason = "management cycle: " + " → ".join([label(member) for member in cycle] + [cycle[0]])
        return [reason] * size
    reasons = []
    for index, member in enumerate(cycle):
        following = " → ".join(label(cycle[(index + step) % size]) for step in range(3))
        reasons.append(
            f"management cycle of {size:,} people: {following} → … ({size - 4:,} more) → "
            f"{label(cycle[index - 1])} → {member}"
        )
    return reasons


@_without_cyclic_gc()
def plan_import(
    rows: Iterable[RawRow], *, today: date, full_sync: bool = False, progress: Callable[[int], None] | None = None
) -> ImportPlan:
    """Validate every row, then say what importing the accepted ones would change. Writes nothing.

    `progress`, if given, is called with the number of records read so far, every BATCH_SIZE records.
    """
    columns = rows.columns if isinstance(rows, HrFile) else COLUMNS
    plan = ImportPlan(today=today, full_sync=full_sync, columns=columns)
    if isinstance(rows, HrFile):
        plan.warnings.extend(rows.warnings)

    grade_rows = list(Grade.objects.values_list("pk", "code", "name"))
    grades = {"".join(name.split()).upper(): pk for pk, _code, name in grade_rows}  # by name, "Grade 7"
    grades |= {"".join(code.split()).upper(): pk for pk, code, _name in grade_rows}  # by code, which wins
    grade_code = {pk: code for pk, code, _name in grade_rows}
    known_grades = ", ".join(code for _pk, code, _name in grade_rows)
    departments = _Lookup(Department.objects.values_list("pk", "code", "name"))
    professions = _Lookup(Profession.objects.values_list("pk", "code", "name"))

    rejections: dict[int, list[Rejection]] = {}
    row_warnings: list[RowWarning] = []
    accepted: dict[str, PlannedRow] = {}
    first_staff_row: dict[str, int] = {}  # every valid staff number in the file: duplicates, records, messages
    first_email_row: dict[str, int] = {}
    other_case: dict[str, int] = {}  # a staff number written with small letters, in capitals -> its first row
    unreadable_staff: set[str] = set()  # staff numbers not valid as written, loosely: see `_presence_key`
    dates: dict[str, date | str] = {}
    new_department_names: dict[str, tuple[str, int]] = {}  # lower-case name -> (as first written, row)

    def reject(number: int, column: str, reason: str) -> None:
        rejections.setdefault(number, []).append(Rejection(number, column, reason))

    # 1. Each row on its own, and keys used by several rows.
    count = 0
    for count, raw in enumerate(rows, 1):
        if progress is not None and count % BATCH_SIZE == 0:
            progress(count)
        number, values = raw.number, raw.values
        errors: list[tuple[str, str]] = []
        # A row of the wrong shape, or with control characters, is rejected for that alone: its values may be
        # in the wrong columns, and they would fail or be garbled in the database.
        garbled = [("", raw.problem)] if raw.problem else None
        joined = "".join(values.values())
        if not joined.isprintable() and _CONTROL.search(joined):  # isprintable: a quick no for most rows
            garbled = garbled or []
            garbled.extend((column, _control_reason(text)) for column, text in values.items() if _CONTROL.search(text))
        staff_first: int | None = None  # the earlier row of this staff number, if any

        # Every staff number written in the file, even in a rejected row, keeps that person from being made a
        # leaver by a full sync: the valid ones are the keys of first_staff_row, the others go in unreadable_staff.
        staff_number = values["staff_number"].strip()
        if not staff_number:
            errors.append(("staff_number", "is missing"))
        elif not _STAFF_NUMBER.match(staff_number):
            unreadable_staff.add(_presence_key(_CONTROL.sub("", staff_number)))
            errors.append(
                ("staff_number", f"“{staff_number}” is not a staff number (letters, digits, hyphens; not only hyphens)")
            )
        elif staff_number in first_staff_row:
            staff_first = first_staff_row[staff_number]
        else:
            # The same staff number in other capitals is the same person too.
            key = staff_number.upper()
            first = other_case.get(key) if other_case else None
            if first is None and key != staff_number:
                first = first_staff_row.get(key)
            if first is not None:
                staff_first = first
            elif key != staff_number:
                other_case[key] = number
            first_staff_row[staff_number] = number
        if staff_first is not None:
            errors.append(("staff_number", _duplicate_reason(staff_number, staff_first, "staff number")))
        if garbled:
            for column, reason in garbled:
                reject(number, column, reason)
            continue

        email = values["email"].strip().lower()
        if not email:
            errors.append(("email", "is missing"))
        else:
            try:
                if len(email) > _MAX_LENGTHS["email"]:
                    raise ValidationError("too long")
                if not _PLAIN_EMAIL.match(email):  # the common case, cheaply; anything else gets Django's check
                    validate_email(email)
            except ValidationError:
                errors.append(("email", f"“{values['email'].strip()}” is not a valid email address"))
            else:
                email_first = first_email_row.get(email)
                if email_first is None:
                    first_email_row[email] = number
                elif email_first != staff_first:  # a record repeated whole is named once, by its staff number
                    errors.append(("email", _duplicate_reason(email, email_first, "email address")))

        given_name = values["given_name"].strip()
        family_name = values["family_name"].strip()
        for column, text in (("given_name", given_name), ("family_name", family_name)):
            if not text:
                errors.append((column, "is missing"))
            elif len(text) > _MAX_LENGTHS[column]:
                errors.append((column, f"is longer than {_MAX_LENGTHS[column]} characters"))
            else:
                problem = name_problem(text)
                if problem:
                    errors.append((column, problem))

        grade_text = values["grade"]
        grade_id = grades.get("".join(grade_text.split()).upper())
        if grade_id is None:
            if grade_text.strip():
                errors.append(("grade", f"“{grade_text.strip()}” is not a grade (known: {known_grades})"))
            else:
                errors.append(("grade", "is missing"))

        department_text = " ".join(values["department"].split())
        department_key = department_text.lower()
        department_id = departments.get(department_key) if department_key else None
        if not department_text:
            errors.append(("department", "is missing"))
        elif department_id is None:  # a new department: its name must be fit to keep
            if len(department_text) > _MAX_LENGTHS["department"]:
                errors.append(("department", f"is longer than {_MAX_LENGTHS['department']} characters"))
            else:
                problem = name_problem(department_text)
                if problem:
                    errors.append(("department", problem))

        profession_id = None
        if "profession" in values:
            profession_text = " ".join(values["profession"].split())
            if profession_text:
                profession_id = professions.get(profession_text.lower())
                if profession_id is None:
                    errors.append(("profession", f"“{profession_text}” is not a profession (by code or name)"))

        line_manager = (values["line_manager"].strip() or None) if "line_manager" in values else None

        parsed: dict[str, date | None] = {}
        for column in DATE_COLUMNS:
            text = values.get(column, "").strip()
            if not text:
                parsed[column] = None
                continue
            value = dates.get(text)
            if value is None:
                try:
                    value = _parse_date(text)
                except ValueError as exc:
                    value = str(exc)
                dates[text] = value
            if isinstance(value, str):
                errors.append((column, value))
                parsed[column] = None
            else:
                parsed[column] = value
        end_date = parsed["end_date"]
        if end_date and parsed["start_date"] and end_date < parsed["start_date"]:
            errors.append(("end_date", "is before start_date"))

        if errors:
            for column, reason in errors:
                reject(number, column, reason)
            continue
        new_department = None
        if department_id is None:
            new_department = department_key
        accepted[staff_number] = PlannedRow(
            number=number,
            staff_number=staff_number,
            email=email,
            given_name=given_name,
            family_name=family_name,
            grade_id=grade_id,
            department_id=department_id,
            new_department=new_department,
            profession_id=profession_id,
            line_manager=line_manager,
            grade_since=parsed["grade_since"],
            start_date=parsed["start_date"],
            end_date=end_date,
            is_active=not (end_date is not None and end_date < today),
        )
        if new_department is not None and department_key not in new_department_names:
            new_department_names[department_key] = (department_text, number)
    plan.rows_read = count
    if not count:
        plan.warnings.append("The file has a header row but no data rows: there is nothing to import.")

    # 2. The records on file for these staff numbers, and who holds these emails. A big file (a daily full
    #    export) reads every record in one streamed scan; a small one asks for its people, one query per batch.
    existing: dict[str, tuple] = {}
    holders: dict[str, str] = {}
    on_record: dict[str, int | None] = {}  # staff number -> line manager id, for management chains
    staff_of_id: dict[int, str] = {}
    active_absent: list[tuple[int, str]] = []
    active_count = 0
    present = set()  # for a full sync: every staff number written in the file, loosely (see `_presence_key`)
    if full_sync:
        present = {staff_number.upper() for staff_number in first_staff_row} | unreadable_staff
    scanned = len(first_staff_row) > SCAN_ALL_ABOVE
    if scanned:
        emails = {row.email for row in accepted.values()}
        records = Employee.objects.order_by().values_list(*_EXISTING_FIELDS).iterator(BATCH_SIZE)
        for record in records:
            staff_number = record[1]
            on_record[staff_number] = record[8]
            staff_of_id[record[0]] = staff_number
            if staff_number in first_staff_row:
                existing[staff_number] = record
            if full_sync and record[13]:
                active_count += 1
                if _presence_key(staff_number) not in present:
                    active_absent.append((record[0], staff_number))
            email = record[2].lower()
            if email in emails:
                holders[email] = staff_number
    else:
        for batch in batches(first_staff_row):
            for record in Employee.objects.filter(staff_number__in=batch).values_list(*_EXISTING_FIELDS):
                existing[record[1]] = record
        for batch in batches(row.email for row in accepted.values()):
            holders.update(
                Employee.objects.annotate(email_lower=Lower("email"))
                .filter(email_lower__in=batch)
                .values_list("email_lower", "staff_number")
            )
    for staff_number, row in list(accepted.items()):
        holder = holders.get(row.email)
        if holder is not None and holder != staff_number:
            reject(row.number, "email", f"{row.email} belongs to staff number {holder} on record")
            del accepted[staff_number]

    # A file with only one of start_date and end_date keeps the other as recorded: they must still agree.
    if ("start_date" in columns) != ("end_date" in columns):
        file_has_end = "end_date" in columns
        for staff_number, row in list(accepted.items()):
            record = existing.get(staff_number)
            if record is None:
                continue
            if file_has_end and row.end_date and record[11] and row.end_date < record[11]:
                reason = (
                    f"{row.end_date.isoformat()} is before the start date on record ({record[11].isoformat()}); "
                    "add a start_date column to change that too"
                )
                reject(row.number, "end_date", reason)
                del accepted[staff_number]
            elif not file_has_end and row.start_date and record[12] and record[12] < row.start_date:
                reason = (
                    f"{row.start_date.isoformat()} is after the end date on record ({record[12].isoformat()}); "
                    "add an end_date column (blank to clear it) to change that too"
                )
                reject(row.number, "start_date", reason)
                del accepted[staff_number]

    # 3. Management chains: the managers named here, and everyone above people on record, in a few queries.
    manages_column = "line_manager" in columns
    for record in existing.values():
        on_record[record[1]] = record[8]
        staff_of_id[record[0]] = record[1]
    outside = {row.line_manager for row in accepted.values() if row.line_manager} - first_staff_row.keys()
    outside -= on_record.keys()
    for batch in batches(sorted(outside)):
        for pk, staff_number, manager_id in Employee.objects.filter(staff_number__in=batch).values_list(
            "id", "staff_number", "line_manager_id"
        ):
            on_record[staff_number] = manager_id
            staff_of_id[pk] = staff_number
    above = {manager_id for manager_id in on_record.values() if manager_id is not None} - staff_of_id.keys()
    for batch in batches(sorted(above)):
        for pk, staff_number, manager_id in (
            Employee.objects.filter(pk__in=batch).with_managers().values_list("id", "staff_number", "line_manager_id")
        ):
            on_record[staff_number] = manager_id
            staff_of_id[pk] = staff_number

    def manager_of(staff_number: str) -> str | None:
        row = accepted.get(staff_number)
        if row is not None and manages_column:
            return row.line_manager
        manager_id = on_record.get(staff_number)
        return None if manager_id is None else staff_of_id.get(manager_id)

    def reject_for_manager(rows: list[tuple[str, str]]) -> None:
        for staff_number, reason in rows:
            row = accepted.pop(staff_number, None)
            if row is not None:
                reject(row.number, "line_manager", reason)

    # Only a manager who is nowhere (neither in the file nor on record) rejects a row; one whose own row is
    # rejected does not (see `_keep_recorded_manager`).
    unmanaged: list[tuple[str, str]] = []
    for staff_number, row in accepted.items():
        manager = row.line_manager
        if manager is None:
            continue
        if manager == staff_number:
            unmanaged.append((staff_number, "a person cannot be their own line manager"))
        elif manager not in on_record and manager not in first_staff_row:
            unmanaged.append((staff_number, f"no one with staff number {manager} is in this file or on record"))
    reject_for_manager(unmanaged)

    while True:  # a rejected member of a cycle falls back on their recorded manager, which may close another
        for row in accepted.values():
            manager = row.line_manager
            if manager is not None and manager not in accepted and manager not in on_record:
                row_warnings.append(_keep_recorded_manager(row, existing.get(row.staff_number), first_staff_row))
        cycles: list[tuple[str, str]] = []
        state: dict[str, int] = {}  # 1 on the path being walked, 2 done
        for start in accepted:
            path: list[str] = []
            node: str | None = start
            while node is not None and node not in state:
                state[node] = 1
                path.append(node)
                node = manager_of(node)
            if node is not None and state[node] == 1:
                cycle = path[path.index(node) :]
                if any(member in accepted for member in cycle):

                    def label(member: str) -> str:
                        return member if member in accepted else f"{member} (on record)"

                    for member, reason in zip(cycle, _cycle_reasons(cycle, label), strict=True):
                        if member in accepted:
                            cycles.append((member, reason))
            for member in path:
                state[member] = 2
        if not cycles:
            break
        reject_for_manager(cycles)

    # 4. Departments to create, for accepted rows only.
    taken = set(departments.by_code)
    codes: dict[str, str] = {}
    used_keys = {row.new_department for row in accepted.values() if row.new_department}
    for key, (name, first_row) in new_department_names.items():
        if key not in used_keys:
            continue
        code = _new_department_code(name, taken)
        taken.add(code.lower())
        codes[key] = code
        plan.new_departments.append(NewDepartment(code=code, name=name, first_row=first_row))
    for row in accepted.values():
        if row.new_department:
            row.new_department = codes[row.new_department]

    # 5. Classify against the records.
    department_code = departments.code_of
    profession_code = professions.code_of
    compared = [
        field_name for field_name in ("profession", "grade_since", "start_date", "end_date") if field_name in columns
    ]
    for staff_number, row in accepted.items():
        record = existing.get(staff_number)
        if record is None:
            plan.created.append(row)
            continue
        changes: list[FieldChange] = []
        if record[2].lower() != row.email:
            changes.append(FieldChange("email", record[2], row.email))
        if record[3] != row.given_name:
            changes.append(FieldChange("given_name", record[3], row.given_name))
        if record[4] != row.family_name:
            changes.append(FieldChange("family_name", record[4], row.family_name))
        if record[5] != row.grade_id:
            changes.append(FieldChange("grade", grade_code.get(record[5]), grade_code[row.grade_id]))
        if row.new_department is not None:
            changes.append(FieldChange("department", department_code.get(record[6]), f"{row.new_department} (new)"))
        elif record[6] != row.department_id:
            changes.append(
                FieldChange("department", department_code.get(record[6]), department_code[row.department_id])
            )
        if "profession" in compared and record[7] != row.profession_id:
            changes.append(
                FieldChange("profession", profession_code.get(record[7]), profession_code.get(row.profession_id))
            )
        if manages_column and record[9] != row.line_manager:
            changes.append(FieldChange("line_manager", record[9], row.line_manager))
        for index, field_name in ((10, "grade_since"), (11, "start_date"), (12, "end_date")):
            if field_name in compared and record[index] != getattr(row, field_name):
                changes.append(FieldChange(field_name, record[index], getattr(row, field_name)))
        if "end_date" not in compared:  # the record's own end date decides
            row.end_date = record[12]
            row.is_active = not (row.end_date is not None and row.end_date < today)
        if record[13] != row.is_active:
            changes.append(FieldChange("is_active", record[13], row.is_active))
            if record[13]:
                plan.leaving.append(staff_number)
        if changes:
            plan.updated.append(EmployeeUpdate(employee_id=record[0], row=row, changes=tuple(changes)))
        else:
            plan.unchanged.append(staff_number)

    # 6. Full sync: active people whose staff number is written in no row of the file (accepted or not), in one
    #    streamed query; and how many people are active, to tell a plausible number of leavers from a mistake.
    if full_sync:
        if not scanned:
            active = Employee.objects.active().order_by().values_list("id", "staff_number").iterator(BATCH_SIZE)
            for pk, staff_number in active:
                active_count += 1
                if _presence_key(staff_number) not in present:
                    active_absent.append((pk, staff_number))
        for pk, staff_number in active_absent:
            plan.absent_ids.append(pk)
            plan.absent.append(staff_number)
        plan.active_on_record = active_count

    plan.rejections = [rejection for number in sorted(rejections) for rejection in rejections[number]]
    plan.row_warnings = sorted(row_warnings, key=lambda warning: warning.row)
    plan.warnings.extend(f"Row {warning.row}: {warning.reason}." for warning in plan.row_warnings)
    return plan


def plan_file(
    stream: BinaryIO, *, today: date, full_sync: bool = False, progress: Callable[[int], None] | None = None
) -> ImportPlan:
    """Read an HR export and plan its import. Raises HrFileError when the file as a whole cannot be read."""
    return plan_import(read_rows(stream), today=today, full_sync=full_sync, progress=progress)


# Applying --------------------------------------------------------------------

# Which changes can move someone in or out of a compulsory-training audience, or change a due date.
_ASSIGNMENT_FIELDS = frozenset(
    {"grade", "department", "profession", "line_manager", "grade_since", "start_date", "end_date", "is_active"}
)
_STAGE = "hr_import_stage"
_STAGE_COLUMNS = (
    ("id", "bigint"),  # allocated up front for new people, so their line managers can be set as they are inserted
    ("staff_number", "varchar(20) PRIMARY KEY"),
    ("email", "varchar(254) NOT NULL"),
    ("given_name", "varchar(100) NOT NULL"),
    ("family_name", "varchar(100) NOT NULL"),
    ("grade_id", "bigint NOT NULL"),
    ("department_id", "bigint NOT NULL"),
    ("profession_id", "bigint"),
    ("line_manager", "varchar(20)"),
    ("grade_since", "date"),
    ("start_date", "date"),
    ("end_date", "date"),
    ("is_active", "boolean NOT NULL"),
    ("line_manager_id", "bigint"),
    ("is_new", "boolean NOT NULL"),
    ("announce", "boolean NOT NULL"),
    ("find_manager", "boolean NOT NULL"),  # the line manager is set afterwards, by staff number
)
# Employee columns an update may set, by the file column that carries them (None: always in the file).
_UPDATED_COLUMNS = (
    ("email", None),
    ("given_name", None),
    ("family_name", None),
    ("grade_id", None),
    ("department_id", None),
    ("profession_id", "profession"),
    ("grade_since", "grade_since"),
    ("start_date", "start_date"),
    ("end_date", None),  # carried over from the record when the file has no end_date column
    ("is_active", None),
)


@dataclass
class ImportOutcome:
    """What applying a plan wrote: how many people of each kind, and who must be re-assessed for training."""

    summary: dict[str, int]
    changed_ids: list[int]


# What a constraint of the people table means, for a database error that names it.
_CONSTRAINTS = {
    "employee_email_unique_ci": "two people would have the same email address",
    "employee_ends_after_start": "someone's end date would be before their start date",
    "employee_not_own_line_manager": "someone would be their own line manager",
    "people_employee_staff_number_key": "two people would have the same staff number",  # PostgreSQL
    "people_employee.staff_number": "two people would have the same staff number",  # SQLite
}


def _database_message(exc: DatabaseError) -> str:
    text = " ".join(str(exc).split())
    meaning = next((meaning for name, meaning in _CONSTRAINTS.items() if name in text), "")
    return (
        f"The database refused the changes{f' ({meaning})' if meaning else ''}: {text[:500]}. "
        "Nothing was changed: the people records have probably changed since the file was checked, so check it "
        "again; if this happens again, tell whoever runs govlearn."
    )


@_without_cyclic_gc()
def apply_plan(plan: ImportPlan, *, allow_many_leavers: bool = False) -> ImportOutcome:
    """Write a plan in one transaction, set-based, and announce who changed once it commits.

    New departments first, then every created or updated person through a staging table (COPY on
    PostgreSQL) with one INSERT … SELECT and one UPDATE … FROM, then line managers by staff number,
    then full-sync leavers, then accounts linked by verified email. Progress, completions and
    certificates are never touched: leavers are only made inactive.

    Raises ImportRefused, writing nothing, for a full sync with no accepted row, or one that would make
    many leavers (see `ImportPlan.leavers_to_confirm`) unless `allow_many_leavers`; and ImportFailed,
    with the database's reason, if the database refuses the changes (all of them are rolled back).
    """
    if plan.refusal:
        raise ImportRefused(f"{plan.refusal} Nothing was changed.")
    if plan.leavers_to_confirm and not allow_many_leavers:
        raise ImportRefused(f"{plan.many_leavers_warning()} Nothing was changed.", leavers=plan.leavers_to_confirm)
    try:
        return _apply(plan)
    except DatabaseError as exc:
        raise ImportFailed(_database_message(exc)) from exc


def _apply(plan: ImportPlan) -> ImportOutcome:
    from people.signals import announce_employees_changed

    connection = connections[Employee.objects.db]
    with transaction.atomic(using=connection.alias):
        department_ids = {
            department.code: department.pk
            for department in Department.objects.bulk_create(
                [Department(code=new.code, name=new.name) for new in plan.new_departments]
            )
        }
        if plan.new_departments and None in department_ids.values():  # a database without RETURNING
            department_ids = dict(Department.objects.filter(code__in=department_ids).values_list("code", "pk"))
        new_ids = dict(
            zip((row.staff_number for row in plan.created), _allocate_ids(connection, len(plan.created)), strict=True)
        )
        manages = "line_manager" in plan.columns
        staged = [
            (row, True, True, row.line_manager is not None and row.line_manager not in new_ids) for row in plan.created
        ]
        for update in plan.updated:
            fields = {change.field for change in update.changes}
            staged.append((update.row, False, bool(fields & _ASSIGNMENT_FIELDS), manages and "line_manager" in fields))
        changed_ids: list[int] = []
        with connection.cursor() as cursor:
            # No `finally: DROP`: after an error PostgreSQL refuses every statement until the rollback, which
            # would hide the real error. The stage goes with the transaction, whatever its end (it is created
            # inside it; on PostgreSQL also ON COMMIT DROP); after success it is dropped at once.
            _create_stage(cursor, connection)
            _fill_stage(cursor, connection, staged, department_ids, new_ids)
            _write_from_stage(cursor, connection, plan)
            cursor.execute(
                f"SELECT e.id FROM {Employee._meta.db_table} e JOIN {_STAGE} s "  # noqa: S608 - fixed names
                "ON s.staff_number = e.staff_number WHERE s.announce"
            )
            changed_ids = [pk for (pk,) in cursor.fetchall()]
            cursor.execute(f"DROP TABLE IF EXISTS {_STAGE}")
        for batch in batches(plan.absent_ids):
            Employee.objects.filter(pk__in=batch, is_active=True).update(is_active=False)
        changed_ids.extend(plan.absent_ids)
        _link_accounts()
        announce_employees_changed(changed_ids)
    return ImportOutcome(summary=plan.summary(), changed_ids=changed_ids)


def _create_stage(cursor, connection) -> None:
    columns = ", ".join(f"{name} {kind}" for name, kind in _STAGE_COLUMNS)
    cursor.execute(f"DROP TABLE IF EXISTS {_STAGE}")
    on_commit = " ON COMMIT DROP" if connection.vendor == "postgresql" else ""
    cursor.execute(f"CREATE TEMPORARY TABLE {_STAGE} ({columns}){on_commit}")


def _allocate_ids(connection, count: int) -> list[int]:
    """Primary keys for `count` new people, taken before they are inserted."""
    if not count:
        return []
    table = Employee._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return [pk for (pk,) in cursor.fetchall()]
        # SQLite: the transaction holds the write lock, so nobody else can take these.
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608 - fixed name
        (last,) = cursor.fetchone()
        return list(range(last + 1, last + 1 + count))


def _stage_rows(staged, department_ids: dict[str, int], new_ids: dict[str, int], *, as_text_dates: bool):
    def day(value: date | None):
        return value.isoformat() if as_text_dates and value is not None else value

    for row, is_new, announce, find_manager in staged:
        department_id = department_ids[row.new_department] if row.new_department else row.department_id
        yield (
            new_ids[row.staff_number] if is_new else None,
            row.staff_number,
            row.email,
            row.given_name,
            row.family_name,
            row.grade_id,
            department_id,
            row.profession_id,
            row.line_manager,
            day(row.grade_since),
            day(row.start_date),
            day(row.end_date),
            row.is_active,
            new_ids.get(row.line_manager) if is_new and row.line_manager else None,
            is_new,
            announce,
            find_manager,
        )


def _fill_stage(cursor, connection, staged, department_ids: dict[str, int], new_ids: dict[str, int]) -> None:
    names = ", ".join(name for name, _ in _STAGE_COLUMNS)
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {_STAGE} ({names}) FROM STDIN") as copy:
            for values in _stage_rows(staged, department_ids, new_ids, as_text_dates=False):
                copy.write_row(values)
        return
    placeholders = ", ".join(["%s"] * len(_STAGE_COLUMNS))
    rows = _stage_rows(staged, department_ids, new_ids, as_text_dates=True)
    for batch in batches(rows):
        cursor.executemany(f"INSERT INTO {_STAGE} ({names}) VALUES ({placeholders})", batch)  # noqa: S608


def _write_from_stage(cursor, connection, plan: ImportPlan) -> None:
    table = Employee._meta.db_table
    inserted = [name for name, _ in _UPDATED_COLUMNS]
    cursor.execute(
        f"INSERT INTO {table} (id, staff_number, line_manager_id, {', '.join(inserted)}) "  # noqa: S608 - fixed names
        f"SELECT id, staff_number, line_manager_id, {', '.join(inserted)} FROM {_STAGE} WHERE is_new"
    )
    updated = [name for name, column in _UPDATED_COLUMNS if column is None or column in plan.columns]
    cursor.execute(
        f"UPDATE {table} SET {', '.join(f'{name} = s.{name}' for name in updated)} "  # noqa: S608
        f"FROM {_STAGE} s WHERE {table}.staff_number = s.staff_number AND NOT s.is_new"
    )
    if "line_manager" in plan.columns:
        cursor.execute(
            f"UPDATE {table} SET line_manager_id = m.id "  # noqa: S608
            f"FROM {_STAGE} s LEFT JOIN {table} m ON m.staff_number = s.line_manager "
            f"WHERE {table}.staff_number = s.staff_number AND s.find_manager"
        )


def _link_accounts() -> None:
    """People without an account get the one whose verified primary email is theirs, if it has no employee yet.

    One statement. A primary address belongs to one account and an email to one employee, so no account
    can be given to two people.
    """
    from allauth.account.models import EmailAddress

    addresses = EmailAddress.objects.filter(verified=True, primary=True, user__employee__isnull=True).annotate(
        address=Lower("email")
    )
    account = addresses.filter(address=OuterRef("email")).values("user_id")[:1]
    Employee.objects.filter(user__isnull=True, email__in=addresses.values("address")).update(user=Subquery(account))
