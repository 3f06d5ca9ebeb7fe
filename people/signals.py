"""Domain signals that `people` offers to the apps above it.

``employees_changed``
    Sent after HR data about some people has changed and been committed (an HR
    import, an edit in the admin, the demo data), with the keyword argument
    ``employee_ids``: a list of the primary keys of exactly the people whose
    grade, department, profession, line manager or employment status may have
    changed. ``sender`` is ``people.models.Employee``. Receivers (enrolment
    re-assigns compulsory training) must be set-based: one import can name
    hundreds of thousands of people.

    It is never sent from ``Employee.save()``: bulk workflows change many rows
    at once and announce them together with :func:`announce_employees_changed`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.dispatch import Signal

employees_changed = Signal()


def announce_employees_changed(employee_ids: Iterable[int]) -> None:
    """Tell subscribers which people changed, once the current transaction commits."""
    ids = sorted(set(employee_ids))
    if not ids:
        return

    def send() -> None:
        from people.models import Employee

        employees_changed.send(sender=Employee, employee_ids=ids)

    transaction.on_commit(send)
