"""Who may see and change HR data: one Wagtail permission policy, used by every HR screen.

HR officers (the "HR officers" group) and administrators may use HR's screens: compulsory
training requirements, the people in them with extensions and exemptions, and HR imports. Their
group holds no model permissions on these records, so the screens ask `people.roles.is_hr_officer`
through this policy instead (no migration, one rule in one place). When HR's view is limited to
some departments, that limit belongs here, in `instances_user_has_any_permission_for` and
`user_has_permission_for_instance`, and every screen built on the policy follows.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from people.roles import HR_OFFICERS, is_hr_officer


def hr_officers():
    """Active users who may use HR's screens: administrators and members of the HR officers group."""
    return (
        get_user_model()
        ._default_manager.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=HR_OFFICERS))
        .distinct()
    )


class HRDataPolicy(BasePermissionPolicy):
    """HR officers and administrators may do every action on the model except those in `forbidden_actions`."""

    def __init__(self, model, *, forbidden_actions: Iterable[str] = ()):
        super().__init__(model)
        self.forbidden_actions = frozenset(forbidden_actions)

    def user_has_permission(self, user, action):
        return action not in self.forbidden_actions and is_hr_officer(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if not set(actions) - self.forbidden_actions:
            return get_user_model()._default_manager.none()
        return hr_officers()
