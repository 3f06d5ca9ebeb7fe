from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people.models import Employee
from people.signals import employees_changed
from tests.factories import DepartmentFactory, EmployeeFactory

pytestmark = pytest.mark.django_db

EMPLOYEES = "/admin/people/employees/"


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# Home page panel ------------------------------------------------------------------


def test_home_shows_a_linked_person_their_details(client, learner, line_manager, professions):
    learner.profession = professions["ddat"]
    learner.grade_since = date(2024, 9, 2)
    learner.save()
    client.force_login(learner.user)
    html = client.get("/").content.decode()
    assert "Your details" in html
    assert 'class="govuk-summary-list"' in html
    for shown in (
        "Chloe Adebayo",
        learner.staff_number,
        "Executive Officer",
        "Since 2 September 2024",
        "Department for Science, Innovation and Technology",
        "Digital, Data and Technology",
        "Nadia Hussain",
    ):
        assert shown in html
    assert "not yet linked" not in html


def test_home_tells_an_unlinked_person_to_contact_hr(client, editor_user):
    client.force_login(editor_user)
    html = client.get("/").content.decode()
    assert "Your details" in html
    assert 'class="govuk-inset-text"' in html
    assert "Your account is not yet linked to an HR record" in html
    assert editor_user.email in html
    assert "govuk-summary-list" not in html


def test_home_details_panel_costs_one_query(rf, learner):
    from people.wagtail_hooks import your_details_panel

    request = rf.get("/")
    request.user = learner.user
    from django.test.utils import CaptureQueriesContext as Capture

    with Capture(connection) as queries:
        [panel] = your_details_panel(request)
    assert len(queries) == 1
    assert panel.template == "people/home_details_panel.html"
    assert panel.context["employee"] == learner


def test_visitors_see_no_details(client):
    assert "Your details" not in client.get("/").content.decode()


# Wagtail admin ----------------------------------------------------------------------


def test_superuser_and_hr_officer_reach_the_employee_list(client, admin_user, hr_user, learner):
    for user in (admin_user, hr_user):
        client.force_login(user)
        response = client.get(EMPLOYEES)
        assert response.status_code == 200
        assert learner.staff_number in response.content.decode()


@pytest.mark.parametrize("who", ["learner_user", "editor_user"])
def test_others_are_kept_out_of_people_records(client, request, who):
    client.force_login(request.getfixturevalue(who))
    for url in (EMPLOYEES, "/admin/people/departments/", "/admin/people/choose-employee/"):
        response = client.get(url)
        assert response.status_code in {302, 403}, url
        if response.status_code == 302:
            # Wagtail sends people without admin access to sign in, and the rest to the admin dashboard.
            assert response.url == "/admin/" or response.url.startswith("/accounts/login/"), url


def test_people_menu_is_shown_to_hr_officers_only(client, hr_user, editor_user):
    client.force_login(hr_user)
    assert "People" in client.get("/admin/").content.decode()
    client.force_login(editor_user)
    html = client.get("/admin/").content.decode()
    assert EMPLOYEES not in html


def test_employee_list_queries_do_not_grow_with_rows(client, admin_user, department, grades):
    client.force_login(admin_user)
    boss = EmployeeFactory(department=department, grade=grades["G7"])
    EmployeeFactory(department=department, grade=grades["EO"], line_manager=boss)
    one = count_queries(client, EMPLOYEES)
    other = DepartmentFactory()
    for _ in range(29):
        EmployeeFactory(department=other, grade=grades["AO"], line_manager=boss)
    assert Employee.objects.count() == 31
    assert count_queries(client, EMPLOYEES) == one


def test_department_list_queries_do_not_grow_with_rows(client, admin_user, department):
    client.force_login(admin_user)
    DepartmentFactory(parent=department)
    one = count_queries(client, "/admin/people/departments/")
    for _ in range(20):
        DepartmentFactory(parent=DepartmentFactory())
    assert count_queries(client, "/admin/people/departments/") == one


@pytest.mark.parametrize("model", ["employees", "departments", "grades", "professions"])
def test_every_people_admin_page_renders(client, admin_user, learner, grades, professions, model):
    client.force_login(admin_user)
    pk = {
        "employees": learner.pk,
        "departments": learner.department_id,
        "grades": grades["EO"].pk,
        "professions": professions["policy"].pk,
    }[model]
    for view in ("", "new/", f"edit/{pk}/", f"inspect/{pk}/", f"delete/{pk}/", f"history/{pk}/"):
        assert client.get(f"/admin/people/{model}/{view}").status_code == 200, view
    export = client.get(f"/admin/people/{model}/?export=csv")
    assert export.status_code == 200


def test_employee_list_searches_and_filters(client, hr_user, department, grades):
    client.force_login(hr_user)
    sub = DepartmentFactory(code="GDS", name="Government Digital Service", parent=department)
    elsewhere = DepartmentFactory(code="HMRC", name="HM Revenue and Customs")
    alice = EmployeeFactory(staff_number="00042424", given_name="Alice", family_name="Nakamura", department=sub)
    bob = EmployeeFactory(given_name="Bob", family_name="Ogunleye", department=elsewhere, grade=grades["SEO"])
    gone = EmployeeFactory(given_name="Carys", family_name="Vaughan", department=department, is_active=False)

    def listed(query: str) -> set[str]:
        html = client.get(f"{EMPLOYEES}?{query}").content.decode()
        return {p.family_name for p in (alice, bob, gone) if p.family_name in html}

    assert listed("q=00042424") == {"Nakamura"}
    assert listed("q=ogunleye") == {"Ogunleye"}
    assert listed(f"q={bob.email}") == {"Ogunleye"}
    assert listed(f"department={department.pk}") == {"Nakamura", "Vaughan"}  # includes the GDS
    assert listed(f"grade={grades['SEO'].pk}") == {"Ogunleye"}
    assert listed("is_active=false") == {"Vaughan"}


def employee_form(employee: Employee, **changes) -> dict:
    data = {
        "staff_number": employee.staff_number,
        "given_name": employee.given_name,
        "family_name": employee.family_name,
        "email": employee.email,
        "grade": employee.grade_id,
        "grade_since": "",
        "department": employee.department_id,
        "profession": employee.profession_id or "",
        "line_manager": employee.line_manager_id or "",
        "start_date": "",
        "end_date": "",
        "is_active": "on" if employee.is_active else "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_hr_officer_edits_an_employee_and_enrolment_is_told(
    client, hr_user, learner, line_manager, grades, django_capture_on_commit_callbacks
):
    client.force_login(hr_user)
    url = f"{EMPLOYEES}edit/{learner.pk}/"
    html = client.get(url).content.decode()
    assert "Choose a person" in html or "Choose another person" in html  # the line manager is chosen, not listed
    received = []

    def receiver(sender, employee_ids, **kwargs):
        received.append(employee_ids)

    employees_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, employee_form(learner, grade=grades["HEO"].pk, grade_since="2026-04-01"))
    finally:
        employees_changed.disconnect(receiver)
    assert response.status_code == 302
    learner.refresh_from_db()
    assert (learner.grade.code, learner.grade_since) == ("HEO", date(2026, 4, 1))
    assert received == [[learner.pk]]


def test_admin_form_refuses_a_management_loop(client, admin_user, learner, line_manager):
    client.force_login(admin_user)
    response = client.post(f"{EMPLOYEES}edit/{line_manager.pk}/", employee_form(line_manager, line_manager=learner.pk))
    assert response.status_code == 200
    assert "loop in the management chain" in response.content.decode()
    line_manager.refresh_from_db()
    assert line_manager.line_manager is None


def test_hr_officer_cannot_delete_or_change_grades(client, hr_user, learner, grades):
    client.force_login(hr_user)
    assert client.get(f"{EMPLOYEES}delete/{learner.pk}/").status_code in {302, 403}
    assert client.get(f"/admin/people/grades/edit/{grades['EO'].pk}/").status_code in {302, 403}
    assert client.get("/admin/people/grades/").status_code == 200
    assert client.get(f"/admin/people/grades/inspect/{grades['EO'].pk}/").status_code == 200


def test_line_manager_chooser_searches(client, hr_user, learner, line_manager):
    client.force_login(hr_user)
    response = client.get("/admin/people/choose-employee/results/?q=hussain")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nadia Hussain" in html
    assert "Chloe Adebayo" not in html
    assert client.get(f"/admin/people/choose-employee/chosen/{line_manager.pk}/").status_code == 200


# Django admin ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/django-admin/people/user/",
        "/django-admin/people/user/add/",
        "/django-admin/people/employee/",
        "/django-admin/people/department/",
        "/django-admin/people/grade/",
        "/django-admin/people/profession/",
    ],
)
def test_django_admin_pages(client, admin_user, learner, url):
    client.force_login(admin_user)
    assert client.get(url).status_code == 200


def test_django_admin_creates_an_email_user_without_a_password(client, admin_user):
    """Nobody sets another person's password: the new account's owner sets one through password reset."""
    client.force_login(admin_user)
    form = client.get(reverse("admin:people_user_add")).content.decode()
    assert 'type="password"' not in form
    response = client.post(
        reverse("admin:people_user_add"),
        {"email": "New.Starter@Example.gov.uk", "password1": "chosen-by-someone-else-1"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from people.models import User

    added = User.objects.get(email="new.starter@example.gov.uk")
    assert not added.has_usable_password()


def test_django_admin_sets_no_one_s_password(client, admin_user, learner_user):
    client.force_login(admin_user)
    change = client.get(reverse("admin:people_user_change", args=[learner_user.pk])).content.decode()
    assert "password/" not in change  # no link to a form that sets it
    password_form = f"/django-admin/people/user/{learner_user.pk}/password/"
    assert client.get(password_form).status_code == 404
    assert (
        client.post(password_form, {"password1": "x-long-password-1", "password2": "x-long-password-1"}).status_code
        == 404
    )
