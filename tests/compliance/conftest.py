"""Fixtures for My team: a compulsory requirement, ways to put people in each status, and teams of any size.

Dates are counted from the real Europe/London today, as the pages count them.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from enrolment.models import Requirement
from tests.compliance.states import assign, complete, exempt, report
from tests.pages import make_course


@pytest.fixture
def today() -> date:
    return timezone.localdate()


@pytest.fixture
def requirement(db) -> Requirement:
    """Everyone must complete the course within 60 days, and again every 24 months (renewal window 30 days)."""
    course = make_course(modules=1, title="Information management crash course")
    return Requirement.objects.create(
        name="Information management for everyone",
        course=course,
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
    assign(overdue, requirement, due_on=today - timedelta(days=12))
    also_overdue = report(line_manager, given_name="Zara", family_name="Young")
    assign(also_overdue, requirement, due_on=today - timedelta(days=3))
    due = report(line_manager, given_name="Tomasz", family_name="Nowak")
    assign(due, requirement, due_on=today + timedelta(days=20))
    expiring = report(line_manager, given_name="Mei", family_name="Chen")
    complete(expiring, requirement, on=today - timedelta(days=700), expires_on=today + timedelta(days=10))
    compliant = report(line_manager, given_name="Connor", family_name="Brady")
    complete(compliant, requirement, on=today - timedelta(days=100), expires_on=today + timedelta(days=600))
    exempted = report(line_manager, given_name="Siobhan", family_name="Kelly")
    exempt(exempted, requirement, until=today + timedelta(days=40), granted_by=hr_user)
    return {
        "overdue": overdue,
        "also_overdue": also_overdue,
        "due": due,
        "expiring": expiring,
        "compliant": compliant,
        "exempt": exempted,
    }
