"""HR's workplace adjustments screens in the Wagtail admin: who may use them, whom they reach, what they list,
recording with who, when and why, the form's errors, and queries that do not grow with the rows."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from assessments.adjustments import PERCENT_OUT_OF_RANGE, REASON_MISSING, REASON_TOO_LONG
from assessments.forms import CHOICE_MISSING, PERCENT_MISSING, PERCENT_NOT_A_NUMBER
from assessments.models import WorkplaceAdjustment
from people.models import Employee
from tests.factories import DepartmentFactory, EmployeeFactory, WorkplaceAdjustmentFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/workplace-adjustments/"
FIND = "/admin/workplace-adjustments/find/"
REASON = "Workplace adjustment passport, agreed with occupational health."


def person_url(employee: Employee) -> str:
    return f"/admin/workplace-adjustments/{employee.pk}/"


def listed(response, table_id: str = "adjustments") -> list[list[str]]:
    """The rows of a listing, each as its cells' texts."""
    table = BeautifulSoup(response.content, "html.parser").find(id=table_id)
    if table is None:
        return []
    return [[" ".join(cell.get_text(" ").split()) for cell in tr.find_all(["th", "td"])] for tr in table.tbody("tr")]


def field_errors(response) -> dict[str, str]:
    """Each field's error message as Wagtail shows it beside the field."""
    soup = BeautifulSoup(response.content, "html.parser")
    errors = {}
    for wrapper in soup.select("[data-field-wrapper]"):
        message = wrapper.select_one(".error-message")
        if message:
            field = wrapper.select_one("[name]")
            errors[field["name"]] = message.get_text(" ", strip=True)
    return errors


@pytest.fixture
def hr_client(client, hr_user):
    client.force_login(hr_user)
    return client


# Who may use them --------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["editor_user", "learner_user", "manager_user"])
def test_everyone_but_hr_officers_and_administrators_is_refused(client, request, who, employee):
    client.force_login(request.getfixturevalue(who))
    for url in (
        INDEX,
        FIND,
        f"{FIND}?q={employee.staff_number}",
        person_url(employee),
        "/admin/workplace-adjustments/999999/",
    ):
        assert client.get(url).status_code == 403, url
    response = client.post(person_url(employee), {"extra_time": "50", "reason": REASON})
    assert response.status_code == 403
    assert not WorkplaceAdjustment.objects.exists()


def test_visitors_are_asked_to_sign_in(client, employee):
    response = client.get(person_url(employee))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_menu_item_is_shown_to_hr_officers_only(client, hr_user, editor_user):
    client.force_login(hr_user)
    assert INDEX in client.get("/admin/").content.decode()
    client.force_login(editor_user)
    assert INDEX not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("who", ["hr_user", "admin_user"])
def test_hr_officers_and_administrators_may(client, request, who, employee):
    client.force_login(request.getfixturevalue(who))
    for url in (INDEX, FIND, person_url(employee)):
        assert client.get(url).status_code == 200, url


def test_unknown_people_are_not_found(hr_client, employee):
    url = "/admin/workplace-adjustments/999999/"
    assert hr_client.get(url).status_code == 404
    assert hr_client.post(url, {"extra_time": "50", "reason": REASON}).status_code == 404


def test_a_leavers_history_is_shown_but_nothing_can_be_recorded_for_them(hr_client, employee):
    leaver = EmployeeFactory(is_active=False)
    WorkplaceAdjustmentFactory(employee=leaver, reason="Dyslexia assessment 2025")
    response = hr_client.get(person_url(leaver))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dyslexia assessment 2025" in html
    assert 'id="leaver-note"' in html
    assert "Record adjustment" not in html
    assert hr_client.post(person_url(leaver), {"extra_time": "50", "reason": REASON}).status_code == 403
    assert WorkplaceAdjustment.objects.count() == 1
    assert listed(hr_client.get(INDEX)) == []  # the list is of who has extra time now: leavers take no quizzes


# The list of people with extra time now --------------------------------------------------


def test_the_list_shows_who_has_extra_time_now(hr_client, hr_user):
    hmrc = DepartmentFactory(code="HMRC", name="HM Revenue and Customs")
    at = datetime(2026, 2, 3, 10, 15, tzinfo=UTC)
    amara = EmployeeFactory(given_name="Amara", family_name="Okafor", staff_number="00100001", department=hmrc)
    WorkplaceAdjustmentFactory(employee=amara, extra_time_percent=50, recorded_by=hr_user, recorded_at=at)
    ben = EmployeeFactory(given_name="Ben", family_name="Ashworth", staff_number="00100002", department=hmrc)
    WorkplaceAdjustmentFactory(employee=ben, extra_time_percent=None, recorded_at=at)
    ended = EmployeeFactory(given_name="Cara", family_name="Bell")
    WorkplaceAdjustmentFactory(employee=ended, extra_time_percent=25, recorded_at=at)
    WorkplaceAdjustmentFactory(employee=ended, extra_time_percent=0, recorded_at=at.replace(day=4))
    EmployeeFactory(given_name="Dan", family_name="Cole")  # nothing recorded

    rows = listed(hr_client.get(INDEX))
    officer = str(hr_user)
    assert rows == [
        ["Ben Ashworth", "00100002", "HMRC", "No time limit", "3 Feb 2026 10:15", "—"],
        ["Amara Okafor", "00100001", "HMRC", "50% extra time", "3 Feb 2026 10:15", officer],
    ]
    page = BeautifulSoup(hr_client.get(INDEX).content, "html.parser")
    assert page.find("a", string="Amara Okafor")["href"] == person_url(amara)


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("okafor", ["Amara Okafor"]),
        ("am ok", ["Amara Okafor"]),
        ("00100002", ["Ben Ashworth"]),
        ("0010", []),
        ("Zed", []),
    ],
)
def test_the_list_is_searched_by_name_or_staff_number(hr_client, query, found):
    for given, family, number in (("Amara", "Okafor", "00100001"), ("Ben", "Ashworth", "00100002")):
        WorkplaceAdjustmentFactory(employee=EmployeeFactory(given_name=given, family_name=family, staff_number=number))
    response = hr_client.get(INDEX, {"q": query})
    assert [row[0] for row in listed(response)] == found
    if not found:
        assert f"Nobody with extra time matches “{query}”" in response.content.decode()


def test_the_list_is_paginated(hr_client):
    for n in range(51):
        WorkplaceAdjustmentFactory(employee=EmployeeFactory(family_name=f"Person {n:02d}"))
    assert len(listed(hr_client.get(INDEX))) == 50
    assert len(listed(hr_client.get(INDEX, {"p": 2}))) == 1


def queries_for(client, url) -> int:
    client.get(url)  # the first request also loads what every admin page needs once
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_lists_queries_do_not_grow_with_the_rows(hr_client, hr_user):
    WorkplaceAdjustmentFactory(employee=EmployeeFactory(family_name="Smith"), recorded_by=hr_user)
    one = {url: queries_for(hr_client, url) for url in (INDEX, f"{FIND}?q=smith")}
    for _ in range(30):
        person = EmployeeFactory(
            family_name="Smith", department=DepartmentFactory(), grade=Employee.objects.first().grade
        )
        WorkplaceAdjustmentFactory(employee=person, recorded_by=EmployeeFactory(with_user=True).user)
        WorkplaceAdjustmentFactory(employee=person, extra_time_percent=100, recorded_by=hr_user)
    many = {url: queries_for(hr_client, url) for url in (INDEX, f"{FIND}?q=smith")}
    assert many == one
    assert one[INDEX] <= 12
    assert len(listed(hr_client.get(INDEX))) == 31


# Finding a person --------------------------------------------------------------------------


def test_find_reaches_anyone_working_here_with_their_adjustment_now(hr_client):
    amara = EmployeeFactory(given_name="Amara", family_name="Okafor", staff_number="00100001")
    WorkplaceAdjustmentFactory(employee=amara, extra_time_percent=25)
    ended = EmployeeFactory(given_name="Amara", family_name="Osei")
    WorkplaceAdjustmentFactory(employee=ended, extra_time_percent=0)
    EmployeeFactory(given_name="Amara", family_name="Oliver")
    EmployeeFactory(given_name="Amara", family_name="Owusu", is_active=False)

    rows = listed(hr_client.get(FIND, {"q": "amara"}), "people")
    assert [(row[0], row[-1]) for row in rows] == [
        ("Amara Okafor", "25% extra time"),
        ("Amara Oliver", "None recorded"),
        ("Amara Osei", "No extra time"),
    ]
    assert [row[0] for row in listed(hr_client.get(FIND, {"q": "00100001"}), "people")] == ["Amara Okafor"]
    assert "Nobody working here now matches “Owusu”" in hr_client.get(FIND, {"q": "Owusu"}).content.decode()
    assert listed(hr_client.get(FIND), "people") == []


# A person's page and recording ---------------------------------------------------------------


def test_the_page_shows_the_adjustment_now_and_its_history(hr_client, hr_user, employee, line_manager):
    WorkplaceAdjustmentFactory(
        employee=employee,
        extra_time_percent=25,
        reason="First <passport>",
        recorded_by=line_manager.user,
        recorded_at=datetime(2025, 11, 3, 9, 0, tzinfo=UTC),
    )
    WorkplaceAdjustmentFactory(
        employee=employee,
        extra_time_percent=None,
        reason="Reviewed",
        recorded_by=hr_user,
        recorded_at=datetime(2026, 1, 12, 14, 30, tzinfo=UTC),
    )
    response = hr_client.get(person_url(employee))
    page = BeautifulSoup(response.content, "html.parser")
    assert " ".join(page.find(id="current-adjustment").get_text(" ").split()) == (
        f"No time limit, recorded 12 Jan 2026 by {hr_user}"
    )
    assert listed(response, "adjustment-history") == [
        ["No time limit", "Reviewed", str(hr_user), "12 Jan 2026 14:30"],
        ["25% extra time", "First <passport>", str(line_manager.user), "3 Nov 2025 09:00"],
    ]
    assert "First &lt;passport&gt;" in response.content.decode()
    assert [radio["value"] for radio in page.select("input[name=extra_time]")] == [
        "0",
        "25",
        "50",
        "100",
        "other",
        "no_limit",
    ]


@pytest.mark.parametrize(
    ("data", "percent"),
    [
        ({"extra_time": "0"}, 0),
        ({"extra_time": "25"}, 25),
        ({"extra_time": "50", "other_percent": "75"}, 50),  # the box is read only for "Another percentage"
        ({"extra_time": "100"}, 100),
        ({"extra_time": "other", "other_percent": "30"}, 30),
        ({"extra_time": "other", "other_percent": " 150% "}, 150),
        ({"extra_time": "no_limit"}, None),
    ],
)
def test_recording_an_adjustment(hr_client, hr_user, employee, data, percent):
    response = hr_client.post(person_url(employee), {**data, "reason": f"  {REASON} "})
    assert response.status_code == 302
    assert response["Location"] == person_url(employee)
    adjustment = WorkplaceAdjustment.objects.get()
    assert (adjustment.employee, adjustment.extra_time_percent, adjustment.reason, adjustment.recorded_by) == (
        employee,
        percent,
        REASON,
        hr_user,
    )
    page = hr_client.get(person_url(employee)).content.decode()
    assert escape(f"Recorded for {employee.full_name}: {str(adjustment).lower()}.") in page


def test_a_new_adjustment_replaces_the_old_one_which_stays_in_the_history(hr_client, employee):
    WorkplaceAdjustmentFactory(employee=employee, extra_time_percent=25, reason="Earlier")
    hr_client.post(person_url(employee), {"extra_time": "0", "reason": "No longer needed"})
    assert [(a.extra_time_percent, a.reason) for a in employee.workplace_adjustments.all()] == [
        (0, "No longer needed"),
        (25, "Earlier"),
    ]
    assert listed(hr_client.get(INDEX)) == []


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"reason": REASON}, {"extra_time": CHOICE_MISSING}),
        ({"extra_time": "75", "reason": REASON}, {"extra_time": CHOICE_MISSING}),
        ({"extra_time": "other", "reason": REASON}, {"other_percent": PERCENT_MISSING}),
        ({"extra_time": "other", "other_percent": "abc", "reason": REASON}, {"other_percent": PERCENT_NOT_A_NUMBER}),
        ({"extra_time": "other", "other_percent": "12.5", "reason": REASON}, {"other_percent": PERCENT_NOT_A_NUMBER}),
        ({"extra_time": "other", "other_percent": "-5", "reason": REASON}, {"other_percent": PERCENT_NOT_A_NUMBER}),
        ({"extra_time": "other", "other_percent": "401", "reason": REASON}, {"other_percent": PERCENT_OUT_OF_RANGE}),
        ({"extra_time": "50", "reason": "  "}, {"reason": REASON_MISSING}),
        ({"extra_time": "50", "reason": "x" * 1001}, {"reason": REASON_TOO_LONG}),
        ({}, {"extra_time": CHOICE_MISSING, "reason": REASON_MISSING}),
    ],
)
def test_the_forms_errors(hr_client, employee, data, errors):
    response = hr_client.post(person_url(employee), data)
    assert response.status_code == 200
    assert field_errors(response) == errors
    assert "There is a problem" in response.content.decode()
    assert not WorkplaceAdjustment.objects.exists()


def test_an_hr_officer_sees_their_own_page_but_cannot_record_their_own(hr_client, hr_user):
    officer = hr_user.employee
    response = hr_client.get(person_url(officer))
    assert response.status_code == 200
    assert "You cannot record your own adjustment" in response.content.decode()
    assert b'name="extra_time"' not in response.content
    assert hr_client.post(person_url(officer), {"extra_time": "100", "reason": REASON}).status_code == 403
    assert not WorkplaceAdjustment.objects.exists()
