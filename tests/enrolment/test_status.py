"""Status of people against a requirement, derived in the database for many people at once."""

from datetime import UTC, date, datetime, timedelta

import pytest

from enrolment.models import Enrolment, Exemption, Requirement
from enrolment.status import Status, enrolment_status, with_status
from people.models import Employee
from tests.factories import EmployeeFactory, UserFactory
from tests.pages import make_course

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 26)


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


@pytest.fixture
def rule(grades):
    return Requirement.objects.create(
        name="Information management for everyone",
        course=make_course(modules=1),
        due_within_days=60,
        renewal_months=24,
        recertification_window_days=30,
        starts_on=date(2024, 1, 1),
    )


def enrol(employee, rule, **fields):
    defaults = {"requirement": rule, "source": Enrolment.Source.REQUIREMENT, "enrolled_at": at(date(2024, 1, 2))}
    return Enrolment.objects.create(employee=employee, course=rule.course, **{**defaults, **fields})


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        ({"due_on": TODAY + timedelta(days=10)}, Status.DUE),
        ({"due_on": TODAY}, Status.DUE),
        ({"due_on": TODAY - timedelta(days=1)}, Status.OVERDUE),
        ({"completed_at": at(date(2025, 6, 1)), "expires_on": date(2027, 6, 1)}, Status.COMPLIANT),
        ({"completed_at": at(date(2025, 1, 1)), "expires_on": TODAY + timedelta(days=31)}, Status.COMPLIANT),
        ({"completed_at": at(date(2025, 1, 1)), "expires_on": TODAY + timedelta(days=30)}, Status.EXPIRING),
        ({"completed_at": at(date(2025, 1, 1)), "expires_on": TODAY}, Status.EXPIRING),
        ({"completed_at": at(date(2024, 6, 1)), "expires_on": TODAY - timedelta(days=1)}, Status.OVERDUE),
        ({"completed_at": at(date(2024, 6, 1)), "expires_on": None}, Status.COMPLIANT),
    ],
)
def test_status_table(rule, setup, expected):
    person = EmployeeFactory()
    enrolment = enrol(person, rule, **setup)
    assert with_status(Employee.objects.filter(pk=person.pk), rule, today=TODAY).get().status == expected
    assert enrolment_status(enrolment, today=TODAY, window_days=30) == expected


def test_an_expiring_person_with_an_open_renewal_stays_expiring_until_the_expiry(rule):
    person = EmployeeFactory()
    enrol(person, rule, completed_at=at(date(2024, 12, 10)), expires_on=TODAY + timedelta(days=14))
    enrol(person, rule, due_on=TODAY + timedelta(days=14), enrolled_at=at(TODAY))
    people = Employee.objects.filter(pk=person.pk)
    assert with_status(people, rule, today=TODAY).get().status == Status.EXPIRING
    assert with_status(people, rule, today=TODAY + timedelta(days=15)).get().status == Status.OVERDUE


def test_exemption_in_force_wins_and_ends(rule):
    person = EmployeeFactory()
    enrol(person, rule, due_on=TODAY - timedelta(days=20))
    Exemption.objects.create(
        employee=person,
        requirement=rule,
        until=TODAY + timedelta(days=5),
        reason="Secondment",
        granted_by=UserFactory(),
    )
    people = Employee.objects.filter(pk=person.pk)
    assert with_status(people, rule, today=TODAY).get().status == Status.EXEMPT
    assert with_status(people, rule, today=TODAY + timedelta(days=6)).get().status == Status.OVERDUE


def test_people_outside_the_audience_are_not_required(rule, grades):
    rule.minimum_grade = grades["SCS1"]
    rule.save()
    eo = EmployeeFactory(grade=grades["EO"])
    assert with_status(Employee.objects.filter(pk=eo.pk), rule, today=TODAY).get().status == Status.NOT_REQUIRED


@pytest.mark.parametrize("count", [1, 50])
def test_status_for_many_people_is_one_query(rule, count, django_assert_num_queries):
    for index in range(count):
        enrol(EmployeeFactory(), rule, due_on=TODAY + timedelta(days=index - count // 2))
    # Three small queries read the rule's grade, department and profession lists; one does the rest.
    with django_assert_num_queries(4):
        statuses = list(with_status(Employee.objects.all(), rule, today=TODAY).values_list("status", flat=True))
    assert len(statuses) == count
    assert set(statuses) <= {Status.DUE, Status.OVERDUE}
