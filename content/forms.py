"""Forms render in GOV.UK Design System markup through Django's form renderer.

`FORM_RENDERER` points at `GovukFormRenderer`, so every form on the site -
ours, allauth's, Wagtail's form pages - renders `{{ form }}` and
`{{ field.as_field_group }}` as GOV.UK form groups: label or fieldset and
legend, hint, error message and a control with the GOV.UK classes, tied
together with `aria-describedby`. The browser's own validation is left off
(no `required` attribute) so that people get the server's GOV.UK error
messages and the error summary instead.

Errors: each field shows its own message beside it; errors about the form as
a whole appear only in the GOV.UK error summary. base.html shows the summary
for the view's `form` at the top of <main>; a form rendered without one shows
its own summary above its fields, so nothing is shown twice or lost.

In a page template, `{% load govuk %}{% govuk_field form.email label="Email
address" hint="..." %}` renders one field with the page's own wording.

A bare `{{ form.field }}` still renders Django's plain widget: the Wagtail and
Django admins render fields that way inside their own markup, and must not
pick up GOV.UK classes or templates.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# GOV.UK class for each kind of control, and its error modifier.
CONTROL_CLASSES = {
    "input": ("govuk-input", "govuk-input--error"),
    "textarea": ("govuk-textarea", "govuk-textarea--error"),
    "select": ("govuk-select", "govuk-select--error"),
    "file": ("govuk-file-upload", "govuk-file-upload--error"),
    "checkbox": ("govuk-checkboxes__input", ""),
    "checkboxes": ("govuk-checkboxes__input", ""),
    "radios": ("govuk-radios__input", ""),
    "date": ("govuk-input govuk-date-input__input", "govuk-input--error"),
    "select_date": ("govuk-select", "govuk-select--error"),
    "multi": ("govuk-input", "govuk-input--error"),
    "other": ("", ""),
}

DATE_PART_LABELS = {"day": "Day", "month": "Month", "year": "Year"}

# Controls whose parts are grouped in a fieldset with a legend, not a label.
FIELDSET_KINDS = frozenset({"checkboxes", "radios", "date", "select_date", "multi"})

# Templates that replace Django's for controls whose GOV.UK markup differs in structure.
CONTROL_TEMPLATES = {
    "checkboxes": "govuk/forms/checkboxes.html",
    "radios": "govuk/forms/radios.html",
    "select_date": "govuk/forms/select_date.html",
    "multi": "govuk/forms/multi.html",
}


class GovukDateInput(forms.MultiWidget):
    """Day, month and year in three boxes: the GOV.UK date input pattern.

    Use it on a `forms.DateField`; the parts are joined into `YYYY-MM-DD`,
    which the field's default input formats accept.
    """

    template_name = "govuk/forms/date_input.html"
    use_fieldset = True
    parts = (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets = {part: forms.TextInput(attrs={"inputmode": "numeric"}) for part, _, _ in self.parts}
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value.count("-") == 2:
            # Re-show exactly what the person typed, even when it was not a date.
            year, month, day = value.split("-")
            return [day, month, year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name) -> str | None:
        day, month, year = (str(data.get(f"{name}_{part}", "")).strip() for part, _, _ in self.parts)
        if not (day or month or year):
            return None
        return f"{year}-{month}-{day}"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        id_ = context["widget"]["attrs"].get("id")
        for (part, label, width), subwidget in zip(self.parts, context["widget"]["subwidgets"], strict=True):
            subwidget["label"] = label
            sub_attrs = subwidget["attrs"]
            sub_attrs["class"] = f"{sub_attrs.get('class', '')} govuk-input--width-{width}".strip()
            if id_:
                sub_attrs["id"] = f"{id_}_{part}"
        return context

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_day" if id_ else ""


def control_kind(widget: forms.Widget) -> str:
    """Which GOV.UK component a Django widget becomes."""
    if widget.is_hidden:
        return "hidden"
    # CheckboxSelectMultiple subclasses RadioSelect, so it is tested first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, GovukDateInput):
        return "date"
    if isinstance(widget, forms.SelectDateWidget):
        return "select_date"
    if isinstance(widget, forms.MultiWidget):
        return "multi"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, forms.widgets.Input):
        return "input"
    return "other"


def error_anchor(bound_field: BoundField) -> str:
    """The id of the control the error summary links to: the first one the person should fix."""
    widget = bound_field.field.widget
    base_id = widget.attrs.get("id") or bound_field.auto_id
    if not base_id:
        return ""
    kind = control_kind(widget)
    if kind in {"radios", "checkboxes"}:
        subwidgets = bound_field.subwidgets
        return subwidgets[0].id_for_label if subwidgets else base_id
    if kind == "multi":
        return f"{base_id}_0"
    return widget.id_for_label(base_id) or base_id


@dataclass(frozen=True)
class SummaryError:
    text: str
    href: str = ""


def error_summary_items(form: forms.BaseForm) -> list[SummaryError]:
    """Every error on the form, in page order, each linked to the control it is about.

    Errors about the form as a whole come first and link to its first visible
    field, where a person correcting them starts.
    """
    if not getattr(form, "is_bound", False) or not form.errors:
        return []
    visible = [bf for bf in form if not bf.is_hidden]
    first_anchor = error_anchor(visible[0]) if visible else ""
    items = [SummaryError(str(error), f"#{first_anchor}" if first_anchor else "") for error in form.non_field_errors()]
    for bound_field in form:
        if bound_field.is_hidden:
            # Nothing to link to: the person cannot change a hidden field. Worded as Django words it.
            items += [
                SummaryError(_("(Hidden field %(name)s) %(error)s") % {"name": bound_field.name, "error": error})
                for error in bound_field.errors
            ]
            continue
        anchor = error_anchor(bound_field)
        items += [SummaryError(str(error), f"#{anchor}" if anchor else "") for error in bound_field.errors]
    return items


SUMMARY_SHOWN = "_govuk_error_summary_shown"


def mark_error_summary_shown(form: forms.BaseForm) -> None:
    setattr(form, SUMMARY_SHOWN, True)


def error_summary_shown(form: forms.BaseForm) -> bool:
    return getattr(form, SUMMARY_SHOWN, False)


def hint_html(hint: str) -> str:
    """Django's password rules come as a bare <ul>; in a hint it becomes a GOV.UK bulleted list in hint grey."""
    # Django treats help text as HTML (its own templates render it |safe), and so do we.
    text = str(hint)
    if text.startswith("<ul>"):
        return mark_safe('<ul class="govuk-list govuk-list--bullet govuk-hint govuk-!-margin-bottom-0">' + text[4:])  # noqa: S308
    return hint


class GovukBoundField(BoundField):
    """A bound field that renders itself as a GOV.UK form group."""

    @property
    def govuk_kind(self) -> str:
        return control_kind(self.field.widget)

    @property
    def govuk_id(self) -> str:
        return self.field.widget.attrs.get("id") or self.auto_id

    def get_context(self) -> dict[str, Any]:
        return self.govuk_context()

    def govuk_context(self, *, label: str | None = None, hint: str | None = None) -> dict[str, Any]:
        """Everything the field template needs; `label` and `hint` replace the field's own."""
        kind = self.govuk_kind
        base_id = self.govuk_id
        hint = hint_html(self.help_text if hint is None else hint)
        hint_id = f"{base_id}-hint" if hint and base_id else ""
        error_id = f"{base_id}-error" if self.errors and base_id else ""
        described_by = " ".join(filter(None, [hint_id, error_id]))
        fieldset = kind in FIELDSET_KINDS
        return {
            "field": self,
            "govuk": True,
            "kind": kind,
            "fieldset": fieldset,
            # Text boxes grouped in a fieldset need role=group for JAWS to read the hint.
            "fieldset_role": "group" if kind in {"date", "select_date", "multi"} else "",
            "label": self.label if label is None else label,
            "label_for": self.id_for_label or base_id,
            "hint": hint,
            "hint_id": hint_id,
            "errors": self.errors,
            "error_id": error_id,
            "described_by": described_by,
            "control": self.govuk_control(kind=kind, described_by="" if fieldset else described_by),
        }

    def govuk_control(self, *, kind: str, described_by: str) -> SafeString:
        """The control itself, with GOV.UK classes and without browser validation."""
        widget = self.field.widget
        if self.field.localize:
            widget.is_localized = True
        attrs = self.build_widget_attrs({}, widget)
        # Django's own aria-describedby points at ids that GOV.UK markup does not use.
        attrs.pop("aria-describedby", None)
        described_by = " ".join(filter(None, [described_by, widget.attrs.get("aria-describedby", "")]))
        if described_by:
            attrs["aria-describedby"] = described_by
        # GOV.UK: no browser validation, and no placeholder text in place of labels or hints.
        attrs["required"] = False
        if "placeholder" in widget.attrs:
            attrs["placeholder"] = False
        base_class, error_class = CONTROL_CLASSES.get(kind, ("", ""))
        classes = [base_class, error_class if self.errors else "", widget.attrs.get("class", "")]
        if class_names := " ".join(c for c in classes if c):
            attrs["class"] = class_names
        if kind == "input" and getattr(widget, "input_type", "") == "email":
            attrs.setdefault("spellcheck", "false")
        if self.auto_id and "id" not in widget.attrs:
            attrs.setdefault("id", self.auto_id)
        context = widget.get_context(self.html_name, self.value(), attrs)
        if kind == "multi":
            labels = multi_widget_labels(widget)
            for subwidget, sub_label in zip(context["widget"]["subwidgets"], labels, strict=False):
                subwidget["label"] = sub_label
        elif kind == "select_date":
            for subwidget in context["widget"]["subwidgets"]:
                subwidget["label"] = DATE_PART_LABELS[subwidget["name"].rsplit("_", 1)[-1]]
        template_name = CONTROL_TEMPLATES.get(kind, widget.template_name)
        if isinstance(widget, forms.ClearableFileInput):
            template_name = "govuk/forms/clearable_file_input.html"
        html = self.form.renderer.render(template_name, context)
        if self.field.show_hidden_initial:
            html += self.as_hidden(only_initial=True)
        return mark_safe(html)  # noqa: S308 - rendered by Django templates, which escape


def multi_widget_labels(widget: forms.MultiWidget) -> list[str]:
    """Labels for the parts of a multi-part control that is not a date input."""
    if labels := getattr(widget, "govuk_labels", None):
        return list(labels)
    if isinstance(widget, forms.SplitDateTimeWidget):
        return ["Date", "Time"]
    count = len(widget.widgets)
    return [f"Part {number} of {count}" for number in range(1, count + 1)]


class GovukFormRenderer(TemplatesSetting):
    """Renders every form and field in GOV.UK Design System markup."""

    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"
    bound_field_class = GovukBoundField
