"""A line manager records extra time in quizzes for a report from My team; HR then sees it in the admin."""

import re

import pytest
from playwright.sync_api import Page, expect

from assessments.models import WorkplaceAdjustment
from tests.e2e.conftest import without_known_govuk_issues
from tests.e2e.journeys import sign_in, sign_out

pytestmark = pytest.mark.e2e

REPORT = "Tomasz Nowak"  # reports to Nadia Hussain, manager@example.gov.uk
REASON = "Workplace adjustment passport agreed this month."


def test_a_line_manager_records_extra_time_and_hr_sees_it(page: Page, visit, demo_data):
    sign_in(page, visit, "manager@example.gov.uk")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My team").click()
    page.get_by_role("link", name=f"Extra time in quizzes for {REPORT}").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Extra time in quizzes")
    expect(page.locator("#current-adjustment")).to_have_text("No extra time")

    # The percentage box is revealed only for "Another percentage" (it is always there without JavaScript).
    box = page.get_by_label("Percentage of extra time")
    expect(box).to_be_hidden()
    page.get_by_role("button", name="Record extra time").click()
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_contain_text("Select how much extra time the person should have.")
    expect(summary).to_contain_text("Enter the reason for this adjustment.")
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary.get_by_role("link", name="Select how much extra time the person should have.").click()
    expect(page.get_by_label("No extra time")).to_be_focused()

    page.get_by_label("Another percentage").check()
    expect(box).to_be_visible()
    box.fill("30")
    page.get_by_label("Reason").fill(REASON)
    page.get_by_role("button", name="Record extra time").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("My team")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        f"Extra time recorded: {REPORT} now has 30% extra time in timed quizzes."
    )
    adjustment = WorkplaceAdjustment.objects.select_related("recorded_by", "employee").get(reason=REASON)
    assert (adjustment.employee.full_name, adjustment.extra_time_percent, adjustment.reason) == (REPORT, 30, REASON)
    assert adjustment.recorded_by.email == "manager@example.gov.uk"

    sign_out(page)
    sign_in(page, visit, "hr@example.gov.uk")
    visit(page, "/admin/workplace-adjustments/")
    row = page.locator("#adjustments tbody tr").filter(has_text=REPORT)
    expect(row).to_contain_text("30% extra time")
    expect(row).to_contain_text("Nadia Hussain")


def finding(html: str, *problems: str) -> dict:
    summary = "Fix all of the following:\n  " + "\n  ".join(problems)
    return {"id": "aria-allowed-attr", "nodes": [{"html": html, "failureSummary": summary, "target": ["#x"]}]}


def test_only_gov_uks_own_aria_expanded_on_a_revealing_radio_is_let_through(db):
    # No browser, but `db`: this folder's session fixtures copy the test database, so one must be set up.
    radio = '<input class="govuk-radios__input" id="r" type="radio" aria-controls="c" aria-expanded="false">'
    expanded = 'ARIA attribute is not allowed: aria-expanded="false"'
    assert without_known_govuk_issues([finding(radio, expanded)]) == []
    kept = [
        finding('<input class="govuk-radios__input" type="radio" aria-expanded="false">', expanded),  # reveals nothing
        finding('<input class="govuk-checkboxes__input" aria-controls="c" aria-expanded="false">', expanded),
        finding(radio, expanded, 'ARIA attribute is not allowed: aria-pressed="true"'),
    ]
    assert without_known_govuk_issues(kept) == kept
    other_rule = {**finding(radio, expanded), "id": "color-contrast"}
    assert without_known_govuk_issues([other_rule]) == [other_rule]
