"""How the quiz report writes its figures: shares as percentages, discrimination to two places, times taken."""

from __future__ import annotations

from datetime import timedelta

from django import template

register = template.Library()

NONE = "—"


@register.filter
def share_percent(value: float | None) -> str:
    """A share from 0 to 1 as a whole percentage: 0.857 → '86%'."""
    return NONE if value is None else f"{round(100 * value)}%"


@register.filter
def percent(value: float | None) -> str:
    """A percentage to one decimal place: 38.89 → '38.9%'."""
    return NONE if value is None else f"{value:.1f}%"


@register.filter
def index(value: float | None) -> str:
    """A discrimination index to two decimal places: 0.5 → '0.50'."""
    return NONE if value is None else f"{value:.2f}"


@register.filter
def time_taken(value: timedelta | None) -> str:
    """A time taken in hours, minutes and seconds: '1 h 02 min', '7 min 30 s', '45 s'."""
    if value is None:
        return NONE
    seconds = round(value.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {seconds:02d} s"
    return f"{seconds} s"
