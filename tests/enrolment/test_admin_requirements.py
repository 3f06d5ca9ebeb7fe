"""Requirements in the Wagtail admin: audience preview, saving assigns, HR-only access.

The people and status screen each requirement links to is compliance's: tests/compliance/test_requirement_people.py.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from enrolment.admin_views import audience_counts, audience_summary
from enrolment.forms import BOTH_GRADE_KINDS, AudienceForm
from enrolment.models import Enrolment, Requirement
from tests.factories import DepartmentFactory, EmployeeFactory, RequirementFactory
from tests.pages import make_course

pytestmark = pytest.mark.django_db

INDEX = "/admin/compulsory-training/"
ADD = "/admin/compulsory-training/new/"


@pytest.fixture
def course():
    return make_course(modules=1, title="Technology policy for senior leaders")


@pytest.fixture
def civil_service(grades, professions):
    """A department with a sub-department, another department, and people across grades and professions."""
    dsit = DepartmentFactory(code="DSIT", name="Department for Science, Innovation and Technology")
    gds = DepartmentFactory(code="GDS", name="Government Digital Service", parent=dsit)
    hmrc = DepartmentFactory(code="HMRC", name="HM Revenue and Customs")
    people = {}
    for key, grade, department, profession in [
        ("eo_dsit", "EO", dsit, "policy"),
        ("g7_dsit", "G7", dsit, "ddat"),
        ("scs1_gds", "SCS1", gds, "ddat"),
        ("scs2_hmrc", "SCS2", hmrc, "policy"),
        ("heo_gds", "HEO", gds, "policy"),
        ("g6_hmrc", "G6", hmrc, "ddat"),
    ]:
        people[key] = EmployeeFactory(grade=grades[grade], department=department, profession=professions[profession])
    EmployeeFactory(grade=grades["SCS1"], department=dsit, is_active=False)  # a leaver never counts
    return {"dsit": dsit, "gds": gds, "hmrc": hmrc, "people": people}


def form_data(course, **overrides) -> dict:
    data = {
        "name": "Technology policy for the SCS",
        "course": str(course.pk),
        "minimum_grade": "",
        "due_within_days": "90",
        "renewal_months": "12",
        "recertification_window_days": "30",
        "starts_on": "2026-01-01",
        "is_active": "on",
    }
    data.update(overrides)
    return data


# Audience count -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("audience", "expected"),
    [
        ({}, 6),
        ({"minimum_grade": "SCS1"}, 2),
        ({"minimum_grade": "G7"}, 4),
        ({"grades": ["EO", "HEO"]}, 2),
        ({"departments": ["dsit"]}, 4),  # includes GDS under it
        ({"departments": ["gds"]}, 2),
        ({"departments": ["gds", "hmrc"]}, 4),
        ({"professions": ["ddat"]}, 3),
        ({"minimum_grade": "G6", "professions": ["ddat"]}, 2),
        ({"grades": ["EO", "G7", "SCS1"], "departments": ["dsit"], "professions": ["ddat"]}, 2),
        ({"minimum_grade": "SCS1", "departments": ["hmrc"], "professions": ["ddat"]}, 0),
    ],
)
def test_audience_form_counts_active_people(civil_service, grades, professions, audience, expected):
    data = {}
    if "minimum_grade" in audience:
        data["minimum_grade"] = grades[audience["minimum_grade"]].pk
    data["grades"] = [grades[code].pk for code in audience.get("grades", [])]
    data["departments"] = [civil_service[key].pk for key in audience.get("departments", [])]
    data["professions"] = [professions[code].pk for code in audience.get("professions", [])]
    assert AudienceForm(data).count() == expected


def test_audience_form_refuses_a_minimum_grade_with_a_set_of_grades(grades):
    form = AudienceForm({"minimum_grade": grades["SCS1"].pk, "grades": [grades["EO"].pk]})
    assert form.count() is None
    assert form.errors["grades"] == [BOTH_GRADE_KINDS]


def test_check_audience_shows_the_count_and_saves_nothing(client, hr_user, civil_service, course, grades):
    client.force_login(hr_user)
    response = client.post(ADD, {**form_data(course, minimum_grade=grades["SCS1"].pk), "check_audience": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-audience-count="2"' in html
    assert "This requirement covers <strong>2 active people</strong>" in html
    assert "Nothing has been saved yet" in html
    assert 'value="Technology policy for the SCS"' in html  # the form keeps what was typed
    assert not Requirement.objects.exists()


def test_check_audience_with_department_and_profession(client, hr_user, civil_service, course, professions):
    client.force_login(hr_user)
    data = form_data(course, departments=[civil_service["dsit"].pk], professions=[professions["ddat"].pk])
    html = client.post(ADD, {**data, "check_audience": "1"}).content.decode()
    assert 'data-audience-count="2"' in html  # G7 in DSIT, SCS1 in GDS under DSIT


def test_check_audience_explains_an_invalid_audience(client, hr_user, civil_service, course, grades):
    client.force_login(hr_user)
    data = form_data(course, minimum_grade=grades["SCS1"].pk, grades=[grades["EO"].pk])
    html = client.post(ADD, {**data, "check_audience": "1"}).content.decode()
    assert "The audience cannot be counted yet" in html
    assert BOTH_GRADE_KINDS in html
    assert not Requirement.objects.exists()


def test_saving_refuses_a_minimum_grade_with_a_set_of_grades(client, hr_user, course, grades):
    client.force_login(hr_user)
    response = client.post(ADD, form_data(course, minimum_grade=grades["SCS1"].pk, grades=[grades["EO"].pk]))
    assert response.status_code == 200
    assert BOTH_GRADE_KINDS in response.content.decode()
    assert not Requirement.objects.exists()


def test_only_live_courses_can_be_chosen(client, hr_user):
    draft = make_course(modules=1, publish=False, title="Draft course")
    client.force_login(hr_user)
    response = client.post(ADD, form_data(draft))
    assert response.status_code == 200
    assert "course" in response.context["form"].errors
    assert "Draft course" not in response.content.decode()


def test_edit_page_shows_the_saved_audience_count(client, hr_user, civil_service, course, grades):
    requirement = RequirementFactory(
        name="SCS", course=course, minimum_grade=grades["SCS1"], due_within_days=90, starts_on=timezone.localdate()
    )
    client.force_login(hr_user)
    html = client.get(f"/admin/compulsory-training/edit/{requirement.pk}/").content.decode()
    assert 'data-audience-count="2"' in html


# Saving assigns ---------------------------------------------------------------------


def test_creating_a_requirement_assigns_it_on_commit(
    client, hr_user, civil_service, course, grades, django_capture_on_commit_callbacks
):
    client.force_login(hr_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ADD, form_data(course, minimum_grade=grades["SCS1"].pk))
    assert response.status_code == 302
    requirement = Requirement.objects.get()
    assert response["Location"] == reverse("enrolment_requirements:people", args=[requirement.pk])
    enrolled = Enrolment.objects.filter(requirement=requirement).open()
    assert enrolled.count() == 2
    assert set(enrolled.values_list("employee_id", flat=True)) == {
        civil_service["people"]["scs1_gds"].pk,
        civil_service["people"]["scs2_hmrc"].pk,
    }


def test_widening_a_requirement_assigns_the_newcomers(
    client, hr_user, civil_service, course, grades, django_capture_on_commit_callbacks
):
    requirement = RequirementFactory(
        name="Technology policy for the SCS",
        course=course,
        minimum_grade=grades["SCS1"],
        due_within_days=90,
        starts_on=timezone.localdate(),
    )
    client.force_login(hr_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/compulsory-training/edit/{requirement.pk}/", form_data(course, minimum_grade=grades["G6"].pk)
        )
    assert response.status_code == 302
    # hr_user's own record (an HEO in a department) is not covered; G6 and both SCS are.
    assert Enrolment.objects.filter(requirement=requirement).open().count() == 3


def test_saving_says_how_many_were_assigned(hr_user, civil_service, course, grades):
    """Outside a test transaction on_commit runs at once: the message carries the counts."""
    from enrolment.admin_views import RequirementCreateView
    from enrolment.assignment import assign_requirement

    requirement = RequirementFactory(
        name="R", course=course, minimum_grade=grades["SCS1"], due_within_days=9, starts_on=timezone.localdate()
    )
    view = RequirementCreateView()
    view.assignment = assign_requirement(requirement=requirement)
    assert view.assignment_message() == "2 people assigned, 0 renewals started, 0 withdrawn."


# Access -------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [INDEX, ADD])
def test_learners_and_editors_are_refused(client, learner_user, editor_user, url):
    for user in (learner_user, editor_user):
        client.force_login(user)
        assert client.get(url).status_code in (302, 403)


def test_learners_and_editors_cannot_post(client, learner_user, editor_user, course):
    for user in (learner_user, editor_user):
        client.force_login(user)
        assert client.post(ADD, form_data(course)).status_code in (302, 403)
    assert not Requirement.objects.exists()


def test_hr_officers_and_administrators_reach_the_list(client, hr_user, admin_user, civil_service, course, grades):
    RequirementFactory(
        name="SCS rule", course=course, minimum_grade=grades["SCS1"], due_within_days=90, starts_on=timezone.localdate()
    )
    for user in (hr_user, admin_user):
        client.force_login(user)
        html = client.get(INDEX).content.decode()
        assert "SCS rule" in html
        assert "SCS1 and above" in html
        assert "Technology policy for senior leaders" in html


def test_the_menu_shows_compulsory_training_to_hr_only(client, hr_user, editor_user):
    client.force_login(hr_user)
    assert "Compulsory training" in client.get("/admin/").content.decode()
    client.force_login(editor_user)
    assert "Compulsory training" not in client.get("/admin/").content.decode()


def test_requirements_cannot_be_deleted_only_retired(client, hr_user, course):
    requirement = RequirementFactory(name="R", course=course, due_within_days=9, starts_on=timezone.localdate())
    client.force_login(hr_user)
    client.post(f"{INDEX}delete/{requirement.pk}/")
    assert Requirement.objects.filter(pk=requirement.pk).exists()


def test_requirement_list_costs_the_same_for_one_or_many(client, hr_user, civil_service, grades, professions):
    def make(n):
        for index in range(n):
            RequirementFactory(
                name=f"Requirement {Requirement.objects.count()}-{index}",
                course=make_course(modules=0),
                minimum_grade=grades["G7"] if index % 2 else None,
                due_within_days=30,
                starts_on=timezone.localdate(),
                departments=[civil_service["dsit"]],
                professions=[professions["ddat"]],
            )

    client.force_login(hr_user)
    make(1)
    client.get(INDEX)
    with CaptureQueriesContext(connection) as one:
        assert client.get(INDEX).status_code == 200
    make(12)
    with CaptureQueriesContext(connection) as many:
        assert client.get(INDEX).status_code == 200
    assert len(many) == len(one)


def test_audience_counts_in_one_query(civil_service, course, grades, django_assert_num_queries):
    first = RequirementFactory(
        name="A", course=course, minimum_grade=grades["SCS1"], due_within_days=9, starts_on=timezone.localdate()
    )
    second = RequirementFactory(
        name="B",
        course=make_course(modules=0),
        due_within_days=9,
        starts_on=timezone.localdate(),
        departments=[civil_service["gds"]],
    )
    rows = list(
        Requirement.objects.prefetch_related("grades", "departments", "professions").select_related("minimum_grade")
    )
    with django_assert_num_queries(1):
        assert audience_counts(rows) == {first.pk: 2, second.pk: 2}
    assert audience_summary(rows[1]) == "GDS"
