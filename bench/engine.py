"""Timing the compulsory training engine over the bench population (see bench/population.py)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from bench.population import DEPARTMENT_PREFIX, bench_course_ids, bench_employees
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

    # Re-evaluating every requirement for everyone, when nothing changed.
    assign_requirements(today=today)  # settle anything left from earlier runs (not timed)
    timing = EngineTiming("Re-evaluate all requirements, nothing changed (assign_requirements())", [], 0, 5.0)
    for _ in range(runs):
        elapsed, value, timer = _timed(lambda: assign_requirements(today=today))
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

    for name, course, audience, target in (
        ("New SCS-wide requirement: create and assign (SCS1 and above)", 5, {"minimum_grade": scs1}, 0.5),
        ("New requirement covering everyone: create and assign", 6, {}, 20.0),
    ):
        timing = EngineTiming(name, [], 0, target)
        for _ in range(runs):
            elapsed, value, timer = _timed(create_and_assign(name, course, **audience))
            timing.seconds.append(elapsed)
            timing.rows = value.changed
            timing.statements = timer.slowest()
            log(f"  {name}: {elapsed:.2f} s, {value.changed} rows changed")
            remove_measure_requirements()
        results.append(timing)
    return results


def population_summary() -> str:
    people = bench_employees()
    return (
        f"{people.filter(is_active=True).count():,} active bench people "
        f"({people.filter(is_active=False).count():,} leavers) in departments {DEPARTMENT_PREFIX}…, "
        f"{Enrolment.objects.count():,} enrolments in all"
    )
