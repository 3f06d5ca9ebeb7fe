"""The certificate pages: the public check, My certificates, and who may download a PDF."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from certificates import ratelimit
from certificates.codes import display, new_code
from certificates.issuing import issue_certificate
from certificates.models import Certificate
from tests.factories import EmployeeFactory, EnrolmentFactory, UserFactory
from tests.pages import make_course


@pytest.fixture
def course(db):
    return make_course(modules=1, title="Handling information securely")


@pytest.fixture
def certificate(learner, course) -> Certificate:
    enrolment = EnrolmentFactory(employee=learner, course=course, requirement=None, completed_on=date(2026, 3, 2))
    return issue_certificate(enrolment.pk)


def verify_url(certificate) -> str:
    return reverse("certificates:verify", args=[certificate.code])


def test_a_valid_certificate_shows_only_name_course_dates_and_status(client, certificate, learner):
    html = client.get(verify_url(certificate)).content.decode()
    assert "This certificate is valid" in html
    assert learner.full_name in html
    assert "Handling information securely" in html
    assert "2 March 2026" in html
    assert certificate.pdf_sha256 in html
    assert learner.staff_number not in html
    assert learner.department.name not in html


def test_an_expired_certificate_says_when_it_expired(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(expires_on=timezone.localdate() - timedelta(days=3))
    html = client.get(verify_url(certificate)).content.decode()
    assert "This certificate has expired" in html
    assert f"{timezone.localdate() - timedelta(days=3):%-d %B %Y}" in html


def test_a_revoked_certificate_shows_the_reason_only_to_staff(client, certificate, hr_user):
    Certificate.objects.filter(pk=certificate.pk).update(
        revoked_at=timezone.now(), revocation_reason="Completed on someone else's account"
    )
    public = client.get(verify_url(certificate)).content.decode()
    assert "This certificate has been revoked" in public
    assert "someone else" not in public
    client.force_login(hr_user)
    assert "someone else" in client.get(verify_url(certificate)).content.decode()


def test_a_replaced_certificate_links_to_its_replacement(client, certificate):
    replacement = Certificate.objects.create(
        code=new_code(),
        enrolment=certificate.enrolment,
        employee=certificate.employee,
        replaces=certificate,
        learner_name="New Name",
        staff_number=certificate.staff_number,
        department_name=certificate.department_name,
        course_title=certificate.course_title,
        completed_on=certificate.completed_on,
        issued_at=timezone.now(),
    )
    html = client.get(verify_url(certificate)).content.decode()
    assert "This certificate has been replaced" in html
    assert f'href="{verify_url(replacement)}"' in html
    assert replacement.display_code in html


def test_an_unknown_code_is_a_plain_404(client, db):
    response = client.get(reverse("certificates:verify", args=[new_code()]))
    assert response.status_code == 404
    assert "No certificate has this code" in response.content.decode()


def test_a_malformed_code_in_the_address_is_a_404(client, db):
    response = client.get("/certificates/check/not-a-code/")
    assert response.status_code == 404


def test_a_typed_code_in_any_case_with_spaces_finds_the_certificate(client, certificate):
    typed = display(certificate.code).lower().replace("-", " ")
    response = client.get(reverse("certificates:check"), {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == verify_url(certificate)


def test_a_dashed_code_in_the_address_goes_to_the_stored_form(client, certificate):
    response = client.get(reverse("certificates:verify", args=[certificate.display_code]))
    assert response["Location"] == verify_url(certificate)


@pytest.mark.parametrize(
    ("typed", "message"),
    [("", "Enter the certificate code"), ("GL-1234", "Enter the certificate code as it is printed")],
)
def test_a_code_that_cannot_be_one_says_why(client, db, typed, message):
    response = client.get(reverse("certificates:check"), {"code": typed})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert message in html


def test_checks_are_rate_limited_per_client(client, certificate, monkeypatch):
    monkeypatch.setattr(ratelimit, "CHECKS_PER_WINDOW", 3)
    for _ in range(3):
        assert client.get(verify_url(certificate)).status_code == 200
    limited = client.get(verify_url(certificate))
    assert limited.status_code == 429
    assert "Wait 10 minutes" in limited.content.decode()
    assert client.get(verify_url(certificate), REMOTE_ADDR="192.0.2.7").status_code == 200  # another client


def test_my_certificates_lists_mine_with_downloads(client, certificate, learner_user):
    client.force_login(learner_user)
    html = client.get(reverse("certificates:mine")).content.decode()
    assert certificate.display_code in html
    assert f'href="{certificate.download_url()}"' in html


def test_my_certificates_without_any_says_how_to_get_one(client, db):
    client.force_login(UserFactory())
    assert "You have no certificates yet" in client.get(reverse("certificates:mine")).content.decode()


def test_the_owner_downloads_the_stored_bytes(client, certificate, learner_user):
    client.force_login(learner_user)
    response = client.get(certificate.download_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content)
    with certificate.pdf.open("rb") as handle:
        assert body == handle.read()


def test_hr_may_download_a_learners_certificate(client, certificate, hr_user):
    client.force_login(hr_user)
    assert client.get(certificate.download_url()).status_code == 200


def test_nobody_else_can_fetch_a_learners_pdf(client, certificate, manager_user, editor_user):
    assert client.get(certificate.download_url()).status_code == 302  # to sign in
    for user in (EmployeeFactory(with_user=True).user, manager_user, editor_user):
        client.force_login(user)
        assert client.get(certificate.download_url()).status_code == 404
    client.force_login(EmployeeFactory(with_user=True).user)
    assert client.get(reverse("certificates:download", args=[new_code()])).status_code == 404
    assert client.get(f"/learning/certificates/{certificate.pk}.pdf").status_code == 404


def test_certificate_files_are_not_under_the_public_media_folder(certificate, settings):
    assert not certificate.pdf.path.startswith(str(settings.MEDIA_ROOT))


# Checking a file -------------------------------------------------------------------------


def upload(client, data: bytes, name: str = "certificate.pdf"):
    return client.post(reverse("certificates:check_file"), {"pdf": SimpleUploadedFile(name, data)})


def test_an_issued_pdf_is_recognised_as_ours_and_unaltered(client, certificate):
    with certificate.pdf.open("rb") as handle:
        data = handle.read()
    html = upload(client, data).content.decode()
    assert "This file is a certificate we issued" in html
    assert certificate.display_code in html
    assert certificate.pdf_sha256 in html


def test_a_pdf_changed_by_one_byte_is_not_ours(client, certificate):
    with certificate.pdf.open("rb") as handle:
        data = bytearray(handle.read())
    data[len(data) // 2] ^= 1
    html = upload(client, bytes(data)).content.decode()
    assert "We did not issue this file" in html
    assert certificate.display_code not in html


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "The selected file is empty"), (b"GIF89a not a pdf", "The selected file must be a PDF")],
)
def test_a_file_that_is_not_a_pdf_says_why(client, db, data, message):
    response = upload(client, data, name="picture.gif")
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert message in html


def test_no_file_says_select_one(client, db):
    html = client.post(reverse("certificates:check_file"), {}).content.decode()
    assert "Select the certificate&#x27;s PDF file" in html or "Select the certificate's PDF file" in html


def test_a_file_over_5_mb_is_refused(client, db, monkeypatch):
    from certificates import views

    monkeypatch.setattr(views, "MAX_PDF_BYTES", 10)
    assert "smaller than 5 MB" in upload(client, b"%PDF-1.7 more than ten bytes").content.decode()


def test_file_checks_are_rate_limited_too(client, certificate, monkeypatch):
    monkeypatch.setattr(ratelimit, "CHECKS_PER_WINDOW", 1)
    assert upload(client, b"%PDF-1.7").status_code == 200
    assert upload(client, b"%PDF-1.7").status_code == 429


# The learning record -----------------------------------------------------------------------


def test_the_learning_record_lists_every_completion_with_its_certificate(client, certificate, learner_user, learner):
    other = EnrolmentFactory(
        employee=learner,
        course=make_course(modules=1, title="=HYPERLINK(1)"),
        requirement=None,
        completed_on=date(2025, 1, 9),
    )
    second = issue_certificate(other.pk)
    EnrolmentFactory(employee=learner, course=make_course(modules=1, title="Not finished"), requirement=None)
    client.force_login(learner_user)
    response = client.get(reverse("certificates:record_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "Course,Completed on,Valid until,CPD hours,Certificate code,Certificate status"
    assert lines[1].startswith("Handling information securely,2026-03-02,,")
    assert lines[1].endswith(f"{certificate.display_code},Valid")
    assert lines[2].startswith("'=HYPERLINK(1),2025-01-09")  # a formula is neutralised
    assert second.display_code in lines[2]
    assert len(lines) == 3  # the course not finished is not in the record


def test_the_learning_record_pdf_holds_the_same(client, certificate, learner_user, learner):
    import io

    from pypdf import PdfReader

    client.force_login(learner_user)
    response = client.get(reverse("certificates:record_pdf"))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for fact in (learner.full_name, "Handling information securely", "2 Mar 2026", certificate.display_code):
        assert fact in text
    assert reader.metadata.title.startswith(f"Learning record: {learner.full_name}")
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_the_learning_record_is_only_ones_own(client, certificate, db):
    client.force_login(EmployeeFactory(with_user=True).user)
    assert certificate.display_code not in client.get(reverse("certificates:record_csv")).content.decode()
    client.force_login(UserFactory())  # no HR record
    assert client.get(reverse("certificates:record_csv")).status_code == 404


def test_the_course_page_offers_a_completed_learner_their_certificate(client, certificate, learner_user, course):
    client.force_login(learner_user)
    html = client.get(course.url).content.decode()
    assert f'href="{certificate.download_url()}"' in html
    assert certificate.display_code in html
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=timezone.now())
    assert certificate.display_code not in client.get(course.url).content.decode()


def test_the_course_page_offers_no_certificate_before_completion(client, learner, learner_user, course):
    EnrolmentFactory(employee=learner, course=course, requirement=None)
    client.force_login(learner_user)
    assert "Download your certificate" not in client.get(course.url).content.decode()
