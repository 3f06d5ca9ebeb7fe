"""A line manager grants one of their reports an extension: only when allowed, only for their own reports,
with GOV.UK error messages, and recorded with who, when and why."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import timezone
from freezegun import freeze_time

from enrolment.extensions import MANAGER_EXTENSION_LIMIT_DAYS, grant_extension
from enrolment.models import Enrolment, Extension
from tests.factories import EmployeeFactory, EnrolmentFactory

pytestmark = pytest.mark.django_db

MY_TEAM = "/my-team/"


def long_date(day) -> str:
    return f"{day.day} {day:%B %Y}"


def extend_url(enrolment: Enrolment) -> str:
    return f"/my-team/extensions/{enrolment.pk}/"


def date_parts(day) -> dict[str, str]:
    return {"due_on_day": str(day.day), "due_on_month": str(day.month), "due_on_year": str(day.year)}


@pytest.fixture
def overdue_enrolment(learner, line_manager, requirement, today) -> Enrolment:
    """Chloe Adebayo, the line manager's report, is 12 days overdue."""
    return EnrolmentFactory(employee=learner, requirement=requirement, due_on=today - timedelta(days=12))


@pytest.fixture
def manager_client(client, line_manager):
    client.force_login(line_manager.user)
    return client


def error_summary(response) -> list[tuple[str, str]]:
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.find(class_="govuk-error-summary")
    if summary is None:
        return []
    return [(link.get_text(strip=True), link["href"]) for link in summary.find_all("a")]


# When the setting is off -----------------------------------------------------------------


def test_without_the_setting_there_is_no_link_and_no_page(
    manager_client, overdue_enrolment, extensions_not_allowed, today
):
    my_team = manager_client.get(MY_TEAM)
    assert b"Grant an extension" not in my_team.content
    assert b"ask HR for an extension or an exemption" in my_team.content
    assert manager_client.get(extend_url(overdue_enrolment)).status_code == 404
    response = manager_client.post(
        extend_url(overdue_enrolment), {**date_parts(today + timedelta(days=20)), "reason": "Sick leave"}
    )
    assert response.status_code == 404
    assert not Extension.objects.exists()
    overdue_enrolment.refresh_from_db()
    assert overdue_enrolment.due_on == today - timedelta(days=12)


def test_the_setting_is_off_unless_turned_on(manager_client, overdue_enrolment, settings):
    del settings.LINE_MANAGERS_CAN_EXTEND
    assert manager_client.get(extend_url(overdue_enrolment)).status_code == 404


# The form --------------------------------------------------------------------------------------


def test_my_team_links_to_the_form_which_says_what_is_allowed(
    manager_client, overdue_enrolment, extensions_allowed, today
):
    my_team = BeautifulSoup(manager_client.get(MY_TEAM).content, "html.parser")
    link = my_team.find("a", href=extend_url(overdue_enrolment))
    assert link.get_text(" ", strip=True) == (
        "Grant an extension to Chloe Adebayo for Information management crash course"
    )

    response = manager_client.get(extend_url(overdue_enrolment))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("h1").get_text(strip=True) == "Grant an extension"
    assert page.find(id="current-due").get_text(" ", strip=True) == (
        f"{long_date(today - timedelta(days=12))} Overdue by 12 days"
    )
    # The GOV.UK date input: a fieldset with a legend, and day, month and year boxes.
    fieldset = page.find("fieldset")
    assert fieldset.find("legend").get_text(strip=True) == "New due date"
    assert [label.get_text(strip=True) for label in fieldset.find_all("label")] == ["Day", "Month", "Year"]
    hint = page.find(id="id_due_on-hint").get_text(strip=True)
    # 90 days after the due date HR set (12 days ago), not after today.
    latest = today - timedelta(days=12) + timedelta(days=MANAGER_EXTENSION_LIMIT_DAYS)
    assert f"no later than {long_date(latest)}, 90 days after the due date HR set" in hint
    assert page.find("textarea", attrs={"name": "reason"}) is not None


def test_the_hint_names_the_current_due_date_when_it_is_still_to_come(
    manager_client, learner, requirement, extensions_allowed, today
):
    enrolment = EnrolmentFactory(employee=learner, requirement=requirement, due_on=today + timedelta(days=10))
    page = BeautifulSoup(manager_client.get(extend_url(enrolment)).content, "html.parser")
    hint = page.find(id="id_due_on-hint").get_text(strip=True)
    latest = today + timedelta(days=10 + MANAGER_EXTENSION_LIMIT_DAYS)
    assert hint.startswith(f"It must be after {long_date(today + timedelta(days=10))} and no later than")
    assert long_date(latest) in hint


# Validation -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"due_on_day": "", "due_on_month": "", "due_on_year": ""}, "Enter the new due date."),
        ({"due_on_day": "12", "due_on_month": "", "due_on_year": "2026"}, "The new due date must include a month."),
        (
            {"due_on_day": "", "due_on_month": "", "due_on_year": "2026"},
            "The new due date must include a day and month.",
        ),
        ({"due_on_day": "31", "due_on_month": "2", "due_on_year": "2031"}, "The new due date must be a real date."),
        ({"due_on_day": "ten", "due_on_month": "4", "due_on_year": "2031"}, "The new due date must be a real date."),
        ({"due_on_day": "1", "due_on_month": "4", "due_on_year": "31"}, "The year must include 4 numbers."),
    ],
)
def test_dates_that_are_not_whole_or_real(manager_client, overdue_enrolment, extensions_allowed, data, message):
    response = manager_client.post(extend_url(overdue_enrolment), {**data, "reason": "Sick leave"})
    assert response.status_code == 200
    assert error_summary(response) == [(message, "#id_due_on_day")]
    assert BeautifulSoup(response.content, "html.parser").title.get_text().startswith("Error: ")
    assert not Extension.objects.exists()


@pytest.mark.parametrize(
    ("days_from_today", "message"),
    [
        (0, "The new due date must be in the future."),
        (-5, "The new due date must be in the future."),
        (
            MANAGER_EXTENSION_LIMIT_DAYS + 1,
            "The new due date must be no later than {latest}. For a longer extension, ask HR.",
        ),
    ],
)
def test_dates_outside_what_a_manager_may_give(
    manager_client, overdue_enrolment, extensions_allowed, today, days_from_today, message
):
    response = manager_client.post(
        extend_url(overdue_enrolment), {**date_parts(today + timedelta(days=days_from_today)), "reason": "Sick leave"}
    )
    latest = long_date(today - timedelta(days=12) + timedelta(days=MANAGER_EXTENSION_LIMIT_DAYS))
    assert error_summary(response) == [(message.format(latest=latest), "#id_due_on_day")]
    assert not Extension.objects.exists()


def test_an_overdue_report_gets_90_days_after_the_due_date_hr_set_not_after_today(
    manager_client, learner, line_manager, requirement, extensions_allowed
):
    """What My team says ("up to 90 days in all after the due date HR set") is what the form allows."""
    today = date(2026, 12, 2)
    enrolment = EnrolmentFactory(employee=learner, requirement=requirement, due_on=date(2026, 11, 17))
    with freeze_time("2026-12-02 12:00"):
        page = BeautifulSoup(manager_client.get(extend_url(enrolment)).content, "html.parser")
        assert "no later than 15 February 2027" in page.find(id="id_due_on-hint").get_text(strip=True)
        my_team = manager_client.get(MY_TEAM).content.decode()
        assert "up to 90 days in all after the due date HR set" in my_team
        refused = manager_client.post(extend_url(enrolment), {**date_parts(date(2027, 3, 2)), "reason": "Leave"})
        assert error_summary(refused) == [
            (
                "The new due date must be no later than 15 February 2027. For a longer extension, ask HR.",
                "#id_due_on_day",
            )
        ]
        with pytest.raises(ValidationError, match="no later than 15 February 2027"):
            grant_extension(
                enrolment=enrolment, due_on=date(2027, 2, 16), reason="Leave", granted_by=line_manager.user, today=today
            )
        granted = manager_client.post(extend_url(enrolment), {**date_parts(date(2027, 2, 15)), "reason": "Leave"})
    assert granted.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.due_on == date(2027, 2, 15)


def test_more_than_90_days_overdue_only_hr_can_extend(manager_client, learner, requirement, extensions_allowed, today):
    enrolment = EnrolmentFactory(
        employee=learner, requirement=requirement, due_on=today - timedelta(days=MANAGER_EXTENSION_LIMIT_DAYS + 5)
    )
    page = BeautifulSoup(manager_client.get(extend_url(enrolment)).content, "html.parser")
    assert "Ask HR for a longer extension" in page.find(id="id_due_on-hint").get_text(strip=True)
    refused = manager_client.post(extend_url(enrolment), {**date_parts(today + timedelta(days=1)), "reason": "Leave"})
    assert refused.status_code == 200
    assert not Extension.objects.exists()


def test_the_new_date_must_be_after_the_current_one(manager_client, learner, requirement, extensions_allowed, today):
    enrolment = EnrolmentFactory(employee=learner, requirement=requirement, due_on=today + timedelta(days=30))
    response = manager_client.post(
        extend_url(enrolment), {**date_parts(today + timedelta(days=20)), "reason": "Sick leave"}
    )
    current = long_date(today + timedelta(days=30))
    assert error_summary(response) == [
        (f"The new due date must be after the current one, {current}.", "#id_due_on_day")
    ]
    enrolment.refresh_from_db()
    assert enrolment.due_on == today + timedelta(days=30)


def test_every_mistake_is_shown_at_once_and_what_was_typed_is_kept(
    manager_client, overdue_enrolment, extensions_allowed
):
    response = manager_client.post(
        extend_url(overdue_enrolment),
        {"due_on_day": "30", "due_on_month": "2", "due_on_year": "2031", "reason": "   "},
    )
    assert error_summary(response) == [
        ("The new due date must be a real date.", "#id_due_on_day"),
        ("Enter the reason for the extension.", "#id_reason"),
    ]
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("input", attrs={"name": "due_on_day"})["value"] == "30"
    assert "govuk-input--error" in page.find("input", attrs={"name": "due_on_month"})["class"]
    assert page.find(id="id_reason-error") is not None


# Granting ----------------------------------------------------------------------------------------


def test_an_extension_is_recorded_with_who_when_why_and_shown_on_my_team(
    manager_client, line_manager, overdue_enrolment, extensions_allowed, today
):
    new_due = today + timedelta(days=30)
    before = timezone.now()
    response = manager_client.post(
        extend_url(overdue_enrolment), {**date_parts(new_due), "reason": "  Long-term sick leave since March.  "}
    )
    assert response.status_code == 302
    assert response["Location"] == MY_TEAM

    extension = Extension.objects.get()
    assert extension.enrolment == overdue_enrolment
    assert extension.granted_by == line_manager.user
    assert extension.reason == "Long-term sick leave since March."
    assert extension.previous_due_on == today - timedelta(days=12)
    assert extension.due_on == new_due
    assert before <= extension.granted_at <= timezone.now()
    overdue_enrolment.refresh_from_db()
    assert overdue_enrolment.due_on == new_due

    my_team = manager_client.get(MY_TEAM)
    page = BeautifulSoup(my_team.content, "html.parser")
    banner = page.find(class_="govuk-notification-banner--success")
    assert banner.find(class_="govuk-notification-banner__heading").get_text(strip=True) == (
        f"Extension granted: Chloe Adebayo now has until {long_date(new_due)} "
        "to complete Information management crash course."
    )
    row = next(tr for tr in page.find(id="team-training").find_all("tr") if "Chloe Adebayo" in tr.get_text())
    assert long_date(new_due) in row.get_text(" ")
    assert row.find(class_="govuk-tag").get_text(strip=True) == "Due"


def test_the_form_lists_extensions_already_granted(
    manager_client, line_manager, overdue_enrolment, extensions_allowed, today
):
    manager_client.post(extend_url(overdue_enrolment), {**date_parts(today + timedelta(days=5)), "reason": "Leave"})
    page = BeautifulSoup(manager_client.get(extend_url(overdue_enrolment)).content, "html.parser")
    cells = [td.get_text(strip=True) for td in page.find(id="extensions").find("tbody").find_all("td")]
    assert cells == [
        long_date(today - timedelta(days=12)),
        long_date(today + timedelta(days=5)),
        "Nadia Hussain",
        long_date(today),
    ]


# Only their own reports' open compulsory enrolments -----------------------------------------------


def test_another_managers_report_cannot_be_extended_by_changing_the_id(
    manager_client, overdue_enrolment, requirement, extensions_allowed, today, department, grades
):
    other_manager = EmployeeFactory(department=department, grade=grades["G7"], with_user=True)
    someone_else = EmployeeFactory(reports_to=other_manager, given_name="Kwame", family_name="Mensah")
    theirs = EnrolmentFactory(employee=someone_else, requirement=requirement, due_on=today - timedelta(days=20))

    assert manager_client.get(extend_url(theirs)).status_code == 404
    response = manager_client.post(extend_url(theirs), {**date_parts(today + timedelta(days=10)), "reason": "Sneaky"})
    assert response.status_code == 404
    assert not Extension.objects.exists()
    theirs.refresh_from_db()
    assert theirs.due_on == today - timedelta(days=20)
    assert b"Kwame Mensah" not in manager_client.get(MY_TEAM).content


def test_the_managers_own_enrolment_cannot_be_extended(
    manager_client, line_manager, learner, requirement, extensions_allowed, today
):
    own = EnrolmentFactory(employee=line_manager, requirement=requirement, due_on=today - timedelta(days=3))
    assert manager_client.get(extend_url(own)).status_code == 404
    response = manager_client.post(extend_url(own), {**date_parts(today + timedelta(days=9)), "reason": "Me"})
    assert response.status_code == 404
    assert not Extension.objects.exists()


def test_indirect_reports_are_for_their_own_line_manager(
    manager_client, line_manager, requirement, extensions_allowed, today, grades
):
    team_leader = EmployeeFactory(
        reports_to=line_manager, given_name="Gareth", family_name="Llewellyn", grade=grades["SEO"], with_user=True
    )
    indirect = EmployeeFactory(reports_to=team_leader, given_name="Ruth", family_name="Sinclair")
    enrolment = EnrolmentFactory(employee=indirect, requirement=requirement, due_on=today - timedelta(days=2))

    my_team = manager_client.get(MY_TEAM, {"show": "everyone"})
    assert b"Ruth Sinclair" in my_team.content
    assert extend_url(enrolment).encode() not in my_team.content
    assert manager_client.get(extend_url(enrolment)).status_code == 404

    # Their own line manager can.
    manager_client.force_login(team_leader.user)
    assert manager_client.get(extend_url(enrolment)).status_code == 200


@pytest.mark.parametrize("kind", ["completed", "withdrawn", "self-chosen", "leaver", "missing"])
def test_only_open_compulsory_enrolments_of_active_reports(
    manager_client, learner, requirement, extensions_allowed, today, kind
):
    if kind == "completed":
        enrolment = EnrolmentFactory(employee=learner, requirement=requirement, completed_on=today - timedelta(days=5))
    elif kind == "self-chosen":
        enrolment = EnrolmentFactory(employee=learner, requirement=None, due_on=today - timedelta(days=1))
    else:
        enrolment = EnrolmentFactory(
            employee=learner, requirement=requirement, due_on=today - timedelta(days=1), withdrawn=kind == "withdrawn"
        )
    if kind == "leaver":
        learner.is_active = False
        learner.save(update_fields=["is_active"])
        EmployeeFactory(reports_to=learner.line_manager)  # the manager still manages someone
    url = extend_url(enrolment) if kind != "missing" else "/my-team/extensions/999999/"
    assert manager_client.get(url).status_code == 404
    assert not Extension.objects.exists()


def test_people_who_manage_nobody_get_403_and_anonymous_people_sign_in(
    client, learner, overdue_enrolment, hr_user, extensions_allowed
):
    url = extend_url(overdue_enrolment)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(learner.user)
    assert client.get(url).status_code == 403
    # HR officers extend in the Wagtail admin, not here.
    client.force_login(hr_user)
    assert client.post(url, {"reason": "x"}).status_code == 403
    assert not Extension.objects.exists()


# The limit is on the total, not on each extension --------------------------------------------------


def post_extension(client, enrolment, due_on, reason="Sick leave"):
    return client.post(extend_url(enrolment), {**date_parts(due_on), "reason": reason})


def test_a_manager_cannot_chain_extensions_past_the_limit(
    manager_client, learner, requirement, extensions_allowed, today
):
    enrolment = EnrolmentFactory(employee=learner, requirement=requirement, due_on=today + timedelta(days=1))
    limit = today + timedelta(days=1 + MANAGER_EXTENSION_LIMIT_DAYS)
    assert post_extension(manager_client, enrolment, today + timedelta(days=31)).status_code == 302
    assert post_extension(manager_client, enrolment, limit).status_code == 302
    refused = post_extension(manager_client, enrolment, limit + timedelta(days=1))
    assert refused.status_code == 200
    assert f"The new due date must be no later than {long_date(limit)}" in refused.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.due_on == limit
    assert list(Extension.objects.filter(enrolment=enrolment).values_list("by_line_manager", flat=True)) == [
        True,
        True,
    ]


def test_the_workflow_itself_holds_the_limit_for_managers(
    line_manager, learner, requirement, extensions_allowed, today
):
    enrolment = EnrolmentFactory(employee=learner, requirement=requirement, due_on=today + timedelta(days=1))
    grant_extension(
        enrolment=enrolment,
        due_on=today + timedelta(days=60),
        reason="Leave",
        granted_by=line_manager.user,
        today=today,
    )
    with pytest.raises(ValidationError, match="For a longer extension, ask HR"):
        grant_extension(
            enrolment=enrolment,
            due_on=today + timedelta(days=2 + MANAGER_EXTENSION_LIMIT_DAYS),
            reason="More leave",
            granted_by=line_manager.user,
            today=today,
        )


def test_after_hr_extends_a_manager_has_the_limit_again_from_there(
    manager_client, hr_user, learner, requirement, extensions_allowed, today
):
    enrolment = EnrolmentFactory(employee=learner, requirement=requirement, due_on=today + timedelta(days=1))
    post_extension(manager_client, enrolment, today + timedelta(days=1 + MANAGER_EXTENSION_LIMIT_DAYS))
    hr_date = today + timedelta(days=200)
    grant_extension(enrolment=enrolment, due_on=hr_date, reason="Secondment", granted_by=hr_user, today=today)
    enrolment.refresh_from_db()
    assert post_extension(manager_client, enrolment, hr_date + timedelta(days=30)).status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.due_on == hr_date + timedelta(days=30)
    assert Extension.objects.get(due_on=hr_date).by_line_manager is False


def test_the_page_gives_the_status_my_team_gives_for_a_renewal_in_its_window(
    manager_client, learner, requirement, extensions_allowed, today
):
    # Completed two years ago, counting for ten more days: the renewal is open, the person is "Expiring".
    EnrolmentFactory(
        employee=learner,
        requirement=requirement,
        completed_on=today - timedelta(days=720),
        expires_on=today + timedelta(days=10),
    )
    renewal = EnrolmentFactory(employee=learner, requirement=requirement, due_on=today + timedelta(days=10))

    team = BeautifulSoup(manager_client.get(MY_TEAM).content, "html.parser")
    page = BeautifulSoup(manager_client.get(extend_url(renewal)).content, "html.parser")

    assert "Expiring" in [tag.get_text(strip=True) for tag in team.select(".govuk-tag")]
    assert [tag.get_text(strip=True) for tag in page.select("main .govuk-tag")] == ["Expiring"]
