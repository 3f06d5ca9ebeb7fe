"""Background work of the compliance app."""

from __future__ import annotations

from django_tasks import task

from compliance.snapshot import refresh


@task()
def refresh_compliance_task() -> int:
    """Work out HR's compliance figures again (compliance.snapshot.refresh); the rows written."""
    return refresh().rows
