"""Pages that held long unbroken text or wide tables still fit a 320px screen (WCAG 1.4.10 Reflow).

Every page an end-to-end test visits is checked at 320px (`assert_reflows` in conftest); these are
the pages that once failed: a long email address in the banner, the heading and a radio label,
wide tables in a module and on My learning.
"""

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_reflows
from tests.e2e.journeys import sign_in

pytestmark = pytest.mark.e2e

LONG_EMAIL = "alexandria.montgomery-featherstonehaugh@digital-transformation.example.gov.uk"


@pytest.fixture
def long_address(demo_data) -> str:
    """The demo senior civil servant, with a long work email address and no first name to greet them by."""
    address = EmailAddress.objects.get(email="scs@example.gov.uk")
    user = address.user
    user.email, user.first_name = LONG_EMAIL, ""
    user.save(update_fields=["email", "first_name"])
    address.email = LONG_EMAIL
    address.save(update_fields=["email"])
    return LONG_EMAIL


def test_a_long_email_address_wraps_instead_of_widening_the_page(page: Page, visit, long_address):
    sign_in(page, visit, long_address)
    expect(page.get_by_role("table", name="Compulsory training, most urgent first")).to_be_visible()
    assert_reflows(page)
    visit(page, "/accounts/email/")
    expect(page.get_by_text(LONG_EMAIL).first).to_be_visible()
    assert_reflows(page)


def test_a_wide_table_in_a_module_scrolls_within_itself(page: Page, visit, demo_data):
    visit(page, "/courses/analysing-data-for-policy/describing-and-comparing/")
    scroller = page.locator(".app-table-scroll").first
    expect(scroller).to_be_visible()
    page.set_viewport_size({"width": 320, "height": 720})
    assert scroller.evaluate("(el) => el.scrollWidth > el.clientWidth")  # the table scrolls, not the page
    assert_reflows(page)


def test_my_team_shows_every_column_at_320px(page: Page, visit, demo_data, settings):
    """Each report's status and the link to extend are on screen at 320px, not hidden in a scroll area."""
    settings.LINE_MANAGERS_CAN_EXTEND = True  # the live server runs in this process
    sign_in(page, visit, "manager@example.gov.uk")
    page.set_viewport_size({"width": 320, "height": 720})
    visit(page, "/my-team/")
    table = page.locator("#team-training")
    expect(table).to_be_visible()
    scroller = page.locator(".app-table-scroll").filter(has=table)
    assert not scroller.evaluate("(el) => el.scrollWidth > el.clientWidth")  # nothing off to the side
    first = table.locator("tbody tr").first
    for shown in (first.locator(".govuk-tag").first, page.get_by_role("link", name="Grant an extension").first):
        expect(shown).to_be_visible()
        box = shown.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= 320
    # Each cell says which column it is (shown before its content on narrow screens).
    assert first.locator("td[data-label]").evaluate_all("(cells) => cells.map((c) => c.dataset.label)")[:3] == [
        "Course",
        "Complete by",
        "Status",
    ]
    assert_reflows(page)
