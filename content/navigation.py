"""The service navigation: each app offers its own items through a Wagtail hook.

An app registers a function that takes the request and returns the items that
person may use (or none), so the header only ever shows what a role allows and
this app never needs to know about the apps above it:

    @hooks.register(govlearn_hooks.NAVIGATION)
    def team_navigation(request):
        if is_line_manager(request.user):
            return [NavItem("My team", reverse("team"), order=30)]
"""

from __future__ import annotations

from dataclasses import dataclass

from wagtail import hooks

from content.hooks import NAVIGATION

HOOK_NAME = NAVIGATION


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    order: int = 50
    current: bool = False


def navigation_for(request) -> list[NavItem]:
    """Every item the person making this request may see, in order, the current one marked."""
    items: list[NavItem] = []
    for hook in hooks.get_hooks(HOOK_NAME):
        items.extend(hook(request) or [])
    path = request.path
    # The longest matching prefix is the current section ("/" only matches itself).
    best = max(
        (item for item in items if path == item.url or (item.url != "/" and path.startswith(item.url))),
        key=lambda item: len(item.url),
        default=None,
    )
    return [
        NavItem(item.label, item.url, item.order, current=item is best)
        for item in sorted(items, key=lambda item: (item.order, item.label))
    ]
