"""Template tags for GOV.UK Design System forms (see content/forms.py)."""

from __future__ import annotations

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString

from content.forms import (
    GovukBoundField,
    SummaryError,
    error_summary_items,
    error_summary_shown,
    mark_error_summary_shown,
)

register = template.Library()


@register.simple_tag
def govuk_error_summary_items(form: forms.BaseForm | None) -> list[SummaryError]:
    """The errors for a form's error summary; from now on the form does not show the summary again."""
    if not isinstance(form, forms.BaseForm):
        return []
    items = error_summary_items(form)
    if items:
        mark_error_summary_shown(form)
    return items


@register.filter
def govuk_error_summary_shown(form: forms.BaseForm) -> bool:
    return error_summary_shown(form)


@register.simple_tag
def govuk_field(bound_field: BoundField, label: str | None = None, hint: str | None = None) -> SafeString:
    """One field as a GOV.UK form group, with the page's own wording for its label or hint.

    `{% govuk_field form.login label="Email address" hint="Use your work email address." %}`;
    `hint=""` leaves the field's own hint out.
    """
    if not isinstance(bound_field, GovukBoundField):
        return bound_field.as_field_group()
    return bound_field.render(context=bound_field.govuk_context(label=label, hint=hint))
