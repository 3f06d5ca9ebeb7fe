"""Every Wagtail hook and admin registration of the compliance app (see content/hooks.py for govlearn's own hooks)."""

from django.urls import path, reverse
from wagtail import hooks

from compliance.admin_views import RequirementPeopleView
from compliance.dashboard_views import ComplianceViewSet
from content import hooks as govlearn_hooks
from content.navigation import NavItem
from people.roles import is_line_manager


@hooks.register(govlearn_hooks.NAVIGATION)
def team_navigation(request):
    """Line managers see "My team"; nobody else has a team to see."""
    if is_line_manager(request.user):
        return [NavItem("My team", reverse("compliance:my_team"), order=30)]
    return []


@hooks.register(govlearn_hooks.REQUIREMENT_ADMIN_URLS)
def requirement_people_url():
    """HR's people and status screen for one requirement, at /admin/compulsory-training/<id>/people/."""
    return [path("<int:pk>/people/", RequirementPeopleView.as_view(), name="people")]


@hooks.register("register_admin_viewset")
def register_compliance_screens():
    return ComplianceViewSet("compliance")


@hooks.register(govlearn_hooks.LOAD_DEMO_DATA, order=50)
def load_demo_figures(*, stdout):
    """Last: HR's compliance figures for the demo people, as the five-minute refresh would work them out."""
    from compliance.open_data import publish
    from compliance.periods import freeze_due
    from compliance.snapshot import refresh

    record = refresh()
    # Last month's end too, from the records as they are now, so that "as at" and the trend have a month.
    period, _new = freeze_due()
    publish()
    stdout.write(
        f"Compliance figures worked out ({record.rows} rows), {period.period_end:%B %Y} frozen, "
        "and the open data published."
    )
