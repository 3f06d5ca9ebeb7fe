"""What certificates does when other apps say something happened."""

from __future__ import annotations

from certificates.tasks import issue_certificate_task


def issue_on_completion(sender, *, enrolment, **kwargs):
    """A course was completed (the completing transaction has committed): issue its certificate in the background."""
    issue_certificate_task.enqueue(enrolment.pk)
