"""`manage.py certificate_signing_key --development`: a development key pair for signing certificates."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from certificates.devkey import create_development_key


class Command(BaseCommand):
    help = "Make a development key and self-signed certificate for signing certificate PDFs, if there is none."

    def add_arguments(self, parser):
        parser.add_argument(
            "--development", action="store_true", help="Required: the pair made is for development only."
        )

    def handle(self, *args, development, **options):
        key, cert = settings.CERTIFICATE_SIGNING_KEY, settings.CERTIFICATE_SIGNING_CERT
        if not development:
            raise CommandError(
                "This makes a development key only: pass --development. In production, set "
                "CERTIFICATE_SIGNING_KEY and CERTIFICATE_SIGNING_CERT to the service's own key and certificate."
            )
        if create_development_key(key, cert):
            self.stdout.write(
                f"Certificates will be signed with a new DEVELOPMENT key ({key}, certificate {cert}). It is for "
                "development only: in production set CERTIFICATE_SIGNING_KEY and CERTIFICATE_SIGNING_CERT."
            )
        else:
            self.stdout.write(f"Certificates are signed with the key at {key} (certificate {cert}).")
