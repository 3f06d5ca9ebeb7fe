from datetime import date

from django.core.management.base import BaseCommand, CommandError

from compliance.periods import freeze, freeze_due, month_end


class Command(BaseCommand):
    help = "Freeze the compliance figures of the month that has just ended (nightly), or of --month YYYY-MM."

    def add_arguments(self, parser):
        parser.add_argument("--month", help="Freeze this month's end (YYYY-MM) instead, if it is not frozen yet.")

    def handle(self, *args, month=None, **options):
        if month:
            try:
                period, new = freeze(month_end(date.fromisoformat(f"{month}-01")))
            except ValueError as error:
                raise CommandError(f"--month must be a month as YYYY-MM, not {month!r}.") from error
        else:
            period, new = freeze_due()
        what = "frozen now" if new else "already frozen, unchanged"
        self.stdout.write(f"Compliance as at {period.period_end:%-d %B %Y}: {what}.")
