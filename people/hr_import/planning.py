"""Planning an import: every row checked, then compared with the records, in six named steps. Writes nothing
to the records.

The rows pass through a temporary table (`_Rows`: COPY on PostgreSQL), and each step compares them with the
records in SQL, bringing back only the rows it has something to say about. So memory stays bounded whatever
the file's size: a re-import of half a million people, nearly all unchanged, holds only what changes, and
what is rejected or warned about.

`plan_import` runs the steps in order over one `_Planning` (the plan being made and what the steps share):

1. `_check_rows`: each row on its own, into the table; then `_reject_duplicates`: keys (staff numbers,
   emails) already used by an earlier row;
2. `_use_recorded_spellings`, then the rows the records reject (`_reject_emails_held_by_others`,
   `_reject_dates_against_records`);
3. `_settle_line_managers`: unknown managers, managers whose rows are rejected, management cycles;
4. `_plan_departments`: the departments accepted rows would create;
5. `_classify`: created, updated (field by field), unchanged;
6. `_find_absent`: for a full sync, the active people the file does not mention.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import connections, transaction

from people.hr_import.plan import (
    BATCH_SIZE,
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
_EMPLOYEES = Employee._meta.db_table


@without_cyclic_gc()
def plan_import(
    rows: Iterable[RawRow], *, today: date, full_sync: bool = False, progress: Callable[[int], None] | None = None
) -> ImportPlan:
    """Validate every row, then say what importing the accepted ones would change. Writes nothing.

    `progress`, if given, is called with the number of records read so far, every BATCH_SIZE records.
    """
    with _Rows.open() as table:
        planning = _Planning.start(rows, table, today=today, full_sync=full_sync)
        _check_rows(planning, rows, progress)
        with table.comparing():
            _reject_duplicates(planning)
            _use_recorded_spellings(planning)
            _reject_emails_held_by_others(planning)
            _reject_dates_against_records(planning)
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


# The rows' table ---------------------------------------------------------------------


class _Rows:
    """The file's rows in a temporary table, one per row of the file, rejected or not.

    `presence` holds every staff number written (loosely, see `_presence_key`) and `staff` the valid ones
    as written (then as kept on record); `email` the valid email of a row read whole, in small letters; `ok`
    whether the row is still accepted. The rest is the row resolved to ids, for rows accepted on their own.
    `first_staff` is set, for staff numbers written in several rows (whatever their capitals), to the
    earliest of them.

    The table lives as long as the planning, and is dropped at its end. Planning runs outside any transaction
    of its own, so that the progress it reports is seen while it runs (and SQLite's transactions would lock
    the database for writing).
    """

    NAME = "hr_import_rows"
    COLUMNS = (
        ("number", "integer PRIMARY KEY"),
        ("presence", "text"),
        ("staff", "text"),
        ("staff_upper", "text"),
        ("email", "text"),
        ("ok", "boolean NOT NULL"),
        ("given_name", "text"),
        ("family_name", "text"),
        ("grade_id", "bigint"),
        ("department_id", "bigint"),
        ("new_department", "text"),  # the name, in small letters, of a department the import would create
        ("profession_id", "bigint"),
        ("line_manager", "text"),
        ("grade_since", "date"),
        ("start_date", "date"),
        ("end_date", "date"),
        ("is_active", "boolean"),
        ("first_staff", "integer"),
    )
    # The columns that make a PlannedRow, in its order (staff_number is `staff`).
    PLANNED = (
        "number",
        "staff",
        "email",
        "given_name",
        "family_name",
        "grade_id",
        "department_id",
        "new_department",
        "profession_id",
        "line_manager",
        "grade_since",
        "start_date",
        "end_date",
        "is_active",
    )

    def __init__(self, connection):
        self.connection = connection
        self.postgresql = connection.vendor == "postgresql"
        self.pending: list[tuple] = []

    @classmethod
    @contextmanager
    def open(cls) -> Iterator[_Rows]:
        connection = connections[Employee.objects.db]
        table = cls(connection)
        columns = ", ".join(f"{name} {kind}" for name, kind in cls.COLUMNS)
        if table.postgresql and connection.in_atomic_block:
            # In the caller's transaction: a savepoint, so that the table goes whatever the end (after an error
            # PostgreSQL refuses every statement until the rollback, a DROP included).
            with transaction.atomic(using=connection.alias):
                table.execute(f"CREATE TEMPORARY TABLE {cls.NAME} ({columns}) ON COMMIT DROP")
                yield table
                table.execute(f"DROP TABLE {cls.NAME}")
            return
        # Autocommit, as imports are checked and applied: the progress written between batches is seen at once
        # by the import's page; the table is dropped at the end, whatever the end.
        table.execute(f"DROP TABLE IF EXISTS {cls.NAME}")
        table.execute(f"CREATE TEMPORARY TABLE {cls.NAME} ({columns})")
        try:
            yield table
        finally:
            table.execute(f"DROP TABLE IF EXISTS {cls.NAME}")

    @contextmanager
    def comparing(self) -> Iterator[None]:
        """PostgreSQL: the steps after reading in one transaction, so that they see the records as they stand at
        one moment, and stream their results without materialising them (a cursor outside a transaction must
        be held past its commit). Reading, which reports progress, stays outside it, so the progress is seen."""
        if not self.postgresql:
            yield
            return
        with transaction.atomic(using=self.connection.alias):
            yield

    def execute(self, sql: str, params=()) -> int:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.rowcount

    def select(self, sql: str, params=()) -> list[tuple]:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def stream(self, sql: str, params=()) -> Iterator[tuple]:
        """The rows of a query, fetched a batch at a time (on PostgreSQL through a server-side cursor)."""
        with self.connection.chunked_cursor() as cursor:  # a plain cursor where the database has no other
            cursor.execute(sql, params)
            while batch := cursor.fetchmany(BATCH_SIZE):
                yield from batch

    def add(self, values: tuple) -> None:
        self.pending.append(values)
        if len(self.pending) >= BATCH_SIZE:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        names = ", ".join(name for name, _ in self.COLUMNS)
        if self.postgresql:
            copy_sql = f"COPY {self.NAME} ({names}) FROM STDIN"
            with self.connection.cursor() as cursor, cursor.cursor.copy(copy_sql) as copy:
                for values in self.pending:
                    copy.write_row(values)
        else:
            placeholders = ", ".join(["%s"] * len(self.COLUMNS))
            rows = [tuple(v.isoformat() if isinstance(v, date) else v for v in values) for values in self.pending]
            with self.connection.cursor() as cursor:
                cursor.executemany(f"INSERT INTO {self.NAME} ({names}) VALUES ({placeholders})", rows)  # noqa: S608
        self.pending = []

    def index(self) -> None:
        """Once every row is in: the indexes the steps join on, and the statistics PostgreSQL plans with
        (autovacuum never analyses a temporary table)."""
        self.flush()
        for column in ("staff", "staff_upper", "presence"):
            self.execute(f"CREATE INDEX {self.NAME}_{column} ON {self.NAME} ({column})")
        self.execute(f"ANALYZE {self.NAME}")

    def unaccept(self, numbers: Iterable[int]) -> None:
        for batch in batches(sorted(set(numbers))):
            placeholders = ", ".join(["%s"] * len(batch))
            self.execute(f"UPDATE {self.NAME} SET ok = FALSE WHERE number IN ({placeholders})", batch)  # noqa: S608

    def set_line_managers(self, changes: list[tuple[str | None, int]]) -> None:
        """(line manager, row number) pairs."""
        with self.connection.cursor() as cursor:
            for batch in batches(changes):
                cursor.executemany(f"UPDATE {self.NAME} SET line_manager = %s WHERE number = %s", batch)  # noqa: S608

    @contextmanager
    def hashed(self) -> Iterator[None]:
        """PostgreSQL: plan the statements inside as hash joins. Looking every row's line manager up among the
        rows themselves, the planner otherwise probes an index once a row (half a million probes where one
        hash of the table does). The setting is the transaction's, or else put back at once."""
        if not self.postgresql:
            yield
            return
        local = "LOCAL " if self.connection.in_atomic_block else ""
        self.execute(f"SET {local}enable_nestloop = off")
        try:
            yield
        finally:
            self.execute(f"SET {local}enable_nestloop = on" if local else "RESET enable_nestloop")

    def distinct(self, left: str, right: str) -> str:
        """SQL: whether two values differ, a null differing from any value but null."""
        return f"{left} IS DISTINCT FROM {right}" if self.postgresql else f"{left} IS NOT {right}"

    def day(self, value) -> date | None:
        """A date as the database gives it back (SQLite: as text)."""
        return date.fromisoformat(value) if isinstance(value, str) else value


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
    """What reading the rows keeps in memory besides the table: little, and none of it a row per row."""

    new_department_names: dict[str, tuple[str, int]] = field(default_factory=dict)  # lower case -> (as written, row)
    dates: dict[str, date | str] = field(default_factory=dict)  # each date text read so far: its date, or why not
    department_codes: dict[str, str] = field(default_factory=dict)  # lower case name -> code it would be given


@dataclass
class _Planning:
    plan: ImportPlan
    reference: _ReferenceData
    rows: _Rows
    keys: _FileKeys = field(default_factory=_FileKeys)
    rejections: dict[int, list[Rejection]] = field(default_factory=dict)
    garbled: set[int] = field(default_factory=set)  # rows rejected for their shape or control characters alone
    row_warnings: list[RowWarning] = field(default_factory=list)

    @classmethod
    def start(cls, rows: Iterable[RawRow], table: _Rows, *, today: date, full_sync: bool) -> _Planning:
        columns = rows.columns if isinstance(rows, HrFile) else COLUMNS
        plan = ImportPlan(today=today, full_sync=full_sync, columns=columns)
        if isinstance(rows, HrFile):
            plan.warnings.extend(rows.warnings)
        return cls(plan=plan, reference=_ReferenceData.read(), rows=table)

    @property
    def manages(self) -> bool:
        """Whether the file has a line_manager column."""
        return "line_manager" in self.plan.columns

    def reject(self, number: int, column: str, reason: str, *, at: int | None = None) -> None:
        reasons = self.rejections.setdefault(number, [])
        rejection = Rejection(number, column, reason)
        if at is None:
            reasons.append(rejection)
        else:
            reasons.insert(at, rejection)

    def reject_accepted(self, rejected: Iterable[tuple[int, str, str]]) -> None:
        """Reject accepted rows: (row number, column, reason)."""
        numbers = []
        for number, column, reason in rejected:
            self.reject(number, column, reason)
            numbers.append(number)
        self.rows.unaccept(numbers)

    def planned_row(self, values: tuple) -> PlannedRow:
        """A PlannedRow from the _Rows.PLANNED columns as the database gives them back."""
        day = self.rows.day
        (number, staff, email, given, family, grade, department, new_department, profession, manager) = values[:10]
        since, start, end, active = values[10:14]
        return PlannedRow(
            number=number,
            staff_number=staff,
            email=email,
            given_name=given,
            family_name=family,
            grade_id=grade,
            department_id=department,
            new_department=self.keys.department_codes.get(new_department) if new_department else None,
            profession_id=profession,
            line_manager=manager,
            grade_since=day(since),
            start_date=day(start),
            end_date=day(end),
            is_active=bool(active),
        )

    def finish(self) -> ImportPlan:
        plan = self.plan
        plan.rejections = [rejection for number in sorted(self.rejections) for rejection in self.rejections[number]]
        plan.row_warnings = sorted(self.row_warnings, key=lambda warning: warning.row)
        plan.warnings.extend(f"Row {warning.row}: {warning.reason}." for warning in plan.row_warnings)
        return plan


# 1. Each row on its own ----------------------------------------------------------------


def _check_rows(planning: _Planning, rows: Iterable[RawRow], progress: Callable[[int], None] | None) -> None:
    count = 0
    table = planning.rows
    for count, raw in enumerate(rows, 1):
        if progress is not None and count % BATCH_SIZE == 0:
            table.flush()  # before the progress is written, on the same connection
            progress(count)
        table.add(_check_row(planning, raw))
    table.index()
    planning.plan.rows_read = count
    if not count:
        planning.plan.warnings.append("The file has a header row but no data rows: there is nothing to import.")


def _check_row(planning: _Planning, raw: RawRow) -> tuple:
    """The row for the table: resolved to ids when it is accepted on its own; otherwise only its keys, each of
    its problems recorded (once per column)."""
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

    staff_number, presence = _read_staff_number(values["staff_number"].strip(), errors)
    staff_upper = staff_number.upper() if staff_number else None
    if garbled:
        planning.garbled.add(number)
        for column, reason in garbled:
            planning.reject(number, column, reason)
        return _rejected_row(number, presence, staff_number, staff_upper, None)

    email = values["email"].strip().lower()
    email_valid = _check_email(email, values["email"].strip(), errors)
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
        return _rejected_row(number, presence, staff_number, staff_upper, email if email_valid else None)
    new_department = None
    if department_id is None:
        new_department = department_key
        if department_key not in keys.new_department_names:
            keys.new_department_names[department_key] = (department_text, number)
    today = planning.plan.today
    return (
        number,
        presence,
        staff_number,
        staff_upper,
        email,
        True,
        given_name,
        family_name,
        grade_id,
        department_id,
        new_department,
        profession_id,
        line_manager,
        parsed["grade_since"],
        parsed["start_date"],
        end_date,
        not (end_date is not None and end_date < today),
        None,
    )


def _rejected_row(number: int, presence, staff_number, staff_upper, email) -> tuple:
    """A rejected row's keys, which still count: for duplicates, managers named, and a full sync's leavers."""
    return (number, presence, staff_number, staff_upper, email, False, *([None] * 12))


def _read_staff_number(staff_number: str, errors: list[tuple[str, str]]) -> tuple[str | None, str | None]:
    """A row's staff number if it is valid, and its presence key (see `_presence_key`) if it has one.

    Every staff number written in the file, even in a rejected row, keeps that person from being made a
    leaver by a full sync, and a valid one counts for duplicates and as a line manager in the file.
    """
    if not staff_number:
        errors.append(("staff_number", "is missing"))
        return None, None
    if not _STAFF_NUMBER.match(staff_number):
        errors.append(
            ("staff_number", f"“{staff_number}” is not a staff number (letters, digits, hyphens; not only hyphens)")
        )
        return None, _presence_key(_CONTROL.sub("", staff_number))
    return staff_number, staff_number.upper()


def _check_email(email: str, written: str, errors: list[tuple[str, str]]) -> bool:
    """Whether the email is valid (a duplicate is found afterwards, in `_reject_duplicates`)."""
    if not email:
        errors.append(("email", "is missing"))
        return False
    try:
        if len(email) > _MAX_LENGTHS["email"]:
            raise ValidationError("too long")
        if not _PLAIN_EMAIL.match(email):  # the common case, cheaply; anything else gets Django's check
            validate_email(email)
    except ValidationError:
        errors.append(("email", f"“{written}” is not a valid email address"))
        return False
    return True


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


def _reject_duplicates(planning: _Planning) -> None:
    """A staff number (whatever its capitals) or email already in an earlier row, rejected or not: only the
    earliest row counts. A row repeating an earlier one whole is named once, for its staff number."""
    table, name = planning.rows, _Rows.NAME
    table.execute(
        f"UPDATE {name} SET first_staff = "  # noqa: S608 - fixed names
        f"(SELECT MIN(t.number) FROM {name} t WHERE t.staff_upper = {name}.staff_upper) "
        f"WHERE staff_upper IN (SELECT staff_upper FROM {name} GROUP BY staff_upper HAVING COUNT(*) > 1)"
    )
    staff_duplicates = table.select(
        f"SELECT number, staff, first_staff FROM {name} "  # noqa: S608
        "WHERE first_staff IS NOT NULL AND number <> first_staff ORDER BY number"
    )
    email_duplicates = table.select(
        f"SELECT r.number, r.email, f.first, r.first_staff FROM {name} r "  # noqa: S608
        f"JOIN (SELECT email, MIN(number) AS first FROM {name} WHERE email IS NOT NULL "
        "GROUP BY email HAVING COUNT(*) > 1) f ON f.email = r.email "
        "WHERE r.number <> f.first ORDER BY r.number"
    )
    whole = {number for number, *_ in staff_duplicates}
    numbers = []
    for number, staff, first in staff_duplicates:
        if number in planning.garbled:  # rejected for its shape alone
            continue
        planning.reject(number, "staff_number", _duplicate_reason(staff, first, "staff number"), at=0)
        numbers.append(number)
    for number, email, first, staff_first in email_duplicates:
        if number in whole and first == staff_first:  # a record repeated whole is named once, by its staff number
            continue
        reasons = planning.rejections.get(number, [])
        at = 1 if reasons and reasons[0].column == "staff_number" else 0
        planning.reject(number, "email", _duplicate_reason(email, first, "email address"), at=at)
        numbers.append(number)
    table.unaccept(numbers)


# 2. The records --------------------------------------------------------------------------

_RECORD = f"JOIN {_EMPLOYEES} e ON UPPER(e.staff_number) = r.staff_upper"
_RECORD_MANAGER = f"LEFT JOIN {_EMPLOYEES} m ON m.id = e.line_manager_id"


def _use_recorded_spellings(planning: _Planning) -> None:
    """A row for someone on record under other capitals ("ab123" for AB123) updates that record, which keeps its
    staff number as written there; line managers named in other capitals are the same people too: each is
    named as they are kept on record, or else as the earliest row of the file writes them."""
    table, name = planning.rows, _Rows.NAME
    renamed = table.select(
        f"SELECT e.staff_number, r.number FROM {name} r {_RECORD} "  # noqa: S608 - fixed names
        "WHERE r.staff IS NOT NULL AND e.staff_number <> r.staff"
    )
    with table.connection.cursor() as cursor:
        for batch in batches(renamed):
            cursor.executemany(f"UPDATE {name} SET staff = %s WHERE number = %s", batch)  # noqa: S608
    with table.hashed():
        _spell_line_managers(table)


def _spell_line_managers(table: _Rows) -> None:
    name = _Rows.NAME
    table.execute(
        f"UPDATE {name} SET line_manager = COALESCE("  # noqa: S608
        f"(SELECT e.staff_number FROM {_EMPLOYEES} e WHERE UPPER(e.staff_number) = UPPER({name}.line_manager)), "
        f"(SELECT t.staff FROM {name} t WHERE t.staff_upper = UPPER({name}.line_manager) ORDER BY t.number LIMIT 1), "
        "line_manager) "
        "WHERE ok AND line_manager IS NOT NULL "
        f"AND NOT EXISTS (SELECT 1 FROM {_EMPLOYEES} e WHERE e.staff_number = {name}.line_manager) "
        f"AND NOT EXISTS (SELECT 1 FROM {name} t WHERE t.staff = {name}.line_manager AND t.first_staff IS NULL)"
    )


def _reject_emails_held_by_others(planning: _Planning) -> None:
    held = planning.rows.select(
        f"SELECT r.number, r.email, e.staff_number FROM {_Rows.NAME} r "  # noqa: S608 - fixed names
        f"JOIN {_EMPLOYEES} e ON LOWER(e.email) = r.email "
        "WHERE r.ok AND UPPER(e.staff_number) <> r.staff_upper ORDER BY r.number"
    )
    planning.reject_accepted(
        (number, "email", f"{email} belongs to staff number {holder} on record") for number, email, holder in held
    )


def _reject_dates_against_records(planning: _Planning) -> None:
    """A file with only one of start_date and end_date keeps the other as recorded: they must still agree."""
    columns, table, day = planning.plan.columns, planning.rows, planning.rows.day
    if ("start_date" in columns) == ("end_date" in columns):
        return
    if "end_date" in columns:
        clash = table.select(
            f"SELECT r.number, r.end_date, e.start_date FROM {_Rows.NAME} r {_RECORD} "  # noqa: S608
            "WHERE r.ok AND r.end_date < e.start_date ORDER BY r.number"
        )
        planning.reject_accepted(
            (
                number,
                "end_date",
                f"{day(end).isoformat()} is before the start date on record ({day(start).isoformat()}); "
                "add a start_date column to change that too",
            )
            for number, end, start in clash
        )
        return
    clash = table.select(
        f"SELECT r.number, r.start_date, e.end_date FROM {_Rows.NAME} r {_RECORD} "  # noqa: S608
        "WHERE r.ok AND e.end_date < r.start_date ORDER BY r.number"
    )
    planning.reject_accepted(
        (
            number,
            "start_date",
            f"{day(start).isoformat()} is after the end date on record ({day(end).isoformat()}); "
            "add an end_date column (blank to clear it) to change that too",
        )
        for number, start, end in clash
    )


# 3. Management chains ---------------------------------------------------------------------


def _settle_line_managers(planning: _Planning) -> None:
    """Only a line manager who is nowhere (neither in the file nor on record), or a management cycle, rejects
    a row. A row whose manager's row is rejected keeps its recorded manager instead (`_keep_recorded_managers`);
    a rejected member of a cycle falls back on their recorded manager, which may close another cycle."""
    if not planning.manages:
        return
    _reject_unknown_managers(planning)
    while True:
        _keep_recorded_managers(planning)
        cycles = _management_cycles(planning)
        if not cycles:
            return
        planning.reject_accepted(cycles)


def _reject_unknown_managers(planning: _Planning) -> None:
    name = _Rows.NAME
    with planning.rows.hashed():
        unmanaged = planning.rows.select(
            f"SELECT number, line_manager, staff FROM {name} "  # noqa: S608 - fixed names
            "WHERE ok AND line_manager = staff "
            f"UNION ALL SELECT r.number, r.line_manager, r.staff FROM {name} r "
            "WHERE r.ok AND r.line_manager <> r.staff "  # two queries in one: an OR would defeat the anti-joins
            f"AND NOT EXISTS (SELECT 1 FROM {name} t WHERE t.staff = r.line_manager) "
            f"AND NOT EXISTS (SELECT 1 FROM {_EMPLOYEES} e WHERE e.staff_number = r.line_manager) ORDER BY 1"
        )
    planning.reject_accepted(
        (
            number,
            "line_manager",
            "a person cannot be their own line manager"
            if manager == staff_number
            else f"no one with staff number {manager} is in this file or on record",
        )
        for number, manager, staff_number in unmanaged
    )


def _keep_recorded_managers(planning: _Planning) -> None:
    """Rows whose line manager's row is rejected, the manager not being on record, are applied with the line
    manager on record (none for a new person) rather than rejected: one bad row must not cost the rows under
    it. Each is named in a warning."""
    name = _Rows.NAME
    with planning.rows.hashed():
        orphans = planning.rows.select(
            f"SELECT r.number, r.staff, r.line_manager, e.id, m.staff_number, "  # noqa: S608 - fixed names
            f"(SELECT MIN(t.number) FROM {name} t WHERE t.staff_upper = UPPER(r.line_manager)) "
            f"FROM {name} r LEFT {_RECORD} {_RECORD_MANAGER} "
            "WHERE r.ok AND r.line_manager IS NOT NULL "
            f"AND NOT EXISTS (SELECT 1 FROM {name} t WHERE t.staff = r.line_manager AND t.ok) "
            f"AND NOT EXISTS (SELECT 1 FROM {_EMPLOYEES} x WHERE x.staff_number = r.line_manager) ORDER BY r.number"
        )
    kept_managers = []
    for number, staff_number, manager, record_id, kept, first_row in orphans:
        kept_managers.append((kept, number))
        if record_id is None:
            outcome = "is imported without a line manager"
        elif kept is None:
            outcome = "keeps no line manager, as on record"
        else:
            outcome = f"keeps line manager {kept}, as on record"
        reason = f"{staff_number} {outcome}: the row for {manager} (row {first_row}) is rejected"
        planning.row_warnings.append(RowWarning(number, "line_manager", reason))
    planning.rows.set_line_managers(kept_managers)


def _management_cycles(planning: _Planning) -> list[tuple[int, str, str]]:
    """Accepted rows in a management cycle (through the file's managers and the recorded ones), with why.

    A cycle passes through at least one row whose line manager is not the one on record (the records have
    none), so the walk starts from those rows only and reads, a level at a time, the managers above them.
    """
    table, name = planning.rows, _Rows.NAME
    starts = table.select(
        f"SELECT r.staff, r.line_manager, r.number FROM {name} r LEFT {_RECORD} {_RECORD_MANAGER} "  # noqa: S608
        f"WHERE r.ok AND r.line_manager IS NOT NULL AND {table.distinct('m.staff_number', 'r.line_manager')} "
        "ORDER BY r.number"
    )
    manager_of: dict[str, str | None] = {}
    number_of: dict[str, int] = {}
    for staff_number, manager, number in starts:
        manager_of[staff_number] = manager
        number_of[staff_number] = number
    wanted = {manager for manager in manager_of.values() if manager not in manager_of}
    while wanted:
        found: dict[str, str | None] = {}
        for batch in batches(sorted(wanted)):
            placeholders = ", ".join(["%s"] * len(batch))
            for staff_number, manager, number in table.select(
                f"SELECT staff, line_manager, number FROM {name} WHERE ok AND staff IN ({placeholders})",  # noqa: S608
                batch,
            ):
                found[staff_number] = manager
                number_of[staff_number] = number
        on_record = sorted(wanted - found.keys())
        for batch in batches(on_record):
            placeholders = ", ".join(["%s"] * len(batch))
            found.update(
                table.select(
                    f"SELECT e.staff_number, m.staff_number FROM {_EMPLOYEES} e {_RECORD_MANAGER} "  # noqa: S608
                    f"WHERE e.staff_number IN ({placeholders})",
                    batch,
                )
            )
        for staff_number in wanted - found.keys():
            found[staff_number] = None
        manager_of.update(found)
        wanted = {manager for manager in found.values() if manager is not None and manager not in manager_of}

    def label(member: str) -> str:
        return member if member in number_of else f"{member} (on record)"

    cycles: list[tuple[int, str, str]] = []
    state: dict[str, int] = {}  # 1 on the path being walked, 2 done
    for start in sorted(number_of, key=number_of.__getitem__):  # in the file's order, as messages name them
        path: list[str] = []
        node: str | None = start
        while node is not None and node not in state:
            state[node] = 1
            path.append(node)
            node = manager_of.get(node)
        if node is not None and state[node] == 1:
            cycle = path[path.index(node) :]
            if any(member in number_of for member in cycle):
                for member, reason in zip(cycle, _cycle_reasons(cycle, label), strict=True):
                    if member in number_of:
                        cycles.append((number_of[member], "line_manager", reason))
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
    used_keys = {
        key
        for (key,) in planning.rows.select(
            f"SELECT DISTINCT new_department FROM {_Rows.NAME} WHERE ok AND new_department IS NOT NULL"  # noqa: S608
        )
    }
    for key, (name, first_row) in planning.keys.new_department_names.items():
        if key not in used_keys:
            continue
        code = _new_department_code(name, taken)
        taken.add(code.lower())
        planning.keys.department_codes[key] = code
        planning.plan.new_departments.append(NewDepartment(code=code, name=name, first_row=first_row))


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
    """Created: accepted rows with no record. Updated: those whose record differs, found in SQL (a loose test:
    `_changes` decides, field by field). Unchanged: the others, only counted."""
    plan, table, name, columns = planning.plan, planning.rows, _Rows.NAME, planning.plan.columns
    planned = ", ".join(f"r.{column}" for column in _Rows.PLANNED)
    plan.created = [
        planning.planned_row(values)
        for values in table.stream(
            f"SELECT {planned} FROM {name} r WHERE r.ok AND NOT EXISTS "  # noqa: S608 - fixed names
            f"(SELECT 1 FROM {_EMPLOYEES} e WHERE UPPER(e.staff_number) = r.staff_upper) ORDER BY r.number"
        )
    ]
    today = plan.today if table.postgresql else plan.today.isoformat()
    differs = [
        "LOWER(e.email) <> r.email",
        "e.given_name <> r.given_name",
        "e.family_name <> r.family_name",
        "e.grade_id <> r.grade_id",
        "r.new_department IS NOT NULL",
        "e.department_id <> r.department_id",
    ]
    if "profession" in columns:
        differs.append(table.distinct("e.profession_id", "r.profession_id"))
    if planning.manages:
        differs.append(table.distinct("m.staff_number", "r.line_manager"))
    differs.extend(table.distinct(f"e.{column}", f"r.{column}") for column in DATE_COLUMNS if column in columns)
    if "end_date" in columns:
        differs.append("e.is_active <> r.is_active")
    else:  # the record's own end date decides
        differs.append(
            "(CASE WHEN e.end_date IS NOT NULL AND e.end_date < %s THEN 1 ELSE 0 END) = "
            "(CASE WHEN e.is_active THEN 1 ELSE 0 END)"
        )
    record = (
        "e.id, e.staff_number, e.email, e.given_name, e.family_name, e.grade_id, e.department_id, e.profession_id, "
        "e.line_manager_id, m.staff_number, e.grade_since, e.start_date, e.end_date, e.is_active"
    )
    day = table.day
    for values in table.stream(
        f"SELECT {planned}, {record} FROM {name} r {_RECORD} {_RECORD_MANAGER} "  # noqa: S608 - fixed names
        f"WHERE r.ok AND ({' OR '.join(differs)}) ORDER BY r.number",
        [] if "end_date" in columns else [today],
    ):
        row = planning.planned_row(values[: len(_Rows.PLANNED)])
        on_record = RecordOnFile._make(values[len(_Rows.PLANNED) :])
        on_record = on_record._replace(  # as SQLite gives them back: dates as text, booleans as numbers
            grade_since=day(on_record.grade_since),
            start_date=day(on_record.start_date),
            end_date=day(on_record.end_date),
            is_active=bool(on_record.is_active),
        )
        row.staff_number = on_record.staff_number
        changes = _changes(planning, on_record, row)
        if changes:
            plan.updated.append(EmployeeUpdate(employee_id=on_record.id, row=row, changes=tuple(changes)))
    [(accepted,)] = table.select(f"SELECT COUNT(*) FROM {name} WHERE ok")  # noqa: S608 - fixed names
    plan.unchanged = accepted - len(plan.created) - len(plan.updated)


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
    """Active people whose staff number is written in no row of the file (accepted or not); and how many
    people are active, to tell a plausible number of leavers from a mistake."""
    plan, table = planning.plan, planning.rows
    if not plan.full_sync:
        return
    for pk, staff_number in table.stream(
        f"SELECT e.id, e.staff_number FROM {_EMPLOYEES} e WHERE e.is_active AND NOT EXISTS "  # noqa: S608
        f"(SELECT 1 FROM {_Rows.NAME} r WHERE r.presence = UPPER(e.staff_number)) ORDER BY e.id"
    ):
        plan.absent_ids.append(pk)
        plan.absent.append(staff_number)
    [(plan.active_on_record,)] = table.select(f"SELECT COUNT(*) FROM {_EMPLOYEES} WHERE is_active")  # noqa: S608
