"""Status of people against a requirement, derived in the database for many people at once."""

from datetime import date, timedelta

import pytest

from enrolment.status import Status, enrolment_status, with_status
from people.models import Employee
from tests.factories import EmployeeFactory, EnrolmentFactory, ExemptionFactory, RequirementFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        ({"due_on": TODAY + timedelta(days=10)}, Status.DUE),
        ({"due_on": TODAY}, Status.DUE),
        ({"due_on": TODAY - timedelta(days=1)}, Status.OVERDUE),
        ({"completed_on": date(2025, 6, 1), "expires_on": date(2027, 6, 1)}, Status.COMPLIANT),
        ({"completed_on": date(2025, 1, 1), "expires_on": TODAY + timedelta(days=31)}, Status.COMPLIANT),
        ({"completed_on": date(2025, 1, 1), "expires_on": TODAY + timedelta(days=30)}, Status.EXPIRING),
        ({"completed_on": date(2025, 1, 1), "expires_on": TODAY}, Status.EXPIRING),
        ({"completed_on": date(2024, 6, 1), "expires_on": TODAY - timedelta(days=1)}, Status.OVERDUE),
        ({"completed_on": date(2024, 6, 1), "expires_on": None}, Status.COMPLIANT),
    ],
)
def test_status_table(setup, expected):
    rule = RequirementFactory(renewal_months=24)  # renewal window 30 days
    enrolment = EnrolmentFactory(requirement=rule, today=TODAY, **setup)
    people = Employee.objects.filter(pk=enrolment.employee_id)
    assert with_status(people, rule, today=TODAY).get().status == expected
    assert enrolment_status(enrolment, today=TODAY, window_days=30) == expected


def test_an_expiring_person_with_an_open_renewal_stays_expiring_until_the_expiry():
    rule = RequirementFactory(renewal_months=24)
    person = EmployeeFactory()
    EnrolmentFactory(
        employee=person, requirement=rule, completed_on=date(2024, 12, 10), expires_on=TODAY + timedelta(days=14)
    )
    EnrolmentFactory(employee=person, requirement=rule, today=TODAY, due_on=TODAY + timedelta(days=14))
    people = Employee.objects.filter(pk=person.pk)
    assert with_status(people, rule, today=TODAY).get().status == Status.EXPIRING
    assert with_status(people, rule, today=TODAY + timedelta(days=15)).get().status == Status.OVERDUE


def test_exemption_in_force_wins_and_ends():
    rule = RequirementFactory(renewal_months=24)
    person = EmployeeFactory()
    EnrolmentFactory(employee=person, requirement=rule, due_on=TODAY - timedelta(days=20))
    ExemptionFactory(employee=person, requirement=rule, until=TODAY + timedelta(days=5))
    people = Employee.objects.filter(pk=person.pk)
    assert with_status(people, rule, today=TODAY).get().status == Status.EXEMPT
    assert with_status(people, rule, today=TODAY + timedelta(days=6)).get().status == Status.OVERDUE


def test_people_outside_the_audience_are_not_required(grades):
    rule = RequirementFactory(renewal_months=24, minimum_grade=grades["SCS1"])
    eo = EmployeeFactory(grade=grades["EO"])
    assert with_status(Employee.objects.filter(pk=eo.pk), rule, today=TODAY).get().status == Status.NOT_REQUIRED


@pytest.mark.parametrize("count", [1, 50])
def test_status_for_many_people_is_one_query(count, django_assert_num_queries):
    rule = RequirementFactory(renewal_months=24)
    for index in range(count):
        EnrolmentFactory(requirement=rule, due_on=TODAY + timedelta(days=index - count // 2))
    # Three small queries read the rule's grade, department and profession lists; one does the rest.
    with django_assert_num_queries(4):
        statuses = list(with_status(Employee.objects.all(), rule, today=TODAY).values_list("status", flat=True))
    assert len(statuses) == count
    assert set(statuses) <= {Status.DUE, Status.OVERDUE}
