"""Who someone is to govlearn: learner, line manager, HR officer, content editor, administrator.

The navigation asks these on every page, so all four roles come from one query,
remembered on the user object for as long as it lives (one request), as
Django does with permissions. Call :func:`forget_roles` after changing a
user's groups if the same object is asked again.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef
from wagtail.models import GroupPagePermission

from people.models import Employee

HR_OFFICERS = "HR officers"
COURSE_EDITORS = "Course editors"
COURSE_REVIEWERS = "Course reviewers"

_ROLES_CACHE = "_govlearn_roles"
_EMPLOYEE_CACHE = "_govlearn_employee"
_UNKNOWN = object()


@dataclass(frozen=True)
class _Roles:
    hr_officer: bool
    course_team: bool
    page_permissions: bool
    line_manager: bool


_NO_ROLES = _Roles(hr_officer=False, course_team=False, page_permissions=False, line_manager=False)


def role_annotations() -> dict:
    """The four role facts as expressions on the user table (one EXISTS each, one query in all)."""
    in_groups = Group.objects.filter(user=OuterRef("pk"))
    return {
        "hr_officer": Exists(in_groups.filter(name=HR_OFFICERS)),
        "course_team": Exists(in_groups.filter(name__in=[COURSE_EDITORS, COURSE_REVIEWERS])),
        "page_permissions": Exists(GroupPagePermission.objects.filter(group__user=OuterRef("pk"))),
        "line_manager": Exists(Employee.objects.filter(line_manager__user=OuterRef("pk"), is_active=True)),
    }


def user_with_roles(user_id):
    """The user with their roles already known, in the one query that loads them for a request."""
    user = get_user_model()._default_manager.annotate(**{f"_role_{k}": v for k, v in role_annotations().items()})
    user = user.filter(pk=user_id).first()
    if user is not None:
        setattr(user, _ROLES_CACHE, _Roles(**{field: getattr(user, f"_role_{field}") for field in _FIELDS}))
    return user


_FIELDS = ("hr_officer", "course_team", "page_permissions", "line_manager")


def _roles(user) -> _Roles:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return _NO_ROLES
    cached = getattr(user, _ROLES_CACHE, None)
    if cached is not None:
        return cached
    facts = get_user_model()._default_manager.filter(pk=user.pk).values(**role_annotations()).first()
    roles = _Roles(**facts) if facts else _NO_ROLES
    setattr(user, _ROLES_CACHE, roles)
    return roles


def forget_roles(user) -> None:
    """Drop what this user object remembers about its roles and HR record."""
    for name in (_ROLES_CACHE, _EMPLOYEE_CACHE):
        with contextlib.suppress(AttributeError):
            delattr(user, name)


def is_administrator(user) -> bool:
    """Administrators (superusers) may do everything, including managing people and departments."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser)


def is_line_manager(user) -> bool:
    """Someone with at least one active direct report."""
    return _roles(user).line_manager


def is_hr_officer(user) -> bool:
    """A member of the "HR officers" group, or an administrator."""
    return is_administrator(user) or _roles(user).hr_officer


def is_content_editor(user) -> bool:
    """Someone who writes or reviews courses: in the course teams, or holding any Wagtail page permission.

    Reaching the Wagtail admin is not enough on its own: HR officers reach it to
    keep people records, and they do not edit content.
    """
    if is_administrator(user):
        return True
    roles = _roles(user)
    return roles.course_team or roles.page_permissions


def employee_for(user) -> Employee | None:
    """The signed-in person's HR record with their grade, department, profession and manager (one query)."""
    if not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, _EMPLOYEE_CACHE, _UNKNOWN)
    if cached is not _UNKNOWN:
        return cached
    employee = Employee.objects.with_related().filter(user_id=user.pk).first()
    setattr(user, _EMPLOYEE_CACHE, employee)
    return employee
