"""Timing the HR import at civil-service scale (issue #5): a first load and a re-import with 1% changes.

The file is the bench population itself (see bench/population.py) written out as an HR export under
other staff numbers ("I" instead of "B") and email addresses, so it has the real shape: the grade mix,
~35 departments, a full management hierarchy with managers often later in the file than their reports,
leavers with past end dates. Each measurement goes through what `manage.py import_employees` does
(keep the file, take the lock, check and apply every row, record the changes), committed for real.

Re-assigning compulsory training is timed on its own: the enrolment receiver is disconnected while the
import runs, then `assign_requirements()` runs for the changed people inside a transaction that is
rolled back, after forcing PostgreSQL's deferred constraint checks, so its cost is real but it
leaves nothing behind. The imported people are deleted at the end (and before starting, if a
previous run stopped halfway).
"""

from __future__ import annotations

import csv
import multiprocessing
import random
import resource
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, connections, transaction
from django.utils import timezone

from bench.population import DEPARTMENT_PREFIX, STAFF_PREFIX, bench_employees
from enrolment.assignment import EVERYONE_ABOVE, assign_requirements
from enrolment.assignment import employees_changed as enrolment_receiver
from people.import_runs import apply_import, receive_file, start_applying
from people.models import Department, Employee, EmployeeImport, Grade, Profession
from people.signals import employees_changed

IMPORT_PREFIX = "I"
HEADER = (
    "staff_number",
    "email",
    "given_name",
    "family_name",
    "grade",
    "department",
    "profession",
    "line_manager",
    "grade_since",
    "start_date",
    "end_date",
)


@dataclass
class ImportTiming:
    name: str
    rows: int
    seconds: float
    summary: dict[str, int]
    assign_seconds: float
    assigned: int
    target_s: float
    peak_mib: float
    reference_s: float | None = None  # the plain SQL doing the same work (see bare_reference), in the same run
    reference_rows: int | None = None  # the people it stored or changed

    @property
    def ratio(self) -> float | None:
        return self.seconds / self.reference_s if self.reference_s else None


def write_file(path: Path) -> int:
    """The bench population as an HR export; returns the number of rows."""
    rows = 0
    people = (
        bench_employees()
        .order_by("pk")
        .values_list(
            "staff_number",
            "given_name",
            "family_name",
            "grade__code",
            "department__code",
            "profession__code",
            "line_manager__staff_number",
            "grade_since",
            "start_date",
            "end_date",
        )
    )
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for staff, given, family, grade, department, profession, manager, since, start, end in people.iterator(10_000):
            number = IMPORT_PREFIX + staff[len(STAFF_PREFIX) :]
            writer.writerow(
                (
                    number,
                    f"{number.lower()}@import.example.gov.uk",
                    given,
                    family,
                    grade,
                    department,
                    profession or "",
                    IMPORT_PREFIX + manager[len(STAFF_PREFIX) :] if manager else "",
                    since.strftime("%d/%m/%Y") if since else "",  # both date formats appear
                    start.isoformat() if start else "",
                    end.isoformat() if end else "",
                )
            )
            rows += 1
    if rows == 0:
        raise RuntimeError("No bench population: run `manage.py bench_populate` first.")
    return rows


def change_one_percent(source: Path, target: Path, *, seed: int = 5) -> int:
    """A copy of the file with 1% of the rows changed: promotions, moves, new managers, new names."""
    rng = random.Random(seed)
    grades = list(Grade.objects.order_by("rank").values_list("code", flat=True))
    departments = list(Department.objects.filter(code__startswith=DEPARTMENT_PREFIX).values_list("code", flat=True))
    today = timezone.localdate().strftime("%d/%m/%Y")
    changed = 0
    with source.open(newline="", encoding="utf-8") as inp, target.open("w", newline="", encoding="utf-8") as out:
        reader, writer = csv.reader(inp), csv.writer(out)
        writer.writerow(next(reader))
        rows = list(reader)
        staff_numbers = [row[0] for row in rows]
        for row in rows:
            if rng.random() < 0.01 and not row[10]:
                kind = changed % 4
                if kind == 0 and row[4] in grades[:-1]:  # promotion
                    row[4] = grades[grades.index(row[4]) + 1]
                    row[8] = today
                elif kind == 1:
                    row[5] = rng.choice(departments)
                elif kind == 2 and row[7]:
                    row[7] = rng.choice(staff_numbers[: len(staff_numbers) // 100])  # someone senior-ish
                    if row[7] == row[0]:
                        row[7] = ""
                else:
                    row[3] = row[3] + "-Smith"
                changed += 1
            writer.writerow(row)
    return changed


_STAGING_COLUMNS = ", ".join(f"{name} text" for name in HEADER)


# The file's columns as PostgreSQL reads them, for the bare references: grade, department and profession by
# code, dates parsed (grade_since is written DD/MM/YYYY), active unless the end date has passed.
_PARSED = {
    "email": "r.email",
    "given_name": "r.given_name",
    "family_name": "r.family_name",
    "grade_id": "g.id",
    "grade_since": "CASE WHEN r.grade_since LIKE '%%/%%' THEN to_date(r.grade_since, 'DD/MM/YYYY') "
    "ELSE NULLIF(r.grade_since, '')::date END",
    "department_id": "d.id",
    "profession_id": "p.id",
    "start_date": "NULLIF(r.start_date, '')::date",
    "end_date": "NULLIF(r.end_date, '')::date",
    "is_active": "NULLIF(r.end_date, '')::date IS NULL OR NULLIF(r.end_date, '')::date >= CURRENT_DATE",
}
_CODES = f"""
    INNER JOIN {Grade._meta.db_table} g ON g.code = r.grade
    INNER JOIN {Department._meta.db_table} d ON d.code = r.department
    LEFT JOIN {Profession._meta.db_table} p ON p.code = r.profession
"""


def _copy_file(cursor, path: Path) -> None:
    cursor.execute(f"CREATE TEMPORARY TABLE bench_reference ({_STAGING_COLUMNS}) ON COMMIT DROP")
    with path.open("rb") as data, cursor.copy("COPY bench_reference FROM STDIN (FORMAT csv, HEADER true)") as copy:
        while block := data.read(1 << 20):
            copy.write(block)


def bare_reference(path: Path) -> tuple[float, int] | None:
    """Seconds for the least PostgreSQL can do to load the file as new people, and the rows it stored, rolled back.

    COPY into a staging table, one INSERT … SELECT of every row (see _PARSED), one UPDATE setting line
    managers by staff number, then the deferred constraint checks that a commit would run. No checking,
    no change records: the floor of a first load.
    """
    if connection.vendor != "postgresql":
        return None
    employees = Employee._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        started = time.perf_counter()
        _copy_file(cursor, path)
        cursor.execute(
            f"INSERT INTO {employees} (staff_number, {', '.join(_PARSED)}) "
            f"SELECT r.staff_number, {', '.join(_PARSED.values())} FROM bench_reference r {_CODES}"
        )
        stored = cursor.rowcount
        cursor.execute(
            f"""
            UPDATE {employees} e SET line_manager_id = m.id
            FROM bench_reference r INNER JOIN {employees} m ON m.staff_number = r.line_manager
            WHERE e.staff_number = r.staff_number AND r.line_manager <> ''
            """
        )
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed, stored


def bare_update_reference(path: Path) -> tuple[float, int] | None:
    """Seconds for the least PostgreSQL can do to re-import the file over the people it holds, and the people it
    changed, rolled back.

    COPY into a staging table, then one UPDATE … FROM of the people whose row differs in any field (the
    fields parsed as in _PARSED, the line manager found by staff number), then the deferred constraint
    checks. No checking, no change records: the floor of a re-import.
    """
    if connection.vendor != "postgresql":
        return None
    employees = Employee._meta.db_table
    fields = [*_PARSED, "line_manager_id"]
    values = [*_PARSED.values(), "m.id"]
    with transaction.atomic(), connection.cursor() as cursor:
        started = time.perf_counter()
        _copy_file(cursor, path)
        cursor.execute(
            f"""
            UPDATE {employees} e SET ({", ".join(fields)}) = ({", ".join(values)})
            FROM bench_reference r {_CODES}
            LEFT JOIN {employees} m ON m.staff_number = NULLIF(r.line_manager, '')
            WHERE e.staff_number = r.staff_number
              AND ({", ".join(f"e.{name}" for name in fields)}) IS DISTINCT FROM ({", ".join(values)})
            """
        )
        changed = cursor.rowcount
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed, changed


def remove_imported() -> int:
    """Delete the people a bench import created (they have no learning records: assignment is rolled back)."""
    EmployeeImport.objects.filter(file_name__startswith="bench-").delete()
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM people_employee WHERE staff_number LIKE %s AND email LIKE %s",
            [f"{IMPORT_PREFIX}%", "%@import.example.gov.uk"],
        )
        return cursor.rowcount


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _import(path: Path, name: str, target_s: float) -> ImportTiming:
    started = time.perf_counter()
    with path.open("rb") as stream:
        employee_import = receive_file(stream=stream, file_name=name, source=EmployeeImport.Source.COMMAND)
    changed: list[int] = []

    def capture(sender, *, employee_ids, **kwargs):
        changed.extend(employee_ids)

    employees_changed.disconnect(dispatch_uid="enrolment-assign-changed-employees")
    employees_changed.connect(capture, dispatch_uid="bench-capture")
    try:
        start_applying(employee_import)
        employee_import = apply_import(employee_import, reassign_now=True)  # to the capture, not a task
    finally:
        employees_changed.disconnect(dispatch_uid="bench-capture")
        employees_changed.connect(enrolment_receiver, dispatch_uid="enrolment-assign-changed-employees")
    seconds = time.perf_counter() - started
    if employee_import.status != EmployeeImport.Status.APPLIED:
        raise RuntimeError(f"The bench import failed: {employee_import.error}")
    started = time.perf_counter()
    with transaction.atomic():
        people = None if len(changed) > EVERYONE_ABOVE else changed  # as the enrolment receiver decides
        assigned = assign_requirements(employee_ids=people).changed
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the checks a commit would run
        transaction.set_rollback(True)
    assign_seconds = time.perf_counter() - started
    return ImportTiming(
        name=name,
        rows=employee_import.rows_total or 0,
        seconds=seconds,
        summary=employee_import.summary,
        assign_seconds=assign_seconds,
        assigned=assigned,
        target_s=target_s,
        peak_mib=_peak_mib(),
    )


def _in_child(path: Path, name: str, target_s: float) -> ImportTiming:
    """Run one import in a forked process, so that its peak memory is its own."""
    connections.close_all()
    receiving, sending = multiprocessing.get_context("fork").Pipe(duplex=False)

    def work() -> None:
        try:
            sending.send(_import(path, name, target_s))
        except BaseException as exc:
            sending.send(exc)
        finally:
            connections.close_all()

    child = multiprocessing.get_context("fork").Process(target=work)
    child.start()
    result = receiving.recv()
    child.join()
    if isinstance(result, BaseException):
        raise result
    return result


def bench_imports(*, fork: bool = True) -> list[ImportTiming]:
    """First load of the whole file, then a re-import with 1% of rows changed; cleans up after itself.

    `fork=False` runs them in this process (for tests, whose data a child process cannot see).
    """
    run = _in_child if fork else _import
    remove_imported()
    with tempfile.TemporaryDirectory() as folder:
        first, second = Path(folder) / "first.csv", Path(folder) / "changed.csv"
        write_file(first)
        change_one_percent(first, second)
        try:
            reference = bare_reference(first)  # before the import: the same rows, rolled back
            results = [run(first, "bench-first-load.csv", 30.0)]
            update_reference = bare_update_reference(second)  # over the people the first load stored
            results.append(run(second, "bench-one-percent.csv", 15.0))
            for timing, measured in zip(results, (reference, update_reference), strict=True):
                if measured is not None:
                    timing.reference_s, timing.reference_rows = measured
        finally:
            remove_imported()
    return results
