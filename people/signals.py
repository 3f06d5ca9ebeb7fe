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

    A workflow that must record whether the receivers succeeded (an HR import:
    its page offers to run them again) holds its announcements with
    :func:`held_announcements` and sends them itself, after its commit, with
    :func:`send_employees_changed`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from django.dispatch import Signal

employees_changed = Signal()

_held: ContextVar[list[int] | None] = ContextVar("held_employee_announcements", default=None)


def announce_employees_changed(employee_ids: Iterable[int]) -> None:
    """Tell subscribers which people changed, once the current transaction commits."""
    ids = sorted(set(employee_ids))
    if not ids:
        return
    held = _held.get()
    if held is not None:
        held.extend(ids)
        return
    transaction.on_commit(lambda: send_employees_changed(ids))


@contextmanager
def held_announcements() -> Iterator[list[int]]:
    """Inside the block, announcements are collected into the list it gives, not sent at commit."""
    held: list[int] = []
    token = _held.set(held)
    try:
        yield held
    finally:
        _held.reset(token)


def send_employees_changed(employee_ids: Iterable[int]) -> None:
    """Send `employees_changed` now, for these people; a receiver's error reaches the caller."""
    from people.models import Employee

    ids = sorted(set(employee_ids))
    if ids:
        employees_changed.send(sender=Employee, employee_ids=ids)
