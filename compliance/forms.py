"""The line manager's extension form (HR's form, same fields and messages, with the GOV.UK date input), their
extra-time form (HR's, in GOV.UK style), and the search and status filter on HR's people and status screen."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from assessments.forms import AdjustmentForm
from content.forms import GovukDateInput
from enrolment.extensions import MANAGER_EXTENSION_LIMIT_DAYS, latest_manager_extension
from enrolment.forms import ExtensionForm
from enrolment.models import Enrolment
from enrolment.status import Status

REASON_HINT = "For example, long-term sick leave. Your name and today's date are recorded with it, and HR can see it."


def long_date(day: date) -> str:
    """27 March 2026: how GOV.UK writes a date."""
    return f"{day.day} {day:%B %Y}"


class GovukDateField(forms.DateField):
    """A date typed into the GOV.UK date input, with GOV.UK's messages for a part missing or a date that cannot be."""

    widget = GovukDateInput

    def __init__(self, *, subject: str, **kwargs):
        self.subject = subject  # how the messages name the date: "The new due date"
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value
        # GovukDateInput joins what was typed as YEAR-MONTH-DAY, leaving missing parts empty.
        year, month, day = [*str(value).split("-"), "", "", ""][:3]
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part.strip()]
        if missing:
            raise ValidationError(f"{self.subject} must include a {' and '.join(missing)}.", code="incomplete")
        if len(year.strip()) != 4:
            raise ValidationError("The year must include 4 numbers.", code="invalid")
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(f"{self.subject} must be a real date.", code="invalid") from None


class TeamExtensionForm(ExtensionForm):
    """A new due date for one of the manager's reports, and why.

    The rules `grant_extension` enforces are checked here too, so that every mistake is shown
    at once; the workflow stays the authority and checks them again under a row lock.
    """

    due_on = GovukDateField(label="New due date", subject="The new due date")

    def __init__(self, *args, enrolment: Enrolment, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.enrolment = enrolment
        self.today = today
        self.latest = latest_manager_extension(enrolment, today=today)
        if self.latest <= today:
            self.fields["due_on"].help_text = (
                f"You can extend by up to {MANAGER_EXTENSION_LIMIT_DAYS} days in all after the due date HR set, "
                f"and that ended on {long_date(self.latest)}. Ask HR for a longer extension."
            )
        else:
            first = max(today, enrolment.due_on) if enrolment.due_on else today
            example = first + (self.latest - first) / 2
            after = f"after {long_date(enrolment.due_on)} and " if enrolment.due_on else "in the future and "
            self.fields["due_on"].help_text = (
                f"It must be {after}no later than {long_date(self.latest)}, "
                f"{MANAGER_EXTENSION_LIMIT_DAYS} days after the due date HR set. "
                f"For example, {example.day} {example.month} {example.year}."
            )
        self.fields["reason"].help_text = REASON_HINT

    def clean_due_on(self):
        due_on = self.cleaned_data.get("due_on")
        if due_on is None:
            return due_on
        current = self.enrolment.due_on
        if due_on <= self.today:
            raise ValidationError("The new due date must be in the future.")
        if current is not None and due_on <= current:
            raise ValidationError(f"The new due date must be after the current one, {long_date(current)}.")
        if due_on > self.latest:
            raise ValidationError(
                f"The new due date must be no later than {long_date(self.latest)}. For a longer extension, ask HR."
            )
        return due_on


class TeamAdjustmentForm(AdjustmentForm):
    """A report's extra time in timed quizzes: HR's form and messages; the page shows the percentage box
    only once "Another percentage" is chosen (GOV.UK conditional reveal; without JavaScript it is always shown)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other_percent"].widget.attrs["class"] = "govuk-input--width-3"


class PeopleFilterForm(forms.Form):
    """HR's people and status screen: find people by name or staff number, and show one status."""

    q = forms.CharField(
        label="Name or staff number",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "Search by name or staff number"}),
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *[c for c in Status.choices if c[0] != Status.NOT_REQUIRED]],
    )
