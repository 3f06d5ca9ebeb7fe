"""Fixtures for My team (a compulsory requirement, the line manager's extension setting, and a team in every
status) and for HR's compliance screens (`known`: people in every status, in a small structure).

Dates are counted from the real Europe/London today, as the pages count them. People are put in each
status with the factories in tests/factories.py.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from compliance.snapshot import refresh
from enrolment.models import Requirement
from people.models import Department
from tests.factories import EmployeeFactory, EnrolmentFactory, ExemptionFactory, RequirementFactory


@pytest.fixture
def today() -> date:
    return timezone.localdate()


@pytest.fixture
def requirement(db) -> Requirement:
    """Everyone must complete the course within 60 days, and again every 24 months (renewal window 30 days)."""
    return RequirementFactory(
        name="Information management for everyone",
        course__title="Information management crash course",
        due_within_days=60,
        renewal_months=24,
        recertification_window_days=30,
    )


@pytest.fixture
def extensions_allowed(settings):
    settings.LINE_MANAGERS_CAN_EXTEND = True


@pytest.fixture
def extensions_not_allowed(settings):
    settings.LINE_MANAGERS_CAN_EXTEND = False


@pytest.fixture
def mixed_team(line_manager, learner, requirement, hr_user, today):
    """The line manager's reports, one in each status (and one whom no requirement covers).

    Returns the people by the status they should show.
    """
    overdue = learner  # Chloe Adebayo
    EnrolmentFactory(employee=overdue, requirement=requirement, due_on=today - timedelta(days=12))
    also_overdue = EmployeeFactory(reports_to=line_manager, given_name="Zara", family_name="Young")
    EnrolmentFactory(employee=also_overdue, requirement=requirement, due_on=today - timedelta(days=3))
    due = EmployeeFactory(reports_to=line_manager, given_name="Tomasz", family_name="Nowak")
    EnrolmentFactory(employee=due, requirement=requirement, due_on=today + timedelta(days=20))
    expiring = EmployeeFactory(reports_to=line_manager, given_name="Mei", family_name="Chen")
    EnrolmentFactory(
        employee=expiring,
        requirement=requirement,
        completed_on=today - timedelta(days=700),
        expires_on=today + timedelta(days=10),
    )
    compliant = EmployeeFactory(reports_to=line_manager, given_name="Connor", family_name="Brady")
    EnrolmentFactory(
        employee=compliant,
        requirement=requirement,
        completed_on=today - timedelta(days=100),
        expires_on=today + timedelta(days=600),
    )
    exempted = EmployeeFactory(reports_to=line_manager, given_name="Siobhan", family_name="Kelly")
    ExemptionFactory(employee=exempted, requirement=requirement, until=today + timedelta(days=40), granted_by=hr_user)
    return {
        "overdue": overdue,
        "also_overdue": also_overdue,
        "due": due,
        "expiring": expiring,
        "compliant": compliant,
        "exempt": exempted,
    }


@pytest.fixture
def known(grades, professions, today):
    """Six people in two departments (one with a body under it), two requirements, every status.

    `expected` is what each person's status must be, written by hand: the independent count.
    """
    a = Department.objects.create(code="DA", name="Department A")
    a1 = Department.objects.create(code="DA1", name="Agency under A", parent=a)
    b = Department.objects.create(code="DB", name="Department B")
    everyone = RequirementFactory(name="Everyone", recertification_window_days=30)
    everyone.departments.set([a, b])
    senior = RequirementFactory(name="Senior", minimum_grade=grades["SCS1"])
    senior.departments.set([a, b])
    policy, ddat = professions["policy"], professions["ddat"]

    def person(name, department, grade, profession):
        return EmployeeFactory(
            given_name="Known", family_name=name, department=department, grade=grades[grade], profession=profession
        )

    p1 = person("Compliantone", a, "EO", policy)
    p2 = person("Expiringtwo", a1, "EO", ddat)
    p3 = person("Overduethree", a1, "SCS1", policy)
    p4 = person("Duefour", b, "SCS1", ddat)
    p5 = person("Exemptfive", b, "EO", policy)
    p6 = person("Overduesix", b, "SCS2", None)
    EnrolmentFactory(employee=p1, requirement=everyone, completed_on=today - timedelta(days=10))
    EnrolmentFactory(
        employee=p2, requirement=everyone, completed_on=today - timedelta(days=300), expires_on=today + timedelta(14)
    )
    EnrolmentFactory(employee=p3, requirement=everyone, due_on=today - timedelta(days=3))
    EnrolmentFactory(employee=p4, requirement=everyone, due_on=today + timedelta(days=20))
    EnrolmentFactory(employee=p5, requirement=everyone, due_on=today + timedelta(days=20))
    ExemptionFactory(employee=p5, requirement=everyone)
    EnrolmentFactory(employee=p6, requirement=everyone, due_on=today - timedelta(days=40))
    EnrolmentFactory(employee=p3, requirement=senior, completed_on=today - timedelta(days=5))
    EnrolmentFactory(employee=p4, requirement=senior, due_on=today - timedelta(days=1))
    EnrolmentFactory(employee=p6, requirement=senior, due_on=today + timedelta(days=60))
    expected = [
        # person, requirement, status (as the figures count it), department chain, grade, profession
        (p1, everyone, "compliant"),
        (p2, everyone, "expiring"),
        (p3, everyone, "overdue"),
        (p4, everyone, "due"),
        (p5, everyone, "exempt"),
        (p6, everyone, "overdue"),
        (p3, senior, "compliant"),
        (p4, senior, "overdue"),
        (p6, senior, "due"),
    ]
    refresh(today=today)
    return {"a": a, "a1": a1, "b": b, "everyone": everyone, "senior": senior, "expected": expected, "ddat": ddat}
