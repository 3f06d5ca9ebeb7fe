"""Forms for HR's screens: requirements, their audience, extensions and exemptions."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from courses.models import CoursePage
from enrolment.models import Requirement, audience_of
from people.models import Department, Grade, Profession

BOTH_GRADE_KINDS = "Choose either a minimum grade or a set of grades, not both."


def refuse_both_grade_kinds(cleaned_data: dict) -> None:
    if cleaned_data.get("minimum_grade") and cleaned_data.get("grades"):
        raise ValidationError({"grades": BOTH_GRADE_KINDS})


class CourseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.title


class RequirementForm(WagtailAdminModelForm):
    """The Wagtail admin form for a requirement: a published course and an audience chosen one way only."""

    course = CourseChoiceField(
        queryset=CoursePage.objects.none(),
        help_text="A published course. Unpublished courses cannot be made compulsory.",
    )

    class Meta:
        model = Requirement
        fields = [
            "name",
            "course",
            "minimum_grade",
            "grades",
            "departments",
            "professions",
            "due_within_days",
            "renewal_months",
            "recertification_window_days",
            "starts_on",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Live courses, plus the one already chosen (it may have been unpublished since) so the form still saves.
        courses = CoursePage.objects.live()
        if self.instance.course_id:
            courses = CoursePage.objects.filter(pk=self.instance.course_id) | courses
        self.fields["course"].queryset = courses.order_by("title")

    def clean(self):
        cleaned_data = super().clean()
        refuse_both_grade_kinds(cleaned_data)
        return cleaned_data


class AudienceForm(forms.Form):
    """Only the audience of a requirement, read from the requirement form's data, to count it before saving."""

    minimum_grade = forms.ModelChoiceField(queryset=Grade.objects.all(), required=False)
    grades = forms.ModelMultipleChoiceField(queryset=Grade.objects.all(), required=False)
    departments = forms.ModelMultipleChoiceField(queryset=Department.objects.all(), required=False)
    professions = forms.ModelMultipleChoiceField(queryset=Profession.objects.all(), required=False)

    def clean(self):
        cleaned_data = super().clean()
        refuse_both_grade_kinds(cleaned_data)
        return cleaned_data

    def count(self) -> int | None:
        """Active people the audience covers (one query), or None while the audience is not valid."""
        if not self.is_valid():
            return None
        return audience_of(**self.cleaned_data).count()


class ExtensionForm(forms.Form):
    due_on = forms.DateField(label="New due date", widget=AdminDateInput, help_text="After the current due date.")
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Recorded with your name and today's date, and shown to other HR officers.",
        error_messages={"required": "Enter the reason for the extension."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["due_on"].error_messages["required"] = "Enter the new due date."


class ExemptionForm(forms.Form):
    until = forms.DateField(
        label="Exempt until", widget=AdminDateInput, help_text="The last day the exemption applies."
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example long-term leave or a secondment. Recorded with your name and today's date.",
        error_messages={"required": "Enter the reason for the exemption."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["until"].error_messages["required"] = "Enter the last day of the exemption."


class RevokeExemptionForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the reason for revoking the exemption."},
    )


def add_workflow_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a workflow's refusal on the form: on its field where it names one the form has, else at the top."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
