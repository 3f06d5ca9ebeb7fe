"""The HR import benchmark: its file is the bench population as an HR export, and it cleans up after itself."""

from __future__ import annotations

import csv

import pytest
from django.db import connection

from bench.imports import bare_reference, bench_imports, change_one_percent, write_file
from bench.population import build_population
from people.models import Employee, EmployeeImport

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="bench_populate writes PostgreSQL SQL (COPY, hashint8extended)"
)


@pytest.fixture
def population(db):
    return build_population(employees=1500, seed=3, catalogue_modules=1)


def test_the_file_is_the_population_under_other_staff_numbers(population, tmp_path):
    path = tmp_path / "hr.csv"
    assert write_file(path) == 1500
    with path.open(newline="") as f:
        rows = list(csv.DictReader(f))
    assert all(row["staff_number"].startswith("I") for row in rows)
    assert sum(1 for row in rows if row["line_manager"]) > 1400
    assert any(row["end_date"] for row in rows)
    changed = tmp_path / "changed.csv"
    count = change_one_percent(path, changed)
    with changed.open(newline="") as f:
        different = sum(1 for a, b in zip(rows, csv.DictReader(f), strict=True) if a != b)
    assert different == count
    assert 3 <= count <= 40


def test_the_benchmark_imports_then_removes_what_it_imported(population):
    before = Employee.objects.count()
    first, second = bench_imports(fork=False)
    assert first.summary["created"] == 1500
    assert first.summary["rejected"] == 0
    assert second.summary["updated"] > 0
    assert second.summary["created"] == 0
    assert first.peak_mib > 0
    assert first.assigned > 0  # the people it created were captured and assigned their training
    # Each bare reference did the same work as the import beside it: as many people stored, or changed.
    assert first.reference_rows == first.summary["created"]
    assert second.reference_rows == second.summary["updated"]
    assert first.reference_s > 0
    assert second.reference_s > 0
    assert Employee.objects.count() == before
    assert not EmployeeImport.objects.exists()


def test_the_bare_reference_stores_every_row_of_the_file_and_keeps_none(population, tmp_path):
    path = tmp_path / "hr.csv"
    rows = write_file(path)
    before = Employee.objects.count()
    seconds, stored = bare_reference(path)
    assert stored == rows
    assert seconds > 0
    assert Employee.objects.count() == before
