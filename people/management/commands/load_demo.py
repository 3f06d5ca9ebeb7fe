"""`manage.py load_demo`: the demo departments, people and one account per role. Safe to run again.

Apps above `people` add their own demo data (courses, enrolments) without this
command importing them: each registers a Wagtail hook named "load_demo_data",
a function taking the keyword argument `stdout` that loads its data
idempotently. They run after the people, in the same transaction, in hook order.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail import hooks

from content.hooks import LOAD_DEMO_DATA
from people.demo import DemoDataError, load_demo_data

HOOK_NAME = LOAD_DEMO_DATA
NO_PASSWORD = "(no password: DEBUG is off)"  # noqa: S105 - the words shown instead of one


class Command(BaseCommand):
    help = (
        "Load the demo departments, employees and one account per role. Idempotent: running it again "
        "changes only demo records that differ from their definition. The accounts get the demo "
        "password only when DEBUG is on."
    )

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                result = load_demo_data(set_passwords=settings.DEBUG)
                for load_more in hooks.get_hooks(HOOK_NAME):
                    load_more(stdout=self.stdout)
        except DemoDataError as exc:
            raise CommandError(str(exc)) from exc

        if result.changed_anything:
            kinds = sorted(set(result.created) | set(result.updated))
            summary = ", ".join(f"{kind} {result.created[kind]} new, {result.updated[kind]} updated" for kind in kinds)
            self.stdout.write(self.style.SUCCESS(f"Demo data loaded: {summary}."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo data already in place: nothing changed."))
        for name in result.missing_groups:
            self.stdout.write(f"The group {name!r} does not exist yet, so no demo account was added to it.")

        password = settings.DEMO_PASSWORD if result.passwords_set else NO_PASSWORD
        rows = [("Email", "Role", "Password"), *((email, role, password) for email, role in result.accounts)]
        widths = [max(len(row[column]) for row in rows) for column in range(3)]
        self.stdout.write("")
        self.stdout.write("Demo accounts")
        for index, row in enumerate(rows):
            self.stdout.write("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
            if index == 0:
                self.stdout.write("  ".join("-" * width for width in widths))
        if not result.passwords_set:
            self.stdout.write(
                "DEBUG is off, so the demo accounts have no usable password. "
                "Set one with `manage.py changepassword EMAIL`, or run with DEBUG=1 for development."
            )
