"""HR uploads the HR system's export: sees the dry run and its rejected row, applies it, finds the new person."""

import io
import re

import pytest
from playwright.sync_api import Page, expect

from people.import_runs import check_import, receive_file
from people.models import Employee, EmployeeImport, User
from tests.e2e.journeys import sign_in, wait_for_admin_message

pytestmark = pytest.mark.e2e

HR_FILE = "\r\n".join(
    [
        "staff_number,email,given_name,family_name,grade,department,line_manager,start_date",
        # A new starter in DSIT, managed by the demo HR team's G6.
        "00950001,priya.ramanathan@example.gov.uk,Priya,Ramanathan,EO,DSIT,00900027,2026-01-05",
        # A grade that does not exist: this row is rejected and changes nothing.
        "00950002,sam.okafor@example.gov.uk,Sam,Okafor,XX,DSIT,,",
        "",
    ]
)


def test_hr_uploads_a_file_checks_it_applies_it_and_finds_the_new_person(page: Page, visit, demo_data, tmp_path):
    hr_file = tmp_path / "hr-export.csv"
    hr_file.write_text(HR_FILE, encoding="utf-8")

    sign_in(page, visit, "hr@example.gov.uk")
    page.get_by_role("link", name="Manage people").click()
    sidebar = page.locator("#wagtail-sidebar")
    sidebar.get_by_role("button", name="People").click()
    sidebar.get_by_role("link", name="HR imports").click()
    expect(page).to_have_url(re.compile(r"/admin/hr-imports/$"))

    page.get_by_role("link", name="Upload an HR file").click()
    page.get_by_label("HR file (CSV)").set_input_files(hr_file)
    page.get_by_role("button", name="Upload and check").click()

    summary = page.locator("#import-summary")
    expect(summary).to_contain_text("What applying this file will do")
    expect(summary.locator("[data-summary=created]")).to_have_text("Create 1 person.")
    expect(summary.locator("[data-summary=rejected]")).to_have_text("Reject 1 row: rejected rows change nothing.")
    rejected = page.locator("#rejected-rows")
    expect(rejected.get_by_role("row")).to_have_count(2)  # the header and the bad row
    expect(rejected).to_contain_text("grade")
    expect(rejected).to_contain_text("“XX” is not a grade")
    expect(page.locator("#changes")).to_contain_text("00950001")
    assert not Employee.objects.filter(staff_number="00950001").exists()  # a check changes nothing

    page.get_by_role("button", name="Apply these changes").click()
    wait_for_admin_message(page, "Applied “hr-export.csv”")
    expect(page.locator("#hr-import .w-status").first).to_have_text("Applied")
    expect(page.locator("#import-summary [data-summary=created]")).to_have_text("Created 1 person.")
    expect(page.get_by_role("link", name="Download rejected rows (CSV)")).to_be_visible()
    assert EmployeeImport.objects.get().status == EmployeeImport.Status.APPLIED

    visit(page, "/admin/people/employees/?q=Ramanathan")
    listing = page.locator("table.listing")
    expect(listing).to_contain_text("Priya Ramanathan")
    expect(listing).to_contain_text("00950001")
    assert not Employee.objects.filter(staff_number="00950002").exists()


def test_a_large_file_shows_its_progress_and_then_its_result(page: Page, visit, demo_data):
    officer = User.objects.get(email="hr@example.gov.uk")
    # Received, and waiting for the task worker: as the upload page leaves a large file.
    employee_import = receive_file(stream=io.BytesIO(HR_FILE.encode()), file_name="large.csv", user=officer)

    sign_in(page, visit, "hr@example.gov.uk")
    visit(page, f"/admin/hr-imports/{employee_import.pk}/")
    expect(page.get_by_role("heading", name="Checking the file")).to_be_visible()
    expect(page.locator("#import-progress-text")).to_have_text("Waiting to be checked: 0% done (0 of 2 rows).")
    expect(page.get_by_role("link", name="Refresh")).to_be_visible()
    expect(page.get_by_role("button", name="Apply these changes")).to_have_count(0)

    check_import(employee_import)  # the task worker does its work
    # The page notices by itself and shows the result.
    # It asks every 2 seconds: allow a few rounds.
    expect(page.locator("#import-summary [data-summary=created]")).to_have_text("Create 1 person.", timeout=10_000)
    expect(page.get_by_role("button", name="Apply these changes")).to_be_visible()
