from datetime import date

import pytest

from enrolment.renewal import add_months, expiry_after_completion, window_opens


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 15), 1, date(2026, 2, 15)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2028, 2, 29), 48, date(2032, 2, 29)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 12, 31), 12, date(2027, 12, 31)),
        (date(2026, 8, 31), 24, date(2028, 8, 31)),
        (date(2026, 5, 31), 9, date(2027, 2, 28)),
    ],
)
def test_add_months_keeps_the_day_or_clamps_to_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


def test_the_window_opens_a_number_of_calendar_days_before_expiry():
    assert window_opens(date(2027, 3, 1), 30) == date(2027, 1, 30)
    assert window_opens(date(2028, 3, 1), 1) == date(2028, 2, 29)


EXPIRY = date(2027, 6, 30)  # previous completion counts until this day; window of 30 days opens 31 May 2027


@pytest.mark.parametrize(
    ("completed_on", "previous_expiry", "expected", "why"),
    [
        (date(2026, 6, 30), None, date(2027, 6, 30), "first completion runs from its own date"),
        (date(2026, 1, 31), None, date(2027, 1, 31), "first completion, month end"),
        (date(2027, 5, 31), EXPIRY, date(2028, 6, 30), "first day of the window extends from the old expiry"),
        (date(2027, 6, 15), EXPIRY, date(2028, 6, 30), "inside the window extends from the old expiry"),
        (date(2027, 6, 30), EXPIRY, date(2028, 6, 30), "on the expiry day still extends from it"),
        (date(2027, 7, 1), EXPIRY, date(2028, 7, 1), "after expiry runs from its own date"),
        (date(2027, 9, 10), EXPIRY, date(2028, 9, 10), "long after expiry runs from its own date"),
        (date(2027, 5, 30), EXPIRY, EXPIRY, "the day before the window opens does not renew"),
        (date(2026, 12, 1), EXPIRY, EXPIRY, "well before the window does not renew"),
    ],
)
def test_renewal_arithmetic(completed_on, previous_expiry, expected, why):
    assert (
        expiry_after_completion(
            completed_on=completed_on, renewal_months=12, window_days=30, previous_expiry=previous_expiry
        )
        == expected
    ), why


def test_no_renewal_means_no_expiry():
    assert (
        expiry_after_completion(
            completed_on=date(2026, 1, 1), renewal_months=None, window_days=30, previous_expiry=None
        )
        is None
    )


def test_a_leap_day_expiry_renewed_in_its_window():
    assert expiry_after_completion(
        completed_on=date(2028, 2, 10), renewal_months=24, window_days=30, previous_expiry=date(2028, 2, 29)
    ) == date(2030, 2, 28)
