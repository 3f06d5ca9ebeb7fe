"""The Django admin (/django-admin/), for administrators: accounts and the people records."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.http import Http404

from people.models import Department, Employee, Grade, Profession, User


class EmailUserCreationForm(forms.ModelForm):
    """An account by its email, without a password: its owner sets one through allauth's password reset, as
    every password is set (nobody chooses another person's)."""

    class Meta:
        model = User
        fields = ("email",)

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


class EmailUserChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        field_classes = {}


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = EmailUserChangeForm
    add_form = EmailUserCreationForm
    fieldsets = (
        (None, {"fields": ("email",)}),
        ("Personal info", {"fields": ("first_name", "last_name")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email",)}),)
    list_display = ("email", "first_name", "last_name", "is_staff", "is_superuser", "is_active")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")
    search_fields = ("email", "first_name", "last_name")
    ordering = ("email",)

    def user_change_password(self, request, id, form_url=""):
        """Not served: a password is changed by its owner, through allauth (with its checks and its email)."""
        raise Http404


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "parent")
    list_select_related = ("parent",)
    list_filter = (("parent", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("code", "name")
    ordering = ("name",)


@admin.register(Grade)
class GradeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "rank")
    ordering = ("rank",)


@admin.register(Profession)
class ProfessionAdmin(admin.ModelAdmin):
    list_display = ("name", "code")
    search_fields = ("name", "code")
    ordering = ("name",)


@admin.register(Employee)
class EmployeeAdmin(admin.ModelAdmin):
    list_display = (
        "staff_number",
        "family_name",
        "given_name",
        "email",
        "grade",
        "department",
        "line_manager",
        "is_active",
    )
    list_select_related = ("grade", "department", "line_manager")
    list_filter = ("is_active", "grade", ("department", admin.RelatedOnlyFieldListFilter), "profession")
    search_fields = ("staff_number", "given_name", "family_name", "email")
    ordering = ("family_name", "given_name")
    autocomplete_fields = ("line_manager", "user")
    list_per_page = 50
    show_full_result_count = False  # counting every employee on each page is slow at civil-service scale
    fieldsets = (
        (None, {"fields": ("staff_number", ("given_name", "family_name"), "email", "user")}),
        ("Post", {"fields": (("grade", "grade_since"), "department", "profession", "line_manager")}),
        ("Employment", {"fields": (("start_date", "end_date"), "is_active")}),
    )
