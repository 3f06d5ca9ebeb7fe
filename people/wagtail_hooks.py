from __future__ import annotations

from django.urls import reverse
from wagtail import hooks

from content import hooks as govlearn_hooks
from content.home import HomePanel
from content.navigation import NavItem
from people.import_views import HRImportViewSet
from people.roles import employee_for, is_content_editor, is_hr_officer
from people.scope_views import HRScopeViewSet
from people.views import EmployeeChooserViewSet, PeopleViewSetGroup


class PeopleMenu(PeopleViewSetGroup):
    """The People menu: the records, and HR imports (after Employees) that bring them in step with HR."""

    items = (*PeopleViewSetGroup.items, HRImportViewSet)


@hooks.register("register_admin_viewset")
def register_people_admin():
    # The chooser first: the employee form picks up its widget for the line manager.
    return [EmployeeChooserViewSet("people_employee_chooser"), PeopleMenu(), HRScopeViewSet("hr-scopes")]


@hooks.register(govlearn_hooks.HOME_PANELS)
def your_details_panel(request):
    """The signed-in person's HR record, or how to get their account linked to one."""
    if not request.user.is_authenticated:
        return []
    return [HomePanel("people/home_details_panel.html", {"employee": employee_for(request.user)}, order=90)]


@hooks.register(govlearn_hooks.NAVIGATION)
def admin_navigation(request):
    """Links into the Wagtail admin for the people whose role uses it."""
    user = request.user
    items = []
    if is_content_editor(user):
        items.append(NavItem("Manage courses", reverse("wagtailadmin_explore_root"), order=80))
    if is_hr_officer(user):
        items.append(NavItem("Manage people", reverse("people_employees:index"), order=85))
    return items


@hooks.register("register_account_menu_item")
def email_addresses_account_item(request):
    """Email addresses change on allauth's page (verified, in the allowed domains), not in the admin's own form."""
    return {
        "url": reverse("account_email"),
        "label": "Email addresses",
        "help_text": "Add a work email address, verify it and choose your main one.",
    }


@hooks.register("register_account_menu_item")
def password_account_item(request):
    return {"url": reverse("account_change_password"), "label": "Change password", "help_text": ""}


@hooks.register("register_account_menu_item")
def two_step_verification_account_item(request):
    return {
        "url": reverse("mfa_index"),
        "label": "Two-step verification",
        "help_text": "Ask for a code from an authenticator app as well as your password when you sign in.",
    }


@hooks.register("after_create_user")
def without_a_password(request, user):
    """Passwords are set through allauth only (WAGTAILUSERS_PASSWORD_ENABLED is off), so a person added in the
    admin has none: they set their own by "Forgot your password?" (allauth's "set" rather than "change")."""
    user.set_unusable_password()
    user.save(update_fields=["password"])
