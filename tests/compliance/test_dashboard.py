"""HR's compliance screens: figures against an independent count, scopes, lists, exports, a person's page."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from compliance.dashboard import Filters, breakdown, overview, total
from compliance.models import SLOTS, PersonStatus, PersonStatusB, StatusFigure
from compliance.snapshot import latest_refresh, refresh, rows_of
from people.roles import HR_OFFICERS
from people.scopes import EVERYONE, Scope, set_scope
from tests.factories import (
    EmployeeFactory,
    EnrolmentFactory,
    ExtensionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

INDEX = "/admin/compliance/"
PEOPLE = "/admin/compliance/people/"


def independent_count(
    known, *, scope_departments=None, requirement=None, department=None, grade=None, profession=None, status=""
):
    """The figures, counted from the hand-written table."""
    chains = {known["a"]: {known["a"]}, known["a1"]: {known["a"], known["a1"]}, known["b"]: {known["b"]}}
    counts = dict.fromkeys(("covered", "compliant", "expiring", "due", "overdue", "exempt"), 0)
    for employee, req, state in known["expected"]:
        chain = chains[employee.department]
        if scope_departments is not None and not chain & scope_departments:
            continue
        if requirement and req != requirement:
            continue
        if department and department not in chain:
            continue
        if grade and employee.grade != grade:
            continue
        if profession and employee.profession != profession:
            continue
        buckets = {"compliant", "expiring"} if state == "expiring" else {state}
        if status and status not in buckets:
            continue
        counts["covered"] += 1
        for bucket in buckets:
            counts[bucket] += 1
    return counts


def as_dict(counts):
    return {name: getattr(counts, name) for name in ("covered", "compliant", "expiring", "due", "overdue", "exempt")}


FILTERS = [
    {},
    {"requirement": "everyone"},
    {"requirement": "senior"},
    {"department": "a"},
    {"department": "a1"},
    {"department": "b"},
    {"grade": "SCS1"},
    {"profession": "ddat"},
    {"status": "overdue"},
    {"status": "compliant"},
    {"status": "expiring"},
    {"requirement": "everyone", "department": "a", "status": "overdue"},
]


@pytest.mark.parametrize("scope_name", ["whole", "a", "b"])
@pytest.mark.parametrize("chosen", FILTERS, ids=lambda f: "-".join(f"{k}={v}" for k, v in f.items()) or "none")
def test_figures_match_an_independent_count(known, grades, scope_name, chosen):
    scope = EVERYONE if scope_name == "whole" else Scope(department_ids=frozenset({known[scope_name].pk}))
    filters = Filters(
        requirement=known[chosen["requirement"]] if "requirement" in chosen else None,
        department=known[chosen["department"]] if "department" in chosen else None,
        grade=grades[chosen["grade"]] if "grade" in chosen else None,
        profession=known["ddat"] if "profession" in chosen else None,
        status=chosen.get("status", ""),
    )
    expected = independent_count(
        known,
        scope_departments=None if scope_name == "whole" else {known[scope_name]},
        requirement=filters.requirement,
        department=filters.department,
        grade=filters.grade,
        profession=filters.profession,
        status=filters.status,
    )
    assert as_dict(total(scope, filters)) == expected
    by_requirement = overview(scope, filters)
    assert sum(row.covered for row in by_requirement) == expected["covered"]
    for by in ("grade", "profession"):
        assert sum(row.covered for row in breakdown(scope, filters, by)) == expected["covered"]
    tops = [row for row in breakdown(scope, filters, "department") if row.extra["depth"] == 0]
    assert sum(row.covered for row in tops) == expected["covered"]


def test_percent_compliant_leaves_out_the_exempt(known):
    everyone = next(row for row in overview(EVERYONE, Filters()) if row.label == "Everyone")
    # 2 compliant (one of them expiring) of 6 covered, 1 exempt: 2 of 5.
    assert (everyone.covered, everyone.compliant, everyone.exempt, everyone.percent_compliant) == (6, 2, 1, 40)


def test_a_refresh_replaces_the_previous_one(known, today):
    """Each refresh writes the table the latest did not, emptied first; the latest one's stays readable."""
    first = latest_refresh()
    before = rows_of(first).objects.count()
    second = refresh(today=today)
    assert second.rows_model is not first.rows_model
    assert rows_of(latest_refresh()).objects.count() == before == 9
    assert first.rows_model.objects.count() == 9  # the rows a reader of the first may still be paging through
    third = refresh(today=today)
    assert third.rows_model is first.rows_model
    assert {PersonStatus.objects.count(), PersonStatusB.objects.count()} == {9}
    assert set(SLOTS) == {PersonStatus, PersonStatusB}
    assert StatusFigure.objects.values("requirement", "department", "grade", "profession").distinct().count() == (
        StatusFigure.objects.count()
    )


# The screens --------------------------------------------------------------------------------


@pytest.fixture
def officer_for_a(known):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=HR_OFFICERS))
    set_scope(user, whole_service=False, departments=[known["a"]], changed_by=None)
    return user


def test_the_overview_shows_the_figures_and_when_they_were_worked_out(client, hr_user, known):
    """As at when the refresh began reading the records, not when it finished (a minute later at scale)."""
    from django.utils import timezone

    latest = latest_refresh()
    began = timezone.localtime(latest.finished_at) - timedelta(minutes=3)
    type(latest).objects.filter(pk=latest.pk).update(started_at=began)
    client.force_login(hr_user)
    html = client.get(INDEX).content.decode()
    assert f"Figures as at {began:%-d %B %Y, %H:%M}, from the records as they were then" in html
    assert 'data-figure="covered">6<' in html
    assert "Your scope: The whole civil service." in html


def test_an_officer_sees_only_their_scope_and_cannot_choose_another_department(client, officer_for_a, known):
    client.force_login(officer_for_a)
    html = client.get(PEOPLE).content.decode()
    assert "Compliantone" in html
    assert "Expiringtwo" in html  # in the agency under A
    assert "Duefour" not in html
    response = client.get(PEOPLE, {"department": known["b"].pk})
    html = response.content.decode()
    assert "Select a valid choice" in html
    assert "Duefour" not in html
    b_person = known["expected"][3][0]
    assert client.get(reverse("compliance_admin:person", args=[b_person.pk])).status_code == 404
    exported = client.get(reverse("compliance_admin:people_csv")).getvalue().decode("utf-8-sig")
    assert "Duefour" not in exported
    assert "Compliantone" in exported


def test_the_people_list_sorts_and_links_to_each_person(client, hr_user, known):
    client.force_login(hr_user)
    html = client.get(PEOPLE, {"sort": "status", "requirement": known["everyone"].pk}).content.decode()
    assert html.index("Overduesix") < html.index("Duefour") < html.index("Compliantone")
    html = client.get(PEOPLE, {"sort": "-name"}).content.decode()
    assert html.index("Overduethree") < html.index("Compliantone")
    assert 'aria-sort="descending"' in html
    person = known["expected"][0][0]
    assert reverse("compliance_admin:person", args=[person.pk]) in html


def test_the_export_holds_exactly_the_rows_of_the_list(client, hr_user, known, settings):
    client.force_login(hr_user)
    query = {"status": "overdue"}
    html = client.get(PEOPLE, query).content.decode()
    rows = list(
        csv.reader(
            io.StringIO(client.get(reverse("compliance_admin:people_csv"), query).getvalue().decode("utf-8-sig"))
        )
    )
    assert rows[0][:3] == ["Staff number", "Given name", "Family name"]
    names = sorted(row[2] for row in rows[1:])
    assert names == ["Duefour", "Overduesix", "Overduethree"]
    for name in names:
        assert name in html
    workbook = load_workbook(io.BytesIO(client.get(reverse("compliance_admin:people_xlsx"), query).getvalue()))
    sheet = workbook.active
    assert sorted(row[2] for row in sheet.iter_rows(min_row=2, values_only=True)) == names


def test_export_dates_are_iso_and_formulas_are_neutralised(client, hr_user, known, today):
    known["everyone"].name = '=HYPERLINK("http://example.com")'
    known["everyone"].save()
    refresh(today=today)
    client.force_login(hr_user)
    rows = list(
        csv.DictReader(io.StringIO(client.get(reverse("compliance_admin:people_csv")).getvalue().decode("utf-8-sig")))
    )
    row = next(r for r in rows if r["Family name"] == "Overduethree" and r["Requirement"].startswith("'"))
    assert row["Requirement"] == '\'=HYPERLINK("http://example.com")'
    assert row["Due date"] == (today - timedelta(days=3)).isoformat()
    completed = next(r for r in rows if r["Family name"] == "Compliantone")
    assert completed["Completed date"] == (today - timedelta(days=10)).isoformat()


def test_a_person_page_shows_their_history_and_an_hr_action_at_once(client, hr_user, known, today):
    client.force_login(hr_user)
    overdue = known["expected"][2][0]
    url = reverse("compliance_admin:person", args=[overdue.pk])
    html = client.get(url).content.decode()
    assert "Everyone" in html
    assert "Senior" in html
    assert "Overdue by 3 days" in html
    enrolment = overdue.enrolments.get(requirement=known["everyone"])
    ExtensionFactory(enrolment=enrolment, due_on=today + timedelta(days=30), granted_by=hr_user, reason="Long leave")
    enrolment.due_on = today + timedelta(days=30)
    enrolment.save()
    html = client.get(url).content.decode()
    assert "Long leave" in html
    assert "Extension (HR)" in html


def test_granting_an_extension_from_a_person_page_returns_there(client, hr_user, known, today):
    client.force_login(hr_user)
    overdue = known["expected"][2][0]
    person_url = reverse("compliance_admin:person", args=[overdue.pk])
    enrolment = overdue.enrolments.get(requirement=known["everyone"])
    extend = reverse("enrolment_requirements:extend", args=[known["everyone"].pk, enrolment.pk])
    due = today + timedelta(days=20)
    response = client.post(
        extend,
        {
            "next": person_url,
            "due_on_0": due.day,
            "due_on_1": due.month,
            "due_on_2": due.year,
            "due_on": due.isoformat(),
            "reason": "Back from long leave",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == person_url
    assert "Back from long leave" in client.get(person_url).content.decode()


def test_a_foreign_next_address_is_not_followed(client, hr_user, known, today):
    client.force_login(hr_user)
    enrolment = known["expected"][2][0].enrolments.get(requirement=known["everyone"])
    extend = reverse("enrolment_requirements:extend", args=[known["everyone"].pk, enrolment.pk])
    page = client.get(extend, {"next": "https://elsewhere.example/"}).content.decode()
    assert "elsewhere.example" not in page


@pytest.mark.parametrize("extra", [0, 25])
def test_the_screens_take_the_same_queries_however_many_people(client, hr_user, known, grades, extra, today):
    for _ in range(extra):
        EnrolmentFactory(
            employee=EmployeeFactory(department=known["b"], grade=grades["EO"]),
            requirement=known["everyone"],
            due_on=today - timedelta(days=2),
        )
    refresh(today=today)
    client.force_login(hr_user)
    person = known["expected"][2][0]
    # The session, user, roles and scope, Wagtail's menus, the filter form's four lists (and the frozen
    # months), the latest refresh, and then the page's own: the figures' sums (and the total), or the page
    # of people, or the person's requirements (each one's status) and records.
    budgets = {
        INDEX: 23,  # with its two charts: the departments' figures, the latest overdue, the frozen months
        reverse("compliance_admin:breakdown", args=["department"]): 19,  # and the structure, and its departments
        reverse("compliance_admin:breakdown", args=["grade"]): 18,
        PEOPLE: 16,
        f"{PEOPLE}?department={known['a'].pk}&sort=status&p=2": 18,  # and the department, its bodies' ids
        reverse("compliance_admin:person", args=[person.pk]): 21,
    }
    for url, budget in budgets.items():
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        assert len(queries) <= budget, (url, len(queries))


def test_learners_and_editors_are_refused(client, learner_user, editor_user, known):
    for user in (learner_user, editor_user):
        client.force_login(user)
        for url in (INDEX, PEOPLE, reverse("compliance_admin:people_csv")):
            assert client.get(url).status_code in (302, 403), url


def test_an_unknown_breakdown_is_not_found(client, hr_user, known):
    client.force_login(hr_user)
    assert client.get("/admin/compliance/by/salary/").status_code == 404


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL writes the CSV itself there")
def test_postgresql_writes_the_csv_as_python_would(known, today):
    from compliance.dashboard import people
    from compliance.exports import _copied, rows_of

    known["everyone"].name = " =SUM(1)"
    known["everyone"].save()
    refresh(today=today)
    rows = people(EVERYONE, Filters(), today=today)
    by_python = [[str(value) for value in row] for row in rows_of(rows)]
    by_postgresql = list(csv.reader(io.StringIO(b"".join(_copied(rows)).decode())))
    assert by_postgresql == by_python
    assert any(row[6] == "' =SUM(1)" for row in by_postgresql)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL writes the Excel rows itself there")
def test_postgresql_writes_the_excel_file_as_openpyxl_would(known, today):
    from compliance.dashboard import people
    from compliance.exports import write_xlsx, write_xlsx_postgresql

    known["everyone"].name = "=1+1 & <b> "  # formula-like, markup, and white space to keep
    known["everyone"].save()
    refresh(today=today)
    rows = people(EVERYONE, Filters(), today=today)
    sheets = []
    for write in (write_xlsx, write_xlsx_postgresql):
        handle = io.BytesIO()
        write(rows, handle)
        workbook = load_workbook(io.BytesIO(handle.getvalue()))
        sheets.append([[cell or "" for cell in row] for row in workbook.active.iter_rows(values_only=True)])
    assert sheets[1] == sheets[0]
    assert any(row[6] == "'=1+1 & <b> " for row in sheets[1])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL writes the Excel rows itself there")
def test_the_excel_file_is_streamed_as_it_is_written(client, hr_user, known, today):
    """Its first bytes leave before the rows are read; its parts are followed by their sizes (a streamed zip),
    32-bit ones unless the sheet could pass 4 GB."""
    import zipfile

    from compliance.dashboard import people
    from compliance.exports import ZIP64_ROWS, write_xlsx_postgresql

    refresh(today=today)
    client.force_login(hr_user)
    response = client.get(reverse("compliance_admin:people_xlsx"))
    assert response.streaming
    pieces = iter(response.streaming_content)
    assert next(pieces).startswith(b"PK\x03\x04")
    assert b"".join(pieces)
    archive = zipfile.ZipFile(io.BytesIO(b"".join(client.get(reverse("compliance_admin:people_xlsx")))))
    sheet = archive.getinfo("xl/worksheets/sheet1.xml")
    assert sheet.flag_bits & 0x08  # sizes after the data
    assert sheet.extract_version < zipfile.ZIP64_VERSION
    rows = people(EVERYONE, Filters(), today=today)
    for count, zip64 in ((None, True), (ZIP64_ROWS - 1, False), (ZIP64_ROWS, True)):
        handle = io.BytesIO()
        write_xlsx_postgresql(rows, handle, rows=count)
        info = zipfile.ZipFile(io.BytesIO(handle.getvalue())).getinfo("xl/worksheets/sheet1.xml")
        assert (info.extract_version >= zipfile.ZIP64_VERSION) is zip64, count
        assert load_workbook(io.BytesIO(handle.getvalue())).active.max_row == len(rows) + 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner statistics")
def test_a_refresh_gives_the_planner_its_statistics(known, today):
    model = refresh(today=today).rows_model
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [model._meta.db_table])
        (estimate,) = cursor.fetchone()
    assert estimate == model.objects.count() > 0


def test_the_people_list_names_its_departments_for_the_planner(known, today, departmental_hr_user):
    """A department's rows are filtered by their ids, not by a subquery of the department tree, so that
    PostgreSQL knows how many there are and reads them in order by index (a deep page sorted by status)."""
    from compliance.dashboard import people
    from people.scopes import hr_scope

    refresh(today=today)
    for scope, filters in (
        (EVERYONE, Filters(department=known["a"])),
        (hr_scope(departmental_hr_user), Filters()),
    ):
        sql = str(people(scope, filters, today=today, sort="status").query)
        assert "people_department" not in sql, sql


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's TRUNCATE")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps what the migrations made
def test_a_refresh_leaves_no_dead_rows_behind(known, grades, today):
    """The table a refresh writes is emptied whole, not row by row: it holds one refresh's rows however many
    refreshes have written it (a DELETE each refresh had left millions of dead rows for VACUUM)."""
    for _ in range(80):
        EmployeeFactory(department=known["b"], grade=grades["EO"])

    def size(model) -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_relation_size(%s)", [model._meta.db_table])
            return cursor.fetchone()[0]

    model = refresh(today=today).rows_model
    written_once = size(model)
    assert model.objects.count() > 80
    refresh(today=today)
    assert refresh(today=today).rows_model is model
    assert size(model) == written_once > 0
