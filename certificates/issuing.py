"""Issuing certificates: every rule about when one is made and what it freezes lives here.

`course_completed` (sent after the completing transaction commits) enqueues `issue_certificate_task`;
the task calls `issue_certificate`, which any worker may run twice or at the same moment as another:
the database holds one certificate per completion (`one_certificate_per_completion`); a worker that
loses the race deletes the PDF it made and returns the one that stands. A certificate's PDF is made
once, before its insert (or, by the catch-up, under a row lock) and never again.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Revision

from certificates.codes import new_code
from certificates.models import Certificate, CertificateDesign, CertificateEvent
from certificates.pdf import render_pdf
from certificates.signing import sign
from content.hooks import COMPLETION_FACTS
from enrolment.models import Enrolment

# What a certificate copies of the completion; a re-issue copies them from the certificate it replaces.
COMPLETION_FIELDS = (
    "course_title",
    "course_revision_id",
    "completed_on",
    "expires_on",
    "cpd_hours",
    "quiz_score_percent",
)


def person_facts(employee) -> dict:
    """What a certificate copies of the person, as their HR record has it now."""
    return {
        "employee": employee,
        "learner_name": employee.full_name,
        "staff_number": employee.staff_number,
        "department_name": employee.department.name,
    }


def replacement_facts(old: Certificate, employee) -> dict:
    """A re-issue's facts: the person as they are now, the completion as `old` first certified it."""
    return {
        "enrolment_id": old.enrolment_id,
        **person_facts(employee),
        **{field: getattr(old, field) for field in COMPLETION_FIELDS},
    }


def frozen_facts(enrolment: Enrolment) -> dict:
    """What a certificate of this completion certifies, copied now so later changes never reach it."""
    employee, course = enrolment.employee, enrolment.course
    return {
        "enrolment": enrolment,
        **person_facts(employee),
        "course_title": course.title,
        "course_revision_id": course.live_revision_id,
        "completed_on": timezone.localdate(enrolment.completed_at),
        "expires_on": enrolment.expires_on,
        "cpd_hours": course.cpd_hours,
        "quiz_score_percent": None,
        **completion_facts(enrolment),
    }


def completion_facts(enrolment: Enrolment) -> dict:
    """What the apps above enrolment know of this completion (the quiz score), through COMPLETION_FACTS."""
    facts = {}
    for hook in hooks.get_hooks(COMPLETION_FACTS):
        facts.update(hook(enrolment=enrolment))
    return facts


def issue_certificate(enrolment_id: int, *, now: datetime | None = None) -> Certificate | None:
    """The certificate of a completed enrolment, issued once with its PDF; None if it is not completed."""
    now = now or timezone.now()
    enrolment = Enrolment.objects.select_related("employee__department", "course").get(pk=enrolment_id)
    if enrolment.completed_at is None:
        return None
    certificate = Certificate.objects.filter(enrolment=enrolment, replaces=None).first()
    if certificate is None:
        return create_certificate(frozen_facts(enrolment), now=now, action=CertificateEvent.Action.ISSUED)
    return store_pdf(certificate)


def create_certificate(
    facts: dict, *, now: datetime, action: str, by=None, reason: str = "", replaces=None
) -> Certificate:
    """A new certificate with its event and its signed PDF. The PDF is rendered and stored first (it needs
    only the facts and the code), so the database sees two inserts and one commit."""
    revision = CertificateDesign.current().latest_revision
    design = revision.as_object()
    storage = Certificate._meta.get_field("pdf").storage
    for _ in range(3):  # a repeated code (99 random bits) is all but impossible; another issue is not
        certificate = Certificate(**facts, code=new_code(), issued_at=now, design_revision=revision, replaces=replaces)
        data = sign(render_pdf(certificate, design))
        filename = certificate.pdf.field.generate_filename(certificate, f"{certificate.code}.pdf")
        name = storage.save(filename, ContentFile(data))
        certificate.pdf.name, certificate.pdf_sha256 = name, hashlib.sha256(data).hexdigest()
        try:
            with transaction.atomic():
                certificate.save(force_insert=True)
                CertificateEvent.objects.create(certificate=certificate, action=action, at=now, by=by, reason=reason)
                return certificate
        except IntegrityError:
            storage.delete(name)
            if replaces is None:
                existing = Certificate.objects.filter(enrolment_id=certificate.enrolment_id, replaces=None).first()
                if existing is not None:
                    return store_pdf(existing)  # another worker issued it at the same moment: it stands
    raise RuntimeError("Could not make a unique certificate code.")


def design_at(revision_id: int | None) -> CertificateDesign:
    """The certificate design as it was at this revision."""
    if revision_id is None:
        return CertificateDesign()
    return Revision.objects.get(pk=revision_id).as_object()


def store_pdf(certificate: Certificate) -> Certificate:
    """Render, sign and store the PDF of a certificate that has none (the catch-up); the bytes never change after."""
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.pdf:
            return locked
        data = sign(render_pdf(locked, design_at(locked.design_revision_id)))
        locked.pdf.save(f"{locked.code}.pdf", ContentFile(data), save=False)
        locked.pdf_sha256 = hashlib.sha256(data).hexdigest()
        locked.save(update_fields=["pdf", "pdf_sha256"])
    return locked


def issue_missing_certificates() -> int:
    """Issue what a failed or lost task left undone: a certificate for every completion without one, and the
    PDF of every certificate without one (the demo; a scheduled catch-up). How many it completed."""
    pending = (
        Enrolment.objects.filter(completed_at__isnull=False)
        .exclude(certificates__isnull=False)
        .order_by("completed_at")
        .values_list("pk", flat=True)
    )
    done = 0
    for enrolment_id in list(pending):
        issue_certificate(enrolment_id)
        done += 1
    for certificate in Certificate.objects.filter(pdf="").order_by("pk"):
        store_pdf(certificate)
        done += 1
    return done
