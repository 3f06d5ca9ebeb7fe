"""Statements that run on every request, planned once per database connection.

Django binds parameters on the client and never prepares statements, so PostgreSQL
plans each query every time it runs. For the few hand-written statements that run
on every signed-in request (the user with their roles, the My learning fingerprint,
and without a shared cache the content generation of `content.sites`) the planning,
or the ORM's compiling, cost more than the execution: on PostgreSQL they go through a cursor
that prepares them (psycopg keeps the prepared statements of each connection, and
prepares again on a new one). Django still wraps, times and counts them as usual.
"""

from __future__ import annotations

import functools

from django.db import connection


@functools.cache
def _preparing_cursor_class():
    from django.db.backends.postgresql.base import ServerBindingCursor  # only with psycopg installed

    class PreparingCursor(ServerBindingCursor):
        def execute(self, query, params=None, **kwargs):
            return super().execute(query, params, prepare=True, **kwargs)

    return PreparingCursor


def prepared_cursor():
    """A cursor for a statement that runs often: prepared on PostgreSQL, Django's own cursor elsewhere."""
    cursor = connection.cursor()  # also checks the connection's health and opens it
    if connection.vendor != "postgresql" or connection.connection.prepare_threshold is None:
        return cursor
    cursor.close()
    raw = _preparing_cursor_class()(connection.connection)
    return connection.make_debug_cursor(raw) if connection.queries_logged else connection.make_cursor(raw)
