"""Background tasks of the certificates app, run by whichever django_tasks backend is configured."""

from __future__ import annotations

from django_tasks import task

from certificates.issuing import issue_certificate


@task()
def issue_certificate_task(enrolment_id: int) -> str | None:
    """Issue the certificate of a completed enrolment (once, however often this runs); its code."""
    certificate = issue_certificate(enrolment_id)
    return certificate.code if certificate else None


@task()
def reissue_course_task(bulk_id: int) -> int:
    """Re-issue a course's certificates for HR's bulk re-issue; how many were re-issued."""
    from certificates.actions import reissue_course
    from certificates.models import BulkReissue

    return reissue_course(BulkReissue.objects.get(pk=bulk_id)).done
