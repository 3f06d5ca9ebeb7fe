"""Background work of the compliance app."""

from __future__ import annotations

from django_tasks import task

from compliance.snapshot import refresh


@task()
def refresh_compliance_task() -> int:
    """Work out HR's compliance figures again (compliance.snapshot.refresh); the rows written."""
    return refresh().rows


@task()
def nightly_compliance_task() -> None:
    """The night's work: freeze the month that has just ended (if it has), then publish the open data."""
    from compliance.open_data import publish
    from compliance.periods import freeze_due

    freeze_due()
    publish()
