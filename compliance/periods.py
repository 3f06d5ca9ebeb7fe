"""Compliance as at the end of each month: frozen once, the night after the month ends, and never again.

`freeze(period_end)` works out every active requirement's statuses for that day (the same rule and
counts as the five-minute refresh, `compliance.snapshot`) straight into `PeriodFigure` rows, with the
requirement's name and the department structure (`PeriodDepartment`: names and parents) as they are at
that moment. Later moves, promotions, renames and mergers change none of it: the figure for 31 March
asked in June is the one frozen on the night of 31 March, and it still adds up under the structure of
31 March. `manage.py freeze_compliance` (nightly) freezes the month that has just ended, if it is not
frozen yet.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from django.db import connection, transaction
from django.utils import timezone

from compliance.models import FrozenPeriod, PeriodDepartment, PeriodFigure
from compliance.snapshot import counts_sql, statuses_sql
from enrolment.models import Requirement
from people.models import Department


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def previous_month_end(day: date) -> date:
    return day.replace(day=1) - timedelta(days=1)


def freeze(period_end: date) -> tuple[FrozenPeriod, bool]:
    """The period's frozen figures, freezing them now if they are not yet (True then)."""
    if period_end != month_end(period_end):
        raise ValueError(f"{period_end} is not the last day of a month.")
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(hashtext('govlearn.compliance.freeze'))")
        existing = FrozenPeriod.objects.filter(period_end=period_end).first()
        if existing is not None:
            return existing, False
        period = FrozenPeriod.objects.create(period_end=period_end, frozen_at=timezone.now())
        PeriodDepartment.objects.bulk_create(
            PeriodDepartment(period=period, department_id=pk, code=code, name=name, parent_id=parent_id)
            for pk, code, name, parent_id in Department.objects.values_list("pk", "code", "name", "parent_id")
        )
        quote = connection.ops.quote_name
        table = quote(PeriodFigure._meta.db_table)
        requirements = Requirement.objects.active().select_related("minimum_grade")
        with connection.cursor() as cursor:
            for requirement in requirements.prefetch_related("grades", "departments", "professions"):
                source, source_params = statuses_sql(requirement, today=period_end)
                select, params = counts_sql(source, today=period_end)
                cursor.execute(
                    f"INSERT INTO {table} (period_id, requirement_name, requirement_id, department_id, grade_id, "  # noqa: S608
                    f"profession_id, covered, compliant, expiring, due, overdue, exempt) "
                    f"SELECT %s, %s, figures.* FROM ({select}) figures",
                    # The counts' parameters come first in the text (its SELECT list), then its source's.
                    [period.pk, requirement.name, *params, *source_params],
                )
        return period, True


def freeze_due(*, today: date | None = None) -> tuple[FrozenPeriod, bool]:
    """The month that ended before `today`, frozen if it was not yet (the nightly run)."""
    today = today or timezone.localdate()
    return freeze(previous_month_end(today))


def periods(limit: int = 12):
    """The latest frozen periods, newest first."""
    return FrozenPeriod.objects.order_by("-period_end")[:limit]
