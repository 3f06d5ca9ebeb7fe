"""HR's compliance screens in the Wagtail admin ("Compliance", /admin/compliance/).

Overview, breakdowns by department, grade and profession, the people behind them with their exports,
and one person's page. Figures and lists come from `compliance.dashboard` within the officer's scope
(`people.scopes`); a person's page from `compliance.person`. Every screen is an HR screen
(`HRScreenMixin` with `people_policy`): anyone else gets the site's 403 page, and a person outside the
officer's scope is "not found".
"""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import TemplateView, View
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import HeaderButton

from compliance import charts, dashboard, exports
from compliance.dashboard import BREAKDOWNS, SORTS, STATUS_FILTERS, Filters
from compliance.models import FrozenPeriod
from compliance.person import person_record
from compliance.snapshot import EXPIRING_DAYS, latest_refresh
from enrolment.models import Requirement
from enrolment.status import status_tag
from people.hr_screens import HRScreenMixin
from people.models import Employee, Grade, Profession
from people.permissions import HRDataPolicy

people_policy = HRDataPolicy(Employee, forbidden_actions={"add", "change", "delete"})


class FilterForm(forms.Form):
    requirement = forms.ModelChoiceField(
        queryset=Requirement.objects.active().order_by("name"), required=False, empty_label="All requirements"
    )
    department = forms.ModelChoiceField(queryset=None, required=False, empty_label="All departments in your scope")
    grade = forms.ModelChoiceField(queryset=Grade.objects.order_by("-rank"), required=False, empty_label="All grades")
    profession = forms.ModelChoiceField(
        queryset=Profession.objects.order_by("name"), required=False, empty_label="All professions"
    )
    status = forms.ChoiceField(choices=[("", "All statuses"), *STATUS_FILTERS], required=False)
    as_at = forms.ChoiceField(label="Figures as at", required=False)

    def __init__(self, data, *, scope, with_periods: bool = True):
        super().__init__(data)
        # Only departments in scope can be chosen: another's id is "not a valid choice", like an unknown one.
        self.fields["department"].queryset = scope.departments().order_by("name")
        if with_periods:
            self.periods = {period.period_end.isoformat(): period for period in FrozenPeriod.objects.all()[:36]}
            self.fields["as_at"].choices = [
                ("", "The latest figures"),
                *((key, f"The end of {period.period_end:%B %Y}") for key, period in self.periods.items()),
            ]
        else:  # lists and exports are of the latest figures only
            self.periods = {}
            del self.fields["as_at"]

    def filters(self) -> Filters:
        if not self.is_valid():
            return Filters()
        values = {
            name: self.cleaned_data[name] or None for name in ("requirement", "department", "grade", "profession")
        }
        period = self.periods.get(self.cleaned_data.get("as_at") or "")
        return Filters(**values, status=self.cleaned_data["status"], period=period)


class ComplianceMenuItem(MenuItem):
    def is_shown(self, request):
        return people_policy.user_has_permission(request.user, "view")


class ComplianceViewMixin(HRScreenMixin, WagtailAdminTemplateMixin):
    permission_policy = people_policy
    permission_required = "view"
    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse("compliance_admin:index"), "label": "Compliance"}]

    with_periods = True

    @cached_property
    def form(self) -> FilterForm:
        return FilterForm(self.request.GET, scope=self.scope, with_periods=self.with_periods)

    @cached_property
    def filters(self) -> Filters:
        return self.form.filters()

    @cached_property
    def refresh(self):
        return latest_refresh()

    def link(self, name: str, *args, **changes) -> str:
        query = self.filters.query(**changes)
        return reverse(name, args=args) + (f"?{urlencode(query)}" if query else "")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            form=self.form,
            filters=self.filters,
            refresh=self.refresh,
            scope_words=self.scope.describe(),
            expiring_days=EXPIRING_DAYS,
            **kwargs,
        )


def with_links(view, rows, *, dimension: str | None = None):
    """Each row with the address of its people (and, for a requirement, its breakdown)."""
    for row in rows:
        changes = {dimension: row.key.pk} if dimension and row.key is not None else {}
        # The people behind a frozen month's figures are not kept: only the latest figures link to them.
        row.people_url = None if view.filters.period else view.link("compliance_admin:people", **changes)
        if dimension == "requirement":
            row.breakdown_url = view.link("compliance_admin:breakdown", "department", **changes)
    return rows


class OverviewView(ComplianceViewMixin, TemplateView):
    template_name = "compliance/dashboard/overview.html"
    page_title = "Compliance"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": None, "label": "Compliance"}]

    def get_context_data(self, **kwargs):
        rows = with_links(self, dashboard.overview(self.scope, self.filters), dimension="requirement")
        breakdowns = [
            (label, self.link("compliance_admin:breakdown", by)) for by, (label, *_rest) in BREAKDOWNS.items()
        ]
        total = dashboard.total(self.scope, self.filters)
        if self.filters.period:
            latest = None
        elif not self.filters.status:
            latest = total.overdue  # the same figures: spare the database a second sum
        else:
            latest = dashboard.total(self.scope, replace(self.filters, status="")).overdue
        return super().get_context_data(
            rows=rows,
            total=total,
            by_department=charts.compliance_by_department(self.scope, self.filters),
            overdue_by_month=charts.overdue_by_month(self.scope, self.filters, latest_overdue=latest),
            breakdowns=breakdowns,
            people_url=self.link("compliance_admin:people"),
            **kwargs,
        )


class BreakdownView(ComplianceViewMixin, TemplateView):
    template_name = "compliance/dashboard/breakdown.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if kwargs["by"] not in BREAKDOWNS:
            raise Http404

    @property
    def page_title(self):
        return f"Compliance by {self.kwargs['by']}"

    def get_context_data(self, **kwargs):
        by = self.kwargs["by"]
        rows = with_links(self, dashboard.breakdown(self.scope, self.filters, by), dimension=by)
        return super().get_context_data(
            rows=rows,
            heading=BREAKDOWNS[by][0],
            total=dashboard.total(self.scope, self.filters),
            others=[
                (label, self.link("compliance_admin:breakdown", other))
                for other, (label, *_rest) in BREAKDOWNS.items()
                if other != by
            ],
            people_url=self.link("compliance_admin:people"),
            **kwargs,
        )


COLUMNS = (
    ("name", "Name"),
    ("staff_number", "Staff number"),
    ("grade", "Grade"),
    ("department", "Department"),
    (None, "Line manager"),
    ("requirement", "Requirement"),
    ("status", "Status"),
    ("due_on", "Due"),
    ("completed", "Completed"),
    (None, "Certificate"),
)


class PeopleView(ComplianceViewMixin, TemplateView):
    template_name = "compliance/dashboard/people.html"
    page_title = "People"
    per_page = 50
    with_periods = False

    @cached_property
    def header_buttons(self):
        query = self.request.GET.urlencode()
        suffix = f"?{query}" if query else ""
        return [
            HeaderButton("Download CSV", url=reverse("compliance_admin:people_csv") + suffix, icon_name="download"),
            HeaderButton("Download Excel", url=reverse("compliance_admin:people_xlsx") + suffix, icon_name="download"),
        ]

    def sort(self) -> tuple[str, bool]:
        sort = self.request.GET.get("sort", "name")
        descending = sort.startswith("-")
        sort = sort.removeprefix("-")
        return (sort, descending) if sort in SORTS else ("name", False)

    def get_context_data(self, **kwargs):
        today = self.refresh.today if self.refresh else timezone.localdate()
        sort, descending = self.sort()
        rows = dashboard.people(
            self.scope, self.filters, today=today, sort=sort, descending=descending, refresh=self.refresh
        )
        paginator = Paginator(rows, self.per_page)
        # The figures already say how many rows there are: spare the database a count of the list.
        paginator.count = dashboard.total(self.scope, self.filters).covered
        page = paginator.get_page(self.request.GET.get("p"))
        for row in page.object_list:
            row.tag = status_tag(row.status, due_on=row.due_on, today=today)
        columns = []
        for key, label in COLUMNS:
            if key is None:
                columns.append({"label": label})
                continue
            current = key == sort
            order = "-" + key if current and not descending else key
            columns.append(
                {
                    "label": label,
                    "url": self.link("compliance_admin:people", sort=order),
                    "sorted": ("descending" if descending else "ascending") if current else "none",
                }
            )
        return super().get_context_data(
            rows=page.object_list,
            page_obj=page,
            columns=columns,
            people_url=reverse("compliance_admin:people"),
            elided_page_range=paginator.get_elided_page_range(page.number),
            **kwargs,
        )


class PeopleExportView(ComplianceViewMixin, View):
    """Exactly the rows the people list shows for the same filters (every page), as CSV or XLSX."""

    kind = "csv"
    with_periods = False

    def get(self, request, *args, **kwargs):
        today = self.refresh.today if self.refresh else timezone.localdate()
        rows = dashboard.people(self.scope, self.filters, today=today, refresh=self.refresh)
        if self.kind == "xlsx":
            count = dashboard.total(self.scope, self.filters).covered  # as the list's pages count them
            return exports.xlsx_response(rows, file_name="compliance", rows=count)
        return exports.csv_response(rows, file_name="compliance")


class PersonView(ComplianceViewMixin, TemplateView):
    template_name = "compliance/dashboard/person.html"
    page_title = "Person"
    with_periods = False

    @cached_property
    def employee(self) -> Employee:
        person = self.scope.employees(Employee.objects.with_related()).filter(pk=self.kwargs["employee_id"]).first()
        if person is None:
            raise Http404
        return person

    def get_page_subtitle(self):
        return self.employee.full_name

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            employee=self.employee,
            record=person_record(self.employee, today=timezone.localdate()),
            back=self.request.get_full_path(),
            **kwargs,
        )


class ComplianceViewSet(ViewSet):
    """The "Compliance" menu item and its pages at /admin/compliance/."""

    icon = "tasks"
    menu_label = "Compliance"
    menu_name = "compliance"
    menu_order = 255
    add_to_admin_menu = True
    url_prefix = "compliance"
    url_namespace = "compliance_admin"
    menu_item_class = ComplianceMenuItem

    def get_urlpatterns(self):
        return [
            path("", OverviewView.as_view(), name="index"),
            path("by/<str:by>/", BreakdownView.as_view(), name="breakdown"),
            path("people/", PeopleView.as_view(), name="people"),
            path("people.csv", PeopleExportView.as_view(kind="csv"), name="people_csv"),
            path("people.xlsx", PeopleExportView.as_view(kind="xlsx"), name="people_xlsx"),
            path("people/<int:employee_id>/", PersonView.as_view(), name="person"),
        ]
