"""HR's actions on certificates: revoke, re-issue, and re-issue every certificate of a course.

Each records who, when and why as a `CertificateEvent`, shown on the certificate's admin page. A
re-issue makes a new certificate (new code, new PDF) that `replaces` the old one, which then shows
"replaced" with a link to the new one; the old one's PDF and record stay as they were. Revoked and
replaced certificates are not re-issued.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from certificates.issuing import create_certificate, replacement_facts
from certificates.models import BulkReissue, Certificate, CertificateEvent
from people.models import Employee


class ActionRefused(Exception):
    """Why an action cannot be done to this certificate, in words to show HR."""


def _current(certificate: Certificate) -> Certificate:
    """The certificate, locked, if it is still the one in force (not revoked, not replaced)."""
    locked = Certificate.objects.select_for_update(of=("self",)).get(pk=certificate.pk)
    if locked.revoked_at:
        raise ActionRefused("This certificate has been revoked, so it cannot be changed or re-issued.")
    if Certificate.objects.filter(replaces=locked).exists():
        raise ActionRefused("This certificate has been replaced: act on the certificate that replaced it.")
    return locked


def _reason(reason: str) -> str:
    reason = " ".join(reason.split())
    if not reason:
        raise ActionRefused("Enter the reason: it is kept with the certificate.")
    return reason


def revoke(certificate: Certificate, *, by, reason: str, now: datetime | None = None) -> Certificate:
    """Revoke the certificate: its check says "revoked" from now on (the reason is shown to staff only)."""
    now, reason = now or timezone.now(), _reason(reason)
    with transaction.atomic():
        locked = _current(certificate)
        locked.revoked_at, locked.revoked_by, locked.revocation_reason = now, by, reason
        locked.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
        CertificateEvent.objects.create(
            certificate=locked, action=CertificateEvent.Action.REVOKED, at=now, by=by, reason=reason
        )
    return locked


def reissue(certificate: Certificate, *, by, reason: str, now: datetime | None = None) -> Certificate:
    """A new certificate for the same completion, with the learner's name, staff number and department as
    they are now and the current design; the completion it certifies (course title and revision, dates, CPD
    hours, quiz score) stays as first certified. The old one shows "replaced"."""
    now, reason = now or timezone.now(), _reason(reason)
    with transaction.atomic():
        old = _current(certificate)
        employee = Employee.objects.select_related("department").get(pk=old.employee_id)
        facts = replacement_facts(old, employee)
        new = create_certificate(
            facts, now=now, action=CertificateEvent.Action.ISSUED, by=by, reason=reason, replaces=old
        )
        CertificateEvent.objects.create(
            certificate=old, action=CertificateEvent.Action.REISSUED, at=now, by=by, reason=reason
        )
    return new


def reissue_course(bulk: BulkReissue) -> BulkReissue:
    """Re-issue every certificate in force for the bulk's course that was issued before the bulk began,
    counting progress on the record as it goes; revoked certificates are skipped. Running it again (a
    retried task) re-issues only what is left."""
    BulkReissue.objects.filter(pk=bulk.pk).update(state=BulkReissue.State.RUNNING)
    of_course = Certificate.objects.filter(enrolment__course_id=bulk.course_id, issued_at__lt=bulk.created_at)
    in_force = of_course.in_force().order_by("pk")
    BulkReissue.objects.filter(pk=bulk.pk).update(
        total=in_force.count() + bulk.done, skipped=of_course.filter(revoked_at__isnull=False).count()
    )
    for certificate_id in list(in_force.values_list("pk", flat=True)):
        try:
            reissue(Certificate(pk=certificate_id), by=bulk.started_by, reason=bulk.reason)
        except ActionRefused:
            BulkReissue.objects.filter(pk=bulk.pk).update(skipped=F("skipped") + 1)
            continue
        BulkReissue.objects.filter(pk=bulk.pk).update(done=F("done") + 1)
    BulkReissue.objects.filter(pk=bulk.pk).update(state=BulkReissue.State.FINISHED, finished_at=timezone.now())
    bulk.refresh_from_db()
    return bulk
