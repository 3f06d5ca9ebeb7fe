"""HR makes a course compulsory for the Senior Civil Service; a senior civil servant sees it, with its due date."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from enrolment.models import Enrolment, Requirement
from tests.e2e.journeys import sign_in, sign_out, wait_for_admin_message

pytestmark = pytest.mark.e2e

COURSE = "Running real-time online services: live chat"
REQUIREMENT = "Live chat for the Senior Civil Service"


def compulsory_row(page: Page, course: str):
    table = page.locator("#compulsory-training")
    return table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=course))


def test_hr_makes_a_course_compulsory_for_the_scs_and_a_senior_civil_servant_sees_when_it_is_due(
    page: Page, visit, demo_data
):
    today = timezone.localdate()
    due_on = today + timedelta(days=45)

    sign_in(page, visit, "hr@example.gov.uk")
    visit(page, "/admin/compulsory-training/new/")
    # Wagtail's labels end with a required mark ("Name*"): match the field by its accessible name's start.
    page.get_by_role("textbox", name=re.compile(r"^Name")).fill(REQUIREMENT)
    page.get_by_role("combobox", name=re.compile(r"^Course")).select_option(label=COURSE)
    page.get_by_role("combobox", name=re.compile(r"^Minimum grade")).select_option(label="Deputy Director (SCS1)")
    page.get_by_role("spinbutton", name=re.compile(r"^Due within days")).fill("45")
    page.get_by_role("button", name="Check audience").click()
    expect(page.locator("[data-audience-count]")).to_contain_text("active people")
    page.get_by_role("button", name=re.compile(r"^(Create|Save)$")).click()
    wait_for_admin_message(page, r"Requirement .*created")

    requirement = Requirement.objects.get(name=REQUIREMENT)
    assert requirement.minimum_grade.code == "SCS1"
    assert Enrolment.objects.filter(requirement=requirement, employee__email="scs@example.gov.uk").exists()
    sign_out(page)

    sign_in(page, visit, "scs@example.gov.uk")
    expect(page.get_by_role("heading", level=2, name="Compulsory training")).to_be_visible()
    row = compulsory_row(page, COURSE)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(f"{due_on:%-d %B %Y}")
    expect(row.locator(".govuk-tag")).to_have_text("Due")
    # The demo requirement for senior leaders is there too, due with its own date.
    technology = compulsory_row(page, "Technology policy for senior leaders")
    expect(technology.locator(".govuk-tag")).to_have_text("Due")
    expect(technology).to_contain_text(re.compile(r"\d{1,2} [A-Z][a-z]+ \d{4}"))

    row.get_by_role("link", name=COURSE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(COURSE)
    expect(page.get_by_text(f"You must complete this course by {due_on:%-d %B %Y}.")).to_be_visible()
