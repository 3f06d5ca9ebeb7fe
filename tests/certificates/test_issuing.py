"""Issuing: one certificate per completion, after the completing transaction commits, frozen at issue."""

from __future__ import annotations

import hashlib
import io
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone
from pypdf import PdfReader

from certificates import codes
from certificates.issuing import issue_certificate
from certificates.models import Certificate, CertificateDesign, CertificateEvent
from enrolment.progress import complete_module, start_course
from tests.certificates.conftest import off_the_loop
from tests.factories import EmployeeFactory, EnrolmentFactory
from tests.pages import make_course


@pytest.fixture
def course(db):
    course = make_course(modules=1, cpd_hours=Decimal("1.5"))
    course.save_revision().publish()  # a published revision, which the certificate records
    course.refresh_from_db()
    return course


@pytest.fixture
def person(db):
    return EmployeeFactory(given_name="Zoë", family_name="Łukasiewicz-O'Brien")


def complete(person, course, django_capture_on_commit_callbacks):
    enrolment = start_course(employee=person, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        complete_module(enrolment=enrolment, module=course.modules().first())
    return enrolment


def pdf_text(certificate: Certificate) -> str:
    with certificate.pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_completing_a_course_issues_one_certificate_after_commit(person, course, django_capture_on_commit_callbacks):
    enrolment = start_course(employee=person, course=course)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        complete_module(enrolment=enrolment, module=course.modules().first())
        assert not Certificate.objects.exists()  # nothing before the completion commits
    for callback in callbacks:
        callback()
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.employee == person
    assert certificate.pdf
    assert len(certificate.pdf_sha256) == 64
    assert list(certificate.events.values_list("action", flat=True)) == [CertificateEvent.Action.ISSUED]


def test_issuing_again_returns_the_same_certificate(person, course, django_capture_on_commit_callbacks):
    enrolment = complete(person, course, django_capture_on_commit_callbacks)
    first = Certificate.objects.get(enrolment=enrolment)
    again = issue_certificate(enrolment.pk)
    assert again.pk == first.pk
    assert again.pdf_sha256 == first.pdf_sha256
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1


def test_an_enrolment_not_completed_gets_no_certificate(person, course):
    enrolment = start_course(employee=person, course=course)
    assert issue_certificate(enrolment.pk) is None
    assert not Certificate.objects.exists()


def test_a_certificate_freezes_what_it_certifies(person, course, django_capture_on_commit_callbacks):
    enrolment = complete(person, course, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.learner_name == "Zoë Łukasiewicz-O'Brien"
    assert certificate.staff_number == person.staff_number
    assert certificate.department_name == person.department.name
    assert certificate.course_title == course.title
    assert certificate.course_revision_id == course.live_revision_id
    assert certificate.completed_on == timezone.localdate(enrolment.completed_at)
    assert certificate.cpd_hours == Decimal("1.5")
    assert certificate.quiz_score_percent is None  # the course has no quiz
    assert certificate.design_revision_id == CertificateDesign.current().latest_revision_id


def test_each_renewal_cycle_gets_its_own_certificate(person, course, django_capture_on_commit_callbacks):
    earlier = EnrolmentFactory(employee=person, course=course, requirement=None, completed_on=date(2024, 3, 1))
    first = issue_certificate(earlier.pk)
    enrolment = complete(person, course, django_capture_on_commit_callbacks)
    second = Certificate.objects.get(enrolment=enrolment)
    assert first.pk != second.pk
    assert first.code != second.code
    assert Certificate.objects.filter(employee=person).count() == 2


def test_renaming_the_learner_or_editing_the_design_leaves_the_certificate_unchanged(
    person, course, django_capture_on_commit_callbacks
):
    enrolment = complete(person, course, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get(enrolment=enrolment)
    with certificate.pdf.open("rb") as handle:
        issued = handle.read()
    person.family_name = "Renamed"
    person.save()
    course.title = "A different title"
    course.save_revision().publish()
    design = CertificateDesign.current()
    design.signatory_name = "Someone Else"
    design.save()
    design.save_revision()

    assert issue_certificate(enrolment.pk).pk == certificate.pk
    certificate.refresh_from_db()
    with certificate.pdf.open("rb") as handle:
        assert handle.read() == issued
    assert certificate.learner_name == "Zoë Łukasiewicz-O'Brien"
    assert "Someone Else" not in pdf_text(certificate)


def test_the_pdf_holds_the_certificates_facts(person, course, django_capture_on_commit_callbacks):
    enrolment = complete(person, course, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get(enrolment=enrolment)
    text = pdf_text(certificate)
    completed = f"{certificate.completed_on:%-d %B %Y}"
    for fact in ("Zoë Łukasiewicz-O'Brien", course.title, completed, certificate.display_code, "1.5"):
        assert fact in text
    assert certificate.verification_address() in text.replace("\n", "")
    assert person.staff_number not in text  # the staff number is recorded, never printed


def test_the_pdf_is_a4_landscape_tagged_with_its_metadata_and_fonts_embedded(
    person, course, django_capture_on_commit_callbacks
):
    enrolment = complete(person, course, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get(enrolment=enrolment)
    with certificate.pdf.open("rb") as handle:
        data = handle.read()
    reader = PdfReader(io.BytesIO(data))
    page = reader.pages[0]
    assert len(reader.pages) == 1
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width), round(height)) == (842, 595)  # A4 landscape in points
    assert reader.metadata.title == f"Certificate of completion: {course.title}, Zoë Łukasiewicz-O'Brien"
    assert reader.metadata.author == "govlearn"
    assert certificate.display_code in reader.metadata.subject
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert catalog["/Lang"] == "en-GB"
    fonts = [font.get_object() for font in page["/Resources"]["/Font"].values()]
    assert fonts
    for font in fonts:
        if "/DescendantFonts" in font:
            font = font["/DescendantFonts"][0].get_object()
        descriptor = font["/FontDescriptor"]
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert len(data) < 100_000


def test_codes_are_long_random_and_unambiguous(person, course, django_capture_on_commit_callbacks):
    enrolment = complete(person, course, django_capture_on_commit_callbacks)
    code = Certificate.objects.get(enrolment=enrolment).code
    assert len(code) == 20
    assert set(code) <= set(codes.ALPHABET)
    assert not set("0O1IL") & set(codes.ALPHABET)
    assert len(codes.ALPHABET) ** codes.LENGTH >= 2**80
    assert len({codes.new_code() for _ in range(1000)}) == 1000


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("GL-7K4Q-9XM2-H3TD-WPRC-5NEA", "7K4Q9XM2H3TDWPRC5NEA"),
        ("gl 7k4q 9xm2 h3td wprc 5nea", "7K4Q9XM2H3TDWPRC5NEA"),
        ("7K4Q9XM2H3TDWPRC5NEA", "7K4Q9XM2H3TDWPRC5NEA"),
        ("  GL\u20137K4Q\u20139XM2\u2013H3TD\u2013WPRC\u20135NEA ", "7K4Q9XM2H3TDWPRC5NEA"),  # en dashes
        ("GL-7K4Q-9XM2-H3TD-WPRC-5NE", None),  # one short
        ("GL-0K4Q-9XM2-H3TD-WPRC-5NEA", None),  # 0 is never in a code
        ("", None),
    ],
)
def test_a_typed_code_is_normalised(typed, expected):
    assert codes.normalise(typed) == expected
    if expected:
        assert codes.normalise(codes.display(expected)) == expected


def test_the_pdf_carries_a_valid_pades_signature_of_the_service(person, course, django_capture_on_commit_callbacks):
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    enrolment = complete(person, course, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get(enrolment=enrolment)
    with certificate.pdf.open("rb") as handle:
        data = handle.read()
    assert hashlib.sha256(data).hexdigest() == certificate.pdf_sha256  # of the signed file, as served
    trusted = ValidationContext(trust_roots=[load_cert_from_pemder(str(settings.CERTIFICATE_SIGNING_CERT))])
    (signature,) = PdfFileReader(io.BytesIO(data)).embedded_signatures
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    status = off_the_loop(validate_pdf_signature, signature, trusted)
    assert status.bottom_line, status.pretty_print_details()
    assert status.coverage.name == "ENTIRE_FILE"

    altered = data.replace(certificate.learner_name.encode("utf-16-be"), b"x" * 2 * len(certificate.learner_name))
    altered = data[:2000] + bytes([data[2000] ^ 1]) + data[2001:] if altered == data else altered
    (tampered,) = PdfFileReader(io.BytesIO(altered)).embedded_signatures
    assert not off_the_loop(validate_pdf_signature, tampered, trusted).bottom_line


def test_the_catch_up_issues_what_a_failed_task_left_undone(person, course):
    from django.core.management import call_command

    waiting = EnrolmentFactory(employee=person, course=course, requirement=None, completed_on=date(2026, 2, 1))
    unrendered = issue_certificate(
        EnrolmentFactory(employee=EmployeeFactory(), course=course, requirement=None, completed_on=date(2026, 2, 2)).pk
    )
    Certificate.objects.filter(pk=unrendered.pk).update(pdf="", pdf_sha256="")
    out = io.StringIO()
    call_command("issue_certificates", stdout=out)
    assert "Certificates issued or completed: 2." in out.getvalue()
    assert Certificate.objects.get(enrolment=waiting).pdf
    assert Certificate.objects.get(pk=unrendered.pk).pdf_sha256
    out = io.StringIO()
    call_command("issue_certificates", stdout=out)
    assert "No certificate was waiting." in out.getvalue()


def test_signing_works_inside_a_running_event_loop(db):
    """pyHanko runs its own event loop; under an ASGI server or a browser test one is already running."""
    import asyncio

    from certificates.pdf import render_pdf
    from certificates.signing import sign

    unsigned = Certificate(
        code="7K4Q9XM2H3TDWPRC5NEA",
        learner_name="A B",
        course_title="C",
        completed_on=date(2026, 1, 1),
        issued_at=timezone.now(),
    )
    data = render_pdf(unsigned, CertificateDesign())

    async def in_a_loop():
        return sign(data)

    assert b"/ByteRange" not in data
    assert b"/ByteRange" in off_the_loop(asyncio.run, in_a_loop())


def test_the_qr_code_holds_the_verification_address(person, course, django_capture_on_commit_callbacks):
    from certificates.pdf import qr_data_uri, render_html

    enrolment = complete(person, course, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get(enrolment=enrolment)
    html = render_html(certificate, CertificateDesign())
    address = certificate.verification_address()
    assert address.endswith(f"/certificates/check/{certificate.code}/")
    assert f'src="{qr_data_uri(address)}"' in html
    assert qr_data_uri(address) != qr_data_uri(address + "x")  # the image is of this address, not any


def test_a_certificate_records_the_score_that_passed_the_quiz(person, django_capture_on_commit_callbacks):
    from assessments.attempts import save_answer, start_attempt, submit_attempt
    from tests.factories import CoursePageFactory, QuizPageFactory

    course = CoursePageFactory(modules=1)
    quiz = QuizPageFactory(parent=course, pool=4, pass_mark=75)
    enrolment = start_course(employee=person, course=course)
    complete_module(enrolment=enrolment, module=course.modules().first())
    attempt = start_attempt(employee=person, quiz=quiz)
    for position, question in enumerate(attempt.questions, start=1):
        right = [choice["key"] for choice in question["choices"] if choice["correct"]]
        wrong = [next(choice["key"] for choice in question["choices"] if not choice["correct"])]
        save_answer(attempt=attempt, position=position, choice_keys=right if position < 4 else wrong)
    with django_capture_on_commit_callbacks(execute=True):
        submit_attempt(attempt=attempt)
    assert Certificate.objects.get(enrolment=enrolment).quiz_score_percent == 75
