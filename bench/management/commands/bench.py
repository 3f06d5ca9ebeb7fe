"""`manage.py bench`: civil-service-scale measurements, printed as a table (see bench/RESULTS.md)."""

from __future__ import annotations

import platform
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client, override_settings

from bench.catalogue import PREFIX, build_catalogue
from bench.learners import bench_learner
from bench.timing import time_page
from courses.models import CoursePage


class Command(BaseCommand):
    help = "Measure govlearn at civil-service scale and print the figures. Use PostgreSQL for figures that count."

    def add_arguments(self, parser):
        parser.add_argument("--courses", type=int, default=200, help="Courses in the catalogue (default 200).")
        parser.add_argument("--modules", type=int, default=30, help="Modules in each course (default 30).")
        parser.add_argument("--requests", type=int, default=300, help="Timed requests per page (default 300).")
        parser.add_argument("--rebuild", action="store_true", help="Rebuild the benchmark catalogue first.")

    def handle(self, *args, courses, modules, requests, rebuild, **options):
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
        rows = []
        with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False, DEBUG=False):
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
        widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
        self.stdout.write("")
        for index, line in enumerate(lines):
            self.stdout.write(" | ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)))
            if index == 0:
                self.stdout.write("-+-".join("-" * w for w in widths))
        self.stdout.write(f"\nIn-process (Django test client, no HTTP server), DEBUG={settings.DEBUG}.")
