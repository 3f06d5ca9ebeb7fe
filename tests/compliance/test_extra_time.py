"""A line manager records extra time in timed quizzes for one of their direct reports: from My team, only for
their own team (anyone else is a 404), with GOV.UK radios that work without JavaScript, GOV.UK error messages,
and recorded with who, when and why."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.adjustments import PERCENT_OUT_OF_RANGE, REASON_MISSING
from assessments.forms import CHOICE_MISSING, PERCENT_MISSING, PERCENT_NOT_A_NUMBER
from assessments.models import WorkplaceAdjustment
from people.models import Employee
from tests.factories import EmployeeFactory, WorkplaceAdjustmentFactory

pytestmark = pytest.mark.django_db

MY_TEAM = "/my-team/"
REASON = "Workplace adjustment passport agreed in March."


def extra_time_url(employee: Employee) -> str:
    return f"/my-team/{employee.pk}/extra-time/"


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def error_summary(response) -> list[tuple[str, str]]:
    summary = soup(response).find(class_="govuk-error-summary")
    if summary is None:
        return []
    return [(link.get_text(strip=True), link["href"]) for link in summary.find_all("a")]


@pytest.fixture
def manager_client(client, line_manager):
    client.force_login(line_manager.user)
    return client


@pytest.fixture
def people(line_manager, learner):
    """Chloe Adebayo (learner) reports to Nadia Hussain (line_manager); so does a leaver. Chloe manages Sam,
    and someone else manages Priya."""
    return {
        "direct": learner,
        "leaver": EmployeeFactory(reports_to=line_manager, is_active=False),
        "indirect": EmployeeFactory(reports_to=learner, given_name="Sam", family_name="Reid"),
        "other_team": EmployeeFactory(reports_to=EmployeeFactory(with_user=True), given_name="Priya"),
    }


# From My team ------------------------------------------------------------------------------


def test_my_team_links_each_direct_report_to_their_extra_time(manager_client, people, requirement):
    page = soup(manager_client.get(MY_TEAM))
    link = page.find("a", href=extra_time_url(people["direct"]))
    assert link.get_text(" ", strip=True) == "Extra time in quizzes for Chloe Adebayo"
    assert page.find("a", href=extra_time_url(people["indirect"])) is None

    everyone = soup(manager_client.get(MY_TEAM, {"show": "everyone"}))
    assert everyone.find("a", href=extra_time_url(people["direct"])) is not None
    assert everyone.find("a", href=extra_time_url(people["indirect"])) is None, "only their line manager records it"


# The page ------------------------------------------------------------------------------------


def test_the_page_shows_the_adjustment_now_and_its_history(manager_client, people, line_manager, hr_user):
    person = people["direct"]
    WorkplaceAdjustmentFactory(
        employee=person,
        extra_time_percent=25,
        reason="Passport <first>",
        recorded_by=hr_user,
        recorded_at=datetime(2025, 10, 6, 9, tzinfo=UTC),
    )
    WorkplaceAdjustmentFactory(
        employee=person,
        extra_time_percent=50,
        reason="Reviewed",
        recorded_by=line_manager.user,
        recorded_at=datetime(2026, 2, 9, 9, tzinfo=UTC),
    )
    response = manager_client.get(extra_time_url(person))
    assert response.status_code == 200
    page = soup(response)
    assert page.find("h1").get_text(strip=True) == "Extra time in quizzes"
    assert page.find(class_="govuk-back-link")["href"] == MY_TEAM
    assert " ".join(page.find(id="current-adjustment").get_text(" ").split()) == (
        "50% extra time Recorded on 9 February 2026 by Nadia Hussain"
    )
    rows = [[td.get_text(" ", strip=True) for td in tr("td")] for tr in page.find(id="adjustment-history").tbody("tr")]
    assert rows == [
        ["50% extra time", "Reviewed", "Nadia Hussain", "9 February 2026"],
        ["25% extra time", "Passport <first>", str(hr_user), "6 October 2025"],
    ]
    assert "Passport &lt;first&gt;" in response.content.decode()


def test_someone_with_nothing_recorded_has_no_extra_time(manager_client, people):
    page = soup(manager_client.get(extra_time_url(people["direct"])))
    assert page.find(id="current-adjustment").get_text(strip=True) == "No extra time"
    assert page.find(id="adjustment-history") is None


def test_the_radios_reveal_the_percentage_and_work_without_javascript(manager_client, people):
    page = soup(manager_client.get(extra_time_url(people["direct"])))
    fieldset = page.find("fieldset")
    assert fieldset.find("legend").get_text(strip=True) == "Record extra time"
    assert fieldset["aria-describedby"] == "id_extra_time-hint"
    radios = fieldset.select("input.govuk-radios__input[type=radio][name=extra_time]")
    labels = [page.find("label", attrs={"for": radio["id"]}).get_text(strip=True) for radio in radios]
    assert labels == [
        "No extra time",
        "25% extra time",
        "50% extra time",
        "100% extra time",
        "Another percentage",
        "No time limit",
    ]
    other = fieldset.find("input", value="other")
    assert other["data-aria-controls"] == "conditional-other-percent"
    # The box is in the page itself, inside the conditional reveal GOV.UK Frontend hides only once its
    # script runs: without JavaScript it is simply shown.
    reveal = page.find(id="conditional-other-percent")
    assert "govuk-radios__conditional" in reveal["class"]
    box = reveal.find("input", attrs={"name": "other_percent"})
    assert box["inputmode"] == "numeric"
    assert "govuk-input--width-3" in box["class"]
    assert reveal.find("label", attrs={"for": "id_other_percent"}).get_text(strip=True) == "Percentage of extra time"
    assert page.find("textarea", attrs={"name": "reason"}) is not None
    assert not page.find_all(attrs={"checked": True}), "no answer is chosen for them"


@pytest.mark.parametrize(
    ("data", "percent", "banner"),
    [
        ({"extra_time": "50"}, 50, "Extra time recorded: Chloe Adebayo now has 50% extra time in timed quizzes."),
        (
            {"extra_time": "other", "other_percent": "30"},
            30,
            "Extra time recorded: Chloe Adebayo now has 30% extra time in timed quizzes.",
        ),
        (
            {"extra_time": "no_limit"},
            None,
            "Extra time recorded: Chloe Adebayo now has no time limit in timed quizzes.",
        ),
        ({"extra_time": "0"}, 0, "Extra time ended: Chloe Adebayo has no extra time in timed quizzes."),
    ],
)
def test_recording_goes_back_to_my_team_with_a_success_banner(
    manager_client, people, line_manager, requirement, data, percent, banner
):
    response = manager_client.post(extra_time_url(people["direct"]), {**data, "reason": REASON}, follow=True)
    assert response.redirect_chain == [(MY_TEAM, 302)]
    success = soup(response).find(class_="govuk-notification-banner--success")
    assert success.find(class_="govuk-notification-banner__heading").get_text(strip=True) == banner
    adjustment = WorkplaceAdjustment.objects.get()
    assert (adjustment.employee, adjustment.extra_time_percent, adjustment.reason, adjustment.recorded_by) == (
        people["direct"],
        percent,
        REASON,
        line_manager.user,
    )


@pytest.mark.parametrize(
    ("data", "summary"),
    [
        ({"reason": REASON}, [(CHOICE_MISSING, "#id_extra_time_0")]),
        ({"extra_time": "other", "reason": REASON}, [(PERCENT_MISSING, "#id_other_percent")]),
        (
            {"extra_time": "other", "other_percent": "a third", "reason": REASON},
            [(PERCENT_NOT_A_NUMBER, "#id_other_percent")],
        ),
        (
            {"extra_time": "other", "other_percent": "500", "reason": REASON},
            [(PERCENT_OUT_OF_RANGE, "#id_other_percent")],
        ),
        ({"extra_time": "25", "reason": ""}, [(REASON_MISSING, "#id_reason")]),
        ({}, [(CHOICE_MISSING, "#id_extra_time_0"), (REASON_MISSING, "#id_reason")]),
    ],
)
def test_the_forms_errors_are_summarised_and_shown_by_each_field(manager_client, people, data, summary):
    response = manager_client.post(extra_time_url(people["direct"]), data)
    assert response.status_code == 200
    assert error_summary(response) == summary
    page = soup(response)
    assert page.title.get_text().startswith("Error: ")
    for message, anchor in summary:
        field = page.find(id=anchor[1:])
        group = field.find_parent(class_="govuk-form-group--error")
        assert message in group.find(class_="govuk-error-message").get_text(), message
    assert not WorkplaceAdjustment.objects.exists()


def test_an_error_on_the_percentage_keeps_another_percentage_chosen_and_the_box_shown(manager_client, people):
    response = manager_client.post(extra_time_url(people["direct"]), {"extra_time": "other", "reason": REASON})
    page = soup(response)
    assert page.find("input", value="other").has_attr("checked")
    reveal = page.find(id="conditional-other-percent")
    assert reveal.find(class_="govuk-error-message").get_text(" ", strip=True) == f"Error: {PERCENT_MISSING}"
    assert page.find("fieldset")["aria-describedby"] == "id_extra_time-hint"
    assert page.find("textarea").get_text().strip() == REASON


# Only the manager's own team -----------------------------------------------------------------


@pytest.mark.parametrize("who", ["leaver", "indirect", "other_team"])
def test_anyone_outside_the_managers_team_is_not_found(manager_client, people, who):
    url = extra_time_url(people[who])
    assert manager_client.get(url).status_code == 404
    assert manager_client.post(url, {"extra_time": "100", "reason": REASON}).status_code == 404
    assert not WorkplaceAdjustment.objects.exists()


def test_guessing_ids_finds_only_the_managers_team(manager_client, people, line_manager, hr_user):
    reached = {
        pk
        for pk in range(1, Employee.objects.order_by("-pk").values_list("pk", flat=True).first() + 3)
        if manager_client.get(f"/my-team/{pk}/extra-time/").status_code == 200
    }
    assert reached == {people["direct"].pk}
    assert manager_client.get(extra_time_url(line_manager)).status_code == 404, "not their own"


def test_people_who_manage_nobody_may_not_use_it(client, learner, hr_user, editor_user):
    someone = EmployeeFactory(reports_to=EmployeeFactory(with_user=True))
    for user in (learner.user, hr_user, editor_user):
        client.force_login(user)
        assert client.get(extra_time_url(someone)).status_code == 403
        assert client.post(extra_time_url(someone), {"extra_time": "50", "reason": REASON}).status_code == 403
    assert not WorkplaceAdjustment.objects.exists()


def test_visitors_are_asked_to_sign_in(client, people):
    response = client.get(extra_time_url(people["direct"]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("rows", [1, 20])
def test_the_page_takes_the_same_queries_however_long_the_history(manager_client, people, hr_user, rows):
    for _ in range(rows):
        WorkplaceAdjustmentFactory(employee=people["direct"], recorded_by=EmployeeFactory(with_user=True).user)
    url = extra_time_url(people["direct"])
    manager_client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert manager_client.get(url).status_code == 200
    assert len(queries) <= 8
