"""People records in the Wagtail admin: employees, departments, grades and professions.

Administrators may do everything; the "HR officers" group may add and change
employees and departments and look at grades and professions (see migration
0004). Every listing fetches what it shows in a fixed number of queries.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.views.generic import history as history_views
from wagtail.admin.views.generic import models as model_views
from wagtail.admin.views.generic import usage as usage_views
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from people.models import Department, Employee, Grade, Profession
from people.scopes import hr_scope
from people.signals import announce_employees_changed

# Employees -------------------------------------------------------------------


class EmployeeFilterSet(WagtailFilterSet):
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.all(),
        method="filter_department",
        label="Department",
        help_text="Includes the bodies under it.",
    )
    grade = django_filters.ModelChoiceFilter(queryset=Grade.objects.all(), label="Grade")
    profession = django_filters.ModelChoiceFilter(queryset=Profession.objects.all(), label="Profession")

    class Meta:
        model = Employee
        fields = ["department", "grade", "profession", "is_active"]

    def filter_department(self, queryset, name, value):
        return queryset.in_departments(value) if value else queryset


class EmployeeIndexView(model_views.IndexView):
    """The people in the HR officer's scope (`people.scopes`), and only they, listed and exported."""

    def get_base_queryset(self):
        people = super().get_base_queryset().select_related("grade", "department", "line_manager")
        return hr_scope(self.request.user).employees(people)


class InScope:
    """A view of one person answers 404 for a person outside the HR officer's scope, as for nobody at all."""

    def get_object(self, *args, **kwargs):
        employee = super().get_object(*args, **kwargs)
        hr_scope(self.request.user).require(employee)
        return employee


class ScopedEmployeeForm:
    """The department (and line manager) a person may be given are within the HR officer's scope."""

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        scope = hr_scope(self.request.user)
        if "department" in form.fields:
            form.fields["department"].queryset = scope.departments()
        if "line_manager" in form.fields:
            form.fields["line_manager"].queryset = scope.employees(form.fields["line_manager"].queryset)
        return form


class AnnouncesEmployeeChanges:
    """Create and edit views tell the apps above (enrolment) which person changed, after commit."""

    def save_instance(self):
        instance = super().save_instance()
        announce_employees_changed([instance.pk])
        return instance


class EmployeeCreateView(ScopedEmployeeForm, AnnouncesEmployeeChanges, model_views.CreateView):
    pass


class EmployeeEditView(InScope, ScopedEmployeeForm, AnnouncesEmployeeChanges, model_views.EditView):
    pass


class ChecksPermissionBeforeLookup:
    """Wagtail's views of one record read it in setup(), before dispatch() checks permission.

    Someone refused would then learn whether an id exists (a redirect) or not (404): refuse them first.
    """

    def get_object(self, *args, **kwargs):
        if self.permission_required is not None and not self.user_has_permission(self.permission_required):
            raise PermissionDenied
        if self.any_permission_required is not None and not self.user_has_any_permission(self.any_permission_required):
            raise PermissionDenied
        return super().get_object(*args, **kwargs)


class CheckedInspectView(ChecksPermissionBeforeLookup, model_views.InspectView):
    pass


class CheckedDeleteView(ChecksPermissionBeforeLookup, model_views.DeleteView):
    pass


class CheckedHistoryView(ChecksPermissionBeforeLookup, history_views.HistoryView):
    pass


class CheckedUsageView(ChecksPermissionBeforeLookup, usage_views.UsageView):
    pass


class EmployeeInspectView(InScope, CheckedInspectView):
    pass


class EmployeeDeleteView(InScope, CheckedDeleteView):
    pass


class EmployeeHistoryView(InScope, CheckedHistoryView):
    pass


class EmployeeUsageView(InScope, CheckedUsageView):
    pass


class EmployeeViewSet(ModelViewSet):
    model = Employee
    icon = "user"
    menu_label = "Employees"
    menu_order = 100
    # Half a million people times four references each would swamp Wagtail's reference index for no use.
    add_to_reference_index = False
    url_prefix = "people/employees"
    url_namespace = "people_employees"
    index_view_class = EmployeeIndexView
    add_view_class = EmployeeCreateView
    edit_view_class = EmployeeEditView
    inspect_view_class = EmployeeInspectView
    delete_view_class = EmployeeDeleteView
    history_view_class = EmployeeHistoryView
    usage_view_class = EmployeeUsageView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_per_page = 50
    ordering = ["family_name", "given_name"]
    search_fields = ["staff_number", "given_name", "family_name", "email"]
    filterset_class = EmployeeFilterSet
    list_display = [
        "__str__",
        "staff_number",
        "grade",
        "department",
        Column("line_manager", label="Line manager"),
        BooleanColumn("is_active", label="Active", sort_key="is_active"),
    ]
    list_export = [
        "staff_number",
        "given_name",
        "family_name",
        "email",
        "grade",
        "department",
        "line_manager",
        "start_date",
        "end_date",
        "is_active",
    ]
    export_filename = "employees"
    inspect_view_fields = [
        "staff_number",
        "given_name",
        "family_name",
        "email",
        "grade",
        "grade_since",
        "department",
        "profession",
        "line_manager",
        "start_date",
        "end_date",
        "is_active",
        "user",
    ]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("staff_number"),
                FieldRowPanel([FieldPanel("given_name"), FieldPanel("family_name")]),
                FieldPanel("email"),
            ],
            heading="Person",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("grade"), FieldPanel("grade_since")]),
                FieldPanel("department"),
                FieldPanel("profession"),
                FieldPanel("line_manager"),
            ],
            heading="Post",
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]), FieldPanel("is_active")],
            heading="Employment",
        ),
        # Accounts are linked when the person signs up with their work email, not by hand.
        FieldPanel("user", read_only=True),
    ]


class EmployeeChooserFilterForm(BaseFilterForm):
    q = forms.CharField(
        label="Name, staff number or email",
        widget=forms.TextInput(attrs={"placeholder": "Search"}),
        required=False,
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            words = query.split()
            match = Q(staff_number__iexact=query) | Q(email__istartswith=query)
            name = Q()
            for word in words:
                name &= Q(given_name__istartswith=word) | Q(family_name__istartswith=word)
            objects = objects.filter(match | name)
            self.is_searching = True
            self.search_query = query
        return objects


class EmployeeChooserColumns:
    """Enough to tell two people with the same name apart."""

    @property
    def columns(self):
        return [
            *super().columns,
            Column("staff_number", label="Staff number"),
            Column("grade", label="Grade"),
            Column("department", label="Department"),
        ]


class ScopedChoices:
    """The people offered and chosen are active and within the HR officer's scope."""

    def get_object_list(self):
        return hr_scope(self.request.user).employees(Employee.objects.active().select_related("grade", "department"))


class EmployeeChooseView(PermissionCheckedMixin, ScopedChoices, EmployeeChooserColumns, chooser_views.ChooseView):
    any_permission_required = ["add", "change", "view"]


class EmployeeChooseResultsView(
    PermissionCheckedMixin, ScopedChoices, EmployeeChooserColumns, chooser_views.ChooseResultsView
):
    any_permission_required = ["add", "change", "view"]


class EmployeeChosenView(PermissionCheckedMixin, chooser_views.ChosenView):
    any_permission_required = ["add", "change", "view"]

    def get_object(self, pk):
        employee = super().get_object(pk)
        if not hr_scope(self.request.user).includes(employee):
            raise Http404
        return employee


class EmployeeChosenMultipleView(PermissionCheckedMixin, chooser_views.ChosenMultipleView):
    # Without this check any admin user could read anyone's name, leavers included, by listing ids.
    any_permission_required = ["add", "change", "view"]

    def get_objects(self, pks):
        return hr_scope(self.request.user).employees(super().get_objects(pks))


class NoCreationFromChooser(chooser_views.CreateView):
    """Refuses whoever may not add people (as Wagtail's would), and is "not found" for those who may."""

    def get(self, request):
        raise Http404

    post = get


class EmployeeChooserViewSet(ChooserViewSet):
    """Choosing a line manager among tens of thousands: search, never a drop-down."""

    model = Employee
    icon = "user"
    choose_one_text = "Choose a person"
    choose_another_text = "Choose another person"
    edit_item_text = "Edit this person"
    per_page = 20
    url_prefix = "people/choose-employee"
    url_namespace = "people_employee_chooser"
    filter_form_class = EmployeeChooserFilterForm
    choose_view_class = EmployeeChooseView
    choose_results_view_class = EmployeeChooseResultsView
    chosen_view_class = EmployeeChosenView
    chosen_multiple_view_class = EmployeeChosenMultipleView
    # People are added on the Employees screens (scoped, with the whole form), never from a chooser.
    create_view_class = NoCreationFromChooser

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(filter_form_class=self.filter_form_class, **kwargs)


# Departments, grades, professions --------------------------------------------


class DepartmentIndexView(model_views.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("parent")


class DepartmentPolicy(ModelPermissionPolicy):
    """The structure is the whole civil service's: an HR officer with a departmental scope may look at it,
    and only administrators and whole-service HR officers (with the group's permissions) change it."""

    def user_has_permission(self, user, action):
        if action != "view" and not hr_scope(user).whole_service:
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


register_permission_policy(Department, DepartmentPolicy(Department), exact_class=True)


class DepartmentViewSet(ModelViewSet):
    model = Department
    icon = "site"
    menu_label = "Departments"
    menu_order = 200
    url_prefix = "people/departments"
    url_namespace = "people_departments"
    index_view_class = DepartmentIndexView
    inspect_view_class = CheckedInspectView
    delete_view_class = CheckedDeleteView
    history_view_class = CheckedHistoryView
    usage_view_class = CheckedUsageView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_per_page = 50
    ordering = ["name"]
    search_fields = ["code", "name"]
    list_display = ["name", "code", Column("parent", label="Part of")]
    list_filter = ["parent"]
    form_fields = ["code", "name", "parent"]


class GradeViewSet(ModelViewSet):
    model = Grade
    icon = "order"
    menu_label = "Grades"
    menu_order = 300
    url_prefix = "people/grades"
    url_namespace = "people_grades"
    inspect_view_class = CheckedInspectView
    delete_view_class = CheckedDeleteView
    history_view_class = CheckedHistoryView
    usage_view_class = CheckedUsageView
    copy_view_enabled = False
    inspect_view_enabled = True
    ordering = ["rank"]
    list_display = ["name", "code", "rank"]
    form_fields = ["code", "name", "rank"]


class ProfessionViewSet(ModelViewSet):
    model = Profession
    icon = "tag"
    menu_label = "Professions"
    menu_order = 400
    url_prefix = "people/professions"
    url_namespace = "people_professions"
    inspect_view_class = CheckedInspectView
    delete_view_class = CheckedDeleteView
    history_view_class = CheckedHistoryView
    usage_view_class = CheckedUsageView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_per_page = 50
    ordering = ["name"]
    search_fields = ["name", "code"]
    list_display = ["name", "code"]
    form_fields = ["name", "code"]


class PeopleViewSetGroup(ModelViewSetGroup):
    menu_label = "People"
    menu_icon = "group"
    menu_order = 250
    items = (EmployeeViewSet, DepartmentViewSet, GradeViewSet, ProfessionViewSet)
