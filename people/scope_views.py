"""Administrators set each HR officer's scope ("HR officer scopes" under Settings, /admin/hr-scopes/).

The scope itself, and the rule for what it reaches, are `people.scopes`; these screens only show and
change it, and show each change (who, when, before and after).
"""

from __future__ import annotations

from functools import cached_property

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import get_resolver, path, reverse
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from people.models import Department, HRScopeChange
from people.roles import HR_OFFICERS, is_administrator
from people.scopes import describe, scope_of, set_scope


class ScopeForm(forms.Form):
    whole_service = forms.BooleanField(
        label="The whole civil service", required=False, help_text="Everyone, in every department."
    )
    departments = forms.ModelMultipleChoiceField(
        label="Or these departments",
        queryset=Department.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Each includes the bodies under it, as the structure is at the time.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("whole_service") and cleaned.get("departments"):
            raise forms.ValidationError("Choose the whole civil service or some departments, not both.")
        return cleaned


class AdministratorsOnly(WagtailAdminTemplateMixin):
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        if not is_administrator(request.user):
            return get_resolver().resolve_error_handler(403)(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse("people_scopes:index"), "label": "HR officer scopes"}]


def officers():
    return (
        get_user_model()
        .objects.filter(is_active=True, is_superuser=False, groups__name=HR_OFFICERS)
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


class ScopeIndexView(AdministratorsOnly, TemplateView):
    template_name = "people/scopes/index.html"
    page_title = "HR officer scopes"
    per_page = 50

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": None, "label": "HR officer scopes"}]

    def get_context_data(self, **kwargs):
        page = Paginator(officers().prefetch_related("hr_scope__departments"), self.per_page).get_page(
            self.request.GET.get("p")
        )
        rows = []
        for user in page.object_list:
            stored = getattr(user, "hr_scope", None)
            if stored is None:
                rows.append((user, describe(whole_service=False, names=())))
            else:
                names = [department.name for department in stored.departments.all()]
                rows.append((user, describe(whole_service=stored.whole_service, names=names)))
        return super().get_context_data(
            rows=rows,
            page_obj=page,
            index_url=reverse("people_scopes:index"),
            elided_page_range=page.paginator.get_elided_page_range(page.number),
            **kwargs,
        )


class ScopeEditView(AdministratorsOnly, TemplateView):
    template_name = "people/scopes/edit.html"
    page_title = "HR officer scope"

    @cached_property
    def officer(self):
        return get_object_or_404(officers(), pk=self.kwargs["user_id"])

    def get_page_subtitle(self):
        return str(self.officer)

    def initial(self) -> dict:
        scope = scope_of(self.officer)
        return {"whole_service": scope.whole_service, "departments": sorted(scope.department_ids)}

    def post(self, request, *args, **kwargs):
        form = ScopeForm(request.POST)
        if form.is_valid():
            change = set_scope(
                self.officer,
                whole_service=form.cleaned_data["whole_service"],
                departments=form.cleaned_data["departments"],
                changed_by=request.user,
            )
            if change is None:
                messages.success(request, f"{self.officer}'s scope is unchanged.")
            else:
                messages.success(request, f"{self.officer}'s scope is now: {change.after}.")
            return HttpResponseRedirect(reverse("people_scopes:edit", args=[self.officer.pk]))
        messages.validation_error(request, "There is a problem: see the errors below.", form)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ScopeForm(initial=self.initial()))
        return super().get_context_data(
            officer=self.officer,
            current=scope_of(self.officer).describe(),
            changes=HRScopeChange.objects.filter(user=self.officer).select_related("changed_by")[:50],
            **kwargs,
        )


class ScopesMenuItem(MenuItem):
    def is_shown(self, request):
        return is_administrator(request.user)


class HRScopeViewSet(ViewSet):
    icon = "key"
    menu_label = "HR officer scopes"
    menu_name = "hr-scopes"
    url_prefix = "hr-scopes"
    url_namespace = "people_scopes"
    menu_item_class = ScopesMenuItem
    add_to_settings_menu = True

    def get_urlpatterns(self):
        return [
            path("", ScopeIndexView.as_view(), name="index"),
            path("<int:user_id>/", ScopeEditView.as_view(), name="edit"),
        ]
