from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks

from content import hooks as govlearn_hooks
from content.navigation import NavItem


@hooks.register(govlearn_hooks.NAVIGATION)
def site_navigation(request):
    items = [NavItem("Home", "/", order=0)]
    user = request.user
    if user.is_authenticated:
        items.append(NavItem("Your account", reverse("account_email"), order=90))
        items.append(NavItem("Sign out", reverse("account_logout"), order=100))
    else:
        items.append(NavItem("Sign in", reverse("account_login"), order=100))
    return items


@hooks.register("insert_global_admin_js")
def name_rich_text_editors():
    return format_html('<script src="{}" defer></script>', static("content/js/admin-editor-names.js"))


@hooks.register(govlearn_hooks.LOAD_DEMO_DATA, order=0)
def point_site_at_base_url(*, stdout):
    """However the database was made, the demo's page addresses in emails are BASE_URL's."""
    from content.site_address import point_default_site_at_base_url

    if point_default_site_at_base_url():
        stdout.write("The site now answers at BASE_URL.")
