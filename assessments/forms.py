"""The form for recording a workplace adjustment, used by HR's admin screen and the line manager's page.

It only turns the choice made into a percentage (or none, for no time limit) and shows the rule's
messages on the right field: the rule itself is `assessments.adjustments`, which checks again when
it records.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from assessments.adjustments import REASON_MISSING, adjustment_problems

OTHER = "other"
NO_TIME_LIMIT = "no_limit"
CHOICES = [
    ("0", "No extra time"),
    ("25", "25% extra time"),
    ("50", "50% extra time"),
    ("100", "100% extra time"),
    (OTHER, "Another percentage"),
    (NO_TIME_LIMIT, "No time limit"),
]

CHOICE_MISSING = "Select how much extra time the person should have."
PERCENT_MISSING = "Enter the percentage of extra time."
PERCENT_NOT_A_NUMBER = "The percentage of extra time must be a whole number, like 30."
REASON_HINT = (
    "For example, what their workplace adjustment passport says. Keep medical details out of it: "
    "HR and their line manager can read it. Your name and the date are recorded with it."
)


class AdjustmentForm(forms.Form):
    extra_time = forms.ChoiceField(
        label="Extra time in timed quizzes",
        choices=CHOICES,
        widget=forms.RadioSelect,
        help_text=(
            "Added to the time limit of every timed quiz they start from now: "
            "50% extra time turns a 20-minute time limit into 30 minutes."
        ),
        error_messages={"required": CHOICE_MISSING, "invalid_choice": CHOICE_MISSING},
    )
    other_percent = forms.CharField(
        label="Percentage of extra time",
        required=False,
        help_text="Only for “Another percentage”: a whole number, up to 400.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )
    reason = forms.CharField(
        label="Reason",
        help_text=REASON_HINT,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": REASON_MISSING},
    )

    def clean_other_percent(self) -> int | None:
        if self.data.get(self.add_prefix("extra_time")) != OTHER:
            return None
        value = self.cleaned_data["other_percent"].strip().removesuffix("%").strip()
        if not value:
            raise ValidationError(PERCENT_MISSING)
        if not (value.isascii() and value.isdigit()):
            raise ValidationError(PERCENT_NOT_A_NUMBER)
        return int(value)

    def clean(self):
        cleaned_data = super().clean()
        choice = cleaned_data.get("extra_time")
        if choice is None or "other_percent" in self.errors:
            return cleaned_data
        if choice == NO_TIME_LIMIT:
            percent = None
        elif choice == OTHER:
            percent = cleaned_data["other_percent"]
        else:
            percent = int(choice)
        cleaned_data["extra_time_percent"] = percent
        problems = adjustment_problems(extra_time_percent=percent, reason=cleaned_data.get("reason") or "")
        for name, message in problems.items():
            field = self.field_for(name)
            if field not in self.errors:  # a missing reason already says so
                self.add_error(field, message)
        return cleaned_data

    def field_for(self, name: str) -> str | None:
        """The field of this form that one of the rule's fields is shown on."""
        if name == "extra_time_percent":
            return "other_percent" if self.cleaned_data.get("extra_time") == OTHER else "extra_time"
        return name if name in self.fields else None

    def add_rule_errors(self, error: ValidationError) -> None:
        """Show the rule's refusal, when it refuses what the form let through, on the field it is about."""
        for name, messages in error.message_dict.items():
            self.add_error(self.field_for(name), messages)
