"""Panels on the signed-in home page, offered by each app through a Wagtail hook.

A hook takes the request and returns a list of `HomePanel`s (or none); the home
page shows them in order. Apps above `content` (people, enrolment, compliance)
use it so the home page never imports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wagtail import hooks

from content.hooks import HOME_PANELS

HOOK_NAME = HOME_PANELS


@dataclass(frozen=True)
class HomePanel:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 50


def home_panels_for(request) -> list[HomePanel]:
    panels: list[HomePanel] = []
    for hook in hooks.get_hooks(HOOK_NAME):
        panels.extend(hook(request) or [])
    return sorted(panels, key=lambda panel: panel.order)
