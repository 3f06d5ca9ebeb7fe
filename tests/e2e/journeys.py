"""Steps the browser journeys share."""

import re

from django.conf import settings
from playwright.sync_api import Page, expect


def sign_in(page: Page, visit, email: str) -> None:
    """Sign in as a demo account and land on the signed-in home page."""
    visit(page, "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^Password:?$")).fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name=re.compile(r"^sign in$", re.IGNORECASE)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")


def sign_out(page: Page) -> None:
    page.context.clear_cookies()


def wait_for_admin_message(page: Page, text: str) -> None:
    """Wagtail's admin fades its messages in over half a second: wait until they are fully shown."""
    expect(page.get_by_text(re.compile(text))).to_be_visible()
    page.wait_for_function("() => getComputedStyle(document.querySelector('.messages > ul')).opacity === '1'")
