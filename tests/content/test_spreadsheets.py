"""Every CSV and Excel export shows values a spreadsheet would run as formulas as text (content.spreadsheets)."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.models import Page

from content.spreadsheets import spreadsheet_safe, spreadsheet_safe_sql
from tests.factories import EmployeeFactory

CASES = [
    ('=HYPERLINK("http://evil.example","Click")', '\'=HYPERLINK("http://evil.example","Click")', "a formula"),
    ("-A1-B2", "'-A1-B2", "minus starts a formula"),
    ("+A1", "'+A1", "plus starts a formula"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)", "at starts a function"),
    ("\t=1+1", "'\t=1+1", "a tab before it"),
    ("\r=1+1", "'\r=1+1", "a carriage return before it"),
    ("  =1+1", "'  =1+1", "spaces before it"),
    ("\u00a0=1+1", "'\u00a0=1+1", "a no-break space before it"),
    ("\n-2+3", "'\n-2+3", "a line break before it"),
    ("+44 20 7946 0000", "'+44 20 7946 0000", "not a plain number: a spreadsheet would try to compute it"),
    ("-", "'-", "a lone minus"),
    ("-12.5", "-12.5", "a plain negative number is read as that number: nothing runs"),
    ("+3", "+3", "a plain signed number"),
    (" -1e3", " -1e3", "a plain number after a space"),
    ("-1+1", "'-1+1", "arithmetic is a formula"),
    ("Ada Lovelace", "Ada Lovelace", "ordinary text"),
    ("a=b", "a=b", "only the start matters"),
    ("", "", "empty"),
    (12, 12, "numbers are not text"),
    (None, None, "nor is nothing"),
]


@pytest.mark.parametrize(("value", "written", "why"), CASES)
def test_spreadsheet_safe(value, written, why):
    assert spreadsheet_safe(value) == written, why


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the SQL rule is PostgreSQL's")
@pytest.mark.parametrize(("value", "written", "why"), [case for case in CASES if isinstance(case[0], str)])
def test_the_sql_rule_writes_what_the_python_rule_writes(value, written, why):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {spreadsheet_safe_sql('v')} FROM (SELECT %s::text AS v) t", [value])  # noqa: S608
        assert cursor.fetchone()[0] == written, why


def test_every_wagtail_export_goes_through_it():
    """Fails loudly if Wagtail renames the step every export takes, so that the wrapper would protect nothing."""
    assert getattr(SpreadsheetExportMixin.preprocess_field_value, "spreadsheet_safe", False)
    assert SpreadsheetExportMixin().preprocess_field_value("name", "=1+1", SpreadsheetExportMixin.FORMAT_CSV) == (
        "'=1+1"
    )


def csv_rows(response) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


def xlsx_rows(response) -> list[list]:
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type != "f", cell.value  # no cell is a formula
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def formula_person(department, grades):
    manager = EmployeeFactory(given_name="@SUM(A1:A9)", family_name="+1", department=department, grade=grades["G7"])
    return EmployeeFactory(
        staff_number="-12.5",
        given_name='=HYPERLINK("http://evil.example","Click")',
        family_name="-A1-B2",
        email="ada@example.gov.uk",
        department=department,
        grade=grades["EO"],
        line_manager=manager,
    )


def test_the_employee_export_as_csv_shows_formulas_as_text(client, hr_user, formula_person):
    client.force_login(hr_user)
    response = client.get("/admin/people/employees/?export=csv")
    assert response.status_code == 200
    (person,) = [row for row in csv_rows(response) if row[0] == "-12.5"]  # a plain number is left as it is
    assert person[1:3] == ['\'=HYPERLINK("http://evil.example","Click")', "'-A1-B2"]
    assert person[6] == "'@SUM(A1:A9) +1"  # the line manager, written through str()


def test_the_employee_export_as_xlsx_shows_formulas_as_text(client, hr_user, formula_person):
    client.force_login(hr_user)
    response = client.get("/admin/people/employees/?export=xlsx")
    assert response.status_code == 200
    (person,) = [row for row in xlsx_rows(response) if row[0] == "-12.5"]
    assert person[1:3] == ['\'=HYPERLINK("http://evil.example","Click")', "'-A1-B2"]
    assert person[6] == "'@SUM(A1:A9) +1"


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_wagtails_own_reports_show_formulas_as_text(client, admin_user, export):
    """A page title chosen by an editor, in the locked pages report an administrator downloads."""
    page = Page.objects.filter(depth=2).first()
    page.title = "=1+2"
    page.locked = True
    page.locked_by = admin_user
    page.save()
    client.force_login(admin_user)
    response = client.get(f"/admin/reports/locked/?export={export}")
    assert response.status_code == 200
    rows = csv_rows(response) if export == "csv" else xlsx_rows(response)
    assert rows[1][0] == "'=1+2"
