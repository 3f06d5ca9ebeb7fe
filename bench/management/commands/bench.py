"""`manage.py bench`: civil-service-scale measurements, printed as a table (see bench/RESULTS.md)."""

from __future__ import annotations

import platform
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings

from bench.catalogue import PREFIX, build_catalogue
from bench.engine import explain as explain_statement
from bench.engine import measure_engine, population_summary
from bench.learners import bench_learner, my_learning_person
from bench.timing import concurrent_rate, time_page
from courses.models import CoursePage

GROUPS = ("pages", "engine", "mylearning")


class Command(BaseCommand):
    help = "Measure govlearn at civil-service scale and print the figures. Use PostgreSQL for figures that count."

    def add_arguments(self, parser):
        parser.add_argument("--courses", type=int, default=200, help="Courses in the catalogue (default 200).")
        parser.add_argument("--modules", type=int, default=30, help="Modules in each course (default 30).")
        parser.add_argument("--requests", type=int, default=300, help="Timed requests per page (default 300).")
        parser.add_argument("--rebuild", action="store_true", help="Rebuild the benchmark catalogue first.")
        parser.add_argument(
            "--only",
            action="append",
            choices=GROUPS,
            help="Run only this group (repeatable): pages (course pages), engine (compulsory training engine, "
            "needs bench_populate), mylearning (My learning, needs bench_populate). Default: all.",
        )
        parser.add_argument("--runs", type=int, default=3, help="Runs of each engine measurement (default 3).")
        parser.add_argument(
            "--processes", type=int, default=4, help="Worker processes for the My learning req/s figure (default 4)."
        )
        parser.add_argument(
            "--explain", action="store_true", help="Print EXPLAIN ANALYZE of the slowest statement of each engine step."
        )

    def handle(self, *args, courses, modules, requests, rebuild, only, runs, processes, explain, **options):
        groups = set(only or GROUPS)
        if settings.DEBUG:
            raise CommandError(
                "Run benchmarks with DEBUG off, as in production (templates are cached, queries not logged): "
                "DEBUG=0 SECRET_KEY=bench ALLOWED_HOSTS=testserver manage.py bench"
            )
        self.stdout.write(f"Database: {connection.vendor} · Python {platform.python_version()} · {platform.machine()}")
        existing = CoursePage.objects.filter(slug__startswith=PREFIX).count()
        if rebuild or existing != courses:
            started = time.perf_counter()
            built = build_catalogue(courses=courses, modules_per_course=modules)
            self.stdout.write(
                f"Built a catalogue of {built.courses} courses and {built.modules} modules "
                f"in {time.perf_counter() - started:.1f} s."
            )
        if "engine" in groups:
            self._engine(runs=runs, explain=explain)
        rows = []
        with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False, DEBUG=False):
            if "mylearning" in groups:
                rows.append(self._my_learning(requests=requests, processes=processes))
            if "pages" not in groups:
                self._table(rows)
                return
            learner, course, module = bench_learner(modules_done=modules // 2)
            client = Client()
            client.force_login(learner.user)
            rows.append(
                time_page(f"Module page, signed in ({modules}-module course)", client, module.url, requests=requests)
            )
            rows.append(time_page("Course page, signed in", client, course.url, requests=requests))
            rows.append(time_page(f"Catalogue ({courses} courses), page 1", client, "/courses/", requests=requests))
            rows.append(
                time_page(
                    "Catalogue search “open data”", client, "/courses/?q=open+data", requests=max(50, requests // 5)
                )
            )
        self._table(rows)

    def _print(self, lines) -> None:
        widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
        self.stdout.write("")
        for index, line in enumerate(lines):
            self.stdout.write(" | ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)))
            if index == 0:
                self.stdout.write("-+-".join("-" * w for w in widths))

    def _engine(self, *, runs: int, explain: bool) -> None:
        self.stdout.write(f"Engine over {population_summary()}.")
        results = measure_engine(runs=runs, log=self.stdout.write)
        header = ("Measurement", "Rows changed", "best s", "median s", "target s", "")
        lines = [header] + [
            (
                r.name,
                f"{r.rows:,}",
                f"{r.best:.2f}",
                f"{r.median:.2f}",
                f"{r.target_s:g}",
                "ok" if r.median < r.target_s else f"MISSED by {r.median - r.target_s:.2f} s",
            )
            for r in results
        ]
        self._print(lines)
        for r in results:
            self.stdout.write(f"\nSlowest statements of the last run of: {r.name}")
            for seconds, sql, _params in r.statements:
                self.stdout.write(f"  {seconds:7.3f} s  {' '.join(sql.split())[:300]}")
            if explain and r.statements:
                _seconds, sql, params = r.statements[0]
                if "Re-evaluate" in r.name or "SCS" in r.name:
                    self.stdout.write(explain_statement(sql, params))

    def _my_learning(self, *, requests: int, processes: int):
        user, count = my_learning_person(enrolments=40)
        client = Client()
        client.force_login(user)
        timing = time_page(f"My learning (GET /), signed in, {count} enrolments", client, "/", requests=requests)
        if processes > 1:
            rate, p50, p95 = concurrent_rate("/", user_id=user.pk, processes=processes, requests=requests)
            self.stdout.write(
                f"My learning with {processes} processes: {rate:.0f} req/s in all, p50 {p50:.1f} ms, p95 {p95:.1f} ms"
            )
        return timing

    def _table(self, rows) -> None:
        header = ("Measurement", "Requests", "Queries", "p50 ms", "p95 ms", "max ms", "req/s")
        lines = [header] + [
            (
                r.name,
                str(r.requests),
                str(r.queries),
                f"{r.p50_ms:.1f}",
                f"{r.p95_ms:.1f}",
                f"{r.max_ms:.1f}",
                f"{r.per_second:.0f}",
            )
            for r in rows
        ]
        self._print(lines)
        self.stdout.write(f"\nIn-process (Django test client, no HTTP server), DEBUG={settings.DEBUG}.")
