"""`load_demo` gives every demo completion its certificate, once."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.urls import reverse

from certificates.models import Certificate
from enrolment.models import Enrolment
from people.models import User


def test_every_demo_completion_has_one_certificate_with_its_pdf(demo, db):
    completed = Enrolment.objects.filter(completed_at__isnull=False)
    assert completed.exists()
    assert Certificate.objects.count() == completed.count()
    for enrolment in completed:
        certificate = Certificate.objects.get(enrolment=enrolment)
        assert certificate.pdf
        assert certificate.learner_name == enrolment.employee.full_name
    assert "Demo certificates:" in demo


def test_loading_the_demo_again_issues_none(demo, db, settings):
    settings.DEBUG = True  # as it was loaded
    before = sorted(Certificate.objects.values_list("pk", "code", "pdf_sha256"))
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert sorted(Certificate.objects.values_list("pk", "code", "pdf_sha256")) == before
    assert "Demo certificates in place." in out.getvalue()


def test_the_demo_learner_sees_their_certificates(demo, db, client):
    user = User.objects.get(email="learner@example.gov.uk")
    client.force_login(user)
    html = client.get(reverse("certificates:mine")).content.decode()
    mine = Certificate.objects.filter(employee__user=user)
    assert mine.exists()
    for certificate in mine:
        assert certificate.display_code in html


def test_a_machine_that_cannot_render_says_so_and_issues_none(db, monkeypatch):
    from certificates import wagtail_hooks

    monkeypatch.setattr(wagtail_hooks, "rendering_problem", lambda: "WeasyPrint needs Pango: sudo apt-get install x")
    out = io.StringIO()
    wagtail_hooks.load_demo_certificates(stdout=out)
    assert "none issued, because this machine cannot render them (WeasyPrint needs Pango" in out.getvalue()
