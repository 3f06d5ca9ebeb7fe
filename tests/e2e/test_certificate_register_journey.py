"""HR finds a learner's certificate in the register, re-issues it after a name change and revokes another;
the public check says what happened to each."""

import pytest
from playwright.sync_api import Page, expect

from certificates.models import Certificate
from tests.e2e.journeys import sign_in, sign_out, wait_for_admin_message
from tests.pdf_rendering import needs_pdf_rendering

pytestmark = [pytest.mark.e2e, needs_pdf_rendering]


def test_hr_reissues_and_revokes_and_the_checks_say_so(page: Page, visit, demo_data):
    learner_certificate = Certificate.objects.filter(employee__email="learner@example.gov.uk").first()
    other = Certificate.objects.exclude(employee__email="learner@example.gov.uk").first()
    employee = learner_certificate.employee
    employee.family_name = "Okafor-Renamed"
    employee.save()

    sign_in(page, visit, "hr@example.gov.uk")
    visit(page, "/admin/certificates/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Certificates")
    page.get_by_label("Name, staff number or code").fill(learner_certificate.staff_number)
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=learner_certificate.display_code).click()
    expect(page.locator("#status")).to_have_text("Valid")

    page.locator("#id_reissue-reason").fill("Name changed by deed poll")
    page.get_by_role("button", name="Re-issue the certificate").click()
    new = Certificate.objects.get(replaces=learner_certificate)
    wait_for_admin_message(page, f"Re-issued as {new.display_code}")
    expect(page.get_by_text("Okafor-Renamed").first).to_be_visible()

    visit(page, f"/admin/certificates/{other.pk}/")
    page.locator("#id_revoke-reason").fill("Completed on a colleague's account")
    page.get_by_role("button", name="Revoke the certificate").click()
    wait_for_admin_message(page, f"Certificate {other.display_code} revoked")
    expect(page.locator("#status")).to_contain_text("Revoked")
    expect(page.get_by_text("Completed on a colleague's account").first).to_be_visible()

    sign_out(page)
    visit(page, learner_certificate.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("This certificate has been replaced")
    page.get_by_role("link", name=new.display_code).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("This certificate is valid")
    expect(page.get_by_text(new.learner_name)).to_be_visible()
    visit(page, other.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("This certificate has been revoked")
    expect(page.get_by_text("colleague")).to_have_count(0)  # the reason is for staff only
