"""Renewal arithmetic: when a completion of compulsory training stops counting.

Pure functions over Europe/London calendar dates, so the rules can be tested as tables.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """The same day `months` later; a day the month lacks becomes its last day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def window_opens(expires_on: date, window_days: int) -> date:
    """The first day a completion can be renewed."""
    return expires_on - timedelta(days=window_days)


def expiry_after_completion(
    *, completed_on: date, renewal_months: int | None, window_days: int, previous_expiry: date | None
) -> date | None:
    """When a new completion stops counting.

    - No renewal: never (None).
    - First completion, or one after the previous expired: its own date plus the renewal period.
    - Inside the recertification window (or on the expiry day): extends from the old expiry, so renewing
      early loses nothing.
    - Before the window opens: it does not renew; the old expiry stands.
    """
    if not renewal_months:
        return None
    if previous_expiry is None or completed_on > previous_expiry:
        return add_months(completed_on, renewal_months)
    if completed_on >= window_opens(previous_expiry, window_days):
        return add_months(previous_expiry, renewal_months)
    return previous_expiry
