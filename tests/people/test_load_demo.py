"""`load_demo` loads the demo people and accounts, and loading it again puts back what was changed.

The demo is loaded once for the module (the `demo` fixture in tests/conftest.py, which gives what the
command printed); a test that changes it or loads it again does so in its own savepoint, rolled back
after it. Tests of a first load into a database without the demo are in test_load_demo_first_run.py.
"""

from __future__ import annotations

import io
from collections import Counter
from datetime import date

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.management import call_command

from people.demo import DEMO_ACCOUNTS, PEOPLE, demo_accounts
from people.models import Department, Employee, User
from people.roles import employee_for, is_administrator, is_content_editor, is_hr_officer, is_line_manager
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

README_ACCOUNTS = [
    "learner@example.gov.uk",
    "scs@example.gov.uk",
    "manager@example.gov.uk",
    "hr@example.gov.uk",
    "hr-hmrc@example.gov.uk",
    "editor@example.gov.uk",
    "reviewer@example.gov.uk",
    "admin@example.gov.uk",
]


def load_demo(*, debug: bool, settings) -> str:
    settings.DEBUG = debug
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    return {
        "departments": list(Department.objects.order_by("code").values()),
        "employees": list(Employee.objects.order_by("staff_number").values()),
        "users": list(User.objects.order_by("email").values()),
        "addresses": list(EmailAddress.objects.order_by("email").values()),
        "memberships": sorted(User.groups.through.objects.values_list("user_id", "group_id")),
    }


def test_demo_accounts_are_the_ones_the_readme_lists():
    assert [email for email, _role in demo_accounts()] == README_ACCOUNTS
    assert all(role for _email, role in demo_accounts())


def test_running_twice_changes_nothing(demo, settings):
    before = snapshot()
    assert len(before["departments"]) == 17
    assert len(before["employees"]) == len(PEOPLE)
    assert 45 <= len(PEOPLE) <= 65
    out = load_demo(debug=True, settings=settings)
    assert "nothing changed" in out
    assert snapshot() == before


def test_every_demo_account_signs_in_with_the_demo_password_under_debug(demo):
    for email in README_ACCOUNTS:
        user = authenticate(None, username=email, password=settings.DEMO_PASSWORD)
        assert user is not None, email
        assert EmailAddress.objects.filter(user=user, email=email, verified=True, primary=True).exists()
    assert settings.DEMO_PASSWORD in demo
    for email in README_ACCOUNTS:
        assert email in demo


def test_learner_signs_in_through_the_sign_in_page(demo, client):
    response = client.post("/accounts/login/", {"login": "learner@example.gov.uk", "password": settings.DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get("/").context["user"].email == "learner@example.gov.uk"


def test_turning_debug_off_removes_the_demo_password_but_keeps_a_chosen_one(demo, settings):
    chosen = User.objects.get(email="hr@example.gov.uk")
    chosen.set_password("a-password-the-officer-chose")
    chosen.save()
    load_demo(debug=False, settings=settings)
    assert authenticate(None, username="learner@example.gov.uk", password=settings.DEMO_PASSWORD) is None
    assert authenticate(None, username="hr@example.gov.uk", password="a-password-the-officer-chose") is not None


def test_with_debug_a_changed_demo_password_is_put_back(demo, settings):
    learner = User.objects.get(email="learner@example.gov.uk")
    learner.set_password("something-else-entirely")
    learner.save()
    load_demo(debug=True, settings=settings)
    assert authenticate(None, username="learner@example.gov.uk", password=settings.DEMO_PASSWORD) is not None


def test_each_account_has_its_role(demo):
    def user(email):
        return User.objects.get(email=f"{email}@example.gov.uk")

    learner, manager = employee_for(user("learner")), employee_for(user("manager"))
    assert learner.grade.code == "EO"
    assert manager.grade.code == "G7"
    assert learner.line_manager == manager
    assert 3 <= manager.reports.filter(is_active=True).count() <= 8
    assert employee_for(user("scs")).grade.code == "SCS1"

    assert is_line_manager(user("manager"))
    assert not any(f(user("learner")) for f in (is_line_manager, is_hr_officer, is_content_editor, is_administrator))
    assert is_hr_officer(user("hr"))
    assert not is_content_editor(user("hr"))
    assert is_content_editor(user("editor"))
    assert user("editor").has_perm("wagtailadmin.access_admin")
    assert is_content_editor(user("reviewer"))
    assert user("reviewer").groups.filter(name="Course reviewers").exists()
    assert user("editor").groups.filter(name="Course editors").exists()
    admin = user("admin")
    assert is_administrator(admin)
    assert admin.is_staff
    assert not User.objects.filter(is_superuser=True).exclude(pk=admin.pk).exists()
    assert all(employee_for(user(email.split("@")[0])) for email in README_ACCOUNTS)


def test_hierarchy_is_realistic(demo):
    everyone = Employee.objects.select_related("grade", "department", "line_manager__grade")
    assert everyone.filter(grade__code="PS").count() == 1
    assert {e.grade.code for e in everyone} >= {"AA", "AO", "EO", "HEO", "SEO", "G7", "G6", "SCS1", "SCS2", "SCS3"}
    for person in everyone:
        if person.line_manager:
            assert person.line_manager.grade.rank > person.grade.rank, person
        assert person.start_date <= person.grade_since, person
    # Managers at grades 6 and 7 have spans of 3 to 8 active reports.
    spans = Counter(e.line_manager for e in everyone.filter(is_active=True) if e.line_manager)
    for manager, span in spans.items():
        if manager.grade.code in {"G6", "G7"}:
            assert 3 <= span <= 8, (manager, span)
    # Sub-departments sit under their departments.
    assert Department.objects.get(code="GDS").parent.code == "DSIT"
    assert Department.objects.get(code="HMPPS").parent.code == "MOJ"
    assert Employee.objects.in_departments(Department.objects.get(code="MOJ")).count() >= 5


def test_leavers_are_inactive_with_an_end_date_in_the_past(demo):
    leavers = Employee.objects.leavers()
    assert leavers.count() == 2
    for leaver in leavers:
        assert leaver.end_date < date.today()
        assert leaver.user is None


def test_staff_numbers_keep_their_leading_zeros(demo):
    assert Employee.objects.filter(staff_number="00900001").exists()


def test_other_data_is_left_alone(demo, settings, department, grades):
    someone = EmployeeFactory(department=department, grade=grades["HEO"], family_name="Unchanged")
    dsit = Department.objects.get(code="DSIT")
    someone.department = dsit
    someone.line_manager = Employee.objects.get(staff_number="00900009")
    someone.save()
    load_demo(debug=True, settings=settings)
    someone.refresh_from_db()
    assert (someone.family_name, someone.department, someone.line_manager.staff_number) == (
        "Unchanged",
        dsit,
        "00900009",
    )


def test_edited_demo_records_are_put_back(demo, settings):
    learner = Employee.objects.get(email="learner@example.gov.uk")
    learner.grade_id = Employee.objects.get(staff_number="00900001").grade_id
    learner.save()
    out = load_demo(debug=True, settings=settings)
    assert "employees 0 new, 1 updated" in out
    learner.refresh_from_db()
    assert learner.grade.code == "EO"


def test_demo_definitions_are_consistent():
    staff = [p.staff_number for p in PEOPLE]
    assert len(set(staff)) == len(staff)
    emails = [p.work_email for p in PEOPLE]
    assert len(set(emails)) == len(emails)
    seen = set()
    for person in PEOPLE:
        assert person.line_manager is None or person.line_manager in seen, person  # managers come first
        seen.add(person.staff_number)
    by_staff = {p.staff_number: p for p in PEOPLE}
    for account in DEMO_ACCOUNTS:
        assert by_staff[account.staff_number].work_email == account.email
