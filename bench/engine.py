"""Timing the compulsory training engine over the bench population (see bench/population.py)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from bench.population import DEPARTMENT_PREFIX, bench_course_ids, bench_employees, bench_requirements
from enrolment.assignment import assign_requirement, assign_requirements
from enrolment.models import Enrolment, Exemption, Extension, ModuleCompletion, Requirement
from people.models import Grade

MEASURE_PREFIX = "Bench measure: "


@dataclass
class EngineTiming:
    name: str
    seconds: list[float]
    rows: int
    target_s: float
    statements: list[tuple[float, str, tuple]] = field(default_factory=list)
    reference_s: float | None = None  # the plain SQL doing the same work, timed in the same run

    @property
    def ratio(self) -> float | None:
        return self.median / self.reference_s if self.reference_s else None

    @property
    def best(self) -> float:
        return min(self.seconds)

    @property
    def median(self) -> float:
        ordered = sorted(self.seconds)
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
    """EXPLAIN ANALYZE of one statement, rolled back so nothing it writes stays."""
    with transaction.atomic(), connection.cursor() as cursor:
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


def analyse() -> None:
    """VACUUM (ANALYZE) the tables the engine reads and writes: every run starts from known statistics."""
    from people.models import Employee

    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        for model in (Enrolment, Employee, Requirement, Exemption):
            cursor.execute(f"VACUUM (ANALYZE) {model._meta.db_table}")


def reference(sql: str, params) -> tuple[float, int]:
    """Seconds the plain statement takes (JIT off, as the engine runs) and its rows, rolled back."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL jit = off")
        started = time.perf_counter()
        cursor.execute(sql, params)
        elapsed = time.perf_counter() - started
        rows = cursor.rowcount
        transaction.set_rollback(True)
    return elapsed, rows


def reference_sql(*, course_id: int, scs_rank: int | None) -> tuple[str, list]:
    """The bare work of assigning a new requirement: one INSERT … SELECT of the same rows, nothing else."""
    from people.models import Employee

    e, g = Employee._meta.db_table, Grade._meta.db_table
    grade_filter = f"AND e.grade_id IN (SELECT id FROM {g} WHERE rank >= %s)" if scs_rank is not None else ""
    sql = f"""
        INSERT INTO {Enrolment._meta.db_table}
            (employee_id, course_id, requirement_id, source, enrolled_at, due_on, updated_at)
        SELECT e.id, %s, NULL, 'hr', now(), CURRENT_DATE + 90, now()
        FROM {e} e WHERE e.is_active {grade_filter}
    """
    return sql, [course_id] + ([scs_rank] if scs_rank is not None else [])


def _timed(function) -> tuple[float, object, StatementTimer]:
    timer = StatementTimer()
    with connection.execute_wrapper(timer):
        started = time.perf_counter()
        value = function()
        elapsed = time.perf_counter() - started
    return elapsed, value, timer


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

    # Re-evaluating every requirement for everyone, when nothing changed.
    assign_requirements(today=today, requirements=requirements)  # settle anything left from earlier runs
    analyse()
    timing = EngineTiming("Re-evaluate all requirements, nothing changed (assign_requirements())", [], 0, 5.0)
    for _ in range(runs):
        elapsed, value, timer = _timed(lambda: assign_requirements(today=today, requirements=requirements))
        timing.seconds.append(elapsed)
        timing.rows = max(timing.rows, value.changed)
        timing.statements = timer.slowest()
        log(f"  re-evaluate all: {elapsed:.2f} s, {value.changed} rows changed")
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
            sql, params = reference_sql(course_id=courses[course], scs_rank=rank)
            timing.reference_s = min(reference(sql, params)[0] for _ in range(runs))
        for _ in range(runs):
            elapsed, value, timer = _timed(create_and_assign(name, course, **audience))
            timing.seconds.append(elapsed)
            timing.rows = value.changed
            timing.statements = timer.slowest()
            log(f"  {name}: {elapsed:.2f} s, {value.changed} rows changed")
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
