from django.urls import reverse
from wagtail import hooks

from content import hooks as govlearn_hooks
from content.navigation import NavItem
from people.roles import is_line_manager


@hooks.register(govlearn_hooks.NAVIGATION)
def team_navigation(request):
    """Line managers see "My team"; nobody else has a team to see."""
    if is_line_manager(request.user):
        return [NavItem("My team", reverse("compliance:my_team"), order=30)]
    return []
