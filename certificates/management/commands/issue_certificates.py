"""`manage.py issue_certificates`: issue every certificate a completion is still waiting for."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from certificates.issuing import issue_missing_certificates


class Command(BaseCommand):
    help = (
        "Issue the certificate of every completed enrolment that has none, and render the PDF of every "
        "certificate that has none (after a worker failure or an outage). Safe to run at any time."
    )

    def handle(self, *args, **options):
        done = issue_missing_certificates()
        self.stdout.write(f"Certificates issued or completed: {done}." if done else "No certificate was waiting.")
