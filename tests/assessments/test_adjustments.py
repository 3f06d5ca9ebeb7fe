"""The workplace adjustment rule: what may be recorded, that history is kept, that the latest stands, that 0%
ends it, the database side agreeing with the Python side, and who may record one for whom."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from assessments.adjustments import (
    MAX_REASON_LENGTH,
    NOT_YOURS_TO_RECORD,
    PERCENT_OUT_OF_RANGE,
    REASON_MISSING,
    REASON_TOO_LONG,
    current_adjustment,
    in_force,
    may_record,
    people_user_may_record_for,
    record_adjustment,
)
from assessments.attempts import start_attempt
from assessments.models import WorkplaceAdjustment
from people.roles import forget_roles
from tests.factories import CoursePageFactory, EmployeeFactory, QuizPageFactory, WorkplaceAdjustmentFactory

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
REASON = "Workplace adjustment passport, reviewed with occupational health."


def record(*, employee, by, percent=50, reason=REASON, now=T0):
    return record_adjustment(employee=employee, extra_time_percent=percent, reason=reason, recorded_by=by, now=now)


# What may be recorded ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("percent", "reason", "errors", "why"),
    [
        (0, REASON, {}, "no extra time: ends an adjustment"),
        (25, REASON, {}, "a usual percentage"),
        (400, REASON, {}, "the most there is"),
        (None, REASON, {}, "no time limit"),
        (401, REASON, {"extra_time_percent": [PERCENT_OUT_OF_RANGE]}, "more than four times the time limit"),
        (-1, REASON, {"extra_time_percent": [PERCENT_OUT_OF_RANGE]}, "less than none"),
        (50, "", {"reason": [REASON_MISSING]}, "no reason"),
        (50, "   \n ", {"reason": [REASON_MISSING]}, "only spaces"),
        (50, "x" * MAX_REASON_LENGTH, {}, "a reason as long as allowed"),
        (50, "x" * (MAX_REASON_LENGTH + 1), {"reason": [REASON_TOO_LONG]}, "a reason too long"),
        (500, "", {"extra_time_percent": [PERCENT_OUT_OF_RANGE], "reason": [REASON_MISSING]}, "every problem at once"),
    ],
)
def test_what_may_be_recorded(hr_user, employee, percent, reason, errors, why):
    if errors:
        with pytest.raises(ValidationError) as refusal:
            record(employee=employee, by=hr_user, percent=percent, reason=reason)
        assert refusal.value.message_dict == errors, why
        assert not WorkplaceAdjustment.objects.exists()
    else:
        adjustment = record(employee=employee, by=hr_user, percent=percent, reason=reason)
        assert adjustment.extra_time_percent == percent, why


def test_the_messages_say_what_to_do():
    assert PERCENT_OUT_OF_RANGE == "The percentage of extra time must be between 0 and 400."
    assert REASON_MISSING == "Enter the reason for this adjustment."
    assert REASON_TOO_LONG == "The reason must be 1000 characters or less."


def test_it_is_recorded_with_who_when_and_why_the_reason_trimmed(hr_user, employee):
    adjustment = record(employee=employee, by=hr_user, percent=None, reason="  Dyslexia: passport agreed.\n ")
    adjustment.refresh_from_db()
    assert (adjustment.employee, adjustment.extra_time_percent, adjustment.reason) == (
        employee,
        None,
        "Dyslexia: passport agreed.",
    )
    assert (adjustment.recorded_by, adjustment.recorded_at) == (hr_user, T0)
    assert str(adjustment) == "No time limit"


# History, and what stands ------------------------------------------------------------------


def test_nothing_is_changed_a_new_row_is_added_and_the_latest_stands(hr_user, employee):
    first = record(employee=employee, by=hr_user, percent=25, reason="First", now=T0)
    second = record(employee=employee, by=hr_user, percent=100, reason="Second", now=T0 + timedelta(days=30))
    first.refresh_from_db()
    assert (first.extra_time_percent, first.reason, first.recorded_at) == (25, "First", T0)
    assert list(employee.workplace_adjustments.all()) == [second, first]  # latest first
    assert current_adjustment(employee) == second


def test_no_extra_time_ends_it_and_keeps_the_history(hr_user, employee):
    record(employee=employee, by=hr_user, percent=50, now=T0)
    record(employee=employee, by=hr_user, percent=0, reason="Passport withdrawn.", now=T0 + timedelta(days=1))
    assert current_adjustment(employee) is None
    assert not in_force().filter(employee=employee).exists()
    assert employee.workplace_adjustments.count() == 2
    record(employee=employee, by=hr_user, percent=25, now=T0 + timedelta(days=2))
    assert current_adjustment(employee).extra_time_percent == 25


# Each case: the adjustments recorded for one person, oldest first, as (days after T0, percent); then
# the percent that stands (or "none" when nothing does).
HISTORIES = [
    ([], "none", "nothing recorded"),
    ([(0, 50)], 50, "one adjustment"),
    ([(0, None)], None, "no time limit"),
    ([(0, 50), (1, 0)], "none", "ended"),
    ([(0, 0)], "none", "only ever no extra time"),
    ([(0, 50), (1, 0), (2, 25)], 25, "ended, then given again"),
    ([(0, 25), (3, 100), (1, 50)], 100, "recorded out of order: the latest moment stands, not the last row"),
    ([(0, 25), (0, 50)], 50, "two at the same moment: the later row stands"),
    ([(0, None), (0, 0)], "none", "two at the same moment, the later ending it"),
]


@pytest.mark.parametrize(("history", "stands", "why"), HISTORIES)
def test_the_database_and_python_sides_agree_on_what_stands(history, stands, why):
    person = EmployeeFactory()
    bystander = EmployeeFactory()
    WorkplaceAdjustmentFactory(employee=bystander, extra_time_percent=10, recorded_at=T0 + timedelta(days=9))
    for days, percent in history:
        WorkplaceAdjustmentFactory(employee=person, extra_time_percent=percent, recorded_at=T0 + timedelta(days=days))

    python_side = current_adjustment(person)
    database_side = list(in_force().filter(employee=person))
    if stands == "none":
        assert python_side is None, why
        assert database_side == [], why
    else:
        assert python_side.extra_time_percent == stands, why
        assert database_side == [python_side], why
    assert [a.extra_time_percent for a in in_force().filter(employee=bystander)] == [10]


def test_an_attempt_started_after_recording_gets_the_extra_time_and_one_started_before_keeps_its_own(hr_user, learner):
    quiz = QuizPageFactory(parent=CoursePageFactory(), pool=2, time_limit_minutes=20)
    other_quiz = QuizPageFactory(parent=CoursePageFactory(), pool=2, time_limit_minutes=20)
    now = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    before = start_attempt(employee=learner, quiz=quiz, now=now)
    record(employee=learner, by=hr_user, percent=50, now=now + timedelta(minutes=1))
    after = start_attempt(employee=learner, quiz=other_quiz, now=now + timedelta(minutes=2))
    before.refresh_from_db()
    assert before.deadline == now + timedelta(minutes=20)
    assert after.deadline == now + timedelta(minutes=2 + 30)


# Who may record for whom -------------------------------------------------------------------


@pytest.fixture
def team(line_manager, learner):
    """Nadia Hussain manages Chloe Adebayo (learner) and a leaver; Chloe manages Sam (Nadia's indirect report)."""
    leaver = EmployeeFactory(reports_to=line_manager, is_active=False)
    indirect = EmployeeFactory(reports_to=learner)
    stranger = EmployeeFactory()
    return {"direct": learner, "leaver": leaver, "indirect": indirect, "stranger": stranger}


def test_a_line_manager_may_record_for_their_active_direct_reports_only(line_manager, team):
    user = line_manager.user
    assert may_record(user, team["direct"])
    for who in ("leaver", "indirect", "stranger"):
        assert not may_record(user, team[who]), who
        with pytest.raises(PermissionDenied, match="Only HR officers, or the person's line manager"):
            record(employee=team[who], by=user)
    assert not may_record(user, line_manager), "not for themselves"
    assert not WorkplaceAdjustment.objects.exists()


def test_the_line_managers_people_are_my_teams_direct_reports(line_manager, team):
    from compliance.team import team_of

    assert set(people_user_may_record_for(line_manager.user)) == set(team_of(line_manager)) == {team["direct"]}


def test_a_manager_who_has_left_records_nothing(line_manager, team):
    line_manager.is_active = False
    line_manager.save(update_fields=["is_active"])
    forget_roles(line_manager.user)
    assert not may_record(line_manager.user, team["direct"])


def test_an_hr_officer_may_record_for_anyone_working_here_but_themselves(hr_user, team, line_manager):
    for who in ("direct", "indirect", "stranger"):
        assert may_record(hr_user, team[who]), who
    assert may_record(hr_user, line_manager)
    assert not may_record(hr_user, team["leaver"]), "a leaver takes no quizzes"
    officer = hr_user.employee
    assert not may_record(hr_user, officer), "not their own"
    with pytest.raises(PermissionDenied) as refusal:
        record(employee=officer, by=hr_user)
    assert str(refusal.value) == NOT_YOURS_TO_RECORD
    assert not WorkplaceAdjustment.objects.exists()


def test_administrators_may_record(admin_user, employee):
    assert record(employee=employee, by=admin_user).recorded_by == admin_user


def test_learners_editors_visitors_and_inactive_accounts_may_not(learner, editor_user, hr_user, employee):
    colleague = EmployeeFactory(department=learner.department)
    hr_user.is_active = False
    hr_user.save(update_fields=["is_active"])
    for user in (learner.user, editor_user, AnonymousUser(), hr_user):
        assert not may_record(user, colleague)
        assert not may_record(user, employee)
        with pytest.raises(PermissionDenied):
            record(employee=colleague, by=user)
    assert not may_record(learner.user, learner), "a learner cannot give themselves extra time"
    assert not WorkplaceAdjustment.objects.exists()


def test_who_may_record_is_one_query(django_assert_num_queries, line_manager, team):
    user = line_manager.user
    may_record(user, team["direct"])  # loads the user's roles and HR record, once per request
    with django_assert_num_queries(1):
        assert may_record(user, team["direct"])
