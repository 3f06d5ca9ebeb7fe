"""Links for the GOV.UK pagination component (templates: include "govuk/pagination.html" with label=…)."""

from __future__ import annotations

from collections.abc import Callable


def pagination_links(page_obj, url: Callable[[int], str]) -> dict:
    """Previous, numbered pages (with gaps) and next, each with its URL from `url(number)`; {} for one page."""
    paginator = page_obj.paginator
    if paginator.num_pages <= 1:
        return {}
    items = []
    for number in paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1):
        if number == paginator.ELLIPSIS:
            items.append({"ellipsis": True})
        else:
            items.append({"number": number, "url": url(number), "current": number == page_obj.number})
    return {
        "previous": url(page_obj.previous_page_number()) if page_obj.has_previous() else None,
        "next": url(page_obj.next_page_number()) if page_obj.has_next() else None,
        "items": items,
    }
