"""Extensions and exemptions: who may grant them, what is refused, and what is recorded."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from enrolment.extensions import grant_exemption, grant_extension, revoke_exemption
from enrolment.models import Enrolment, Exemption, Extension
from enrolment.status import Status, with_status
from people.models import Employee
from tests.factories import EmployeeFactory, EnrolmentFactory, ExemptionFactory, RequirementFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 10)
DUE = date(2026, 3, 31)
NOON = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def requirement(db):
    return RequirementFactory(name="Information management", due_within_days=60)


@pytest.fixture
def enrolment(learner, requirement):
    return EnrolmentFactory(employee=learner, requirement=requirement, due_on=DUE)


def extend(enrolment, user, *, due_on=date(2026, 4, 30), reason="Long-term sick leave"):
    return grant_extension(enrolment=enrolment, due_on=due_on, reason=reason, granted_by=user, today=TODAY)


# Extensions -----------------------------------------------------------------------


def test_an_extension_moves_the_due_date_and_records_who_when_why(enrolment, hr_user):
    extension = extend(enrolment, hr_user)
    enrolment.refresh_from_db()
    assert enrolment.due_on == date(2026, 4, 30)
    recorded = Extension.objects.get()
    assert recorded == extension
    assert (recorded.previous_due_on, recorded.due_on) == (DUE, date(2026, 4, 30))
    assert recorded.reason == "Long-term sick leave"
    assert recorded.granted_by == hr_user
    assert recorded.granted_at is not None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"reason": ""}, "reason"),
        ({"reason": "   "}, "reason"),
        ({"due_on": DUE}, "due_on"),  # not later than the current due date
        ({"due_on": date(2026, 3, 20)}, "due_on"),  # earlier than the current due date
        ({"due_on": TODAY}, "due_on"),  # not in the future
        ({"due_on": date(2026, 3, 1)}, "due_on"),  # in the past
    ],
)
def test_extension_rules(enrolment, hr_user, change, field):
    with pytest.raises(ValidationError) as refused:
        extend(enrolment, hr_user, **change)
    assert field in refused.value.message_dict
    assert not Extension.objects.exists()
    enrolment.refresh_from_db()
    assert enrolment.due_on == DUE


def test_a_past_due_date_can_be_extended_to_the_future(enrolment, hr_user):
    Enrolment.objects.filter(pk=enrolment.pk).update(due_on=date(2026, 2, 1))
    extend(enrolment, hr_user, due_on=date(2026, 3, 11))
    enrolment.refresh_from_db()
    assert enrolment.due_on == date(2026, 3, 11)


@pytest.mark.parametrize("closed", [{"completed_at": NOON, "enrolled_at": NOON}, {"withdrawn_at": NOON}])
def test_a_closed_enrolment_cannot_be_extended(enrolment, hr_user, closed):
    Enrolment.objects.filter(pk=enrolment.pk).update(**closed)
    enrolment.refresh_from_db()
    with pytest.raises(ValidationError, match="completed or withdrawn"):
        extend(enrolment, hr_user)
    assert not Extension.objects.exists()


def test_a_self_chosen_enrolment_cannot_be_extended(learner, hr_user):
    enrolment = EnrolmentFactory(employee=learner, requirement=None, due_on=DUE)
    with pytest.raises(ValidationError, match="Only compulsory training"):
        extend(enrolment, hr_user)


@pytest.mark.parametrize(("setting", "allowed"), [(None, False), (False, False), (True, True)])
def test_line_managers_extend_only_when_the_setting_allows(enrolment, manager_user, settings, setting, allowed):
    if setting is None:
        del settings.LINE_MANAGERS_CAN_EXTEND
    else:
        settings.LINE_MANAGERS_CAN_EXTEND = setting
    if allowed:
        assert extend(enrolment, manager_user).granted_by == manager_user
    else:
        with pytest.raises(PermissionDenied):
            extend(enrolment, manager_user)
        assert not Extension.objects.exists()


def test_another_manager_cannot_extend_even_with_the_setting(enrolment, settings, department, grades):
    settings.LINE_MANAGERS_CAN_EXTEND = True
    other_manager = EmployeeFactory(department=department, grade=grades["G7"], with_user=True)
    EmployeeFactory(department=department, grade=grades["EO"], line_manager=other_manager)
    with pytest.raises(PermissionDenied):
        extend(enrolment, other_manager.user)


@pytest.mark.parametrize("who", ["learner_user", "editor_user"])
def test_strangers_and_the_person_themself_are_refused(enrolment, request, settings, who):
    settings.LINE_MANAGERS_CAN_EXTEND = True
    with pytest.raises(PermissionDenied):
        extend(enrolment, request.getfixturevalue(who))


def test_administrators_may_extend(enrolment, admin_user):
    assert extend(enrolment, admin_user).granted_by == admin_user


# Exemptions ------------------------------------------------------------------------


def status_of(employee, requirement, today=TODAY) -> str:
    return with_status(Employee.objects.filter(pk=employee.pk), requirement, today=today).get().status


def test_an_exemption_is_recorded_and_makes_the_person_exempt(enrolment, learner, requirement, hr_user):
    assert status_of(learner, requirement) == Status.DUE
    exemption = grant_exemption(
        employee=learner,
        requirement=requirement,
        until=date(2026, 9, 30),
        reason="Secondment",
        granted_by=hr_user,
        today=TODAY,
    )
    assert (exemption.reason, exemption.granted_by, exemption.until) == ("Secondment", hr_user, date(2026, 9, 30))
    assert exemption.granted_at is not None
    assert status_of(learner, requirement) == Status.EXEMPT
    assert status_of(learner, requirement, today=date(2026, 10, 1)) == Status.OVERDUE


def test_a_new_exemption_replaces_the_one_in_force(learner, requirement, hr_user):
    first = grant_exemption(
        employee=learner,
        requirement=requirement,
        until=date(2026, 5, 1),
        reason="Leave",
        granted_by=hr_user,
        today=TODAY,
    )
    second = grant_exemption(
        employee=learner,
        requirement=requirement,
        until=date(2026, 8, 1),
        reason="Longer",
        granted_by=hr_user,
        today=TODAY,
    )
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert list(Exemption.objects.in_force(on=TODAY)) == [second]


def test_revoking_an_exemption_records_who_and_why(enrolment, learner, requirement, hr_user):
    exemption = grant_exemption(
        employee=learner,
        requirement=requirement,
        until=date(2026, 9, 30),
        reason="Leave",
        granted_by=hr_user,
        today=TODAY,
    )
    revoke_exemption(exemption=exemption, revoked_by=hr_user, reason="Back early")
    exemption.refresh_from_db()
    assert exemption.revoked_at is not None
    assert (exemption.revoked_by, exemption.revoke_reason) == (hr_user, "Back early")
    assert status_of(learner, requirement) == Status.DUE
    entry = ModelLogEntry.objects.get(action="enrolment.revoke_exemption")
    assert (entry.user_id, entry.data["reason"], entry.object_id) == (hr_user.pk, "Back early", str(exemption.pk))
    with pytest.raises(ValidationError):
        revoke_exemption(exemption=exemption, revoked_by=hr_user, reason="Twice")


@pytest.mark.parametrize(
    ("until", "reason", "field"),
    [(date(2026, 9, 30), " ", "reason"), (date(2026, 3, 9), "Leave", "until")],
)
def test_exemption_rules(learner, requirement, hr_user, until, reason, field):
    with pytest.raises(ValidationError) as refused:
        grant_exemption(
            employee=learner, requirement=requirement, until=until, reason=reason, granted_by=hr_user, today=TODAY
        )
    assert field in refused.value.message_dict
    assert not Exemption.objects.exists()


@pytest.mark.parametrize("who", ["manager_user", "learner_user", "editor_user"])
def test_only_hr_grants_or_revokes_exemptions(learner, requirement, hr_user, request, settings, who):
    settings.LINE_MANAGERS_CAN_EXTEND = True
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        grant_exemption(
            employee=learner, requirement=requirement, until=date(2026, 9, 30), reason="x", granted_by=user, today=TODAY
        )
    exemption = ExemptionFactory(employee=learner, requirement=requirement, until=date(2026, 9, 30), granted_by=hr_user)
    with pytest.raises(PermissionDenied):
        revoke_exemption(exemption=exemption, revoked_by=user, reason="No")


# The admin screens ------------------------------------------------------------------


def test_hr_grants_an_extension_through_the_admin(client, enrolment, requirement, hr_user):
    url = reverse("enrolment_requirements:extend", args=[requirement.pk, enrolment.pk])
    client.force_login(hr_user)
    assert "Grant extension" in client.get(url).content.decode()
    response = client.post(url, {"due_on": "2099-01-31", "reason": "Jury service"})
    assert response.status_code == 302
    assert response["Location"] == reverse("enrolment_requirements:people", args=[requirement.pk])
    enrolment.refresh_from_db()
    assert enrolment.due_on == date(2099, 1, 31)
    assert Extension.objects.get().granted_by == hr_user


def test_the_extension_form_shows_errors(client, enrolment, requirement, hr_user):
    url = reverse("enrolment_requirements:extend", args=[requirement.pk, enrolment.pk])
    client.force_login(hr_user)
    html = client.post(url, {"due_on": "2026-03-01", "reason": ""}).content.decode()
    assert "Enter the reason for the extension." in html
    html = client.post(url, {"due_on": "2026-03-01", "reason": "Leave"}).content.decode()
    assert "The new due date must be" in html
    assert not Extension.objects.exists()


def test_hr_grants_and_revokes_an_exemption_through_the_admin(client, learner, requirement, hr_user):
    client.force_login(hr_user)
    url = reverse("enrolment_requirements:exempt", args=[requirement.pk, learner.pk])
    assert client.post(url, {"until": "2099-12-31", "reason": "Secondment"}).status_code == 302
    exemption = Exemption.objects.get()
    assert (exemption.reason, exemption.granted_by) == ("Secondment", hr_user)
    url = reverse("enrolment_requirements:revoke", args=[requirement.pk, exemption.pk])
    assert "Enter the reason for revoking" in client.post(url, {"reason": ""}).content.decode()
    assert client.post(url, {"reason": "Returned"}).status_code == 302
    exemption.refresh_from_db()
    assert exemption.revoked_at is not None


def test_learners_cannot_reach_the_extension_form(client, enrolment, requirement, learner_user):
    client.force_login(learner_user)
    url = reverse("enrolment_requirements:extend", args=[requirement.pk, enrolment.pk])
    assert client.post(url, {"due_on": "2099-01-31", "reason": "Please"}).status_code in (302, 403)
    assert not Extension.objects.exists()
