"""Hand-written statements that run on every request are planned once per connection on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext

from content.db import prepared_cursor
from people.backends import AuthenticationBackend
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_the_user_and_roles_statement_is_prepared_and_still_counted():
    user = UserFactory()
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert AuthenticationBackend().get_user(user.pk) == user
    assert len(queries) == 3
    assert any('"people_user_groups"' in statement for statement in prepared_statements())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_django_queries_are_not_prepared():
    before = prepared_statements()
    with connection.cursor() as cursor:
        for _ in range(10):
            cursor.execute("SELECT %s + 1", [41])
    assert prepared_statements() == before


def test_a_prepared_statement_gives_rows_and_django_errors():
    with prepared_cursor() as cursor:
        cursor.execute("SELECT %(a)s + %(b)s, %(a)s", {"a": 40, "b": 2})
        assert cursor.fetchone() == (42, 40)
    with pytest.raises(DatabaseError), prepared_cursor() as cursor:
        cursor.execute("SELECT * FROM no_such_table WHERE id = %(id)s", {"id": 1})


def test_the_django_and_psycopg_internals_the_preparing_cursor_uses_are_still_there():
    """`prepared_cursor` subclasses Django's private PostgreSQL cursor: an upgrade that changes it must fail here."""
    import inspect

    import psycopg
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.backends.postgresql.base import ServerBindingCursor

    assert issubclass(ServerBindingCursor, psycopg.Cursor), "Django's ServerBindingCursor changed: see content.db"
    assert "prepare" in inspect.signature(psycopg.Cursor.execute).parameters, "psycopg's execute(prepare=) is gone"
    assert "prepare_threshold" in dir(psycopg.Connection), "psycopg's Connection.prepare_threshold is gone"
    for name in ("make_cursor", "make_debug_cursor"):
        assert callable(getattr(BaseDatabaseWrapper, name, None)), f"Django's {name} is gone: see content.db"
    assert isinstance(BaseDatabaseWrapper.queries_logged, property), "Django's queries_logged changed: see content.db"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_the_content_generation_every_page_reads_is_prepared_and_still_counted(client):
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert len(queries) == 1  # nobody signed in: only the generation (content.sites)
    assert any('"content_contentgeneration"' in statement for statement in prepared_statements())
