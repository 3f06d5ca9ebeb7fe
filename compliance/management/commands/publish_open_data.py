from django.core.management.base import BaseCommand

from compliance.open_data import publish


class Command(BaseCommand):
    help = "Publish the anonymised compliance figures (/open-data/) from the latest and frozen figures (nightly)."

    def handle(self, *args, **options):
        release = publish()
        periods = len(release.data["periods"])
        self.stdout.write(
            f"Open data published: {periods} period{'' if periods == 1 else 's'}, "
            f"counts below {release.threshold} suppressed."
        )
