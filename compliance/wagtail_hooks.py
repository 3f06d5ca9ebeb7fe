from django.urls import reverse
from wagtail import hooks

from content.navigation import NavItem
from people.roles import is_line_manager


@hooks.register("register_service_navigation")
def team_navigation(request):
    """Line managers see "My team"; nobody else has a team to see."""
    if is_line_manager(request.user):
        return [NavItem("My team", reverse("compliance:my_team"), order=30)]
    return []
