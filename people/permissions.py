"""Who may see and change HR data: one Wagtail permission policy, used by every HR screen.

HR officers (the "HR officers" group) and administrators may use HR's screens: compulsory
training requirements, the people in them with extensions and exemptions, and HR imports. Their
group holds no model permissions on these records, so the screens ask `people.roles.is_hr_officer`
through this policy instead (no migration, one rule in one place). Whose records each officer reaches
is their scope (`people.scopes`): every screen filters by it, and actions that change what applies
across departments (`whole_service_actions`) need the whole civil service in scope.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from people.models import Employee
from people.roles import HR_OFFICERS, is_hr_officer
from people.scopes import hr_scope


def hr_officers():
    """Active users who may use HR's screens: administrators and members of the HR officers group."""
    return (
        get_user_model()
        ._default_manager.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=HR_OFFICERS))
        .distinct()
    )


class HRDataPolicy(BasePermissionPolicy):
    """HR officers and administrators may do every action on the model except those in `forbidden_actions`;
    those in `whole_service_actions` only with the whole civil service in their scope."""

    def __init__(self, model, *, forbidden_actions: Iterable[str] = (), whole_service_actions: Iterable[str] = ()):
        super().__init__(model)
        self.forbidden_actions = frozenset(forbidden_actions)
        self.whole_service_actions = frozenset(whole_service_actions)

    def user_has_permission(self, user, action):
        if action in self.forbidden_actions or not is_hr_officer(user):
            return False
        return action not in self.whole_service_actions or hr_scope(user).whole_service

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    @cached_property
    def _person_path(self) -> str | None:
        """How the model leads to a person: "" for Employee, "employee" for records of one, None otherwise."""
        if self.model is Employee:
            return ""
        fields = {field.name: field for field in self.model._meta.get_fields()}
        field = fields.get("employee")
        return "employee" if field is not None and getattr(field, "related_model", None) is Employee else None

    def instances_user_has_any_permission_for(self, user, actions):
        """Records of people in the user's scope (`people.scopes`); all of them for records of nobody."""
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        records = self.model._default_manager.all()
        path = self._person_path
        if path is None:
            return records
        scope = hr_scope(user)
        return scope.employees(records) if path == "" else scope.filter(records, employee=path)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        path = self._person_path
        if path is None:
            return True
        return hr_scope(user).includes(instance if path == "" else instance.employee_id)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def users_with_any_permission(self, actions):
        if not set(actions) - self.forbidden_actions:
            return get_user_model()._default_manager.none()
        return hr_officers()
