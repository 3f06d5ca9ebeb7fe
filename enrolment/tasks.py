"""Background tasks of the enrolment app, run by whichever django_tasks backend is configured."""

from __future__ import annotations

from django_tasks import task

from enrolment.reminders import deliver_reminder


@task()
def send_reminder_email(reminder_id: int) -> bool:
    """Email one recorded reminder; running it again sends nothing more."""
    return deliver_reminder(reminder_id=reminder_id)
