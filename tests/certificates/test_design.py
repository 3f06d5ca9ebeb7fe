"""Editors change the certificate design (wording, signatory, logo) in a snippet with revisions; certificates
already issued keep theirs, and each records the revision it used."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from certificates.issuing import issue_certificate
from certificates.models import CertificateDesign
from tests.factories import EmployeeFactory, EnrolmentFactory
from tests.pages import make_course


def text_of(certificate) -> str:
    with certificate.pdf.open("rb") as handle:
        return " ".join(PdfReader(io.BytesIO(handle.read())).pages[0].extract_text().split())


def issued():
    enrolment = EnrolmentFactory(
        employee=EmployeeFactory(), course=make_course(modules=1), requirement=None, completed_on=date(2026, 6, 1)
    )
    return issue_certificate(enrolment.pk)


def test_an_editor_changes_the_design_and_only_later_certificates_show_it(client, editor_user):
    before = issued()
    design = CertificateDesign.current()
    client.force_login(editor_user)
    edit = f"/admin/snippets/certificates/certificatedesign/edit/{design.pk}/"
    assert client.get(edit).status_code == 200
    response = client.post(
        edit,
        {
            "heading": "Certificate of achievement",
            "certifies": "We are pleased to confirm that",
            "completed": "has completed",
            "signatory_name": "Ada Lovelace",
            "signatory_title": "Director of Learning",
            "logo": "",
        },
    )
    assert response.status_code == 302
    design.refresh_from_db()
    assert design.latest_revision_id != before.design_revision_id
    after = issued()
    assert after.design_revision_id == design.latest_revision_id
    assert "Ada Lovelace" in text_of(after)
    assert "Certificate of achievement" in text_of(after)
    assert "Ada Lovelace" not in text_of(before)
    assert "Certificate of completion" in text_of(before)


def test_hr_and_learners_cannot_change_the_design(client, hr_user, learner_user, db):
    design = CertificateDesign.current()
    for user in (hr_user, learner_user):
        client.force_login(user)
        response = client.get(f"/admin/snippets/certificates/certificatedesign/edit/{design.pk}/")
        assert response.status_code in (302, 403)
