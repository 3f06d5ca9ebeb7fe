"""A learner passes a course's quiz, downloads the certificate, and anyone opens its verification address."""

import io
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from certificates.models import Certificate
from tests.e2e.journeys import sign_in, sign_out
from tests.factories import CoursePageFactory, QuizPageFactory, choice_question
from tests.pdf_rendering import needs_pdf_rendering

pytestmark = [pytest.mark.e2e, needs_pdf_rendering]

QUESTION = choice_question(
    "Which licence do most UK government datasets use?",
    [("Open Government Licence", True), ("All rights reserved", False)],
    key="licence",
)


def test_pass_download_the_certificate_and_check_it(page: Page, visit, demo_data):
    course = CoursePageFactory(title="Licensing open data", slug="licensing-open-data", modules=1)
    QuizPageFactory(parent=course, title="Licensing quiz", questions=[QUESTION], pass_mark=100)
    sign_in(page, visit, "learner@example.gov.uk")
    visit(page, course.url)
    page.get_by_role("button", name="Start course").click()
    page.get_by_role("button", name="Mark as complete and finish").click()
    page.get_by_role("button", name="Go to the quiz").click()
    page.get_by_role("button", name="Start quiz").click()
    page.get_by_label("Open Government Licence", exact=True).check()
    page.get_by_role("button", name="Save and check your answers").click()
    page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You passed")

    page.get_by_role("link", name="Your certificates").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your certificates")
    row = page.get_by_role("row", name=re.compile("Licensing open data"))
    expect(row.get_by_text("Valid")).to_be_visible()
    with page.expect_download() as download:
        row.get_by_role("link", name=re.compile("Download")).click()
    data = open(download.value.path(), "rb").read()  # noqa: SIM115 - read at once
    certificate = Certificate.objects.get(course_title="Licensing open data")
    with certificate.pdf.open("rb") as handle:
        assert data == handle.read()
    text = "".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
    assert certificate.display_code in text
    address = re.search(r"Checkitat(\S+?/certificates/check/[0-9A-Z]+/)", text).group(1)
    assert address == certificate.verification_address()  # the address the QR code holds

    sign_out(page)
    visit(page, urlsplit(address).path)
    expect(page.get_by_role("heading", level=1)).to_have_text("This certificate is valid")
    expect(page.get_by_text("Licensing open data")).to_be_visible()
    expect(page.get_by_text(certificate.pdf_sha256)).to_be_visible()

    page.get_by_role("link", name="Check another certificate").click()
    page.get_by_label("Certificate code").fill(certificate.display_code.lower().replace("-", " "))
    page.get_by_role("button", name="Check the certificate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("This certificate is valid")

    visit(page, "/certificates/check/")
    page.get_by_label("Certificate code").fill("GL-2222-2222-2222-2222-2222")
    page.get_by_role("button", name="Check the certificate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("No certificate has this code")
