"""The bench population is shaped like the civil service, and rebuilding it replaces it (PostgreSQL only)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Count, F
from django.utils import timezone

from bench.population import bench_employees, bench_requirements, build_population
from enrolment.models import Enrolment, Exemption
from enrolment.status import Status, with_status
from people.models import Department, Employee

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="bench_populate writes PostgreSQL SQL (COPY, hashint8extended)"
)

EMPLOYEES = 2000


@pytest.fixture
def population(db):
    return build_population(employees=EMPLOYEES, seed=7, catalogue_modules=1)


def test_grade_mix_is_roughly_the_civil_service(population):
    people = bench_employees()
    assert people.count() == EMPLOYEES
    share = {code: n / EMPLOYEES for code, n in people.values_list("grade__code").annotate(n=Count("id")).order_by()}
    assert 0.20 < share.get("AA", 0) + share.get("AO", 0) < 0.36
    assert 0.20 < share["EO"] < 0.34
    assert 0.20 < share["HEO"] + share["SEO"] < 0.34
    assert 0.10 < share["G7"] + share["G6"] < 0.20
    senior = sum(share.get(code, 0) for code in ("SCS1", "SCS2", "SCS3", "PS"))
    # Each department's head is senior, which weighs more in a small population.
    assert 0.01 < senior < 0.05
    assert share.get("SCS1", 0) > share.get("SCS2", 0)


def test_everyone_but_the_head_of_a_department_has_a_more_senior_manager_in_it(population):
    people = bench_employees()
    heads = people.filter(line_manager__isnull=True)
    assert heads.count() == Department.objects.filter(code__startswith="B-").count()
    assert heads.values("department").distinct().count() == heads.count()
    managed = people.filter(line_manager__isnull=False)
    assert not managed.exclude(line_manager__department=F("department")).exists()
    assert not managed.filter(line_manager__grade__rank__lte=F("grade__rank")).exists()
    spans = list(Employee.objects.filter(reports__in=people).annotate(n=Count("reports")).values_list("n", flat=True))
    assert 3 <= sorted(spans)[len(spans) // 2] <= 12


def test_leavers_are_inactive_with_an_end_date(population):
    leavers = bench_employees().filter(end_date__isnull=False)
    assert 0.01 < leavers.count() / EMPLOYEES < 0.06
    assert not leavers.filter(is_active=True).exists()
    assert not bench_employees().filter(is_active=False, end_date__isnull=True).exists()
    assert not Enrolment.objects.open().filter(employee__in=leavers, requirement__isnull=False).exists()


def test_enrolments_give_every_status_and_the_engine_has_nothing_to_add(population):
    assert population.settle_changed == 0
    assert Enrolment.objects.filter(employee__in=bench_employees()).count() > 3 * EMPLOYEES
    assert Exemption.objects.filter(employee__in=bench_employees()).exists()
    seen = set()
    for requirement in bench_requirements():
        statuses = with_status(bench_employees().active(), requirement, today=timezone.localdate())
        seen |= set(statuses.values_list("status", flat=True).distinct())
    assert {Status.COMPLIANT, Status.EXPIRING, Status.DUE, Status.OVERDUE, Status.EXEMPT} <= seen


def test_rebuilding_replaces_the_population(population):
    enrolments = Enrolment.objects.count()
    build_population(employees=EMPLOYEES, seed=7, catalogue_modules=1)
    assert bench_employees().count() == EMPLOYEES
    assert Department.objects.filter(code__startswith="B-").count() == population.departments
    assert bench_requirements().count() == 4
    assert abs(Enrolment.objects.count() - enrolments) < enrolments * 0.05


def test_demo_people_are_not_touched(db):
    outsider = Department.objects.create(code="DEMO", name="Demo department")
    from tests.factories import EmployeeFactory

    person = EmployeeFactory(department=outsider)
    build_population(employees=300, seed=1, catalogue_modules=1)
    build_population(employees=300, seed=2, catalogue_modules=1)
    assert Employee.objects.filter(pk=person.pk).exists()
    assert not Enrolment.objects.filter(employee=person).exists()


def test_the_bench_settles_and_measures_only_its_own_requirements(db, grades):
    from bench.engine import measure_engine
    from enrolment.assignment import assign_requirements
    from tests.factories import EmployeeFactory, RequirementFactory
    from tests.pages import make_course

    demo_person = EmployeeFactory(department=Department.objects.create(code="DEMO", name="Demo"))
    everyone = RequirementFactory(
        name="Information management for everyone",
        course=make_course(modules=1),
        due_within_days=60,
        starts_on=timezone.localdate(),
    )
    assign_requirements(requirements=[everyone])
    population = build_population(employees=300, seed=3, catalogue_modules=1)
    demo_on_bench = Enrolment.objects.filter(requirement=everyone, employee__in=bench_employees())
    assert population.settle_changed == 0
    assert not demo_on_bench.exists()

    # What a settle over every requirement (the bench before it named its own) left behind.
    assign_requirements(requirements=[everyone])
    assert demo_on_bench.count() == bench_employees().active().count()

    re_evaluate, *_new_requirements = measure_engine(runs=1)
    assert not demo_on_bench.exists()
    assert re_evaluate.rows == 0
    assert Enrolment.objects.filter(requirement=everyone, employee=demo_person).exists()
