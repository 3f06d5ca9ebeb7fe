"""Close and score every quiz attempt whose time ran out (run from cron every few minutes)."""

from django.core.management.base import BaseCommand

from assessments.attempts import close_overdue_attempts


class Command(BaseCommand):
    help = "Close and score every quiz attempt whose deadline has passed, recording the deadline as its finish."

    def handle(self, *args, **options):
        closed = close_overdue_attempts()
        self.stdout.write(f"Closed {closed} attempt{'s' if closed != 1 else ''} whose time ran out.")
