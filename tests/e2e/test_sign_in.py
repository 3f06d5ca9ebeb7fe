"""A visitor signs in as the demo learner and out again; a wrong password is refused; the footer pages."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

LEARNER = "learner@example.gov.uk"


def service_navigation(page: Page):
    return page.get_by_role("navigation", name="Menu")


def test_learner_signs_in_and_out(page: Page, visit, demo_data):
    visit(page, "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(service_navigation(page).get_by_role("link", name="Sign out")).to_have_count(0)

    service_navigation(page).get_by_role("link", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))

    page.get_by_label("Email").fill(LEARNER)
    page.get_by_label(re.compile(r"^Password:?$")).fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name=re.compile(r"^sign in$", re.IGNORECASE)).click()

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    expect(service_navigation(page).get_by_role("link", name="Sign out")).to_be_visible()

    service_navigation(page).get_by_role("link", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/accounts/logout/"))
    page.get_by_role("button", name=re.compile(r"^sign out$", re.IGNORECASE)).click()

    expect(page).to_have_url(re.compile(r"/$"))
    expect(service_navigation(page).get_by_role("link", name="Sign in")).to_be_visible()
    expect(service_navigation(page).get_by_role("link", name="Sign out")).to_have_count(0)


def test_wrong_password_is_refused(page: Page, visit):
    visit(page, "/accounts/login/")
    page.get_by_label("Email").fill(LEARNER)
    page.get_by_label(re.compile(r"^Password:?$")).fill("not-the-password")
    page.get_by_role("button", name=re.compile(r"^sign in$", re.IGNORECASE)).click()

    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_text(re.compile("not correct", re.IGNORECASE)).first).to_be_visible()
    expect(service_navigation(page).get_by_role("link", name="Sign in")).to_be_visible()


def test_visitor_reads_the_footer_pages(page: Page, visit):
    visit(page, "/")
    for link, heading in [
        ("Accessibility statement", "Accessibility statement for"),
        ("Privacy", "Privacy notice"),
        ("Cookies", "Cookies"),
    ]:
        page.get_by_role("contentinfo").get_by_role("link", name=link, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
