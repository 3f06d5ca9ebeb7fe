"""`manage.py assign_requirements`: make compulsory training true for everyone today. Run nightly."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from enrolment.assignment import assign_requirements


class Command(BaseCommand):
    help = (
        "Give every active person in each requirement's audience an open enrolment with its due date, "
        "open renewals whose window has opened, and withdraw people who left an audience. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD), Europe/London.")

    def handle(self, *args, today=None, **options):
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--today must be a date like 2026-11-26, not {today!r}.") from exc
        result = assign_requirements(today=day)
        for name, counts in result.by_requirement.items():
            summary = ", ".join(f"{count} {what.replace('_', ' ')}" for what, count in counts.items() if count)
            self.stdout.write(f"{name}: {summary or 'nothing to change'}")
        self.stdout.write(self.style.SUCCESS(f"Done for {day:%d %B %Y}: {result.changed} changes."))
