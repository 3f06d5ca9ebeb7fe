"""The compliance bench's references do the same work as what they stand beside (PostgreSQL only: they are
PostgreSQL SQL, as the bench is)."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection

from bench.compliance import copy_reference, officer, reference_overview_ms
from compliance.snapshot import latest_refresh, refresh, rows_of

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the bench's references are PostgreSQL SQL"),
]


def test_the_live_reference_counts_the_people_the_figures_count(known):
    _ms, counted = reference_overview_ms(runs=1)
    assert counted == rows_of(latest_refresh()).objects.count() == 9


def test_the_copy_reference_copies_the_rows_the_export_writes(client, known):
    refresh()
    copied = copy_reference()
    assert copied["rows"] == rows_of(latest_refresh()).objects.count()
    client.force_login(officer())
    exported = list(csv.reader(io.StringIO(client.get("/admin/compliance/people.csv").getvalue().decode("utf-8-sig"))))
    assert len(exported) - 1 == copied["rows"]
