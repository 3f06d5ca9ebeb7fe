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
