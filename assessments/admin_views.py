"""HR's workplace adjustments screens in the Wagtail admin (registered in wagtail_hooks.py).

At /admin/workplace-adjustments/: the people who have extra time in quizzes now, finding anyone to
record one for, and a person's page with their adjustment, its history and the form. Only HR officers
and administrators use them, as `assessments.adjustments.adjustment_policy` (an HRDataPolicy) decides;
the people they reach are those `assessments.adjustments.hr_people` allows, so any other id is a 404.
Every listing fetches what it shows in a fixed number of queries.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import OuterRef, Q, Subquery
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import HeaderButton

from assessments.adjustments import (
    adjustment_policy,
    current_adjustment,
    hr_people,
    hr_people_on_record,
    in_force,
    may_record,
    record_adjustment,
)
from assessments.forms import AdjustmentForm
from assessments.models import WorkplaceAdjustment
from people.hr_screens import HRScreenMixin
from people.models import Employee


def name_or_staff_number(query: str, *, prefix: str = "") -> Q:
    """People whose staff number is the query, or each of whose words starts their first or last name."""
    name = Q()
    for word in query.split():
        name &= Q(**{f"{prefix}given_name__istartswith": word}) | Q(**{f"{prefix}family_name__istartswith": word})
    return Q(**{f"{prefix}staff_number__iexact": query}) | name


def adjustment_label(percent: int | None, *, recorded: bool = True) -> str:
    """How an adjustment reads in a list: '50% extra time', 'No time limit', 'No extra time'."""
    if not recorded:
        return "None recorded"
    return str(WorkplaceAdjustment(extra_time_percent=percent))


class AdjustmentsMenuItem(MenuItem):
    def is_shown(self, request):
        return adjustment_policy.user_has_permission(request.user, "view")


class AdjustmentViewMixin(HRScreenMixin, WagtailAdminTemplateMixin):
    permission_policy = adjustment_policy
    permission_required = "view"
    header_icon = "time"

    def get_breadcrumbs_items(self):
        index = {"url": reverse("assessments_adjustments:index"), "label": "Workplace adjustments"}
        return [*self.breadcrumbs_items, index]

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton("Find a person", url=reverse("assessments_adjustments:find"), icon_name="search"),
        ]


class AdjustmentIndexView(AdjustmentViewMixin, TemplateView):
    """Everyone who has extra time (or no time limit) now, by name, 50 a page; searchable."""

    template_name = "assessments/admin/adjustments_index.html"
    page_title = "Workplace adjustments"
    per_page = 50

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": None, "label": "Workplace adjustments"}]

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()
        adjustments = in_force().filter(employee__in=hr_people(self.request.user))
        if query:
            adjustments = adjustments.filter(name_or_staff_number(query, prefix="employee__"))
        adjustments = adjustments.select_related("employee__department", "recorded_by").order_by(
            "employee__family_name", "employee__given_name", "employee_id"
        )
        paginator = Paginator(adjustments, self.per_page)
        page = paginator.get_page(self.request.GET.get("p"))
        return super().get_context_data(
            query=query,
            page_obj=page,
            adjustments=page.object_list,
            elided_page_range=paginator.get_elided_page_range(page.number),
            **kwargs,
        )


class FindPersonView(AdjustmentViewMixin, TemplateView):
    """Anyone HR may record an adjustment for, by name or staff number, with their adjustment now; 20 a page."""

    template_name = "assessments/admin/adjustments_find.html"
    page_title = "Find a person"
    per_page = 20

    header_buttons = []

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()
        page = None
        if query:
            latest = WorkplaceAdjustment.objects.filter(employee=OuterRef("pk")).order_by("-recorded_at", "-pk")
            people = (
                hr_people(self.request.user)
                .filter(name_or_staff_number(query))
                .select_related("grade", "department")
                .annotate(
                    latest_adjustment_id=Subquery(latest.values("pk")[:1]),
                    latest_percent=Subquery(latest.values("extra_time_percent")[:1]),
                )
                .order_by("family_name", "given_name", "pk")
            )
            page = Paginator(people, self.per_page).get_page(self.request.GET.get("p"))
            for person in page.object_list:
                person.adjustment_label = adjustment_label(
                    person.latest_percent, recorded=person.latest_adjustment_id is not None
                )
        return super().get_context_data(
            query=query,
            page_obj=page,
            people=page.object_list if page else [],
            elided_page_range=page.paginator.get_elided_page_range(page.number) if page else [],
            **kwargs,
        )


class PersonAdjustmentView(AdjustmentViewMixin, TemplateView):
    """One person's adjustment now, its history, and the form to record a new one."""

    template_name = "assessments/admin/adjustments_person.html"
    page_title = "Workplace adjustment"

    def get_page_subtitle(self):
        return str(self.employee)

    # Read after the permission check (in dispatch), never in setup(): someone refused cannot tell who exists.
    @cached_property
    def employee(self) -> Employee:
        people = hr_people_on_record(self.request.user).select_related("grade", "department", "line_manager")
        return get_object_or_404(people, pk=self.kwargs["employee_id"])

    @property
    def person_url(self) -> str:
        return reverse("assessments_adjustments:person", args=[self.employee.pk])

    def post(self, request, *args, **kwargs):
        if not self.user_has_permission("add"):
            raise PermissionDenied
        form = AdjustmentForm(request.POST)
        if form.is_valid():
            try:
                adjustment = record_adjustment(
                    employee=self.employee,
                    extra_time_percent=form.cleaned_data["extra_time_percent"],
                    reason=form.cleaned_data["reason"],
                    recorded_by=request.user,
                )
            except ValidationError as error:
                form.add_rule_errors(error)
            else:
                messages.success(request, f"Recorded for {self.employee.full_name}: {str(adjustment).lower()}.")
                return HttpResponseRedirect(self.person_url)
        messages.validation_error(request, "There is a problem: see the errors below.", form)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", AdjustmentForm())
        return super().get_context_data(
            employee=self.employee,
            current=current_adjustment(self.employee),
            history=self.employee.workplace_adjustments.select_related("recorded_by"),
            may_record=may_record(self.request.user, self.employee),
            **kwargs,
        )


class AdjustmentViewSet(ViewSet):
    """The "Workplace adjustments" menu item and its pages at /admin/workplace-adjustments/."""

    icon = "time"
    menu_label = "Workplace adjustments"
    menu_name = "workplace-adjustments"
    menu_order = 270
    add_to_admin_menu = True
    url_prefix = "workplace-adjustments"
    url_namespace = "assessments_adjustments"
    menu_item_class = AdjustmentsMenuItem

    def get_urlpatterns(self):
        return [
            path("", AdjustmentIndexView.as_view(), name="index"),
            path("find/", FindPersonView.as_view(), name="find"),
            path("<int:employee_id>/", PersonAdjustmentView.as_view(), name="person"),
        ]
