from datetime import date

from django.core.management.base import BaseCommand, CommandError

from compliance.snapshot import refresh


class Command(BaseCommand):
    help = "Work out everyone's compulsory-training status and HR's compliance figures again (every few minutes)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Work them out as if it were this day (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        try:
            day = date.fromisoformat(today) if today else None
        except ValueError as error:
            raise CommandError(f"--today must be a date as YYYY-MM-DD, not {today!r}.") from error
        record = refresh(today=day)
        self.stdout.write(
            f"Compliance figures worked out for {record.today:%-d %B %Y}: {record.rows} rows in {record.seconds:.1f} s."
        )
