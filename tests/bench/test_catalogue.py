"""The bench catalogue is in the search index, so the catalogue-search row times a search that finds courses."""

from __future__ import annotations

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend

from bench.catalogue import bench_pages, build_catalogue, index_catalogue

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the bench measures PostgreSQL's full-text search"),
]


def test_the_catalogue_is_indexed_once_and_found(client):
    build_catalogue(courses=3, modules_per_course=2)
    courses, modules = bench_pages()
    assert index_catalogue() == courses.count() + modules.count() == 9
    assert index_catalogue() == 0  # already there: nothing rebuilt
    found = get_search_backend().search("open data", modules.model.objects.filter(pk__in=modules.values("pk")))
    assert len(found) == 6
    assert b"bench-course-" in client.get("/courses/?q=open+data").content
