"""Who someone is to govlearn: learner, line manager, HR officer, content editor, administrator.

The navigation asks these on every page, and most pages show the person's HR record, so the
user, their four roles and their HR record (with grade, department, profession and line
manager) come from one query, remembered on the user object for as long as it lives (one
request), as Django does with permissions. Call :func:`forget_roles` after changing a user's
groups if the same object is asked again.

That query is written out once, as SQL, rather than built by the ORM on every request: it
runs for every signed-in request, and building it cost more than running it.
"""

from __future__ import annotations

import contextlib
import functools
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import Model
from wagtail.models import GroupPagePermission

from content.db import prepared_cursor
from people.models import Department, Employee, Grade, Profession

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
_FIELDS = ("hr_officer", "course_team", "page_permissions", "line_manager")


@dataclass(frozen=True)
class _Table:
    """One model's columns in the query: where they start in a row and how to read them."""

    model: type[Model]
    alias: str
    attnames: tuple[str, ...]
    converters: tuple[tuple, ...]  # for each column: (converter, column) pairs, as the ORM applies them

    @classmethod
    def of(cls, model: type[Model], alias: str) -> _Table:
        fields = model._meta.concrete_fields
        converters = []
        for field in fields:
            column = field.get_col(alias)
            found = [*connection.ops.get_db_converters(column), *column.get_db_converters(connection)]
            converters.append(tuple((converter, column) for converter in found))
        return cls(model, alias, tuple(f.attname for f in fields), tuple(converters))

    def select(self) -> str:
        quote = connection.ops.quote_name
        return ", ".join(f"{self.alias}.{quote(f.column)}" for f in self.model._meta.concrete_fields)

    def load(self, values: list, start: int):
        """The instance whose columns start at `start`, or None when the outer join found no row."""
        values = values[start : start + len(self.attnames)]
        for index, converters in enumerate(self.converters):
            for converter, column in converters:
                values[index] = converter(values[index], column, connection)
        if values[self.attnames.index(self.model._meta.pk.attname)] is None:
            return None
        return self.model.from_db(connection.alias, self.attnames, values)


@functools.cache
def _query(vendor: str) -> tuple[str, tuple[_Table, ...]]:
    """The SQL that loads a user with their roles and HR record, and how to read its rows (one per vendor)."""
    quote = connection.ops.quote_name
    User = get_user_model()
    memberships = User.groups.through
    member, in_group = User.groups.field.m2m_column_name(), User.groups.field.m2m_reverse_name()
    tables = (
        _Table.of(User, "u"),
        _Table.of(Employee, "e"),
        _Table.of(Grade, "g"),
        _Table.of(Department, "d"),
        _Table.of(Profession, "p"),
        _Table.of(Employee, "m"),
    )
    groups_of_user = (
        f"FROM {quote(memberships._meta.db_table)} ug INNER JOIN {quote(Group._meta.db_table)} gr "
        f"ON gr.id = ug.{quote(in_group)} WHERE ug.{quote(member)} = u.id"
    )
    employee = quote(Employee._meta.db_table)
    sql = f"""
        SELECT {tables[0].select()},
               EXISTS (SELECT 1 {groups_of_user} AND gr.name = %(hr)s),
               EXISTS (SELECT 1 {groups_of_user} AND gr.name IN (%(editors)s, %(reviewers)s)),
               EXISTS (SELECT 1 FROM {quote(memberships._meta.db_table)} ug
                       INNER JOIN {quote(GroupPagePermission._meta.db_table)} gp ON gp.group_id = ug.{quote(in_group)}
                       WHERE ug.{quote(member)} = u.id),
               EXISTS (SELECT 1 FROM {employee} r WHERE r.line_manager_id = e.id AND r.is_active = %(active)s),
               {", ".join(table.select() for table in tables[1:])}
        FROM {quote(User._meta.db_table)} u
        LEFT OUTER JOIN {employee} e ON e.user_id = u.id
        LEFT OUTER JOIN {quote(Grade._meta.db_table)} g ON g.id = e.grade_id
        LEFT OUTER JOIN {quote(Department._meta.db_table)} d ON d.id = e.department_id
        LEFT OUTER JOIN {quote(Profession._meta.db_table)} p ON p.id = e.profession_id
        LEFT OUTER JOIN {employee} m ON m.id = e.line_manager_id
        WHERE u.id = %(user)s
    """  # noqa: S608 - table and column names from the models; values are parameters
    return sql, tables


def _load(user_id):
    """(user, roles, employee) for this account id, in one query; None when there is no such account."""
    sql, (users, *related) = _query(connection.vendor)
    params = {
        "user": user_id,
        "hr": HR_OFFICERS,
        "editors": COURSE_EDITORS,
        "reviewers": COURSE_REVIEWERS,
        "active": True,
    }
    with prepared_cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    row = list(row)
    user = users.load(row, 0)
    at = len(users.attnames)
    roles = _Roles(*(bool(value) for value in row[at : at + len(_FIELDS)]))
    at += len(_FIELDS)
    loaded = []
    for table in related:
        loaded.append(table.load(row, at))
        at += len(table.attnames)
    employee, grade, department, profession, manager = loaded
    if employee is not None:
        for name, value in (("grade", grade), ("department", department), ("profession", profession)):
            Employee._meta.get_field(name).set_cached_value(employee, value)
        Employee._meta.get_field("line_manager").set_cached_value(employee, manager)
    return user, roles, employee


def user_with_roles(user_id):
    """The user with their roles and HR record already known, in the one query that loads them for a request."""
    loaded = _load(user_id)
    if loaded is None:
        return None
    user, roles, employee = loaded
    _remember(user, roles, employee)
    return user


def _remember(user, roles: _Roles, employee: Employee | None) -> None:
    setattr(user, _ROLES_CACHE, roles)
    setattr(user, _EMPLOYEE_CACHE, employee)
    if employee is not None:
        Employee._meta.get_field("user").set_cached_value(employee, user)


def _ensure_loaded(user) -> None:
    """Load the roles and HR record of a user object that did not come from :func:`user_with_roles`."""
    loaded = _load(user.pk)
    roles, employee = (loaded[1], loaded[2]) if loaded else (_NO_ROLES, None)
    _remember(user, roles, employee)


def _roles(user) -> _Roles:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return _NO_ROLES
    if getattr(user, _ROLES_CACHE, None) is None:
        _ensure_loaded(user)
    return getattr(user, _ROLES_CACHE)


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
    """The signed-in person's HR record with their grade, department, profession and manager (loaded with the roles)."""
    if not getattr(user, "is_authenticated", False):
        return None
    if getattr(user, _EMPLOYEE_CACHE, _UNKNOWN) is _UNKNOWN:
        _ensure_loaded(user)
    return getattr(user, _EMPLOYEE_CACHE)
