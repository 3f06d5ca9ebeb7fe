"""Compulsory status has one definition: the enrolment QuerySet's methods, and `enrolment.status` built on them.

The first table says which enrolments each QuerySet method finds; the second checks that the
database's derivation (`with_status`, for many people) and Python's (`enrolment_status`, for one)
agree on the same cases.
"""

from datetime import date, timedelta

import pytest

from enrolment.models import Enrolment
from enrolment.status import URGENCY, Status, enrolment_status, status_tag, urgency, with_status
from people.models import Employee
from tests.factories import EnrolmentFactory, ExemptionFactory, RequirementFactory, at_noon

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 26)
WINDOW = 30


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


# Each case: the enrolment's fields, then the methods that find it (on TODAY, a 30-day window), and why.
CASES = [
    ({"due_on": days(10)}, {"due"}, "open, due in ten days"),
    ({"due_on": TODAY}, {"due"}, "open, due today: not overdue until tomorrow"),
    ({"due_on": None}, {"due"}, "open with no due date yet: nothing can be late"),
    ({"due_on": days(-1)}, {"overdue"}, "open, and the due date passed yesterday"),
    ({"due_on": days(-1), "withdrawn_at": at_noon(days(-2))}, set(), "withdrawn: left the audience, not late"),
    ({"completed_at": at_noon(days(-100)), "expires_on": None}, {"compliant"}, "completed, never expires"),
    ({"completed_at": at_noon(days(-100)), "expires_on": days(31)}, {"compliant"}, "expires the day after the window"),
    ({"completed_at": at_noon(days(-300)), "expires_on": days(30)}, {"expiring"}, "expires on the window's last day"),
    ({"completed_at": at_noon(days(-300)), "expires_on": TODAY}, {"expiring"}, "expires today: still counts today"),
    ({"completed_at": at_noon(days(-400)), "expires_on": days(-1)}, {"lapsed"}, "expired yesterday"),
    ({"completed_at": at_noon(days(-100)), "due_on": days(-50)}, {"compliant"}, "completed late is still completed"),
]


def found_by(enrolment: Enrolment) -> set[str]:
    methods = {
        "due": Enrolment.objects.due(on=TODAY),
        "overdue": Enrolment.objects.overdue(on=TODAY),
        "compliant": Enrolment.objects.compliant(on=TODAY, window_days=WINDOW),
        "expiring": Enrolment.objects.expiring(on=TODAY, window_days=WINDOW),
        "lapsed": Enrolment.objects.lapsed(on=TODAY),
    }
    return {name for name, queryset in methods.items() if queryset.filter(pk=enrolment.pk).exists()}


@pytest.mark.parametrize(("fields", "expected", "why"), CASES, ids=[case[2] for case in CASES])
def test_status_queryset_methods(fields, expected, why):
    enrolment = EnrolmentFactory(today=TODAY, **fields)
    assert found_by(enrolment) == expected, why


@pytest.mark.parametrize(
    ("requirement", "expected", "why"),
    [
        (True, True, "assigned by a requirement"),
        (False, False, "chosen by the learner: not compulsory"),
    ],
)
def test_compulsory(requirement, expected, why):
    enrolment = EnrolmentFactory(today=TODAY) if requirement else EnrolmentFactory(today=TODAY, requirement=None)
    assert Enrolment.objects.compulsory().filter(pk=enrolment.pk).exists() is expected, why


def test_the_methods_compose_with_the_rest_of_the_queryset():
    late = EnrolmentFactory(today=TODAY, overdue=True)
    EnrolmentFactory(today=TODAY, overdue=True, requirement=None, due_on=days(-3))  # set by a manager, not compulsory
    EnrolmentFactory(today=TODAY, employee=late.employee, completed=True)
    assert list(Enrolment.objects.for_employee(late.employee).compulsory().overdue(on=TODAY)) == [late]


# The person's status, from the enrolments that decide it: SQL and Python must agree.
AGREEMENT = [
    ({"due_on": days(10)}, Status.DUE, "open with time left"),
    ({"due_on": TODAY}, Status.DUE, "due today"),
    ({"due_on": days(-1)}, Status.OVERDUE, "due date passed"),
    ({"completed_at": at_noon(days(-100)), "expires_on": None}, Status.COMPLIANT, "completion never expires"),
    ({"completed_at": at_noon(days(-100)), "expires_on": days(31)}, Status.COMPLIANT, "window not yet open"),
    ({"completed_at": at_noon(days(-300)), "expires_on": days(30)}, Status.EXPIRING, "window opened today"),
    ({"completed_at": at_noon(days(-300)), "expires_on": TODAY}, Status.EXPIRING, "last day it counts"),
    ({"completed_at": at_noon(days(-400)), "expires_on": days(-1)}, Status.OVERDUE, "lapsed, nothing open"),
]


@pytest.mark.parametrize(("fields", "expected", "why"), AGREEMENT, ids=[case[2] for case in AGREEMENT])
def test_sql_and_python_agree(fields, expected, why):
    requirement = RequirementFactory(renewal_months=24, recertification_window_days=WINDOW)
    enrolment = EnrolmentFactory(today=TODAY, requirement=requirement, **fields)
    in_sql = with_status(Employee.objects.filter(pk=enrolment.employee_id), requirement, today=TODAY).get().status
    in_python = enrolment_status(enrolment, today=TODAY, window_days=WINDOW)
    assert in_sql == in_python == expected, why


def test_an_exemption_in_force_wins_in_sql():
    requirement = RequirementFactory()
    enrolment = EnrolmentFactory(today=TODAY, requirement=requirement, overdue=True)
    ExemptionFactory(today=TODAY, employee=enrolment.employee, requirement=requirement)
    person = Employee.objects.filter(pk=enrolment.employee_id)
    assert with_status(person, requirement, today=TODAY).get().status == Status.EXEMPT


@pytest.mark.parametrize(
    ("status", "due_on", "label", "colour", "why"),
    [
        (Status.OVERDUE, days(-1), "Overdue by 1 day", "red", "one day, singular"),
        (Status.OVERDUE, days(-12), "Overdue by 12 days", "red", "says by how much"),
        (Status.OVERDUE, None, "Overdue", "red", "lapsed completion: no due date to count from"),
        (Status.DUE, days(3), "Due", "blue", "GOV.UK's default tag"),
        (Status.EXPIRING, None, "Expiring", "orange", "renew soon"),
        (Status.COMPLIANT, None, "Compliant", "green", "done"),
        (Status.EXEMPT, None, "Exempt", "grey", "HR exempted them"),
    ],
)
def test_status_tag(status, due_on, label, colour, why):
    tag = status_tag(status, due_on=due_on, today=TODAY)
    assert (tag.label, tag.colour) == (label, colour), why


def test_not_required_has_no_tag_and_comes_last():
    assert status_tag(Status.NOT_REQUIRED, today=TODAY) is None
    assert [urgency(status) for status in URGENCY] == list(range(len(URGENCY)))
    assert urgency(Status.NOT_REQUIRED) == len(URGENCY)
