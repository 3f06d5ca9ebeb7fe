"""Issuing certificates: every rule about when one is made and what it freezes lives here.

`course_completed` (sent after the completing transaction commits) enqueues `issue_certificate_task`;
the task calls `issue_certificate`, which any worker may run twice or at the same moment as another:
the database holds one certificate per completion (`one_certificate_per_completion`) and the PDF is
rendered under a row lock, once.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from assessments.attempts import passed_score_percent
from certificates.codes import new_code
from certificates.models import Certificate, CertificateDesign, CertificateEvent
from certificates.pdf import render_pdf
from certificates.signing import sign
from enrolment.models import Enrolment


def frozen_facts(enrolment: Enrolment) -> dict:
    """What a certificate of this completion certifies, copied now so later changes never reach it."""
    employee, course = enrolment.employee, enrolment.course
    return {
        "enrolment": enrolment,
        "employee": employee,
        "learner_name": employee.full_name,
        "staff_number": employee.staff_number,
        "department_name": employee.department.name,
        "course_title": course.title,
        "course_revision_id": course.live_revision_id,
        "completed_on": timezone.localdate(enrolment.completed_at),
        "expires_on": enrolment.expires_on,
        "cpd_hours": course.cpd_hours,
        "quiz_score_percent": passed_score_percent(enrolment),
    }


def issue_certificate(enrolment_id: int, *, now: datetime | None = None) -> Certificate | None:
    """The certificate of a completed enrolment, issued once with its PDF; None if it is not completed."""
    now = now or timezone.now()
    enrolment = Enrolment.objects.select_related("employee__department", "course").get(pk=enrolment_id)
    if enrolment.completed_at is None:
        return None
    certificate = Certificate.objects.filter(enrolment=enrolment, replaces=None).first()
    if certificate is None:
        certificate = _create(frozen_facts(enrolment), now=now, action=CertificateEvent.Action.ISSUED)
    return store_pdf(certificate)


def _create(facts: dict, *, now: datetime, action: str, by=None, reason: str = "", replaces=None) -> Certificate:
    design = CertificateDesign.current()
    for _ in range(3):  # a repeated code (99 random bits) is all but impossible; another issue is not
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    **facts,
                    code=new_code(),
                    issued_at=now,
                    design_revision_id=design.latest_revision_id,
                    replaces=replaces,
                )
                CertificateEvent.objects.create(certificate=certificate, action=action, at=now, by=by, reason=reason)
                return certificate
        except IntegrityError:
            if replaces is None:
                existing = Certificate.objects.filter(enrolment=facts["enrolment"], replaces=None).first()
                if existing is not None:
                    return existing  # another worker issued it at the same moment: it stands
    raise RuntimeError("Could not make a unique certificate code.")


def store_pdf(certificate: Certificate) -> Certificate:
    """Render, sign and store the certificate's PDF, unless it already has one; the bytes never change after."""
    with transaction.atomic():
        locked = (
            Certificate.objects.select_for_update(of=("self",)).select_related("design_revision").get(pk=certificate.pk)
        )
        if locked.pdf:
            return locked
        design = locked.design_revision.as_object() if locked.design_revision else CertificateDesign()
        data = sign(render_pdf(locked, design))
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
