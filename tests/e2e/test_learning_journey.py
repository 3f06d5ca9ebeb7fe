"""A learner finds a course in the catalogue, works through it, leaves and comes back to where they were."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.journeys import sign_in

pytestmark = pytest.mark.e2e


def test_learner_searches_starts_completes_two_modules_and_resumes_at_the_third(page: Page, visit, demo_data):
    # The demo SCS has no progress on this course; they learn like anyone else.
    sign_in(page, visit, "scs@example.gov.uk")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Courses").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Courses")

    page.get_by_label("Search courses").fill("live chat")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("heading", name=re.compile(r"matching “live chat”"))).to_be_visible()
    page.get_by_role("link", name="Running real-time online services: live chat").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Running real-time online services: live chat")
    page.get_by_role("button", name="Start course").click()

    expect(page.get_by_text(re.compile(r"module 1 of 4"))).to_be_visible()
    first_title = page.get_by_role("heading", level=1).inner_text()
    page.get_by_role("button", name="Mark as complete and continue").click()

    expect(page.get_by_text(re.compile(r"module 2 of 4"))).to_be_visible()
    assert page.get_by_role("heading", level=1).inner_text() != first_title
    page.get_by_role("button", name="Mark as complete and continue").click()

    expect(page.get_by_text(re.compile(r"module 3 of 4"))).to_be_visible()
    third_title = page.get_by_role("heading", level=1).inner_text()

    # Leave: go home, then come back to the course another day.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Home").click()
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Courses").click()
    page.get_by_role("link", name="Running real-time online services: live chat").click()

    expect(page.get_by_text("2 of 4 modules complete")).to_be_visible()
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "2")
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(third_title)
    expect(page.get_by_text(re.compile(r"module 3 of 4"))).to_be_visible()


def test_catalogue_filters_narrow_the_list(page: Page, visit, demo_data):
    visit(page, "/courses/")
    expect(page.get_by_role("heading", name="6 courses")).to_be_visible()
    page.get_by_label("Expert").check()
    page.get_by_label("Practitioner").check()
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("heading", name="3 courses")).to_be_visible()
    page.get_by_role("link", name="Clear search and filters").click()
    expect(page.get_by_role("heading", name="6 courses")).to_be_visible()
