"""HR's people and status screen for one requirement (compliance/admin_views.py): status, filters, access, queries.

It moved here from enrolment with its tests (tests/enrolment/test_admin_requirements.py): the address, the URL
name and who may use it are unchanged.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.html import escape

from compliance.admin_views import RequirementPeopleView
from enrolment.status import Status
from tests.factories import DepartmentFactory, EmployeeFactory, EnrolmentFactory, ExemptionFactory, RequirementFactory
from tests.pages import make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    return make_course(modules=1, title="Technology policy for senior leaders")


def people_url(requirement) -> str:
    return reverse("enrolment_requirements:people", args=[requirement.pk])


def test_the_screen_keeps_its_address_under_compulsory_training(course):
    requirement = RequirementFactory(name="R", course=course, due_within_days=9, starts_on=timezone.localdate())
    url = people_url(requirement)
    assert url == f"/admin/compulsory-training/{requirement.pk}/people/"
    assert resolve(url).func.view_class is RequirementPeopleView


def test_learners_and_editors_cannot_see_people(client, learner_user, editor_user, course):
    requirement = RequirementFactory(name="R", course=course, due_within_days=9, starts_on=timezone.localdate())
    for user in (learner_user, editor_user):
        client.force_login(user)
        assert client.get(people_url(requirement)).status_code in (302, 403)


def test_signed_out_visitors_are_sent_to_sign_in(client, course):
    requirement = RequirementFactory(name="R", course=course, due_within_days=9, starts_on=timezone.localdate())
    response = client.get(people_url(requirement))
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={people_url(requirement)}"


def test_hr_officers_and_administrators_see_people(client, hr_user, admin_user, course, grades, department):
    requirement = RequirementFactory(
        name="R", course=course, minimum_grade=grades["G6"], due_within_days=30, starts_on=timezone.localdate()
    )
    person = EmployeeFactory(grade=grades["G6"], department=department)
    for user in (hr_user, admin_user):
        client.force_login(user)
        response = client.get(people_url(requirement))
        assert response.status_code == 200
        assert escape(person.full_name) in response.content.decode()


def test_the_requirement_screens_link_to_it(client, hr_user, course):
    requirement = RequirementFactory(name="R", course=course, due_within_days=9, starts_on=timezone.localdate())
    client.force_login(hr_user)
    assert people_url(requirement) in client.get("/admin/compulsory-training/").content.decode()
    assert people_url(requirement) in client.get(f"/admin/compulsory-training/edit/{requirement.pk}/").content.decode()


def test_people_list_shows_status_and_filters(client, hr_user, course, grades):
    requirement = RequirementFactory(
        name="R", course=course, minimum_grade=grades["G6"], due_within_days=30, starts_on=timezone.localdate()
    )
    today = timezone.localdate()
    hmrc = DepartmentFactory(code="HMRC", name="HM Revenue and Customs")
    people = {
        "g6_hmrc": EmployeeFactory(grade=grades["G6"], department=hmrc),
        "scs1_gds": EmployeeFactory(grade=grades["SCS1"], department=DepartmentFactory(code="GDS")),
        "scs2_hmrc": EmployeeFactory(grade=grades["SCS2"], department=hmrc),
    }
    EnrolmentFactory(employee=people["g6_hmrc"], requirement=requirement, due_on=today - timedelta(days=3))
    EnrolmentFactory(employee=people["scs1_gds"], requirement=requirement, due_on=today + timedelta(days=3))
    ExemptionFactory(
        employee=people["scs2_hmrc"], requirement=requirement, until=today, reason="Leave", granted_by=hr_user
    )
    client.force_login(hr_user)

    html = client.get(people_url(requirement)).content.decode()
    assert html.count('data-status="overdue"') == 1
    assert html.count('data-status="due"') == 1
    assert html.count('data-status="exempt"') == 1
    assert "Revoke exemption" in html

    html = client.get(people_url(requirement), {"status": Status.OVERDUE}).content.decode()
    assert escape(people["g6_hmrc"].full_name) in html
    assert escape(people["scs1_gds"].full_name) not in html

    html = client.get(people_url(requirement), {"q": people["scs1_gds"].staff_number}).content.decode()
    assert escape(people["scs1_gds"].full_name) in html
    assert escape(people["g6_hmrc"].full_name) not in html


@pytest.mark.parametrize("rows", [1, 30])
def test_people_list_query_budget(client, hr_user, course, grades, department, rows, django_assert_max_num_queries):
    requirement = RequirementFactory(
        name="R", course=course, minimum_grade=grades["SCS1"], due_within_days=9, starts_on=timezone.localdate()
    )
    for _ in range(rows):
        person = EmployeeFactory(grade=grades["SCS2"], department=department)
        EnrolmentFactory(employee=person, requirement=requirement, due_on=date(2030, 1, 1))
    client.force_login(hr_user)
    client.get(people_url(requirement))
    with django_assert_max_num_queries(15):  # 14, and the HR officer's scope
        html = client.get(people_url(requirement)).content.decode()
    assert html.count("Grant extension<") == rows


def test_people_list_costs_the_same_for_1_and_30(client, hr_user, course, grades, department):
    requirement = RequirementFactory(
        name="R", course=course, minimum_grade=grades["SCS1"], due_within_days=9, starts_on=timezone.localdate()
    )
    client.force_login(hr_user)

    def add(n):
        for _ in range(n):
            person = EmployeeFactory(grade=grades["SCS2"], department=department)
            EnrolmentFactory(employee=person, requirement=requirement, due_on=date(2030, 1, 1))

    add(1)
    client.get(people_url(requirement))
    with CaptureQueriesContext(connection) as one:
        client.get(people_url(requirement))
    add(29)
    with CaptureQueriesContext(connection) as thirty:
        client.get(people_url(requirement))
    assert len(one) == len(thirty)
