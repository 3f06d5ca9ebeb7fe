"""HR compliance at civil-service scale (issue 13): the refresh, the screens, the exports, freezing and publishing.

Each hot path is printed beside a bare reference measured in the same run: the overview beside one
hand-written SQL query that computes the same figures live from the enrolments; the CSV export beside
PostgreSQL's own COPY of the same rows. Exports run in a fresh process, so its peak memory (ru_maxrss)
is the export's own.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from compliance.snapshot import latest_refresh, rows_of
from enrolment.models import Enrolment, Exemption, Requirement
from people.models import Department, Employee, HRScope
from people.roles import HR_OFFICERS

OFFICER_EMAIL = "bench.compliance@example.gov.uk"
REPO = Path(__file__).resolve().parent.parent


def officer():
    """A whole-service HR officer for the bench (not an administrator: the scope is looked up as for anyone)."""
    user, _ = get_user_model().objects.get_or_create(
        email=OFFICER_EMAIL, defaults={"first_name": "Bench", "last_name": "Compliance"}
    )
    user.groups.add(Group.objects.get(name=HR_OFFICERS))
    HRScope.objects.update_or_create(user=user, defaults={"whole_service": True})
    return user


def largest_department() -> Department:
    """The top-level department with the most people in the figures."""
    counts = dict(rows_of(latest_refresh()).objects.values_list("department").order_by().annotate(n=Count("pk")))
    departments = {department.pk: department for department in Department.objects.all()}
    tops: dict[int, int] = {}
    for department in departments.values():
        top = department
        while top.parent_id in departments:
            top = departments[top.parent_id]
        tops[top.pk] = tops.get(top.pk, 0) + counts.get(department.pk, 0)
    return departments[max(tops, key=tops.get)]


def reference_overview_ms(runs: int = 5) -> tuple[float, int]:
    """Median ms of one hand-written SQL query computing each requirement's figures live from the enrolments
    (covered, compliant, due, overdue, exempt), for the bench requirements; and the people it counted."""
    today = timezone.localdate()
    e, en, ex = Employee._meta.db_table, Enrolment._meta.db_table, Exemption._meta.db_table
    requirements = list(
        Requirement.objects.active()
        .select_related("minimum_grade")
        .prefetch_related("grades", "departments", "professions")
    )
    parts, params = [], []
    for requirement in requirements:
        audience, audience_params = (
            requirement.audience().values("pk").query.get_compiler(connection=connection).as_sql()
        )
        parts.append(
            f"""
            SELECT %s AS requirement_id,
                   CASE WHEN EXISTS (SELECT 1 FROM {ex} x WHERE x.employee_id = p.id AND x.requirement_id = %s
                                     AND x.revoked_at IS NULL AND x.until >= %s) THEN 'exempt'
                        WHEN c.expires_on IS NOT NULL AND c.expires_on >= %s OR c.done AND c.expires_on IS NULL
                             THEN 'compliant'
                        WHEN o.due_on < %s OR c.done THEN 'overdue'
                        ELSE 'due' END AS status
            FROM {e} p
            LEFT JOIN LATERAL (
                SELECT bool_or(true) AS done, max(expires_on) AS expires_on FROM {en}
                WHERE employee_id = p.id AND course_id = %s AND completed_at IS NOT NULL
            ) c ON true
            LEFT JOIN LATERAL (
                SELECT min(due_on) AS due_on FROM {en}
                WHERE employee_id = p.id AND course_id = %s AND completed_at IS NULL AND withdrawn_at IS NULL
            ) o ON true
            WHERE p.id IN ({audience})
            """
        )
        params += [requirement.pk, requirement.pk, today, today, today, requirement.course_id, requirement.course_id]
        params += list(audience_params)
    sql = (
        "SELECT requirement_id, count(*), sum((status = 'compliant')::int), sum((status = 'due')::int), "
        "sum((status = 'overdue')::int), sum((status = 'exempt')::int) FROM ("
        + " UNION ALL ".join(parts)
        + ") s GROUP BY requirement_id"
    )
    times, counted = [], 0
    with connection.cursor() as cursor:
        for _ in range(runs):
            begin = time.perf_counter()
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            times.append((time.perf_counter() - begin) * 1000)
            counted = sum(row[1] for row in rows)
    return statistics.median(times), counted


def copy_reference() -> dict:
    """PostgreSQL's COPY of the export's rows (the same joins and columns) to this process: rows per second."""
    from compliance.dashboard import Filters, people
    from compliance.exports import FIELDS
    from people.scopes import EVERYONE

    query = people(EVERYONE, Filters(), today=timezone.localdate()).values_list(*FIELDS)
    sql, params = query.query.get_compiler(connection=connection).as_sql()
    with connection.cursor() as cursor:
        composed = cursor.mogrify(sql, params)
        raw = cursor.connection.cursor()
        begin = time.perf_counter()
        rows = size = 0
        first = None
        with raw.copy(f"COPY ({composed}) TO STDOUT WITH (FORMAT csv)") as copy:
            for block in copy:
                if first is None:
                    first = time.perf_counter() - begin
                size += len(block)
                rows += bytes(block).count(b"\n")
        seconds = time.perf_counter() - begin
    return {"rows": rows, "seconds": seconds, "rate": rows / seconds if seconds else 0, "first": first or 0}


def export_in_fresh_process(kind: str, *, query: str = "", rows: int) -> dict:
    """Run the export (through the view, as a browser gets it) in a new process; `rows` it should hold, time
    to the first byte, rows per second and peak memory."""
    code = (
        "import django, json; django.setup(); "
        f"from bench.compliance import _export_child; print(json.dumps(_export_child({kind!r}, {query!r}, {rows!r})))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    command = [sys.executable, "-c", code]  # our own interpreter and code
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=True)  # noqa: S603
    return json.loads(done.stdout.strip().splitlines()[-1])


def _export_child(kind: str, query: str, expected: int) -> dict:
    """In the fresh process: the export's response, read to the end."""
    from django.test import Client, override_settings

    user = get_user_model().objects.get(email=OFFICER_EMAIL)
    with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False):
        client = Client()
        client.force_login(user)
        before = _high_water_kb()
        begin = time.perf_counter()
        response = client.get(f"/admin/compliance/people.{kind}{query}")
        first = None
        size = 0
        lines = 0
        if response.streaming:
            for chunk in response.streaming_content:
                if first is None:
                    first = time.perf_counter() - begin
                size += len(chunk)
                lines += chunk.count(b"\n") if isinstance(chunk, bytes) else chunk.count("\n")
        else:
            first = time.perf_counter() - begin
            size = len(response.content)
        seconds = time.perf_counter() - begin
        peak = _high_water_kb()
    rows = lines - 1 if kind == "csv" else expected
    return {
        "status": response.status_code,
        "rows": rows,
        "bytes": size,
        "seconds": seconds,
        "first": first,
        "rate": rows / seconds if seconds else 0,
        "peak_mb": peak / 1024,
        "start_mb": before / 1024,
    }


def _high_water_kb() -> int:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, it starts again at exec, not at the
    parent's peak)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def timed(function, *args, **kwargs) -> tuple[float, object]:
    begin = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - begin, result


def month_ends(count: int) -> list:
    from compliance.periods import previous_month_end

    ends, day = [], timezone.localdate()
    for _ in range(count):
        day = previous_month_end(day)
        ends.append(day)
        day -= timedelta(days=1)
    return ends
