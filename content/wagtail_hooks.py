from django.urls import reverse
from wagtail import hooks

from content.navigation import NavItem


@hooks.register("register_service_navigation")
def site_navigation(request):
    items = [NavItem("Home", "/", order=0)]
    user = request.user
    if user.is_authenticated:
        items.append(NavItem("Your account", reverse("account_email"), order=90))
        items.append(NavItem("Sign out", reverse("account_logout"), order=100))
    else:
        items.append(NavItem("Sign in", reverse("account_login"), order=100))
    return items
