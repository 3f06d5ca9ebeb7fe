"""The factories' parameters and traits give the rows their docstrings promise."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from enrolment.models import Enrolment, Exemption
from tests.factories import EmployeeFactory, EnrolmentFactory, ExemptionFactory, at_noon

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 26)


def test_an_enrolment_is_open_and_compulsory_by_default():
    enrolment = EnrolmentFactory(today=TODAY)
    assert enrolment.source == Enrolment.Source.REQUIREMENT
    assert enrolment.course == enrolment.requirement.course
    assert (enrolment.due_on, enrolment.completed_at, enrolment.withdrawn_at) == (TODAY + timedelta(30), None, None)
    assert enrolment.enrolled_at == at_noon(TODAY - timedelta(400))


def test_a_chosen_course_has_no_requirement_and_no_due_date():
    enrolment = EnrolmentFactory(requirement=None)
    assert (enrolment.source, enrolment.due_on) == (Enrolment.Source.SELF, None)


@pytest.mark.parametrize("requirement", [True, False], ids=["compulsory", "chosen"])
def test_completed_on_completes_it_at_noon_that_day(requirement):
    kind = {} if requirement else {"requirement": None}
    enrolment = EnrolmentFactory(today=TODAY, completed_on=date(2025, 3, 31), **kind)
    assert enrolment.completed_at == at_noon(date(2025, 3, 31))
    assert (enrolment.due_on, enrolment.expires_on) == (None, None)
    # Enrolled before it was completed, as the database requires.
    assert enrolment.enrolled_at == at_noon(date(2025, 3, 31) - timedelta(400))
    assert EnrolmentFactory(today=TODAY, completed_on=TODAY - timedelta(5), expires_on=TODAY).expires_on == TODAY


@pytest.mark.parametrize(
    ("trait", "completed_on", "expires_on", "due_on"),
    [
        ("completed", TODAY - timedelta(100), None, None),
        ("expiring", TODAY - timedelta(350), TODAY + timedelta(14), None),
        ("overdue", None, None, TODAY - timedelta(10)),
    ],
)
def test_the_traits(trait, completed_on, expires_on, due_on):
    enrolment = EnrolmentFactory(today=TODAY, **{trait: True})
    assert enrolment.completed_at == (at_noon(completed_on) if completed_on else None)
    assert (enrolment.expires_on, enrolment.due_on) == (expires_on, due_on)
    assert enrolment.enrolled_at <= (enrolment.completed_at or enrolment.enrolled_at)


def test_a_withdrawn_enrolment():
    assert EnrolmentFactory(today=TODAY, withdrawn=True).withdrawn_at == at_noon(TODAY - timedelta(1))


def test_reports_to_puts_someone_in_the_managers_team(department):
    manager = EmployeeFactory(department=department)
    report = EmployeeFactory(reports_to=manager)
    assert (report.line_manager, report.department, report.grade.code) == (manager, department, "EO")
    assert EmployeeFactory().line_manager is None
    assert EmployeeFactory().department != department


def test_a_revoked_exemption_is_not_in_force():
    kept, revoked = ExemptionFactory(today=TODAY), ExemptionFactory(today=TODAY, revoked=True)
    assert list(Exemption.objects.in_force(on=TODAY)) == [kept]
    assert (revoked.revoked_at, revoked.revoked_by) == (at_noon(TODAY), revoked.granted_by)
    assert revoked.revoke_reason
