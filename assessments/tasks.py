"""Background tasks of the assessments app, run by whichever django_tasks backend is configured."""

from __future__ import annotations

from django_tasks import task

from assessments.attempts import close_overdue_attempts


@task()
def close_overdue_attempts_task() -> int:
    """Close and score every attempt whose time ran out; each finishes at its deadline, not now."""
    return close_overdue_attempts()
