"""One permission policy decides who may use HR's screens (requirements, people's status, imports)."""

import pytest

from compliance.admin_views import RequirementPeopleView
from enrolment.admin_views import requirement_policy
from enrolment.models import Requirement
from people.import_views import import_policy
from people.models import EmployeeImport
from people.permissions import HRDataPolicy
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_hr_screen_uses_the_one_policy():
    assert isinstance(requirement_policy, HRDataPolicy)
    assert isinstance(import_policy, HRDataPolicy)
    assert (requirement_policy.model, import_policy.model) == (Requirement, EmployeeImport)
    # The people and status screen (compliance's) asks what the requirement screens ask.
    assert (RequirementPeopleView.permission_policy, RequirementPeopleView.permission_required) == (
        requirement_policy,
        "view",
    )


@pytest.mark.parametrize(
    ("who", "action", "allowed", "why"),
    [
        ("hr", "change", True, "HR officers for the whole civil service manage requirements"),
        ("departmental", "change", False, "a requirement applies across departments: not for a departmental scope"),
        ("departmental", "add", False, "nor adding one"),
        ("departmental", "view", True, "but they see requirements, and their people in them"),
        ("hr", "delete", False, "a requirement keeps its history: retired, never deleted"),
        ("admin", "add", True, "administrators may do what HR does"),
        ("learner", "view", False, "a learner sees no HR data"),
        ("anonymous", "view", False, "nobody signed out does"),
    ],
)
def test_who_may_use_the_requirement_screens(who, action, allowed, why, hr_user, departmental_hr_user, learner_user):
    from django.contrib.auth.models import AnonymousUser

    users = {
        "hr": hr_user,
        "departmental": departmental_hr_user,
        "admin": UserFactory(is_superuser=True, is_staff=True),
        "learner": learner_user,
        "anonymous": AnonymousUser(),
    }
    assert requirement_policy.user_has_permission(users[who], action) is allowed, why


def test_the_users_who_may_are_the_hr_officers_and_administrators(hr_user, learner_user):
    admin = UserFactory(is_superuser=True)
    assert set(import_policy.users_with_any_permission(["view"])) == {hr_user, admin}
    assert not requirement_policy.users_with_any_permission(["delete"]).exists()
    assert set(requirement_policy.users_with_permission("change")) == {hr_user, admin}
