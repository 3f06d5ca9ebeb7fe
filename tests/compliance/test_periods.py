"""Compliance as at a month's end: frozen once, reproducible after moves, promotions and restructures."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from compliance.dashboard import Filters, breakdown, overview, total
from compliance.models import FrozenPeriod, PeriodFigure
from compliance.periods import freeze, freeze_due, month_end, previous_month_end
from compliance.snapshot import refresh
from people.models import Department
from people.scopes import EVERYONE, Scope
from tests.compliance.test_dashboard import as_dict

pytestmark = pytest.mark.django_db


@pytest.fixture
def period_end():
    return previous_month_end(timezone.localdate())


def figures_as_at(period, scope=EVERYONE):
    filters = Filters(period=period)
    return (
        as_dict(total(scope, filters)),
        [(row.label, row.covered, row.overdue) for row in overview(scope, filters)],
        [(row.label, row.extra["depth"], row.covered) for row in breakdown(scope, filters, "department")],
        [(row.label, row.covered) for row in breakdown(scope, filters, "grade")],
    )


def test_a_month_is_frozen_once_and_asking_again_changes_nothing(known, period_end):
    period, new = freeze(period_end)
    assert new
    before = list(PeriodFigure.objects.filter(period=period).values_list("covered", "overdue").order_by("pk"))
    again, new = freeze(period_end)
    assert (again, new) == (period, False)
    assert list(PeriodFigure.objects.filter(period=period).values_list("covered", "overdue").order_by("pk")) == before


def test_figures_as_at_a_month_end_survive_moves_promotions_and_a_restructure(known, grades, period_end):
    period, _ = freeze(period_end)
    before = figures_as_at(period)
    a_scope = Scope(department_ids=frozenset({known["a"].pk}))
    before_for_a = figures_as_at(period, a_scope)
    assert before[0]["covered"] == 9

    # After the month: a person moves, another is promoted, A's agency moves under B, B is renamed.
    mover = known["expected"][0][0]
    mover.department = known["b"]
    mover.save()
    promoted = known["expected"][1][0]
    promoted.grade = grades["SCS1"]
    promoted.save()
    agency = known["a1"]
    agency.parent = known["b"]
    agency.save()
    Department.objects.filter(pk=known["b"].pk).update(name="Department B, renamed")
    refresh()

    assert figures_as_at(period) == before
    assert figures_as_at(period, a_scope) == before_for_a
    # The structure is the one of the month's end: the agency still under A, B by its old name.
    rows = before[2]
    assert ("Agency under A", 1, 3) in rows
    assert ("Department B", 0, 5) in rows
    tops = [covered for _label, depth, covered in rows if depth == 0]
    assert sum(tops) == before[0]["covered"]
    # The latest figures follow the new structure.
    latest = [(row.label, row.extra["depth"]) for row in breakdown(EVERYONE, Filters(), "department")]
    assert ("Department B, renamed", 0) in latest
    assert ("Agency under A", 1) in latest


def test_the_nightly_freeze_takes_the_month_that_has_just_ended(known):
    period, new = freeze_due(today=date(2026, 4, 1))
    assert (period.period_end, new) == (date(2026, 3, 31), True)
    assert freeze_due(today=date(2026, 4, 2)) == (period, False)
    with pytest.raises(ValueError, match="not the last day of a month"):
        freeze(date(2026, 3, 30))
    call_command("freeze_compliance", "--month", "2026-02")
    assert FrozenPeriod.objects.filter(period_end=date(2026, 2, 28)).exists()
    assert month_end(date(2024, 2, 3)) == date(2024, 2, 29)


def test_the_overview_as_at_a_month_says_which_structure_it_uses(client, hr_user, known, period_end):
    freeze(period_end)
    client.force_login(hr_user)
    html = client.get(reverse("compliance_admin:index"), {"as_at": period_end.isoformat()}).content.decode()
    assert f"Figures as at the end of {period_end.day} {period_end:%B %Y}" in html
    assert "with the departments as they were then" in html
    assert 'data-figure="covered">9<' in html
    # An unknown month is not a valid choice: the latest figures are shown, and the form says why.
    html = client.get(reverse("compliance_admin:index"), {"as_at": (period_end - timedelta(days=400)).isoformat()})
    assert "Select a valid choice" in html.content.decode()


def test_the_charts_show_the_figures_of_their_tables(client, hr_user, known, period_end):
    freeze(period_end)
    client.force_login(hr_user)
    html = client.get(reverse("compliance_admin:index")).content.decode()
    assert 'role="img"' in html
    assert "Compliance by department" in html
    # Department A: 3 compliant (2 + the senior course) of 4 covered, none exempt: 75%.
    assert '<th scope="row">Department A</th><td class="w-text-right">75%</td>' in html
    month = f"{period_end:%b %Y}"
    frozen = total(EVERYONE, Filters(period=FrozenPeriod.objects.get())).overdue
    assert f'<th scope="row">{month}</th><td class="w-text-right">{frozen}</td>' in html
    assert '<th scope="row">Latest</th><td class="w-text-right">3</td>' in html
