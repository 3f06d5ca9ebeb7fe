"""An editor writes a module and submits it; a reviewer approves it; a learner then sees it."""

import re

import pytest
from playwright.sync_api import Page, expect
from wagtail.models import WorkflowState

from courses.models import CoursePage
from tests.e2e.journeys import sign_in, sign_out, wait_for_admin_message

pytestmark = pytest.mark.e2e

MODULE_TITLE = "Open data in local government"


def test_an_editors_module_is_published_only_after_review(page: Page, visit, demo_data):
    course = CoursePage.objects.get(slug="open-data-essentials")
    # Every request the admin's pages make must succeed, those made by scripts too
    # (Wagtail's autosave once answered 400 and 500 here behind the buttons' backs).
    failed = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.request.method} {r.url}") if r.status >= 400 else None)

    sign_in(page, visit, "editor@example.gov.uk")
    visit(page, f"/admin/pages/add/courses/modulepage/{course.pk}/")
    page.get_by_label(re.compile(r"^Title")).first.fill(MODULE_TITLE)
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Text").first.click()
    editor = page.locator("[contenteditable=true]").first
    editor.click()
    page.keyboard.type("Councils publish spending, planning and bin collection data as open data.")
    # The rich text editor saves into its form field a moment after typing stops.
    expect(page.locator('input[name="body-0-value"]')).to_have_value(re.compile("bin collection"))
    page.get_by_role("button", name="More actions").click()
    expect(page.get_by_role("button", name="Publish", exact=True)).to_have_count(0)
    page.get_by_role("button", name="Submit to Subject expert review").click()
    wait_for_admin_message(page, r"created and submitted for moderation")

    module = course.get_children().get(title=MODULE_TITLE)
    assert not module.live
    visit(page, course.url)
    expect(page.get_by_role("link", name=MODULE_TITLE)).to_have_count(0)
    sign_out(page)

    sign_in(page, visit, "reviewer@example.gov.uk")
    visit(page, f"/admin/pages/{module.pk}/edit/")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    wait_for_admin_message(page, r"has been updated")
    module.refresh_from_db()
    assert module.live
    assert not module.has_unpublished_changes
    assert module.workflow_states.get().status == WorkflowState.STATUS_APPROVED
    sign_out(page)

    sign_in(page, visit, "learner@example.gov.uk")
    visit(page, course.url)
    page.get_by_role("link", name=MODULE_TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(MODULE_TITLE)
    expect(
        page.get_by_text("Councils publish spending, planning and bin collection data as open data.")
    ).to_be_visible()
    assert failed == []
