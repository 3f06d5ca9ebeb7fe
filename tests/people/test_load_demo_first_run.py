"""`load_demo` into a database without the demo: the first load without DEBUG, who hears of it, what it refuses.

These tests need a database the demo has not been loaded into, so they are not in test_load_demo.py,
whose tests share one load for the module.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError

from people.models import Department, Employee, User
from people.signals import employees_changed
from tests.factories import EmployeeFactory
from tests.people.test_load_demo import README_ACCOUNTS, load_demo

pytestmark = pytest.mark.django_db


def test_without_debug_no_demo_account_has_a_password(settings):
    out = load_demo(debug=False, settings=settings)
    assert "(no password: DEBUG is off)" in out
    assert settings.DEMO_PASSWORD not in out
    for email in README_ACCOUNTS:
        assert authenticate(None, username=email, password=settings.DEMO_PASSWORD) is None
        assert not User.objects.get(email=email).has_usable_password()


def test_changed_people_are_announced_once(settings, django_capture_on_commit_callbacks):
    received = []

    def receiver(sender, employee_ids, **kwargs):
        received.append(employee_ids)

    employees_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            load_demo(debug=True, settings=settings)
        assert len(received) == 1
        assert sorted(received[0]) == sorted(Employee.objects.values_list("pk", flat=True))
        with django_capture_on_commit_callbacks(execute=True):
            load_demo(debug=True, settings=settings)
        assert len(received) == 1
    finally:
        employees_changed.disconnect(receiver)


def test_refuses_to_take_over_someone_elses_email(settings, department, grades):
    EmployeeFactory(staff_number="12345678", email="learner@example.gov.uk", department=department)
    with pytest.raises(CommandError, match=r"learner@example\.gov\.uk belongs to employee 12345678"):
        load_demo(debug=True, settings=settings)
    assert not Department.objects.filter(code="HMPPS").exists()  # nothing half-loaded


def test_other_apps_add_their_demo_data_through_a_hook(settings):
    from wagtail import hooks

    def load_courses(*, stdout):
        # Runs after the people, so it can use them.
        assert Employee.objects.filter(email="editor@example.gov.uk").exists()
        stdout.write("Demo courses loaded.")

    with hooks.register_temporarily("load_demo_data", load_courses):
        out = load_demo(debug=True, settings=settings)
    assert "Demo courses loaded." in out
