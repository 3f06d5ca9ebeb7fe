"""Fixtures for My team: a compulsory requirement, the line manager's extension setting, and a team in every status.

Dates are counted from the real Europe/London today, as the pages count them. People are put in each
status with the factories in tests/factories.py.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from enrolment.models import Requirement
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
