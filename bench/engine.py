"""Timing the compulsory training engine over the bench population (see bench/population.py)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connection, transaction
from django.utils import timezone

from bench.population import DEPARTMENT_PREFIX, bench_course_ids, bench_employees, bench_requirements
from enrolment.assignment import assign_requirement, assign_requirements
from enrolment.models import Enrolment, Exemption, Extension, ModuleCompletion, ReminderSent, Requirement
from people.models import Department, Grade

MEASURE_PREFIX = "Bench measure: "


@dataclass
class EngineTiming:
    name: str
    seconds: list[float]
    rows: int
    target_s: float
    statements: list[tuple[float, str, tuple]] = field(default_factory=list)
    reference_s: float | None = None  # the plain SQL doing the same work, timed in the same run
    # Of each run's seconds, those spent after the last statement: PostgreSQL's deferred foreign-key
    # checks (forced by SET CONSTRAINTS ALL IMMEDIATE) and the COMMIT itself.
    checks: list[float] = field(default_factory=list)
    commits: list[float] = field(default_factory=list)
    reference_checks_s: float | None = None  # the same checks after the plain SQL

    @property
    def checks_median(self) -> float | None:
        return _median(self.checks) if self.checks else None

    @property
    def commit_median(self) -> float | None:
        return _median(self.commits) if self.commits else None

    @property
    def ratio(self) -> float | None:
        return self.median / self.reference_s if self.reference_s else None

    @property
    def best(self) -> float:
        return min(self.seconds)

    @property
    def median(self) -> float:
        return _median(self.seconds)


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


class StatementTimer:
    """Records each statement's SQL, parameters and duration (installed with connection.execute_wrapper)."""

    def __init__(self):
        self.statements: list[tuple[float, str, tuple]] = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.statements.append((time.perf_counter() - started, sql, params))

    def slowest(self, count: int = 3) -> list[tuple[float, str, tuple]]:
        return sorted(self.statements, key=lambda s: s[0], reverse=True)[:count]


def explain(sql: str, params) -> str:
    """EXPLAIN ANALYZE of one statement (JIT off, as the engine runs), rolled back so nothing it writes stays."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        transaction.set_rollback(True)
    return plan


def remove_measure_requirements() -> None:
    """Delete the requirements this benchmark creates and everything assigned through them, set-based."""
    ids = list(Requirement.objects.filter(name__startswith=MEASURE_PREFIX).values_list("pk", flat=True))
    if not ids:
        return
    enrolments = Enrolment._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        for model in (Extension, ModuleCompletion):
            cursor.execute(
                f"DELETE FROM {model._meta.db_table} WHERE enrolment_id IN "
                f"(SELECT id FROM {enrolments} WHERE requirement_id = ANY(%s))",
                [ids],
            )
        cursor.execute(f"DELETE FROM {enrolments} WHERE requirement_id = ANY(%s)", [ids])
        cursor.execute(f"DELETE FROM {Exemption._meta.db_table} WHERE requirement_id = ANY(%s)", [ids])
        for through in ("grades", "departments", "professions"):
            table = getattr(Requirement, through).through._meta.db_table
            cursor.execute(f"DELETE FROM {table} WHERE requirement_id = ANY(%s)", [ids])
        cursor.execute(f"DELETE FROM {Requirement._meta.db_table} WHERE id = ANY(%s)", [ids])
    with connection.cursor() as cursor:
        cursor.execute(f"{'ANALYZE' if connection.in_atomic_block else 'VACUUM (ANALYZE)'} {enrolments}")


def analyse(*, log=lambda message: None) -> None:
    """VACUUM (ANALYZE) the tables the benches read and write: every run starts from known statistics."""
    from wagtail.models import Page

    from people.models import Employee

    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    started = time.perf_counter()
    tables = [
        m._meta.db_table for m in (Enrolment, Employee, Requirement, Exemption, Extension, ModuleCompletion, Page)
    ]
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"VACUUM (ANALYZE) {table}")
    log(f"VACUUM (ANALYZE) of {', '.join(tables)}: {time.perf_counter() - started:.1f} s.")


def remove_stray_assignments() -> int:
    """Delete what requirements other than the bench's own assigned to bench people; returns how many enrolments.

    A settle over every requirement (as this bench did before it named its own) gives each of the bench
    people the demo's "everyone" requirement too, leaving tables no build produces. Bench people are
    synthetic, so their stray enrolments are removed, with any progress or extension on them.
    """
    from people.models import Employee

    ours = list(bench_requirements().values_list("pk", flat=True))
    e, x = Employee._meta.db_table, Enrolment._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        stray = (
            f"SELECT x.id FROM {x} x JOIN {e} p ON p.id = x.employee_id "
            f"WHERE x.requirement_id IS NOT NULL AND NOT (x.requirement_id = ANY(%s)) "
            f"AND p.department_id IN (SELECT id FROM {Department._meta.db_table} WHERE code LIKE %s)"
        )
        params = [ours, DEPARTMENT_PREFIX + "%"]
        for model in (Extension, ModuleCompletion, ReminderSent):
            cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE enrolment_id IN ({stray})", params)
        cursor.execute(f"DELETE FROM {x} WHERE id IN ({stray})", params)
        return cursor.rowcount


def reference(sql: str, params) -> tuple[float, int]:
    """Seconds the plain statement takes (JIT off, as the engine runs) and its rows, rolled back."""
    seconds, rows, _checks = reference_statements([(sql, params)])
    return seconds, rows


def reference_statements(statements: list[tuple[str, object]]) -> tuple[float, int, float]:
    """Plain statements run in one transaction (JIT off, as the engine runs), then rolled back.

    Returns the seconds they took with the deferred foreign-key checks a commit would run, the rows they
    changed, and the seconds of those checks alone: the engine is timed up to its commit, so is this.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL jit = off")
        rows = 0
        started = time.perf_counter()
        for sql, params in statements:
            cursor.execute(sql, params)
            rows += max(cursor.rowcount, 0)
        checked = time.perf_counter()
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        finished = time.perf_counter()
        transaction.set_rollback(True)
    return finished - started, rows, finished - checked


def reference_sql(*, course_id: int, scs_rank: int | None, requirement_id: int | None = None) -> tuple[str, list]:
    """The bare work of assigning a new requirement: one INSERT … SELECT of the same rows, nothing else.

    `requirement_id` (any existing requirement) gives each row the third foreign key the engine's rows
    have, so the deferred checks are the same work too.
    """
    from people.models import Employee

    e, g = Employee._meta.db_table, Grade._meta.db_table
    grade_filter = f"AND e.grade_id IN (SELECT id FROM {g} WHERE rank >= %s)" if scs_rank is not None else ""
    sql = f"""
        INSERT INTO {Enrolment._meta.db_table}
            (employee_id, course_id, requirement_id, source, enrolled_at, due_on, updated_at)
        SELECT e.id, %s, %s, 'hr', now(), CURRENT_DATE + 90, now()
        FROM {e} e WHERE e.is_active {grade_filter}
    """
    return sql, [course_id, requirement_id] + ([scs_rank] if scs_rank is not None else [])


def _audience_sql(requirement: Requirement) -> str:
    """The requirement's audience as a plain condition on people_employee e (ids written in, all integers)."""

    def ids(values) -> str:
        return ", ".join(str(int(v)) for v in values) or "NULL"

    conditions = ["e.is_active"]
    if requirement.minimum_grade_id:
        rank = int(requirement.minimum_grade.rank)
        conditions.append(f"e.grade_id IN (SELECT id FROM {Grade._meta.db_table} WHERE rank >= {rank})")
    if grades := list(requirement.grades.values_list("pk", flat=True)):
        conditions.append(f"e.grade_id IN ({ids(grades)})")
    if requirement.departments.exists():
        chosen = Department.objects.filter(pk__in=requirement.departments.values("pk")).with_descendants()
        conditions.append(f"e.department_id IN ({ids(chosen.values_list('pk', flat=True))})")
    if professions := list(requirement.professions.values_list("pk", flat=True)):
        conditions.append(f"e.profession_id IN ({ids(professions)})")
    return " AND ".join(conditions)


def reevaluate_reference_sql(requirements: list[Requirement], *, today: date) -> list[tuple[str, dict]]:
    """The bare work of re-evaluating these requirements for everyone, in plain SQL, in the engine's order.

    Withdrawals for every requirement first; then for each active one: expiries for undated completions,
    adopting chosen enrolments, resuming withdrawn ones, first assignments and renewals. Each statement
    is the one a person would write by hand (the audience written in as ids, due dates from today).
    """
    from people.models import Employee

    e, x = Employee._meta.db_table, Enrolment._meta.db_table
    exemptions = Exemption._meta.db_table
    now = timezone.now()
    withdrawals, assignments = [], []
    for requirement in requirements:
        audience = _audience_sql(requirement)
        p = {
            "req": requirement.pk,
            "course": requirement.course_id,
            "now": now,
            "today": today,
            "days": requirement.due_within_days,
            "months": requirement.renewal_months or 0,
            "window_end": today + timedelta(days=requirement.recertification_window_days),
        }
        in_audience = f"EXISTS (SELECT 1 FROM {e} e WHERE e.id = x.employee_id AND {audience})"
        outside = f" AND NOT {in_audience}" if requirement.is_active else ""
        withdrawals.append(
            (
                f"UPDATE {x} x SET withdrawn_at = %(now)s, updated_at = %(now)s WHERE x.requirement_id = %(req)s "
                f"AND x.completed_at IS NULL AND x.withdrawn_at IS NULL{outside}",
                p,
            )
        )
        if not requirement.is_active:
            continue
        exempt = (
            f"EXISTS (SELECT 1 FROM {exemptions} m WHERE m.employee_id = {{person}} AND m.requirement_id = %(req)s "
            "AND m.revoked_at IS NULL AND m.until >= %(today)s)"
        )
        columns = "(employee_id, course_id, requirement_id, source, enrolled_at, updated_at, due_on)"
        if requirement.renewal_months:
            assignments.append(
                (
                    f"UPDATE {x} x SET expires_on = ((x.completed_at AT TIME ZONE 'Europe/London')::date "
                    "+ %(months)s * interval '1 month')::date, updated_at = %(now)s "
                    f"WHERE x.course_id = %(course)s AND x.completed_at IS NOT NULL AND x.expires_on IS NULL "
                    f"AND {in_audience}",
                    p,
                )
            )
        assignments += [
            (
                f"UPDATE {x} x SET requirement_id = %(req)s, due_on = %(today)s::date + %(days)s, updated_at = %(now)s "
                "WHERE x.course_id = %(course)s AND x.requirement_id IS NULL AND x.completed_at IS NULL "
                f"AND x.withdrawn_at IS NULL AND {in_audience}",
                p,
            ),
            (
                f"UPDATE {x} x SET withdrawn_at = NULL, requirement_id = %(req)s, due_on = %(today)s::date + %(days)s, "
                "updated_at = %(now)s WHERE x.course_id = %(course)s AND x.completed_at IS NULL "
                f"AND x.withdrawn_at IS NOT NULL AND {in_audience} AND NOT {exempt.format(person='x.employee_id')} "
                f"AND NOT EXISTS (SELECT 1 FROM {x} y WHERE y.employee_id = x.employee_id "
                "AND y.course_id = x.course_id "
                "AND (y.completed_at IS NOT NULL OR y.withdrawn_at IS NULL OR y.enrolled_at > x.enrolled_at))",
                p,
            ),
            (
                f"INSERT INTO {x} {columns} SELECT e.id, %(course)s, %(req)s, 'requirement', %(now)s, %(now)s, "
                f"%(today)s::date + %(days)s FROM {e} e WHERE {audience} AND NOT {exempt.format(person='e.id')} "
                f"AND NOT EXISTS (SELECT 1 FROM {x} y WHERE y.employee_id = e.id AND y.course_id = %(course)s)",
                p,
            ),
            (
                f"INSERT INTO {x} {columns} SELECT e.id, %(course)s, %(req)s, 'requirement', %(now)s, %(now)s, "
                "r.latest FROM (SELECT employee_id, max(expires_on) FILTER (WHERE completed_at IS NOT NULL) AS latest "
                f"FROM {x} "
                "WHERE course_id = %(course)s GROUP BY employee_id "
                "HAVING max(expires_on) FILTER (WHERE completed_at IS NOT NULL) <= %(window_end)s "
                "AND count(*) FILTER (WHERE (completed_at IS NOT NULL AND expires_on IS NULL) "
                "OR (completed_at IS NULL AND withdrawn_at IS NULL)) = 0) r "
                f"JOIN {e} e ON e.id = r.employee_id WHERE {audience} AND NOT {exempt.format(person='e.id')}",
                p,
            ),
        ]
    return withdrawals + assignments


@dataclass
class Run:
    seconds: float  # in all, up to and including the COMMIT
    value: object
    timer: StatementTimer
    checks: float  # the deferred foreign-key checks, forced once the last statement is done
    commit: float


def _timed(function) -> Run:
    """Run `function` in a transaction of its own, timing its statements, the deferred checks and the COMMIT.

    Without the outer transaction the function's own commit would run PostgreSQL's deferred foreign-key
    checks inside the timing but outside any statement.
    """
    timer = StatementTimer()
    started = time.perf_counter()
    with transaction.atomic():
        with connection.execute_wrapper(timer):
            value = function()
        done = time.perf_counter()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        checked = time.perf_counter()
    finished = time.perf_counter()
    return Run(finished - started, value, timer, checked - done, finished - checked)


def _record(timing: EngineTiming, run: Run) -> None:
    timing.seconds.append(run.seconds)
    timing.checks.append(run.checks)
    timing.commits.append(run.commit)
    timing.rows = max(timing.rows, run.value.changed)
    timing.statements = run.timer.slowest()


def measure_engine(*, runs: int = 3, today: date | None = None, log=lambda message: None) -> list[EngineTiming]:
    """The three engine figures of issue #4, each `runs` times; bench requirements are removed afterwards."""
    if not bench_employees().exists():
        raise RuntimeError("No bench population: run `manage.py bench_populate --employees 500000` first.")
    courses = bench_course_ids()
    scs1 = Grade.objects.get(code="SCS1")
    remove_measure_requirements()
    results = []
    # Only the bench's own requirements: a demo requirement (the demo's "everyone" one) must not be assigned
    # to 500,000 bench people by the first settle, which would leave the tables unlike any known state.
    requirements = list(bench_requirements())
    if removed := remove_stray_assignments():
        log(f"  removed {removed:,} enrolments of bench people from requirements other than the bench's own")

    # Re-evaluating every requirement for everyone, when nothing changed.
    assign_requirements(today=today, requirements=requirements)  # settle anything left from earlier runs
    analyse()
    timing = EngineTiming("Re-evaluate all requirements, nothing changed (assign_requirements())", [], 0, 5.0)
    if connection.vendor == "postgresql":
        statements = reevaluate_reference_sql(requirements, today=today or timezone.localdate())
        best = min((reference_statements(statements) for _ in range(runs)), key=lambda r: r[0])
        timing.reference_s, timing.reference_checks_s = best[0], best[2]
    for _ in range(runs):
        run = _timed(lambda: assign_requirements(today=today, requirements=requirements))
        _record(timing, run)
        log(f"  re-evaluate all: {run.seconds:.2f} s, {run.value.changed} rows changed")
    results.append(timing)

    def create_and_assign(name: str, course: int, **audience):
        def run():
            requirement = Requirement.objects.create(
                name=MEASURE_PREFIX + name,
                course_id=courses[course],
                due_within_days=90,
                renewal_months=12,
                recertification_window_days=30,
                starts_on=today or timezone.localdate(),
                **audience,
            )
            return assign_requirement(requirement=requirement, today=today)

        return run

    for name, course, audience, target, rank in (
        ("New SCS-wide requirement: create and assign (SCS1 and above)", 5, {"minimum_grade": scs1}, 0.5, scs1.rank),
        ("New requirement covering everyone: create and assign", 6, {}, 20.0, None),
    ):
        timing = EngineTiming(name, [], 0, target)
        if connection.vendor == "postgresql":
            sql, params = reference_sql(
                course_id=courses[course], scs_rank=rank, requirement_id=requirements[0].pk if requirements else None
            )
            best = min((reference_statements([(sql, params)]) for _ in range(runs)), key=lambda r: r[0])
            timing.reference_s, timing.reference_checks_s = best[0], best[2]
        for _ in range(runs):
            run = _timed(create_and_assign(name, course, **audience))
            _record(timing, run)
            log(f"  {name}: {run.seconds:.2f} s, {run.value.changed} rows changed")
            remove_measure_requirements()
        results.append(timing)
    analyse()
    return results


def population_summary() -> str:
    people = bench_employees()
    return (
        f"{people.filter(is_active=True).count():,} active bench people "
        f"({people.filter(is_active=False).count():,} leavers) in departments {DEPARTMENT_PREFIX}…, "
        f"{Enrolment.objects.count():,} enrolments in all"
    )
