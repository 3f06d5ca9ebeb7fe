"""A line manager opens My team, sees who is overdue, and gives one of their reports more time, with a reason."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from enrolment.demo import INFORMATION_MANAGEMENT
from enrolment.models import Enrolment, Extension
from tests.e2e.journeys import sign_in

pytestmark = pytest.mark.e2e

COURSE = "Information management crash course"
REPORT = "Tomasz Nowak"  # reports to Nadia Hussain, manager@example.gov.uk
REPORT_STAFF_NUMBER = "00900013"


def long_date(day) -> str:
    return f"{day.day} {day:%B %Y}"


def team_row(page: Page, name: str, course: str):
    rows = page.locator("#team-training tbody tr")
    return rows.filter(has=page.get_by_role("rowheader", name=re.compile(name))).filter(has_text=course)


@pytest.fixture
def extensions_allowed(settings):
    """The live server runs in this process: it sees the setting as the test sets it."""
    settings.LINE_MANAGERS_CAN_EXTEND = True


@pytest.fixture
def overdue_report(demo_data) -> Enrolment:
    """The demo manager's team is all due or compliant: make one of them 10 days overdue."""
    enrolment = Enrolment.objects.open().get(
        employee__staff_number=REPORT_STAFF_NUMBER, requirement__name=INFORMATION_MANAGEMENT.name
    )
    Enrolment.objects.filter(pk=enrolment.pk).update(due_on=timezone.localdate() - timedelta(days=10))
    return enrolment


def test_a_line_manager_extends_an_overdue_reports_due_date(page: Page, visit, overdue_report, extensions_allowed):
    today = timezone.localdate()
    new_due = today + timedelta(days=28)

    sign_in(page, visit, "manager@example.gov.uk")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My team").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My team")
    expect(page.get_by_text("Showing your direct reports: 5 people.")).to_be_visible()

    # Overdue first.
    first_row = page.locator("#team-training tbody tr").first
    expect(first_row.get_by_role("rowheader")).to_contain_text(REPORT)
    row = team_row(page, REPORT, COURSE)
    expect(row.locator(".govuk-tag")).to_have_text("Overdue by 10 days")
    expect(row).to_contain_text(long_date(today - timedelta(days=10)))

    row.get_by_role("link", name=f"Grant an extension to {REPORT} for {COURSE}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Grant an extension")
    expect(page.locator("#current-due")).to_contain_text("Overdue by 10 days")

    # A first try with the month left out and no reason: both problems are listed at once.
    dates = page.get_by_role("group", name="New due date")
    dates.get_by_label("Day").fill(str(new_due.day))
    dates.get_by_label("Year").fill(str(new_due.year))
    page.get_by_role("button", name="Grant extension").click()
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_contain_text("The new due date must include a month.")
    expect(summary).to_contain_text("Enter the reason for the extension.")
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary.get_by_role("link", name="The new due date must include a month.").click()
    expect(dates.get_by_label("Day")).to_be_focused()

    dates.get_by_label("Month").fill(str(new_due.month))
    page.get_by_label("Reason").fill("Long-term sick leave since last month; back part-time from next week.")
    page.get_by_role("button", name="Grant extension").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("My team")
    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text(
        f"Extension granted: {REPORT} now has until {long_date(new_due)} to complete {COURSE}."
    )
    row = team_row(page, REPORT, COURSE)
    expect(row).to_contain_text(long_date(new_due))
    expect(row.locator(".govuk-tag")).to_have_text("Due")

    extension = Extension.objects.select_related("granted_by").get(enrolment=overdue_report)
    assert extension.granted_by.email == "manager@example.gov.uk"
    assert extension.due_on == new_due
    assert extension.previous_due_on == today - timedelta(days=10)
    assert extension.reason.startswith("Long-term sick leave")
