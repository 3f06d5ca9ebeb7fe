"""Disclosure control of the published figures: the rules, and an attacker who tries to recover every
suppressed count from what is published (the totals, the other counts, and that counts are whole and never
negative, and that no one can be compliant or overdue without being covered)."""

from __future__ import annotations

import csv
import io
import json
import random

import pytest
from django.urls import reverse
from django.utils import timezone

from compliance.disclosure import MEASURES, Cell, protect
from compliance.open_data import COLUMNS, publish
from compliance.periods import freeze, previous_month_end

INF = float("inf")


def table_of(cells: dict[tuple[str, str], tuple[int, int, int]]):
    table = {key: Cell(*values) for key, values in cells.items()}
    totals = {}
    for (_department, requirement), cell in table.items():
        total = totals.setdefault(requirement, Cell(0, 0, 0))
        total.covered += cell.covered
        total.compliant += cell.compliant
        total.overdue += cell.overdue
    return table, totals


def published(table, totals):
    """What anyone sees: each count, or None where suppressed."""
    return (
        {key: {m: cell.shown(m) for m in MEASURES} for key, cell in table.items()},
        {key: {m: cell.shown(m) for m in MEASURES} for key, cell in totals.items()},
    )


def recover(cells, totals) -> dict[tuple, int]:
    """Every suppressed count an attacker can pin down by linear reasoning: (department, requirement, measure)
    to its value. Each suppressed count is a whole number with bounds, narrowed again and again by the
    column totals (the sum of a column's unknowns is the total less its known counts) and by
    compliant + overdue <= covered within a department, until nothing changes."""
    low, high = {}, {}
    for key, counts in cells.items():
        for measure, value in counts.items():
            if value is None:
                low[(*key, measure)], high[(*key, measure)] = 0, INF
    changed = True
    while changed:
        changed = False

        def narrow(variable, lo=None, hi=None):
            nonlocal changed
            if lo is not None and lo > low[variable]:
                low[variable] = lo
                changed = True
            if hi is not None and hi < high[variable]:
                high[variable] = hi
                changed = True

        def value(key, measure):
            known = cells[key][measure]
            if known is not None:
                return known, known
            return low[(*key, measure)], high[(*key, measure)]

        # Within a department: compliant + overdue <= covered, each <= covered.
        for key in cells:
            _cov_lo, cov_hi = value(key, "covered")
            com_lo, _com_hi = value(key, "compliant")
            ove_lo, _ove_hi = value(key, "overdue")
            if cells[key]["covered"] is None:
                narrow((*key, "covered"), lo=com_lo + ove_lo)
            if cells[key]["compliant"] is None:
                narrow((*key, "compliant"), hi=cov_hi - ove_lo)
            if cells[key]["overdue"] is None:
                narrow((*key, "overdue"), hi=cov_hi - com_lo)
        # Each column: the unknowns add up to the total less the known counts.
        for requirement, total in totals.items():
            for measure in MEASURES:
                if total[measure] is None:
                    continue
                column = [key for key in cells if key[1] == requirement]
                unknown = [key for key in column if cells[key][measure] is None]
                rest = total[measure] - sum(cells[key][measure] for key in column if key not in unknown)
                for key in unknown:
                    others = [k for k in unknown if k != key]
                    narrow(
                        (*key, measure),
                        lo=rest - sum(high[(*k, measure)] for k in others),
                        hi=rest - sum(low[(*k, measure)] for k in others),
                    )
    return {variable: low[variable] for variable in low if low[variable] == high[variable]}


def protected(cells, threshold=10):
    table, totals = table_of(cells)
    protect(table, totals, threshold=threshold)
    return table, totals


# The rules ------------------------------------------------------------------------------------


def test_small_counts_and_what_gives_them_away_are_suppressed_and_zero_is_shown():
    table, _totals = protected(
        {
            ("A", "r"): (120, 113, 0),  # 7 not compliant: compliant gives them away
            ("B", "r"): (200, 150, 4),  # 4 overdue
            ("C", "r"): (6, 6, 0),  # 6 covered: everything about C
            ("D", "r"): (300, 250, 30),
        }
    )
    assert "compliant" in table[("A", "r")].hidden
    assert "overdue" in table[("B", "r")].hidden
    assert table[("C", "r")].hidden == set(MEASURES)
    assert table[("D", "r")].shown("overdue") == 30
    assert table[("A", "r")].shown("overdue") == 0
    assert table[("A", "r")].percent_compliant is None  # its compliant is suppressed
    assert table[("D", "r")].percent_compliant == 83


def test_a_lone_suppressed_count_in_a_column_gets_a_second_one_of_at_least_the_threshold():
    table, totals = protected({("A", "r"): (100, 90, 3), ("B", "r"): (100, 50, 12), ("C", "r"): (100, 50, 40)})
    hidden_overdue = sorted(key[0] for key, cell in table.items() if "overdue" in cell.hidden)
    assert hidden_overdue == ["A", "B"]  # B's 12 is the smallest count of 10 or more
    assert totals["r"].shown("overdue") == 55


def test_with_nothing_to_hide_with_the_total_itself_is_suppressed():
    table, totals = protected({("A", "r"): (100, 95, 3), ("B", "r"): (100, 100, 0)})
    assert "overdue" in table[("A", "r")].hidden
    assert "overdue" in totals["r"].hidden


def test_nothing_suppressed_can_be_recovered_from_a_worked_example():
    table, totals = protected(
        {
            ("A", "r"): (120, 113, 0),
            ("B", "r"): (200, 150, 4),
            ("C", "r"): (6, 6, 0),
            ("D", "r"): (300, 250, 30),
            ("A", "s"): (40, 35, 5),
            ("B", "s"): (55, 50, 5),
        }
    )
    assert recover(*published(table, totals)) == {}


@pytest.mark.parametrize("seed", range(200))
def test_nothing_suppressed_can_be_recovered_from_random_tables(seed):
    rng = random.Random(seed)
    cells = {}
    for requirement in ("r", "s", "t")[: rng.randint(1, 3)]:
        for department in "ABCDEFGH"[: rng.randint(2, 8)]:
            covered = rng.choice([rng.randint(0, 12), rng.randint(10, 60), rng.randint(50, 5000)])
            compliant = rng.choice([covered, covered - min(covered, rng.randint(0, 12)), rng.randint(0, covered)])
            overdue = rng.choice([0, rng.randint(0, min(12, covered - compliant)), covered - compliant])
            cells[(department, requirement)] = (covered, compliant, overdue)
    table, totals = protected(cells, threshold=rng.choice([5, 10]))
    shown_cells, shown_totals = published(table, totals)
    recovered = recover(shown_cells, shown_totals)
    assert recovered == {}, (cells, recovered)
    # And nothing small is shown.
    for cell in [*table.values(), *totals.values()]:
        for measure in MEASURES:
            value = cell.shown(measure)
            assert value is None or value == 0 or value >= 5


# The published files and page ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_open_data_page_and_files_agree_and_need_no_sign_in(client, known, settings):
    settings.OPEN_DATA_THRESHOLD = 2
    freeze(previous_month_end(timezone.localdate()))
    release = publish()
    assert [period["kind"] for period in release.data["periods"]] == ["Latest", "Month"]

    page = client.get(reverse("compliance:open_data"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Open Government Licence v3.0" in html
    assert "Department A" in html
    assert "All departments" in html

    rows = list(csv.DictReader(io.StringIO(client.get(reverse("compliance:open_data_csv")).content.decode())))
    data = json.loads(client.get(reverse("compliance:open_data_json")).content)
    assert [{k: str(v) for k, v in row.items()} for row in data["rows"]] == rows
    metadata = json.loads(client.get(reverse("compliance:open_data_metadata")).content)
    assert [column["name"] for column in metadata["tableSchema"]["columns"]] == list(rows[0])
    assert [column["name"] for column in metadata["tableSchema"]["columns"]] == [c[0] for c in COLUMNS]
    assert metadata["dc:license"]["@id"].endswith("open-government-licence/version/3/")
    assert metadata["dc:issued"] == release.published_at.isoformat()
    # The latest figures of "Everyone" with a threshold of 2. A (with its agency): 3 covered, 2 compliant (the
    # one not compliant would be singled out), 1 overdue. B: 3 covered, none compliant, 1 overdue. Overdue has
    # two hidden, so its total stands; compliant has one, and no other count to hide with it, so its total goes.
    latest = {r["department"]: r for r in rows if r["period"] == "Latest" and r["requirement"] == "Everyone"}
    figures = {
        name: (r["people_covered"], r["compliant"], r["overdue"], r["percent_compliant"]) for name, r in latest.items()
    }
    assert figures == {
        "Department A": ("3", "[c]", "[c]", "[c]"),
        "Department B": ("3", "0", "[c]", "0"),
        "All departments": ("6", "[c]", "2", "[c]"),
    }
    assert not any(r for r in rows if r["department"] == "Agency under A")  # bodies are counted in their department


@pytest.mark.django_db
def test_with_the_usual_threshold_the_small_demo_like_figures_are_suppressed(client, known):
    publish()
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("compliance:open_data_csv")).content.decode())))
    latest = [r for r in rows if r["period"] == "Latest"]
    assert latest
    for row in latest:
        for column in ("people_covered", "compliant", "overdue"):
            assert row[column] == "[c]" or int(row[column]) == 0 or int(row[column]) >= 10


@pytest.mark.django_db
def test_before_anything_is_published_the_page_says_so(client):
    html = client.get(reverse("compliance:open_data")).content.decode()
    assert "No figures have been published yet" in html


def test_a_count_pinned_by_its_own_department_is_hidden_with_the_rest_of_it():
    # Everyone in A is overdue, so A's compliant (hidden as the complement of B's) would be pinned at 0 by
    # covered - overdue once the totals cannot help.
    table, totals = protected({("A", "r"): (50, 0, 50), ("B", "r"): (30, 25, 5), ("C", "r"): (40, 40, 0)})
    assert recover(*published(table, totals)) == {}
