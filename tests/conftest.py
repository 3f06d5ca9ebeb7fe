"""Fixtures for the whole suite: people in each role, the seeded grades, and the demo loaded once a module.

The people fixtures build a small team: `learner` (an EO with an account)
reports to `line_manager` (a G7 with an account) when both are asked for.
"""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from people.models import Department, Employee, Grade, HRScope, Profession
from people.roles import HR_OFFICERS
from tests.compliance_data import known  # noqa: F401 - a fixture
from tests.factories import DepartmentFactory, EmployeeFactory, UserFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with nothing kept: a rolled-back test's sites and pages must not be served to the next."""
    cache.clear()


# Hashing with the production hasher costs a noticeable fraction of a second per password.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> str:
    """The demo, loaded once for each test module that asks for it; gives what `load_demo` printed.

    Loading it takes seconds, so it is not loaded again for every test. It is loaded with DEBUG on (the
    demo accounts get their password) in a transaction opened here and rolled back after the module's
    last test. Tests still ask for `db`: each runs in a savepoint inside that transaction, so whatever a
    test writes, even loading the demo again, is rolled back before the next test. Once loaded, the demo
    stays until the module ends, so tests that need a database without it belong in another module, and
    no test in the module may use `transactional_db` (it would empty the database under the transaction).
    """
    out = io.StringIO()
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=True, PASSWORD_HASHERS=FAST_PASSWORD_HASHERS):
            call_command("load_demo", stdout=out)
        with django_db_blocker.block():
            yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def grades(db) -> dict[str, Grade]:
    """The seeded grades by code: grades["EO"], grades["SCS1"] …"""
    return {grade.code: grade for grade in Grade.objects.all()}


@pytest.fixture
def professions(db) -> dict[str, Profession]:
    """The seeded professions by code: professions["policy"], professions["ddat"] …"""
    return {profession.code: profession for profession in Profession.objects.all()}


@pytest.fixture
def department(db) -> Department:
    return DepartmentFactory(code="DSIT", name="Department for Science, Innovation and Technology")


@pytest.fixture
def employee(department, grades) -> Employee:
    """An active EO without an account."""
    return EmployeeFactory(department=department, grade=grades["EO"])


@pytest.fixture
def learner(department, grades) -> Employee:
    """An active EO with a signed-up, verified account (`learner.user`)."""
    return EmployeeFactory(
        given_name="Chloe",
        family_name="Adebayo",
        email="chloe.adebayo@example.gov.uk",
        department=department,
        grade=grades["EO"],
        with_user=True,
    )


@pytest.fixture
def learner_user(learner):
    return learner.user


@pytest.fixture
def line_manager(request, department, grades) -> Employee:
    """An active G7 with an account; manages `learner` when the test also uses it."""
    manager = EmployeeFactory(
        given_name="Nadia",
        family_name="Hussain",
        email="nadia.hussain@example.gov.uk",
        department=department,
        grade=grades["G7"],
        with_user=True,
    )
    if "learner" in request.fixturenames:
        learner = request.getfixturevalue("learner")
        learner.line_manager = manager
        learner.save(update_fields=["line_manager"])
    return manager


@pytest.fixture
def manager_user(line_manager):
    return line_manager.user


@pytest.fixture
def hr_user(department, grades):
    """An HR officer (in the "HR officers" group created by the people migrations), with an HR record."""
    officer = EmployeeFactory(department=department, grade=grades["HEO"], with_user=True)
    officer.user.groups.add(Group.objects.get(name=HR_OFFICERS))
    HRScope.objects.create(user=officer.user, whole_service=True)
    return officer.user


@pytest.fixture
def departmental_hr_user(department, grades):
    """An HR officer whose scope is one department (`other_department`, with the bodies under it), not `department`."""
    other = Department.objects.create(code="OTHER", name="Other department")
    officer = EmployeeFactory(department=other, grade=grades["HEO"], with_user=True)
    officer.user.groups.add(Group.objects.get(name=HR_OFFICERS))
    HRScope.objects.create(user=officer.user).departments.add(other)
    return officer.user


@pytest.fixture
def editor_user(db):
    """A content editor: in the "Course editors" group, which can reach the Wagtail admin."""
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Course editors"))
    return user
