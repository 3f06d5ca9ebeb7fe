#!/usr/bin/env python
"""govlearn's command-line utility for administrative tasks."""

import os
import sys

# Commands that cannot do anything useful without the database: check it first,
# so an unreachable DATABASE_URL gives one clear sentence, not a traceback.
NEEDS_DATABASE = {"runserver", "migrate", "load_demo", "db_worker", "createsuperuser", "shell", "dbshell"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018 - loads settings so bad configuration fails here
    except ImproperlyConfigured as exc:
        sys.exit(f"govlearn cannot start: {exc}")

    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command in NEEDS_DATABASE:
        import django

        django.setup()
        from config.checks import database_problem

        problem = database_problem()
        if problem:
            sys.exit(f"govlearn cannot start: {problem}")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
