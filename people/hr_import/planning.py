"""Planning an import: every row checked, then compared with the records, in six named steps. Writes nothing.

`plan_import` runs the steps in order over one `_Planning` (the plan being made and what the steps share):

1. `_check_rows`: each row on its own, and keys (staff numbers, emails) already used by an earlier row;
2. `_read_records`: the records for the file's staff numbers (whatever their capitals) and who holds its
   emails; `_use_recorded_spellings`; then the rows those records reject (`_reject_emails_held_by_others`,
   `_reject_dates_against_records`);
3. `_read_management_chains`, then `_settle_line_managers`: unknown managers, managers whose rows are rejected,
   management cycles;
4. `_plan_departments`: the departments accepted rows would create;
5. `_classify`: created, updated (field by field), unchanged;
6. `_find_absent`: for a full sync, the active people the file does not mention.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower, Upper

from people.hr_import.plan import (
    BATCH_SIZE,
    RECORD_FIELDS,
    EmployeeUpdate,
    FieldChange,
    ImportPlan,
    NewDepartment,
    PlannedRow,
    RecordOnFile,
    Rejection,
    RowWarning,
    batches,
    without_cyclic_gc,
)
from people.hr_import.reading import COLUMNS, HrFile, RawRow, read_rows
from people.models import Department, Employee, Grade, Profession
from people.names import name_problem

DATE_COLUMNS = ("grade_since", "start_date", "end_date")
SCAN_ALL_ABOVE = 20_000  # staff numbers in a file beyond which reading every record beats asking for each batch
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


@without_cyclic_gc()
def plan_import(
    rows: Iterable[RawRow], *, today: date, full_sync: bool = False, progress: Callable[[int], None] | None = None
) -> ImportPlan:
    """Validate every row, then say what importing the accepted ones would change. Writes nothing.

    `progress`, if given, is called with the number of records read so far, every BATCH_SIZE records.
    """
    planning = _Planning.start(rows, today=today, full_sync=full_sync)
    _check_rows(planning, rows, progress)
    _read_records(planning)
    _use_recorded_spellings(planning)
    _reject_emails_held_by_others(planning)
    _reject_dates_against_records(planning)
    _read_management_chains(planning)
    _settle_line_managers(planning)
    _plan_departments(planning)
    _classify(planning)
    _find_absent(planning)
    return planning.finish()


def plan_file(
    stream: BinaryIO, *, today: date, full_sync: bool = False, progress: Callable[[int], None] | None = None
) -> ImportPlan:
    """Read an HR export and plan its import. Raises HrFileError when the file as a whole cannot be read."""
    return plan_import(read_rows(stream), today=today, full_sync=full_sync, progress=progress)


# What the steps share ----------------------------------------------------------------


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


@dataclass
class _ReferenceData:
    """Grades, departments and professions, read once."""

    grades: dict[str, int]  # by code and by name, without spaces, in capitals
    grade_code: dict[int, str]
    known_grades: str
    departments: _Lookup
    professions: _Lookup

    @classmethod
    def read(cls) -> _ReferenceData:
        grade_rows = list(Grade.objects.values_list("pk", "code", "name"))
        grades = {"".join(name.split()).upper(): pk for pk, _code, name in grade_rows}  # by name, "Grade 7"
        grades |= {"".join(code.split()).upper(): pk for pk, code, _name in grade_rows}  # by code, which wins
        return cls(
            grades=grades,
            grade_code={pk: code for pk, code, _name in grade_rows},
            known_grades=", ".join(code for _pk, code, _name in grade_rows),
            departments=_Lookup(Department.objects.values_list("pk", "code", "name")),
            professions=_Lookup(Profession.objects.values_list("pk", "code", "name")),
        )


@dataclass
class _FileKeys:
    """The keys written in the file, even in rejected rows: for duplicates, the records to read, and messages."""

    first_staff_row: dict[str, int] = field(default_factory=dict)  # every valid staff number, as written
    other_case: dict[str, int] = field(default_factory=dict)  # one written with small letters, in capitals
    first_email_row: dict[str, int] = field(default_factory=dict)
    unreadable_staff: set[str] = field(default_factory=set)  # not valid as written, loosely: `_presence_key`
    new_department_names: dict[str, tuple[str, int]] = field(default_factory=dict)  # lower case -> (as written, row)
    dates: dict[str, date | str] = field(default_factory=dict)  # each date text read so far: its date, or why not


@dataclass
class _Records:
    """What the database holds for the file's people and their management chains."""

    existing: dict[str, RecordOnFile] = field(default_factory=dict)  # by the staff number of a row
    spelling: dict[str, str] = field(default_factory=dict)  # staff number in capitals -> as it is kept
    holders: dict[str, str] = field(default_factory=dict)  # email of an accepted row -> staff number holding it
    on_record: dict[str, int | None] = field(default_factory=dict)  # staff number -> line manager id
    staff_of_id: dict[int, str] = field(default_factory=dict)
    active_absent: list[tuple[int, str]] = field(default_factory=list)  # full sync, when every record is scanned
    active_count: int = 0
    scanned: bool = False  # whether every record was read in one scan


@dataclass
class _Planning:
    plan: ImportPlan
    reference: _ReferenceData
    keys: _FileKeys = field(default_factory=_FileKeys)
    records: _Records = field(default_factory=_Records)
    accepted: dict[str, PlannedRow] = field(default_factory=dict)  # by staff number as written
    rejections: dict[int, list[Rejection]] = field(default_factory=dict)
    row_warnings: list[RowWarning] = field(default_factory=list)

    @classmethod
    def start(cls, rows: Iterable[RawRow], *, today: date, full_sync: bool) -> _Planning:
        columns = rows.columns if isinstance(rows, HrFile) else COLUMNS
        plan = ImportPlan(today=today, full_sync=full_sync, columns=columns)
        if isinstance(rows, HrFile):
            plan.warnings.extend(rows.warnings)
        return cls(plan=plan, reference=_ReferenceData.read())

    @property
    def manages(self) -> bool:
        """Whether the file has a line_manager column."""
        return "line_manager" in self.plan.columns

    def reject(self, number: int, column: str, reason: str) -> None:
        self.rejections.setdefault(number, []).append(Rejection(number, column, reason))

    def reject_accepted(self, staff_number: str, column: str, reason: str) -> None:
        row = self.accepted.pop(staff_number, None)
        if row is not None:
            self.reject(row.number, column, reason)

    def finish(self) -> ImportPlan:
        plan = self.plan
        plan.rejections = [rejection for number in sorted(self.rejections) for rejection in self.rejections[number]]
        plan.row_warnings = sorted(self.row_warnings, key=lambda warning: warning.row)
        plan.warnings.extend(f"Row {warning.row}: {warning.reason}." for warning in plan.row_warnings)
        return plan


# 1. Each row on its own ----------------------------------------------------------------


def _check_rows(planning: _Planning, rows: Iterable[RawRow], progress: Callable[[int], None] | None) -> None:
    count = 0
    for count, raw in enumerate(rows, 1):
        if progress is not None and count % BATCH_SIZE == 0:
            progress(count)
        row = _check_row(planning, raw)
        if row is not None:
            planning.accepted[row.staff_number] = row
    planning.plan.rows_read = count
    if not count:
        planning.plan.warnings.append("The file has a header row but no data rows: there is nothing to import.")


def _check_row(planning: _Planning, raw: RawRow) -> PlannedRow | None:
    """The row resolved to ids, or None when it is rejected (each of its problems recorded, once per column)."""
    number, values = raw.number, raw.values
    keys, reference = planning.keys, planning.reference
    errors: list[tuple[str, str]] = []
    # A row of the wrong shape, or with control characters, is rejected for that alone: its values may be
    # in the wrong columns, and they would fail or be garbled in the database.
    garbled = [("", raw.problem)] if raw.problem else None
    joined = "".join(values.values())
    if not joined.isprintable() and _CONTROL.search(joined):  # isprintable: a quick no for most rows
        garbled = garbled or []
        garbled.extend((column, _control_reason(text)) for column, text in values.items() if _CONTROL.search(text))

    staff_number, staff_first = _note_staff_number(keys, values["staff_number"].strip(), number, errors)
    if garbled:
        for column, reason in garbled:
            planning.reject(number, column, reason)
        return None

    email = values["email"].strip().lower()
    _check_email(keys, email, values["email"].strip(), number, staff_first, errors)
    given_name = values["given_name"].strip()
    family_name = values["family_name"].strip()
    for column, text in (("given_name", given_name), ("family_name", family_name)):
        _check_name(column, text, errors)

    grade_text = values["grade"]
    grade_id = reference.grades.get("".join(grade_text.split()).upper())
    if grade_id is None:
        if grade_text.strip():
            errors.append(("grade", f"“{grade_text.strip()}” is not a grade (known: {reference.known_grades})"))
        else:
            errors.append(("grade", "is missing"))

    department_text = " ".join(values["department"].split())
    department_key = department_text.lower()
    department_id = reference.departments.get(department_key) if department_key else None
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
            profession_id = reference.professions.get(profession_text.lower())
            if profession_id is None:
                errors.append(("profession", f"“{profession_text}” is not a profession (by code or name)"))

    line_manager = (values["line_manager"].strip() or None) if "line_manager" in values else None
    parsed = _read_dates(keys, values, errors)
    end_date = parsed["end_date"]
    if end_date and parsed["start_date"] and end_date < parsed["start_date"]:
        errors.append(("end_date", "is before start_date"))

    if errors:
        for column, reason in errors:
            planning.reject(number, column, reason)
        return None
    new_department = None
    if department_id is None:
        new_department = department_key
        if department_key not in keys.new_department_names:
            keys.new_department_names[department_key] = (department_text, number)
    today = planning.plan.today
    return PlannedRow(
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


def _note_staff_number(
    keys: _FileKeys, staff_number: str, number: int, errors: list[tuple[str, str]]
) -> tuple[str, int | None]:
    """Check a row's staff number and remember it; returns it and the earlier row that has it, if any.

    Every staff number written in the file, even in a rejected row, keeps that person from being made a
    leaver by a full sync: the valid ones are the keys of `first_staff_row`, the others go in `unreadable_staff`.
    """
    first: int | None = None
    if not staff_number:
        errors.append(("staff_number", "is missing"))
    elif not _STAFF_NUMBER.match(staff_number):
        keys.unreadable_staff.add(_presence_key(_CONTROL.sub("", staff_number)))
        errors.append(
            ("staff_number", f"“{staff_number}” is not a staff number (letters, digits, hyphens; not only hyphens)")
        )
    elif staff_number in keys.first_staff_row:
        first = keys.first_staff_row[staff_number]
    else:
        # The same staff number in other capitals is the same person too.
        key = staff_number.upper()
        first = keys.other_case.get(key) if keys.other_case else None
        if first is None and key != staff_number:
            first = keys.first_staff_row.get(key)
        if first is None and key != staff_number:
            keys.other_case[key] = number
        keys.first_staff_row[staff_number] = number
    if first is not None:
        errors.append(("staff_number", _duplicate_reason(staff_number, first, "staff number")))
    return staff_number, first


def _check_email(
    keys: _FileKeys, email: str, written: str, number: int, staff_first: int | None, errors: list[tuple[str, str]]
) -> None:
    if not email:
        errors.append(("email", "is missing"))
        return
    try:
        if len(email) > _MAX_LENGTHS["email"]:
            raise ValidationError("too long")
        if not _PLAIN_EMAIL.match(email):  # the common case, cheaply; anything else gets Django's check
            validate_email(email)
    except ValidationError:
        errors.append(("email", f"“{written}” is not a valid email address"))
        return
    email_first = keys.first_email_row.get(email)
    if email_first is None:
        keys.first_email_row[email] = number
    elif email_first != staff_first:  # a record repeated whole is named once, by its staff number
        errors.append(("email", _duplicate_reason(email, email_first, "email address")))


def _check_name(column: str, text: str, errors: list[tuple[str, str]]) -> None:
    if not text:
        errors.append((column, "is missing"))
    elif len(text) > _MAX_LENGTHS[column]:
        errors.append((column, f"is longer than {_MAX_LENGTHS[column]} characters"))
    else:
        problem = name_problem(text)
        if problem:
            errors.append((column, problem))


def _read_dates(keys: _FileKeys, values: dict[str, str], errors: list[tuple[str, str]]) -> dict[str, date | None]:
    parsed: dict[str, date | None] = {}
    for column in DATE_COLUMNS:
        text = values.get(column, "").strip()
        if not text:
            parsed[column] = None
            continue
        value = keys.dates.get(text)
        if value is None:
            try:
                value = _parse_date(text)
            except ValueError as exc:
                value = str(exc)
            keys.dates[text] = value
        if isinstance(value, str):
            errors.append((column, value))
            parsed[column] = None
        else:
            parsed[column] = value
    return parsed


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


def _presence_key(staff_number: str) -> str:
    """A staff number as a full sync matches it against the records: without spaces, in capitals. Loose on
    purpose: a row, even rejected, keeps anyone it may stand for from being made a leaver."""
    return "".join(staff_number.split()).upper()


def _control_reason(text: str) -> str:
    char = _CONTROL.search(text).group()
    return f"contains {_CONTROL_NAMES.get(char, f'a control character (U+{ord(char):04X})')}, which is not allowed"


def _duplicate_reason(key: str, first: int, what: str) -> str:
    return f"{key} is already in row {first}: only the first row with this {what} counts, so this one is not imported"


# 2. The records --------------------------------------------------------------------------


def _read_records(planning: _Planning) -> None:
    """The records on file for the file's staff numbers, and who holds its emails. A big file (a daily full
    export) reads every record in one streamed scan; a small one asks for its people, one query per batch."""
    keys, records, accepted = planning.keys, planning.records, planning.accepted
    full_sync = planning.plan.full_sync
    present = _present(planning) if full_sync else set()
    # Staff numbers match whatever their capitals: in capitals -> as first written in the file.
    spellings: dict[str, str] = {}
    for staff_number in keys.first_staff_row:
        spellings.setdefault(staff_number.upper(), staff_number)
    records.spelling = spellings
    records.scanned = len(keys.first_staff_row) > SCAN_ALL_ABOVE
    if records.scanned:
        emails = {row.email for row in accepted.values()}
        rows = Employee.objects.order_by().values_list(*RECORD_FIELDS).iterator(BATCH_SIZE)
        for values in rows:
            record = RecordOnFile._make(values)
            staff_number = record.staff_number
            records.on_record[staff_number] = record.line_manager_id
            records.staff_of_id[record.id] = staff_number
            written = spellings.get(staff_number.upper())
            if written is not None:
                records.existing[written] = record
            if full_sync and record.is_active:
                records.active_count += 1
                if _presence_key(staff_number) not in present:
                    records.active_absent.append((record.id, staff_number))
            email = record.email.lower()
            if email in emails:
                records.holders[email] = staff_number
        return
    for batch in batches(spellings):
        in_capitals = Employee.objects.annotate(in_capitals=Upper("staff_number")).filter(in_capitals__in=batch)
        for values in in_capitals.values_list(*RECORD_FIELDS):
            record = RecordOnFile._make(values)
            records.existing[spellings[record.staff_number.upper()]] = record
    for batch in batches(row.email for row in accepted.values()):
        records.holders.update(
            Employee.objects.annotate(email_lower=Lower("email"))
            .filter(email_lower__in=batch)
            .values_list("email_lower", "staff_number")
        )


def _use_recorded_spellings(planning: _Planning) -> None:
    """A row for someone on record under other capitals ("ab123" for AB123) updates that record, which keeps its
    staff number as written there; line managers named in other capitals are the same people too."""
    records, keys = planning.records, planning.keys
    renamed = {written: record.staff_number for written, record in records.existing.items()}
    renamed = {written: kept for written, kept in renamed.items() if written != kept}
    for written, kept in renamed.items():
        records.spelling[kept.upper()] = kept
        keys.first_staff_row.setdefault(kept, keys.first_staff_row[written])
    if renamed:
        records.existing = {renamed.get(written, written): record for written, record in records.existing.items()}
        accepted = {}
        for written, row in planning.accepted.items():
            row.staff_number = renamed.get(written, written)
            accepted[row.staff_number] = row
        planning.accepted = accepted
    _spell_line_managers(planning, records.spelling)


def _spell_line_managers(planning: _Planning, spelling: dict[str, str]) -> None:
    """Each line manager named as their staff number is kept (or first written), whatever its capitals here."""
    for row in planning.accepted.values():
        manager = row.line_manager
        if manager is not None:
            row.line_manager = spelling.get(manager.upper(), manager)


def _present(planning: _Planning) -> set[str]:
    """For a full sync: every staff number written in the file, loosely (see `_presence_key`)."""
    keys = planning.keys
    return {staff_number.upper() for staff_number in keys.first_staff_row} | keys.unreadable_staff


def _reject_emails_held_by_others(planning: _Planning) -> None:
    holders = planning.records.holders
    for staff_number, row in list(planning.accepted.items()):
        holder = holders.get(row.email)
        if holder is not None and holder != staff_number:
            planning.reject_accepted(staff_number, "email", f"{row.email} belongs to staff number {holder} on record")


def _reject_dates_against_records(planning: _Planning) -> None:
    """A file with only one of start_date and end_date keeps the other as recorded: they must still agree."""
    columns = planning.plan.columns
    if ("start_date" in columns) == ("end_date" in columns):
        return
    file_has_end = "end_date" in columns
    for staff_number, row in list(planning.accepted.items()):
        record = planning.records.existing.get(staff_number)
        if record is None:
            continue
        if file_has_end and row.end_date and record.start_date and row.end_date < record.start_date:
            reason = (
                f"{row.end_date.isoformat()} is before the start date on record ({record.start_date.isoformat()}); "
                "add a start_date column to change that too"
            )
            planning.reject_accepted(staff_number, "end_date", reason)
        elif not file_has_end and row.start_date and record.end_date and record.end_date < row.start_date:
            reason = (
                f"{row.start_date.isoformat()} is after the end date on record ({record.end_date.isoformat()}); "
                "add an end_date column (blank to clear it) to change that too"
            )
            planning.reject_accepted(staff_number, "start_date", reason)


# 3. Management chains ---------------------------------------------------------------------


def _read_management_chains(planning: _Planning) -> None:
    """The managers named here, and everyone above people on record, in a few queries."""
    records, keys = planning.records, planning.keys
    for record in records.existing.values():
        records.on_record[record.staff_number] = record.line_manager_id
        records.staff_of_id[record.id] = record.staff_number
    outside = {row.line_manager for row in planning.accepted.values() if row.line_manager}
    outside -= keys.first_staff_row.keys()
    outside -= records.on_record.keys()
    found: dict[str, str] = {}
    for batch in batches(sorted({manager.upper() for manager in outside})):
        in_capitals = Employee.objects.annotate(in_capitals=Upper("staff_number")).filter(in_capitals__in=batch)
        for pk, staff_number, manager_id in in_capitals.values_list("id", "staff_number", "line_manager_id"):
            records.on_record[staff_number] = manager_id
            records.staff_of_id[pk] = staff_number
            found[staff_number.upper()] = staff_number
    if found:
        _spell_line_managers(planning, found)
    above = {manager_id for manager_id in records.on_record.values() if manager_id is not None}
    above -= records.staff_of_id.keys()
    for batch in batches(sorted(above)):
        for pk, staff_number, manager_id in (
            Employee.objects.filter(pk__in=batch).with_managers().values_list("id", "staff_number", "line_manager_id")
        ):
            records.on_record[staff_number] = manager_id
            records.staff_of_id[pk] = staff_number


def _settle_line_managers(planning: _Planning) -> None:
    """Only a line manager who is nowhere (neither in the file nor on record), or a management cycle, rejects
    a row. A row whose manager's row is rejected keeps its recorded manager instead (`_keep_recorded_manager`);
    a rejected member of a cycle falls back on their recorded manager, which may close another cycle."""
    _reject_unknown_managers(planning)
    while True:
        _keep_recorded_managers(planning)
        cycles = _management_cycles(planning)
        if not cycles:
            return
        for staff_number, reason in cycles:
            planning.reject_accepted(staff_number, "line_manager", reason)


def _reject_unknown_managers(planning: _Planning) -> None:
    on_record, in_file = planning.records.on_record, planning.keys.first_staff_row
    unmanaged: list[tuple[str, str]] = []
    for staff_number, row in planning.accepted.items():
        manager = row.line_manager
        if manager is None:
            continue
        if manager == staff_number:
            unmanaged.append((staff_number, "a person cannot be their own line manager"))
        elif manager not in on_record and manager not in in_file:
            unmanaged.append((staff_number, f"no one with staff number {manager} is in this file or on record"))
    for staff_number, reason in unmanaged:
        planning.reject_accepted(staff_number, "line_manager", reason)


def _keep_recorded_managers(planning: _Planning) -> None:
    """Rows whose line manager's row is rejected, the manager not being on record, are applied with the line
    manager on record (none for a new person) rather than rejected: one bad row must not cost the rows under
    it. Each is named in a warning."""
    accepted, on_record = planning.accepted, planning.records.on_record
    for row in accepted.values():
        manager = row.line_manager
        if manager is None or manager in accepted or manager in on_record:
            continue
        record = planning.records.existing.get(row.staff_number)
        kept = record.line_manager_staff_number if record is not None else None
        row.line_manager = kept
        if record is None:
            outcome = "is imported without a line manager"
        elif kept is None:
            outcome = "keeps no line manager, as on record"
        else:
            outcome = f"keeps line manager {kept}, as on record"
        first_row = planning.keys.first_staff_row[manager]
        reason = f"{row.staff_number} {outcome}: the row for {manager} (row {first_row}) is rejected"
        planning.row_warnings.append(RowWarning(row.number, "line_manager", reason))


def _management_cycles(planning: _Planning) -> list[tuple[str, str]]:
    """Accepted rows in a management cycle (through the file's managers and the recorded ones), with why."""
    accepted, records, manages = planning.accepted, planning.records, planning.manages

    def manager_of(staff_number: str) -> str | None:
        row = accepted.get(staff_number)
        if row is not None and manages:
            return row.line_manager
        manager_id = records.on_record.get(staff_number)
        return None if manager_id is None else records.staff_of_id.get(manager_id)

    def label(member: str) -> str:
        return member if member in accepted else f"{member} (on record)"

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
                for member, reason in zip(cycle, _cycle_reasons(cycle, label), strict=True):
                    if member in accepted:
                        cycles.append((member, reason))
        for member in path:
            state[member] = 2
    return cycles


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


# 4. Departments to create ---------------------------------------------------------------------


def _plan_departments(planning: _Planning) -> None:
    """The departments accepted rows name and the records do not have, each given a code."""
    taken = set(planning.reference.departments.by_code)
    codes: dict[str, str] = {}
    used_keys = {row.new_department for row in planning.accepted.values() if row.new_department}
    for key, (name, first_row) in planning.keys.new_department_names.items():
        if key not in used_keys:
            continue
        code = _new_department_code(name, taken)
        taken.add(code.lower())
        codes[key] = code
        planning.plan.new_departments.append(NewDepartment(code=code, name=name, first_row=first_row))
    for row in planning.accepted.values():
        if row.new_department:
            row.new_department = codes[row.new_department]


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


# 5. Classify against the records ---------------------------------------------------------------


def _classify(planning: _Planning) -> None:
    plan = planning.plan
    for staff_number, row in planning.accepted.items():
        record = planning.records.existing.get(staff_number)
        if record is None:
            plan.created.append(row)
            continue
        changes = _changes(planning, record, row)
        if changes:
            plan.updated.append(EmployeeUpdate(employee_id=record.id, row=row, changes=tuple(changes)))
        else:
            plan.unchanged.append(staff_number)


def _changes(planning: _Planning, record: RecordOnFile, row: PlannedRow) -> list[FieldChange]:
    """What importing this row would change in this record, field by field (and who would become a leaver)."""
    plan, reference = planning.plan, planning.reference
    department_code, profession_code = reference.departments.code_of, reference.professions.code_of
    columns = plan.columns
    changes: list[FieldChange] = []
    if record.email.lower() != row.email:
        changes.append(FieldChange("email", record.email, row.email))
    if record.given_name != row.given_name:
        changes.append(FieldChange("given_name", record.given_name, row.given_name))
    if record.family_name != row.family_name:
        changes.append(FieldChange("family_name", record.family_name, row.family_name))
    if record.grade_id != row.grade_id:
        changes.append(
            FieldChange("grade", reference.grade_code.get(record.grade_id), reference.grade_code[row.grade_id])
        )
    if row.new_department is not None:
        changes.append(
            FieldChange("department", department_code.get(record.department_id), f"{row.new_department} (new)")
        )
    elif record.department_id != row.department_id:
        changes.append(
            FieldChange("department", department_code.get(record.department_id), department_code[row.department_id])
        )
    if "profession" in columns and record.profession_id != row.profession_id:
        changes.append(
            FieldChange("profession", profession_code.get(record.profession_id), profession_code.get(row.profession_id))
        )
    if planning.manages and record.line_manager_staff_number != row.line_manager:
        changes.append(FieldChange("line_manager", record.line_manager_staff_number, row.line_manager))
    for field_name in ("grade_since", "start_date", "end_date"):
        if field_name in columns and getattr(record, field_name) != getattr(row, field_name):
            changes.append(FieldChange(field_name, getattr(record, field_name), getattr(row, field_name)))
    if "end_date" not in columns:  # the record's own end date decides
        row.end_date = record.end_date
        row.is_active = not (row.end_date is not None and row.end_date < plan.today)
    if record.is_active != row.is_active:
        changes.append(FieldChange("is_active", record.is_active, row.is_active))
        if record.is_active:
            plan.leaving.append(row.staff_number)
    return changes


# 6. Full sync: who the file does not mention ------------------------------------------------------


def _find_absent(planning: _Planning) -> None:
    """Active people whose staff number is written in no row of the file (accepted or not), in one streamed
    query; and how many people are active, to tell a plausible number of leavers from a mistake."""
    plan, records = planning.plan, planning.records
    if not plan.full_sync:
        return
    if not records.scanned:
        present = _present(planning)
        active = Employee.objects.active().order_by().values_list("id", "staff_number").iterator(BATCH_SIZE)
        for pk, staff_number in active:
            records.active_count += 1
            if _presence_key(staff_number) not in present:
                records.active_absent.append((pk, staff_number))
    for pk, staff_number in records.active_absent:
        plan.absent_ids.append(pk)
        plan.absent.append(staff_number)
    plan.active_on_record = records.active_count
