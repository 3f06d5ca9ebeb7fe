"""`manage.py send_reminders`: email the compulsory-training reminders owed today. Run daily."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from enrolment.models import ReminderSent
from enrolment.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Record and send the reminders owed today: on assignment, when a renewal window opens, 30 and 7 days "
        "before the due date, on it, and weekly while overdue. Running it twice on one day sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Act as if today were this date (YYYY-MM-DD), Europe/London.")

    def handle(self, *args, today=None, **options):
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--today must be a date like 2026-11-26, not {today!r}.") from exc
        result = send_reminders(today=day)
        for kind, label in ReminderSent.Kind.choices:
            if result.by_kind[kind]:
                self.stdout.write(f"{label}: {result.by_kind[kind]}")
        self.stdout.write(self.style.SUCCESS(f"Done for {day:%d %B %Y}: {result.count} reminders queued."))
