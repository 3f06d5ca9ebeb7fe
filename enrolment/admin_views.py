"""HR's screens in the Wagtail admin for requirements, extensions and exemptions (registered in wagtail_hooks.py).

Only HR officers and administrators use them, as `people.permissions.HRDataPolicy`
(the one policy every HR screen uses) decides.
Every listing fetches what it shows in a fixed number of queries.
The people and status screen these link to (`enrolment_requirements:people`) is compliance's
(`compliance/admin_views.py`), added to the viewset's URLs by the `REQUIREMENT_ADMIN_URLS` hook.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Subquery, Value
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import models as model_views
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.permissions import register_permission_policy

from content import hooks as govlearn_hooks
from enrolment.assignment import AssignmentResult, assign_requirement
from enrolment.extensions import grant_exemption, grant_extension, revoke_exemption
from enrolment.forms import (
    AudienceForm,
    ExemptionForm,
    ExtensionForm,
    RequirementForm,
    RevokeExemptionForm,
    add_workflow_errors,
)
from enrolment.models import Enrolment, Exemption, Extension, Requirement
from people.models import Employee
from people.permissions import HRDataPolicy
from people.scopes import EVERYONE, Scope, hr_scope

# Permissions -------------------------------------------------------------------


# HR officers may do everything with requirements except delete them: a requirement with enrolments
# keeps the history, so it is retired by unticking "active".
# Requirements apply across departments: only whole-service HR officers set them; every HR officer sees
# them and the people in their own scope.
requirement_policy = HRDataPolicy(Requirement, forbidden_actions={"delete"}, whole_service_actions={"add", "change"})
register_permission_policy(Requirement, requirement_policy, exact_class=True)


# Requirements: list ------------------------------------------------------------


def audience_counts(requirements: list[Requirement], *, scope: Scope = EVERYONE) -> dict[int, int]:
    """Active people in the scope each requirement's audience covers, in one query however many requirements.

    The requirements' grades, departments and professions must already be fetched (prefetch_related).
    """
    if not requirements:
        return {}
    counts = {
        f"r{requirement.pk}": Subquery(
            scope.employees(requirement.audience())
            .order_by()
            .annotate(n=models.Func(Value(1), function="COUNT"))
            .values("n")[:1]
        )
        for requirement in requirements
    }
    row = Requirement.objects.filter(pk=requirements[0].pk).values(**counts).get()
    return {requirement.pk: row[f"r{requirement.pk}"] or 0 for requirement in requirements}


def audience_summary(requirement: Requirement) -> str:
    """The audience in a few words, from prefetched rows: 'SCS1 and above · DSIT · Digital'."""
    parts = []
    if requirement.minimum_grade_id:
        parts.append(f"{requirement.minimum_grade.code} and above")
    grades = list(requirement.grades.all())
    if grades:
        parts.append(", ".join(grade.code for grade in grades))
    departments = list(requirement.departments.all())
    if departments:
        parts.append(", ".join(department.code for department in departments))
    professions = list(requirement.professions.all())
    if professions:
        parts.append(", ".join(profession.name for profession in professions))
    return " · ".join(parts) or "Everyone"


def renewal_summary(requirement: Requirement) -> str:
    if not requirement.renewal_months:
        return "Once"
    return f"Every {requirement.renewal_months} months"


class RequirementIndexView(model_views.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("course", "minimum_grade")
            .prefetch_related("grades", "departments", "professions")
        )

    def get_table(self, object_list):
        rows = list(object_list)
        counts = audience_counts(rows, scope=hr_scope(self.request.user))
        for requirement in rows:
            requirement.people_covered = counts[requirement.pk]
        return super().get_table(rows)

    def get_list_more_buttons(self, instance):
        return [
            MenuItem(
                "People and status", url=reverse("enrolment_requirements:people", args=[instance.pk]), icon_name="group"
            ),
            *super().get_list_more_buttons(instance),
        ]


# Requirements: create and edit ---------------------------------------------------


class AudiencePreviewMixin:
    """The form says how many active people the audience covers; "Check audience" recounts it before saving.

    Saving assigns the requirement once the transaction commits, so the enrolments exist when the page returns.
    """

    template_name = "enrolment/admin/requirement_form.html"
    assignment: AssignmentResult | None = None

    def post(self, request, *args, **kwargs):
        if "check_audience" not in request.POST:
            return super().post(request, *args, **kwargs)
        self.object = self.get_preview_object()
        self.form = self.get_preview_form()
        return self.render_to_response(self.get_context_data(form=self.form))

    def get_preview_object(self):
        return None

    def get_preview_form(self):
        """The form as the officer left it, unbound: nothing is validated or saved while only checking."""
        kwargs = self.get_form_kwargs()
        data, files = kwargs.pop("data"), kwargs.pop("files")
        form_class = self.get_form_class()
        blank = form_class(**kwargs)
        kwargs["initial"] = {
            **kwargs.get("initial", {}),
            **{
                name: field.widget.value_from_datadict(data, files, blank.add_prefix(name))
                for name, field in blank.fields.items()
            },
        }
        return form_class(**kwargs)

    @cached_property
    def audience_form(self) -> AudienceForm:
        if self.request.method == "POST":
            return AudienceForm(self.request.POST)
        requirement = getattr(self, "object", None)
        if requirement is None or requirement.pk is None:
            return AudienceForm({})
        return AudienceForm(
            {
                "minimum_grade": requirement.minimum_grade_id or "",
                "grades": [g.pk for g in requirement.grades.all()],
                "departments": [d.pk for d in requirement.departments.all()],
                "professions": [p.pk for p in requirement.professions.all()],
            }
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["audience_form"] = self.audience_form
        context["audience_count"] = self.audience_form.count()
        context["checking_audience"] = "check_audience" in self.request.POST
        return context

    def save_instance(self):
        requirement = super().save_instance()

        def assign():
            self.assignment = assign_requirement(requirement=requirement)

        transaction.on_commit(assign)
        return requirement

    def assignment_message(self) -> str:
        if self.assignment is None:
            return "Enrolments will be assigned shortly."
        assigned = self.assignment.assigned + self.assignment.adopted + self.assignment.resumed
        return (
            f"{assigned} {'person' if assigned == 1 else 'people'} assigned, "
            f"{self.assignment.renewals} renewals started, {self.assignment.withdrawn} withdrawn."
        )


class RequirementCreateView(AudiencePreviewMixin, model_views.CreateView):
    def get_success_message(self, instance):
        return f"Requirement '{instance}' created. {self.assignment_message()}"

    def get_success_url(self):
        return reverse("enrolment_requirements:people", args=[self.object.pk])


class RequirementEditView(AudiencePreviewMixin, model_views.EditView):
    def get_preview_object(self):
        return self.get_object()

    def get_success_message(self):
        return f"Requirement '{self.object}' updated. {self.assignment_message()}"

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(
                "People and status",
                url=reverse("enrolment_requirements:people", args=[self.object.pk]),
                icon_name="group",
            )
        ]


# People in a requirement's audience, and what HR can do for each -----------------


class HRViewMixin(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    permission_policy = requirement_policy
    permission_required = "view"
    header_icon = "warning"
    # The audience is read more than once on some screens: fetch its parts once.
    requirements = Requirement.objects.select_related("course", "minimum_grade").prefetch_related(
        "grades", "departments", "professions"
    )

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.today = timezone.localdate()

    @cached_property
    def scope(self) -> Scope:
        """Whose records this officer reaches (`people.scopes`): anyone else is a 404."""
        return hr_scope(self.request.user)

    # Records are read after the permission check (in dispatch), never in setup(): whatever the ids,
    # someone who may not use these screens gets the same answer, so cannot tell who exists or has left.
    @cached_property
    def requirement(self) -> Requirement:
        return get_object_or_404(self.requirements, pk=self.kwargs["pk"])

    @property
    def people_url(self) -> str:
        return reverse("enrolment_requirements:people", args=[self.requirement.pk])

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("enrolment_requirements:index"), "label": "Compulsory training"},
            {
                # Only whole-service HR officers may change a requirement: the others get its name alone.
                "url": reverse("enrolment_requirements:edit", args=[self.requirement.pk])
                if requirement_policy.user_has_permission(self.request.user, "change")
                else None,
                "label": str(self.requirement),
            },
            {"url": self.people_url, "label": "People"},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(requirement=self.requirement, people_url=self.people_url, **kwargs)


class ActionFormView(HRViewMixin, TemplateView):
    """A small form for one person, posted to a workflow function that checks and records the change."""

    form_class = None

    def get_form(self):
        return self.form_class(self.request.POST or None)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            try:
                self.perform(form)
            except ValidationError as error:
                add_workflow_errors(form, error)
            else:
                return HttpResponseRedirect(self.next_url())
        messages.validation_error(request, "There is a problem: see the errors below.", form)
        return self.render_to_response(self.get_context_data(form=form))

    def next_url(self) -> str:
        """Where to go once done: back to the page that sent the officer (a person's compliance page), if it is
        an address of this site, else the requirement's people."""
        wanted = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={self.request.get_host()}):
            return wanted
        return self.people_url

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.get_form())
        return super().get_context_data(next_url=self.next_url(), **kwargs)


class GrantExtensionView(ActionFormView):
    template_name = "enrolment/admin/grant_extension.html"
    page_title = "Grant an extension"
    form_class = ExtensionForm
    header_icon = "date"

    @cached_property
    def enrolment(self) -> Enrolment:
        return get_object_or_404(
            self.scope.filter(
                Enrolment.objects.select_related("employee__grade", "employee__department").filter(
                    course_id=self.requirement.course_id, requirement__isnull=False
                )
            ),
            pk=self.kwargs["enrolment_id"],
        )

    def get_page_subtitle(self):
        return str(self.enrolment.employee)

    def perform(self, form):
        extension = grant_extension(
            enrolment=self.enrolment,
            due_on=form.cleaned_data["due_on"],
            reason=form.cleaned_data["reason"],
            granted_by=self.request.user,
            today=self.today,
        )
        messages.success(
            self.request,
            f"{self.enrolment.employee} now has until {extension.due_on:%d %B %Y} to complete "
            f"{self.requirement.course.title}.",
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            enrolment=self.enrolment,
            employee=self.enrolment.employee,
            extensions=Extension.objects.filter(enrolment=self.enrolment).select_related("granted_by"),
            **kwargs,
        )


class GrantExemptionView(ActionFormView):
    template_name = "enrolment/admin/grant_exemption.html"
    page_title = "Grant an exemption"
    form_class = ExemptionForm
    header_icon = "pick"

    @cached_property
    def employee(self) -> Employee:
        return get_object_or_404(
            self.scope.employees(Employee.objects.active().select_related("grade", "department")),
            pk=self.kwargs["employee_id"],
        )

    def get_page_subtitle(self):
        return str(self.employee)

    def perform(self, form):
        exemption = grant_exemption(
            employee=self.employee,
            requirement=self.requirement,
            until=form.cleaned_data["until"],
            reason=form.cleaned_data["reason"],
            granted_by=self.request.user,
            today=self.today,
        )
        messages.success(self.request, f"{self.employee} is exempt until {exemption.until:%d %B %Y}.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            employee=self.employee,
            exemptions=Exemption.objects.filter(employee=self.employee, requirement=self.requirement).select_related(
                "granted_by"
            ),
            **kwargs,
        )


class RevokeExemptionView(ActionFormView):
    template_name = "enrolment/admin/revoke_exemption.html"
    page_title = "Revoke an exemption"
    form_class = RevokeExemptionForm
    header_icon = "pick"

    @cached_property
    def exemption(self) -> Exemption:
        return get_object_or_404(
            self.scope.filter(
                Exemption.objects.select_related("employee", "granted_by").filter(requirement=self.requirement)
            ),
            pk=self.kwargs["exemption_id"],
        )

    def get_page_subtitle(self):
        return str(self.exemption.employee)

    def perform(self, form):
        revoke_exemption(exemption=self.exemption, revoked_by=self.request.user, reason=form.cleaned_data["reason"])
        messages.success(self.request, f"The exemption for {self.exemption.employee} is revoked.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(exemption=self.exemption, **kwargs)


# The viewset ----------------------------------------------------------------------


class RequirementViewSet(ModelViewSet):
    model = Requirement
    icon = "warning"
    menu_label = "Compulsory training"
    menu_order = 260
    add_to_admin_menu = True
    url_prefix = "compulsory-training"
    url_namespace = "enrolment_requirements"
    index_view_class = RequirementIndexView
    add_view_class = RequirementCreateView
    edit_view_class = RequirementEditView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_per_page = 50
    ordering = ["name"]
    search_fields = ["name"]
    list_filter = ["is_active"]
    list_display = [
        "name",
        Column("course", label="Course", accessor=lambda r: r.course.title),
        Column("audience", label="Audience", accessor=audience_summary),
        Column("due_within_days", label="Due within (days)"),
        Column("renewal", label="Renewal", accessor=renewal_summary),
        BooleanColumn("is_active", label="Active", sort_key="is_active"),
        Column("people_covered", label="People covered"),
    ]
    edit_handler = ObjectList(
        [
            MultiFieldPanel([FieldPanel("name"), FieldPanel("course")], heading="Course"),
            MultiFieldPanel(
                [
                    FieldPanel("minimum_grade"),
                    FieldPanel("grades", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("departments", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("professions", widget=forms.CheckboxSelectMultiple),
                ],
                heading="Audience",
                help_text=(
                    "Empty means everyone. Any value within a group matches; people must match every group used."
                ),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("due_within_days"), FieldPanel("starts_on")]),
                    FieldRowPanel([FieldPanel("renewal_months"), FieldPanel("recertification_window_days")]),
                ],
                heading="Due dates and renewal",
            ),
            FieldPanel("is_active"),
        ],
        base_form_class=RequirementForm,
    )

    def get_permissions_to_register(self):
        # HR officers are recognised by their group, not by model permissions: nothing to offer in group settings.
        return Permission.objects.none()

    def get_urlpatterns(self):
        # The people and status screen (name "people") is compliance's, added through govlearn's hook.
        added = [pattern for fn in hooks.get_hooks(govlearn_hooks.REQUIREMENT_ADMIN_URLS) for pattern in fn()]
        return [
            *super().get_urlpatterns(),
            *added,
            path("<int:pk>/people/extend/<int:enrolment_id>/", GrantExtensionView.as_view(), name="extend"),
            path("<int:pk>/people/exempt/<int:employee_id>/", GrantExemptionView.as_view(), name="exempt"),
            path("<int:pk>/exemptions/<int:exemption_id>/revoke/", RevokeExemptionView.as_view(), name="revoke"),
        ]
