"""My team: who may see it, each report's status, in what order, a page at a time, in a fixed number of queries."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compliance.views import PER_PAGE
from tests.factories import DepartmentFactory, EmployeeFactory, EnrolmentFactory, RequirementFactory

pytestmark = pytest.mark.django_db

URL = "/my-team/"


def long_date(day) -> str:
    return f"{day.day} {day:%B %Y}"


def table_rows(response) -> list[dict]:
    """The My team table as a list of {name, course, complete_by, status, action} (texts, whitespace collapsed)."""
    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.find(id="team-training")
    if table is None:
        return []
    rows = []
    for tr in table.find("tbody").find_all("tr"):
        header = tr.find("th")
        cells = [" ".join(td.get_text(" ").split()) for td in tr.find_all("td")]
        link = tr.find("a", string=re.compile("Grant an extension"))
        rows.append(
            {
                "name": " ".join(header.contents[0].split()),
                "detail": " ".join(header.find("span").get_text(" ").split()),
                "cells": cells,
                "status": cells[2] if len(cells) > 2 else cells[0],
                "tag": (tr.find(class_="govuk-tag").get_text(strip=True) if tr.find(class_="govuk-tag") else ""),
                "extend_url": link["href"] if link else None,
            }
        )
    return rows


def names(response) -> list[str]:
    return [row["name"] for row in table_rows(response)]


# Who may see it -------------------------------------------------------------------------


def test_anonymous_people_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/my-team/")


def test_people_who_manage_nobody_cannot_see_it(client, learner_user):
    client.force_login(learner_user)
    response = client.get(URL)
    assert response.status_code == 403
    assert b"You cannot see this page" in response.content


def test_hr_officers_without_reports_cannot_see_it(client, hr_user):
    client.force_login(hr_user)
    assert client.get(URL).status_code == 403


def test_a_manager_whose_only_report_has_left_has_no_team(client, line_manager, learner):
    learner.is_active = False
    learner.save(update_fields=["is_active"])
    client.force_login(line_manager.user)
    assert client.get(URL).status_code == 403


def test_a_manager_who_has_left_cannot_see_their_old_team(client, line_manager, learner):
    line_manager.is_active = False
    line_manager.save(update_fields=["is_active"])
    client.force_login(line_manager.user)
    assert client.get(URL).status_code == 403


def test_only_line_managers_get_my_team_in_the_navigation(client, line_manager, learner):
    client.force_login(learner.user)
    home = client.get("/")
    assert b'href="/my-team/"' not in home.content

    client.force_login(line_manager.user)
    home = client.get("/")
    assert b'href="/my-team/"' in home.content
    page = client.get(URL)
    nav = BeautifulSoup(page.content, "html.parser").find("nav", attrs={"aria-label": "Menu"})
    current = nav.find("a", attrs={"aria-current": "page"})
    assert current is not None
    assert current["href"] == URL


# What it shows -----------------------------------------------------------------------------


def test_each_report_shows_their_status_due_date_and_tag(client, line_manager, mixed_team, today):
    client.force_login(line_manager.user)
    response = client.get(URL)
    assert response.status_code == 200
    rows = {row["name"]: row for row in table_rows(response)}

    overdue = rows["Chloe Adebayo"]
    assert overdue["tag"] == "Overdue by 12 days"
    assert overdue["cells"][0] == "Information management crash course"
    assert overdue["cells"][1] == long_date(today - timedelta(days=12))

    assert rows["Tomasz Nowak"]["tag"] == "Due"
    assert rows["Tomasz Nowak"]["cells"][1] == long_date(today + timedelta(days=20))
    assert rows["Mei Chen"]["tag"] == "Expiring"
    assert f"Expires {long_date(today + timedelta(days=10))}" in rows["Mei Chen"]["status"]
    assert rows["Connor Brady"]["tag"] == "Compliant"
    assert rows["Connor Brady"]["cells"][1] == "No action needed"
    assert rows["Siobhan Kelly"]["tag"] == "Exempt"
    assert f"Until {long_date(today + timedelta(days=40))}" in rows["Siobhan Kelly"]["status"]

    # The tags' colours repeat what their words say.
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("strong", string="Overdue by 12 days")["class"] == ["govuk-tag", "govuk-tag--red"]
    assert soup.find("strong", string="Compliant")["class"] == ["govuk-tag", "govuk-tag--green"]
    summary = soup.find(id="team-summary").get_text(" ", strip=True)
    assert summary == "Compulsory courses: 2 overdue, 1 due, 1 expiring, 1 compliant and 1 exempt."


def test_overdue_first_then_due_expiring_compliant_exempt(client, line_manager, mixed_team):
    client.force_login(line_manager.user)
    assert names(client.get(URL)) == [
        "Chloe Adebayo",  # overdue by 12 days
        "Zara Young",  # overdue by 3 days
        "Tomasz Nowak",  # due
        "Mei Chen",  # expiring
        "Connor Brady",  # compliant
        "Siobhan Kelly",  # exempt
    ]


def test_one_row_per_requirement_that_applies(client, line_manager, mixed_team, grades, today):
    senior = RequirementFactory(
        name="Technology policy for the SCS",
        course__title="Technology policy for senior leaders",
        minimum_grade=grades["SCS1"],
        due_within_days=90,
    )
    deputy_director = EmployeeFactory(
        reports_to=line_manager, given_name="Marcus", family_name="Oyelaran", grade=grades["SCS1"]
    )
    EnrolmentFactory(employee=deputy_director, requirement=senior, due_on=today - timedelta(days=1))
    client.force_login(line_manager.user)
    rows = [row for row in table_rows(client.get(URL)) if row["name"] == "Marcus Oyelaran"]
    # Overdue on the SCS course, and due on the course for everyone (no enrolment yet: no date).
    assert [(row["cells"][0], row["tag"]) for row in rows] == [
        ("Technology policy for senior leaders", "Overdue by 1 day"),
        ("Information management crash course", "Due"),
    ]
    # Nobody else is measured against the SCS requirement.
    assert sum(row["cells"][0] == "Technology policy for senior leaders" for row in table_rows(client.get(URL))) == 1


def test_reports_no_requirement_covers_are_still_listed_last(client, line_manager, learner, today):
    hmrc = DepartmentFactory()
    hmrc_only = RequirementFactory(
        name="Tax basics for HMRC", course__title="Tax basics", due_within_days=30, departments=[hmrc]
    )
    in_hmrc = EmployeeFactory(reports_to=line_manager, department=hmrc, given_name="Bilal", family_name="Chaudhry")
    EnrolmentFactory(employee=in_hmrc, requirement=hmrc_only, due_on=today + timedelta(days=5))
    client.force_login(line_manager.user)
    rows = table_rows(client.get(URL))
    assert [(row["name"], row["cells"][0]) for row in rows] == [
        ("Bilal Chaudhry", "Tax basics"),
        ("Chloe Adebayo", "No compulsory training"),
    ]


def test_leavers_are_not_listed(client, line_manager, mixed_team):
    leaver = EmployeeFactory(reports_to=line_manager, given_name="Peter", family_name="Simmons", is_active=False)
    assert leaver.line_manager == line_manager
    client.force_login(line_manager.user)
    assert "Peter Simmons" not in names(client.get(URL))


# Nobody outside the manager's own chain -------------------------------------------------------------


@pytest.fixture
def organisation(line_manager, learner, requirement, today, department, grades):
    """The line manager's boss and peer (both with accounts), the peer's report, and a report of the manager's own
    report."""
    boss = EmployeeFactory(
        given_name="Imogen", family_name="Hart", department=department, grade=grades["G6"], with_user=True
    )
    line_manager.line_manager = boss
    line_manager.save(update_fields=["line_manager"])
    peer = EmployeeFactory(reports_to=boss, given_name="Ben", family_name="Carter", grade=grades["G7"], with_user=True)
    peers_report = EmployeeFactory(reports_to=peer, given_name="Kwame", family_name="Mensah")
    team_leader = EmployeeFactory(
        reports_to=line_manager, given_name="Gareth", family_name="Llewellyn", grade=grades["SEO"]
    )
    indirect = EmployeeFactory(reports_to=team_leader, given_name="Ruth", family_name="Sinclair")
    for person in (learner, boss, peer, peers_report, team_leader, indirect, line_manager):
        EnrolmentFactory(employee=person, requirement=requirement, due_on=today + timedelta(days=30))
    return {"boss": boss, "peer": peer, "peers_report": peers_report, "team_leader": team_leader, "indirect": indirect}


def test_direct_reports_only_by_default(client, line_manager, organisation):
    client.force_login(line_manager.user)
    response = client.get(URL)
    assert sorted(names(response)) == ["Chloe Adebayo", "Gareth Llewellyn"]
    assert b"Show everyone who reports to you" in response.content


def test_everyone_below_includes_indirect_reports_and_no_one_else(client, line_manager, organisation):
    client.force_login(line_manager.user)
    response = client.get(URL, {"show": "everyone"})
    assert sorted(names(response)) == ["Chloe Adebayo", "Gareth Llewellyn", "Ruth Sinclair"]
    ruth = next(row for row in table_rows(response) if row["name"] == "Ruth Sinclair")
    assert ruth["detail"] == "EO, reports to Gareth Llewellyn"
    assert b"Show only your direct reports" in response.content


def test_no_one_is_reached_through_a_leaver(client, line_manager, learner, requirement, today):
    gone = EmployeeFactory(reports_to=line_manager, given_name="Lee", family_name="Departed", is_active=False)
    stranded = EmployeeFactory(reports_to=gone, given_name="Orla", family_name="Stranded")
    EnrolmentFactory(employee=stranded, requirement=requirement, due_on=today + timedelta(days=5))
    client.force_login(line_manager.user)
    response = client.get(URL, {"show": "everyone"})
    assert names(response) == ["Chloe Adebayo"]
    assert "Stranded" not in response.content.decode()
    assert "Departed" not in response.content.decode()
    # With no active report of their own, nobody is shown as reporting to them indirectly.
    assert b"Show everyone who reports to you" not in client.get(URL).content


def test_the_peer_sees_only_their_own_team(client, organisation):
    client.force_login(organisation["peer"].user)
    assert names(client.get(URL, {"show": "everyone"})) == ["Kwame Mensah"]


def test_the_boss_sees_the_whole_chain_below_them(client, organisation):
    client.force_login(organisation["boss"].user)
    assert sorted(names(client.get(URL, {"show": "everyone"}))) == [
        "Ben Carter",
        "Chloe Adebayo",
        "Gareth Llewellyn",
        "Kwame Mensah",
        "Nadia Hussain",
        "Ruth Sinclair",
    ]


def test_no_toggle_without_indirect_reports(client, line_manager, mixed_team):
    client.force_login(line_manager.user)
    assert b"Show everyone who reports to you" not in client.get(URL).content


# A page at a time, in a fixed number of queries ---------------------------------------------------


def make_team(manager, requirement, size: int, today) -> None:
    """`size` reports of the manager, in turn overdue, due and compliant (Person00 Report, Person01 Report …)."""
    for number in range(size):
        person = EmployeeFactory(reports_to=manager, given_name=f"Person{number:02d}", family_name="Report")
        if number % 3 == 0:
            EnrolmentFactory(employee=person, requirement=requirement, due_on=today - timedelta(days=number + 1))
        elif number % 3 == 1:
            EnrolmentFactory(employee=person, requirement=requirement, due_on=today + timedelta(days=number + 1))
        else:
            EnrolmentFactory(
                employee=person,
                requirement=requirement,
                completed_on=today - timedelta(days=10),
                expires_on=today + timedelta(days=700),
            )


def test_large_teams_are_paginated(client, line_manager, requirement, today):
    make_team(line_manager, requirement, 30, today)
    client.force_login(line_manager.user)

    first = client.get(URL)
    assert len(table_rows(first)) == PER_PAGE
    soup = BeautifulSoup(first.content, "html.parser")
    pagination = soup.find("nav", class_="govuk-pagination")
    assert pagination is not None
    assert pagination.find("a", rel="next")["href"] == "?page=2"
    assert soup.find("a", attrs={"aria-current": "page", "aria-label": "Page 1"}) is not None
    # Overdue first across the whole team, not only on this page.
    assert all(row["tag"].startswith("Overdue") for row in table_rows(first)[:10])

    second = client.get(URL, {"page": 2})
    assert len(table_rows(second)) == 30 - PER_PAGE
    assert "(page 2 of 2)" in BeautifulSoup(second.content, "html.parser").title.get_text()
    assert set(names(first)).isdisjoint(names(second))
    assert {row["tag"] for row in table_rows(second)} == {"Compliant"}


def test_pagination_keeps_the_everyone_toggle(client, line_manager, requirement, today):
    make_team(line_manager, requirement, 30, today)
    client.force_login(line_manager.user)
    soup = BeautifulSoup(client.get(URL, {"show": "everyone"}).content, "html.parser")
    assert soup.find("a", rel="next")["href"] == "?show=everyone&page=2"


def test_a_page_past_the_end_shows_the_last_page(client, line_manager, mixed_team):
    client.force_login(line_manager.user)
    assert names(client.get(URL, {"page": 99})) == names(client.get(URL))


# The user, the manager's HR record, the requirements and their audiences (4), the counts by status,
# whether there are indirect reports, how many people, and the page of rows.
MY_TEAM_QUERY_BUDGET = 10


@pytest.mark.parametrize("everyone", [False, True])
def test_query_count_does_not_grow_with_the_team(client, line_manager, requirement, grades, today, everyone):
    RequirementFactory(name="Technology policy for the SCS", minimum_grade=grades["SCS1"], due_within_days=90)
    make_team(line_manager, requirement, 1, today)
    url = f"{URL}?show=everyone" if everyone else URL
    client.force_login(line_manager.user)

    def count() -> tuple[int, int]:
        client.get(url)  # the session is cached from here on, as it is for someone using the site
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries.captured_queries), len(table_rows(response))

    with_one, rows_one = count()
    make_team(line_manager, requirement, 29, today)
    with_thirty, rows_thirty = count()
    assert (rows_one, rows_thirty) == (1, PER_PAGE)
    assert with_one == with_thirty
    assert with_thirty <= MY_TEAM_QUERY_BUDGET


@pytest.mark.parametrize("size", [1, 30])
def test_query_budget(client, line_manager, requirement, today, size, django_assert_max_num_queries):
    make_team(line_manager, requirement, size, today)
    client.force_login(line_manager.user)
    client.get(URL)
    with django_assert_max_num_queries(MY_TEAM_QUERY_BUDGET):
        assert client.get(URL).status_code == 200
