"""Start-up checks that turn bad configuration into one clear sentence."""

from __future__ import annotations

from django.db import DatabaseError, connections


def database_problem(alias: str = "default") -> str | None:
    """Say why the database cannot be used, or None when it answers."""
    connection = connections[alias]
    settings = connection.settings_dict
    where = (
        settings.get("NAME")
        if connection.vendor == "sqlite"
        else (f"{settings.get('HOST') or 'localhost'}:{settings.get('PORT') or 'default port'}/{settings.get('NAME')}")
    )
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        return f"the database at {where} (DATABASE_URL) cannot be reached: {reason}"
    finally:
        connection.close()
    return None
