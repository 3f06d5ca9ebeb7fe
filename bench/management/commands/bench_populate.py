"""`manage.py bench_populate`: a synthetic civil service for `manage.py bench` (PostgreSQL only)."""

from __future__ import annotations

import resource
import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench.population import build_population, remove_population


class Command(BaseCommand):
    help = (
        "Replace the bench population (departments coded B-…, their people, enrolments, exemptions and the "
        "'Bench: ' requirements) with a synthetic civil service. Demo data is not touched. PostgreSQL only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--employees", type=int, default=500_000, help="People to create (default 500,000).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD).")
        parser.add_argument("--remove", action="store_true", help="Only remove the bench population.")
        parser.add_argument(
            "--no-settle", action="store_true", help="Skip the final assign_requirements() consistency check."
        )

    def handle(self, *args, employees, seed, today, remove, no_settle, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                f"bench_populate is PostgreSQL only (COPY and PostgreSQL functions); this database is "
                f"{connection.vendor}. Set DATABASE_URL=postgres://…"
            )
        if remove:
            remove_population()
            self.stdout.write("Removed the bench population.")
            return
        if employees < 100:
            raise CommandError("--employees must be at least 100.")
        started = time.perf_counter()
        result = build_population(
            employees=employees,
            seed=seed,
            today=date.fromisoformat(today) if today else None,
            settle=not no_settle,
            log=self.stdout.write,
        )
        elapsed = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(
            f"Built {result.employees:,} people ({result.leavers:,} leavers) in {result.departments} departments, "
            f"about {result.enrolments:,} enrolments, {result.exemptions:,} exemptions and {result.extensions:,} "
            f"extensions (whole tables) in {result.build_seconds:.1f} s; {elapsed:.1f} s with the final "
            f"assign_requirements() check; peak memory {peak:.0f} MiB."
        )
        if result.settle_changed > 0:
            self.stdout.write(
                self.style.WARNING(f"assign_requirements() still changed {result.settle_changed} rows after the build.")
            )
