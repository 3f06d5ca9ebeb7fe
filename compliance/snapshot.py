"""Refreshing what HR's compliance screens read (the rows, `StatusFigure`, `Refresh`; see models.py).

`refresh()` works out every active requirement's audience with `enrolment.status.with_status` (the one
rule for a status), copies each person's row in one INSERT … SELECT per requirement (in name order) into
the table of rows the latest refresh did not write (emptied first: TRUNCATE on PostgreSQL), counts them
into figures in one more, and records the refresh, all in one transaction: readers keep the previous
refresh, in its own table, until it commits, and after (`rows_of` says which table a refresh wrote).
`manage.py refresh_compliance` (every four minutes in production, see the README) and the
`refresh_compliance_task` task run it.

What the figures count, for a requirement, among the active people in its audience:

- covered: everyone;
- compliant: a completion that still counts (status compliant, or expiring once the renewal window
  has opened); `expiring` of them are those whose completion expires within `EXPIRING_DAYS`;
- due, overdue, exempt: those statuses;
- % compliant (`percent_compliant`): compliant out of those covered and not exempt.
"""

from __future__ import annotations

import time
from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models import Case, CharField, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone

from certificates.models import Certificate
from compliance.models import SLOTS, PersonStatus, Refresh, StatusFigure
from enrolment.models import Enrolment, Requirement
from enrolment.status import URGENCY, Status, with_status

EXPIRING_DAYS = 30
COMPLIANT = (Status.COMPLIANT, Status.EXPIRING)

_COLUMNS = (
    ("requirement_id", "s_requirement"),
    ("employee_id", "s_employee"),
    ("department_id", "s_department"),
    ("grade_id", "s_grade"),
    ("profession_id", "s_profession"),
    ("status", "s_status"),
    ("due_on", "s_due_on"),
    ("completed_at", "s_completed_at"),
    ("expires_on", "s_expires_on"),
    ("certificate_code", "s_certificate_code"),
    ("family_name", "s_family_name"),
    ("given_name", "s_given_name"),
    ("staff_number", "s_staff_number"),
    ("grade_code", "s_grade_code"),
    ("grade_rank", "s_grade_rank"),
    ("department_name", "s_department_name"),
    ("line_manager_name", "s_line_manager_name"),
    ("requirement_name", "s_requirement_name"),
    ("urgency", "s_urgency"),
)


def percent_compliant(compliant: int, covered: int, exempt: int) -> int | None:
    """Compliant out of those who must be (covered, less the exempt), rounded down; None when nobody must be."""
    required = covered - exempt
    return None if required <= 0 else compliant * 100 // required


def statuses(requirement: Requirement, *, today: date):
    """The audience's rows for `PersonStatus`, as a queryset of the `_COLUMNS` aliases."""
    on_course = Enrolment.objects.filter(employee=OuterRef("pk"), course_id=requirement.course_id)
    certificate = (
        Certificate.objects.in_force()
        .filter(employee=OuterRef("pk"), enrolment__course_id=requirement.course_id)
        .order_by("-completed_on", "-pk")
    )
    people = with_status(requirement.audience(), requirement, today=today)
    return (
        people.annotate(
            s_requirement=Value(requirement.pk),
            s_employee=F("pk"),
            s_department=F("department_id"),
            s_grade=F("grade_id"),
            s_profession=F("profession_id"),
            s_status=F("status"),
            s_due_on=F("due_on"),
            s_completed_at=Subquery(on_course.completed().order_by("-completed_at").values("completed_at")[:1]),
            s_expires_on=F("expires_on"),
            s_certificate_code=Coalesce(Subquery(certificate.values("code")[:1]), Value("")),
            s_family_name=F("family_name"),
            s_given_name=F("given_name"),
            s_staff_number=F("staff_number"),
            s_grade_code=F("grade__code"),
            s_grade_rank=F("grade__rank"),
            s_department_name=F("department__name"),
            s_line_manager_name=Case(
                When(line_manager__isnull=True, then=Value("")),
                default=Concat(
                    F("line_manager__given_name"), Value(" "), F("line_manager__family_name"), output_field=CharField()
                ),
            ),
            s_requirement_name=Value(requirement.name),
        )
        .order_by()
        .values(*(alias for column, alias in _COLUMNS if column != "urgency"))
    )


def _insert_statuses(cursor, model, requirement: Requirement, *, today: date) -> None:
    source, params = statuses_sql(requirement, today=today)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column) for column, _ in _COLUMNS)
    table = quote(model._meta.db_table)
    # In the lists' usual order, so that reading them by their name indexes reads the table front to back.
    order = "family_name, given_name, employee_id"
    cursor.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {source} rows ORDER BY {order}", params)  # noqa: S608


def counts_sql(source: str, *, today: date) -> tuple[str, list]:
    """SELECT of the figures' columns (requirement, department, grade, profession, then the six counts) from
    `source`, SQL for rows with requirement_id, department_id, grade_id, profession_id, status and expires_on."""
    sql = f"""
        SELECT requirement_id, department_id, grade_id, profession_id, COUNT(*),
               SUM(CASE WHEN status IN (%s, %s) THEN 1 ELSE 0 END),
               SUM(CASE WHEN status IN (%s, %s) AND expires_on <= %s THEN 1 ELSE 0 END),
               SUM(CASE WHEN status = %s THEN 1 ELSE 0 END),
               SUM(CASE WHEN status = %s THEN 1 ELSE 0 END),
               SUM(CASE WHEN status = %s THEN 1 ELSE 0 END)
        FROM {source} counted
        GROUP BY requirement_id, department_id, grade_id, profession_id
    """  # noqa: S608 - `source` is our own SQL; values are parameters
    params = [
        *COMPLIANT,
        *COMPLIANT,
        today + timedelta(days=EXPIRING_DAYS),
        Status.DUE,
        Status.OVERDUE,
        Status.EXEMPT,
    ]
    return sql, params


def statuses_sql(requirement: Requirement, *, today: date) -> tuple[str, list]:
    """`statuses` as SQL whose columns are named as PersonStatus's, with each status's urgency.

    The urgency is worked out from the status column of the query within, which OFFSET 0 keeps whole
    (SQLite's planner too, which needs a LIMIT with it):
    otherwise PostgreSQL would put the status's whole expression (five subqueries) into each branch of the
    urgency's CASE, and work out each person's status eight times over."""
    sql, params = statuses(requirement, today=today).query.get_compiler(connection=connection).as_sql()
    quote = connection.ops.quote_name
    status = quote("s_status")
    branches = " ".join(f"WHEN {status} = %s THEN {order}" for order in range(len(URGENCY)))
    urgency = f"CASE {branches} ELSE {len(URGENCY)} END"
    named = ", ".join(
        f"{urgency if column == 'urgency' else quote(alias)} AS {quote(column)}" for column, alias in _COLUMNS
    )
    fence = {"postgresql": " OFFSET 0", "sqlite": " LIMIT -1 OFFSET 0"}.get(connection.vendor, "")
    return f"(SELECT {named} FROM ({sql}{fence}) aliased)", [*URGENCY, *params]  # noqa: S608


def _count_figures(cursor, model, *, today: date) -> None:
    quote = connection.ops.quote_name
    select, params = counts_sql(quote(model._meta.db_table), today=today)
    cursor.execute(
        f"INSERT INTO {quote(StatusFigure._meta.db_table)} (requirement_id, department_id, grade_id, profession_id, "
        f"covered, compliant, expiring, due, overdue, exempt) {select}",
        params,
    )


def refresh(*, today: date | None = None) -> Refresh:
    """Work out everyone's status against every active requirement again, and count the figures."""
    today = today or timezone.localdate()
    started_at = timezone.now()
    clock = time.perf_counter()
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One refresh at a time; a second waits, then does its own on what the first committed.
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('govlearn.compliance.refresh'))")
        # The table the latest refresh did not write; readers of the latest never touch it.
        latest = latest_refresh()
        slot = 1 - latest.slot if latest else 0
        model = SLOTS[slot]
        table = quote(model._meta.db_table)
        if connection.vendor == "postgresql":
            # Emptied whole (it waits only for a reader still on a refresh before the latest one).
            cursor.execute(f"TRUNCATE {table}")
        else:
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608
        cursor.execute(f"DELETE FROM {quote(StatusFigure._meta.db_table)}")  # noqa: S608
        requirements = Requirement.objects.active().prefetch_related("grades", "departments", "professions")
        for requirement in requirements.select_related("minimum_grade"):
            _insert_statuses(cursor, model, requirement, today=today)
        _count_figures(cursor, model, today=today)
        if connection.vendor == "postgresql":
            # Every row is new: give the planner their statistics now, committed with them, rather than when
            # autovacuum next looks (until then it would guess a department's size and sort all its rows).
            for analysed in (model, StatusFigure):
                cursor.execute(f"ANALYZE {quote(analysed._meta.db_table)}")
        rows = model.objects.count()
        record = Refresh.objects.create(
            started_at=started_at, finished_at=timezone.now(), today=today, rows=rows, slot=slot
        )
        # Keep a day's worth of records: enough to see how long refreshes take.
        Refresh.objects.filter(finished_at__lt=record.finished_at - timedelta(days=1)).delete()
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # The previous figures are dead rows now (the figures are few, and replaced in place): clear them.
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM {quote(StatusFigure._meta.db_table)}")
    record.seconds = time.perf_counter() - clock
    return record


def rows_of(refresh: Refresh | None):
    """The model of the rows a refresh wrote (`PersonStatus` before any)."""
    return refresh.rows_model if refresh else PersonStatus


def latest_refresh() -> Refresh | None:
    return Refresh.objects.order_by("-finished_at", "-pk").first()
