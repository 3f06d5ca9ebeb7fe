from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.functional import SimpleLazyObject

from people.backends import AuthenticationBackend
from people.models import Employee
from people.roles import (
    COURSE_EDITORS,
    COURSE_REVIEWERS,
    employee_for,
    forget_roles,
    is_administrator,
    is_content_editor,
    is_hr_officer,
    is_line_manager,
)
from tests.factories import EmployeeFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLE_FUNCTIONS = (is_line_manager, is_hr_officer, is_content_editor, is_administrator)


def roles_of(user) -> dict[str, bool]:
    return {function.__name__: function(user) for function in ROLE_FUNCTIONS}


def test_anonymous_visitor_has_no_role_and_costs_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert not any(roles_of(AnonymousUser()).values())
        assert employee_for(AnonymousUser()) is None


def test_learner_has_no_role(learner_user):
    assert roles_of(learner_user) == {
        "is_line_manager": False,
        "is_hr_officer": False,
        "is_content_editor": False,
        "is_administrator": False,
    }


def test_all_roles_cost_one_query_per_request(learner_user, django_assert_num_queries):
    # The navigation asks on every page, on the lazy request.user.
    request_user = SimpleLazyObject(lambda: learner_user)
    with django_assert_num_queries(1):
        roles_of(request_user)
        roles_of(request_user)
    forget_roles(learner_user)
    with django_assert_num_queries(1):
        is_hr_officer(learner_user)


@pytest.mark.parametrize("function", ROLE_FUNCTIONS)
def test_each_role_alone_costs_at_most_one_query(function, learner_user, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        function(learner_user)


def test_line_manager_has_active_reports(learner, line_manager):
    assert is_line_manager(line_manager.user)
    assert not is_line_manager(learner.user)


def test_manager_of_leavers_only_is_not_a_line_manager(line_manager, department, grades):
    EmployeeFactory(department=department, line_manager=line_manager, is_active=False, end_date=date(2025, 1, 31))
    assert not is_line_manager(line_manager.user)


def test_hr_officer(hr_user):
    assert is_hr_officer(hr_user)
    # HR officers reach the Wagtail admin to keep people records, but they do not edit content.
    assert hr_user.has_perm("wagtailadmin.access_admin")
    assert not is_content_editor(hr_user)
    assert not is_administrator(hr_user)


def test_wagtail_editors_are_content_editors(editor_user):
    assert is_content_editor(editor_user)
    assert not is_hr_officer(editor_user)


@pytest.mark.parametrize("group_name", [COURSE_EDITORS, COURSE_REVIEWERS, "Moderators"])
def test_course_teams_are_content_editors(group_name):
    user = UserFactory()
    user.groups.add(Group.objects.get_or_create(name=group_name)[0])
    assert is_content_editor(user)


def test_admin_access_alone_does_not_make_a_content_editor():
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert not is_content_editor(user)


def test_administrator_has_every_role_without_a_query(admin_user, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert is_administrator(admin_user)
        assert is_hr_officer(admin_user)
        assert is_content_editor(admin_user)


def test_deactivated_account_has_no_role(hr_user, admin_user):
    hr_user.is_active = admin_user.is_active = False
    assert not is_hr_officer(hr_user)
    assert not is_administrator(admin_user)
    assert not is_hr_officer(admin_user)


def test_roles_are_remembered_until_forgotten(learner_user):
    assert not is_hr_officer(learner_user)
    learner_user.groups.add(Group.objects.get(name="HR officers"))
    assert not is_hr_officer(learner_user)  # as Django's permission cache, for the life of the object
    forget_roles(learner_user)
    assert is_hr_officer(learner_user)


def test_employee_for_fetches_everything_shown_in_one_query(learner, line_manager, django_assert_num_queries):
    user = learner.user
    forget_roles(user)
    with django_assert_num_queries(1):
        found = employee_for(user)
        assert found == learner
        assert (found.grade.code, found.department.code, found.profession.code) == ("EO", "DSIT", "policy")
        assert found.line_manager.full_name == "Nadia Hussain"
        assert employee_for(user) is found


def test_employee_for_unlinked_account_is_none(django_assert_num_queries):
    user = UserFactory()
    with django_assert_num_queries(1):
        assert employee_for(user) is None
        assert employee_for(user) is None


def test_each_request_loads_the_user_with_their_roles_in_one_query(client, editor_user, hr_user):
    user = AuthenticationBackend().get_user(editor_user.pk)
    with CaptureQueriesContext(connection) as queries:
        assert is_content_editor(user)
        assert not is_hr_officer(user)
        assert not is_line_manager(user)
    assert len(queries) == 0

    # Same page, same HR record shape, different roles: the roles cost no query of their own.
    EmployeeFactory(user=editor_user, email=editor_user.email)
    counts = {}
    for person in (editor_user, hr_user):
        client.force_login(person)
        client.get("/")
        with CaptureQueriesContext(connection) as queries:
            html = client.get("/").content.decode()
        counts[person.email] = len(queries)
        assert ("Manage courses" in html) is (person == editor_user)
        assert ("Manage people" in html) is (person == hr_user)
    assert len(set(counts.values())) == 1, counts


def field_values(instance) -> dict:
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}


def test_the_request_user_comes_with_their_hr_record_as_the_orm_loads_them(learner, line_manager, grades):
    learner.grade_since = date(2024, 4, 1)
    learner.save()
    learner.user.last_login = learner.user.date_joined
    learner.user.save()
    user = AuthenticationBackend().get_user(learner.user.pk)
    with CaptureQueriesContext(connection) as queries:
        employee = employee_for(user)
        related = (employee.grade, employee.department, employee.profession, employee.line_manager)
        assert employee.user is user
    assert len(queries) == 0
    orm = Employee.objects.with_related().get(pk=learner.pk)
    assert field_values(user) == field_values(type(user).objects.get(pk=user.pk))
    assert user.last_login.tzinfo is not None
    assert isinstance(employee.grade_since, date)
    assert field_values(employee) == field_values(orm)
    expected = (orm.grade, orm.department, orm.profession, orm.line_manager)
    assert [field_values(item) for item in related] == [field_values(item) for item in expected]


def test_an_hr_record_without_profession_or_manager(department, grades, django_assert_num_queries):
    person = EmployeeFactory(department=department, grade=grades["EO"], user=UserFactory(), profession=None)
    user = AuthenticationBackend().get_user(person.user.pk)
    with django_assert_num_queries(0):
        employee = employee_for(user)
        assert employee == person
        assert employee.profession is None
        assert employee.line_manager is None


def test_an_account_without_hr_record_is_loaded_with_none(django_assert_num_queries):
    account = UserFactory()
    user = AuthenticationBackend().get_user(account.pk)
    assert user == account
    with django_assert_num_queries(0):
        assert employee_for(user) is None
        assert not is_line_manager(user)


def test_a_deleted_account_signs_nobody_in():
    account = UserFactory()
    account_id = account.pk
    account.delete()
    assert AuthenticationBackend().get_user(account_id) is None


def test_the_orm_internals_the_roles_query_uses_are_still_there(learner, line_manager):
    """The one-query load builds instances the way the ORM does: an upgrade that changes how must fail here."""
    import inspect

    from django.contrib.auth import get_user_model
    from django.db.models import Model

    assert list(inspect.signature(Model.from_db).parameters)[:3] == ["db", "field_names", "values"], "from_db moved"
    grade = Employee._meta.get_field("grade")
    for name in ("set_cached_value", "is_cached", "get_cached_value"):
        assert callable(getattr(grade, name, None)), f"Field.{name} is gone: see people.roles._load"
    column = grade.get_col("e")
    assert callable(getattr(connection.ops, "get_db_converters", None)), "ops.get_db_converters is gone"
    assert callable(getattr(column, "get_db_converters", None)), "Col.get_db_converters is gone"
    groups = get_user_model().groups.field
    assert (groups.m2m_column_name(), groups.m2m_reverse_name()) == ("user_id", "group_id"), "m2m columns moved"
    user = AuthenticationBackend().get_user(learner.user.pk)
    employee = employee_for(user)
    for name in ("grade", "department", "line_manager", "user"):
        assert Employee._meta.get_field(name).is_cached(employee), f"{name} no longer kept by set_cached_value"
