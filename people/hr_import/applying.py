"""Applying a plan: one transaction, set-based through a staging table, announced once it commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import DatabaseError, connections, transaction
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Lower

from people.hr_import.plan import ImportPlan, batches, without_cyclic_gc
from people.hr_import.reading import HrFileError
from people.models import Department, Employee


class ImportRefused(HrFileError):
    """Applying was refused before anything was written: a full sync with no accepted row (`leavers` 0), or
    one making so many leavers (`leavers`) that it must be confirmed."""

    def __init__(self, message: str, *, leavers: int = 0):
        super().__init__(message)
        self.leavers = leavers


class ImportFailed(HrFileError):
    """The database refused the changes; the transaction was rolled back, so nothing was written."""


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
    "employee_staff_number_unique_ci": "two people would have the same staff number, whatever its capitals",
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


@without_cyclic_gc()
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
