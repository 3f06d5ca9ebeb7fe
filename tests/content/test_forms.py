"""Every form renders in GOV.UK Design System markup through the site's form renderer."""

from __future__ import annotations

import datetime
import re

import pytest
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, RequestContext, Template
from django.template.loader import render_to_string
from wagtail.models import Page

from content.forms import GovukBoundField, GovukDateInput, GovukFormRenderer
from people.models import User

COLOURS = [("red", "Red"), ("green", "Green")]


class EverythingForm(forms.Form):
    name = forms.CharField(help_text="As it appears on your payslip")
    email = forms.EmailField(widget=forms.EmailInput(attrs={"autocomplete": "email", "placeholder": "Email address"}))
    password = forms.CharField(widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    notes = forms.CharField(widget=forms.Textarea, required=False)
    grade = forms.ChoiceField(choices=[("", "Choose a grade"), ("G7", "Grade 7"), ("G6", "Grade 6")])
    colour = forms.ChoiceField(choices=COLOURS, widget=forms.RadioSelect, help_text="Choose one")
    topics = forms.MultipleChoiceField(choices=COLOURS, widget=forms.CheckboxSelectMultiple)
    agree = forms.BooleanField(label="I agree to the terms", help_text="You must agree to continue")
    evidence = forms.FileField(required=False)
    due = forms.DateField(widget=GovukDateInput, help_text="For example, 27 3 2026")
    step = forms.CharField(widget=forms.HiddenInput, initial="1")


def bound(data: dict | None = None) -> EverythingForm:
    form = EverythingForm(data=data)
    if data is not None:
        form.is_valid()
    return form


def control(html: str, name: str) -> str:
    """The first <input>, <select> or <textarea> with this name."""
    match = re.search(rf'<(input|select|textarea)[^>]*\sname="{name}"[^>]*>', html)
    assert match, f"no control named {name}"
    return match.group(0)


def group(html: str, field_id: str) -> str:
    """The govuk-form-group that holds the field with this id."""
    for chunk in re.split(r'(?=<div class="govuk-form-group)', html):
        if f'id="{field_id}"' in chunk:
            return chunk
    raise AssertionError(f"no form group for {field_id}")


def test_the_renderer_gives_every_form_govuk_bound_fields():
    form = EverythingForm()

    assert isinstance(form.renderer, GovukFormRenderer)
    assert all(isinstance(bound_field, GovukBoundField) for bound_field in form)


@pytest.mark.parametrize(
    ("name", "expected_class"),
    [
        ("name", "govuk-input"),
        ("email", "govuk-input"),
        ("password", "govuk-input"),
        ("notes", "govuk-textarea"),
        ("grade", "govuk-select"),
        ("colour", "govuk-radios__input"),
        ("topics", "govuk-checkboxes__input"),
        ("agree", "govuk-checkboxes__input"),
        ("evidence", "govuk-file-upload"),
        ("due_day", "govuk-input govuk-date-input__input govuk-input--width-2"),
        ("due_year", "govuk-input govuk-date-input__input govuk-input--width-4"),
    ],
)
def test_each_control_has_its_govuk_class(name, expected_class):
    assert f'class="{expected_class}"' in control(str(bound()), name)


@pytest.mark.parametrize(
    ("name", "error_class"),
    [
        ("name", "govuk-input govuk-input--error"),
        ("email", "govuk-input govuk-input--error"),
        ("password", "govuk-input govuk-input--error"),
        ("grade", "govuk-select govuk-select--error"),
        ("due_day", "govuk-input govuk-date-input__input govuk-input--error govuk-input--width-2"),
    ],
)
def test_controls_with_errors_have_the_error_modifier(name, error_class):
    html = str(bound({"due_day": "31", "due_month": "2", "due_year": "2026"}))

    assert f'class="{error_class}"' in control(html, name)


@pytest.mark.parametrize(
    ("field_id", "error"),
    [
        ("id_name", "This field is required."),
        ("id_grade", "This field is required."),
        ("id_colour", "This field is required."),
        ("id_agree", "This field is required."),
        ("id_due", "Enter a valid date."),
    ],
)
def test_error_message_markup(field_id, error):
    html = str(bound({"due_day": "31", "due_month": "2", "due_year": "2026"}))

    assert (
        f'<p class="govuk-error-message" id="{field_id}-error">'
        f'<span class="govuk-visually-hidden">Error:</span> {error}</p>'
    ) in html


def test_text_input_form_group_label_hint_error_and_described_by():
    html = str(bound({}))
    name_group = group(html, "id_name")

    assert name_group.startswith('<div class="govuk-form-group govuk-form-group--error">')
    assert '<label class="govuk-label" for="id_name">Name</label>' in name_group
    assert '<div id="id_name-hint" class="govuk-hint">As it appears on your payslip</div>' in name_group
    assert 'aria-describedby="id_name-hint id_name-error"' in control(html, "name")


def test_described_by_lists_only_what_is_there():
    unbound = str(bound())
    invalid = str(bound({"name": "Ada"}))

    assert 'aria-describedby="id_name-hint"' in control(unbound, "name")
    assert "aria-describedby" not in control(unbound, "password")
    assert 'aria-describedby="id_password-error"' in control(invalid, "password")
    assert "govuk-form-group--error" not in group(invalid, "id_name")


def test_no_browser_validation_no_placeholder_and_autocomplete_kept():
    html = str(bound())

    assert not re.search(r"<(input|select|textarea)[^>]*\srequired", html)
    assert "placeholder" not in html
    assert 'autocomplete="current-password"' in control(html, "password")
    assert 'autocomplete="email"' in control(html, "email")
    assert 'spellcheck="false"' in control(html, "email")
    assert 'type="password"' in control(html, "password")


def test_radios_are_a_fieldset_with_a_legend_described_by_hint_and_error():
    html = str(bound({}))
    radios = group(html, "id_colour_0")

    assert '<fieldset class="govuk-fieldset" aria-describedby="id_colour-hint id_colour-error">' in radios
    assert '<legend class="govuk-fieldset__legend">Colour</legend>' in radios
    assert '<div class="govuk-radios" data-module="govuk-radios">' in radios
    assert radios.count('<div class="govuk-radios__item">') == 2
    assert '<label class="govuk-label govuk-radios__label" for="id_colour_1">Green</label>' in radios
    # The fieldset carries the description, not each radio.
    assert "aria-describedby" not in control(radios, "colour")


def test_a_chosen_radio_stays_checked():
    html = str(bound({"colour": "green"}))

    assert re.search(r'<input type="radio" name="colour" value="green"[^>]*\schecked', html)


def test_checkbox_group():
    html = str(bound({"topics": ["red"]}))
    checkboxes = group(html, "id_topics_0")

    assert '<legend class="govuk-fieldset__legend">Topics</legend>' in checkboxes
    assert '<div class="govuk-checkboxes" data-module="govuk-checkboxes">' in checkboxes
    assert checkboxes.count('<div class="govuk-checkboxes__item">') == 2
    assert re.search(r'value="red"[^>]*\schecked', checkboxes)
    assert '<label class="govuk-label govuk-checkboxes__label" for="id_topics_0">Red</label>' in checkboxes


def test_single_checkbox_has_its_label_and_hint_in_the_item_and_no_fieldset():
    html = str(bound({}))
    checkbox = group(html, "id_agree")

    assert "<fieldset" not in checkbox
    assert '<label class="govuk-label govuk-checkboxes__label" for="id_agree">I agree to the terms</label>' in checkbox
    assert (
        '<div id="id_agree-hint" class="govuk-hint govuk-checkboxes__hint">You must agree to continue</div>' in checkbox
    )
    assert 'aria-describedby="id_agree-hint id_agree-error"' in control(checkbox, "agree")


def test_date_input_is_a_group_fieldset_with_labelled_parts():
    html = str(bound())
    date = html[html.index('<fieldset class="govuk-fieldset" role="group"') :]

    assert '<fieldset class="govuk-fieldset" role="group" aria-describedby="id_due-hint">' in date
    assert '<legend class="govuk-fieldset__legend">Due</legend>' in date
    for part, label in [("day", "Day"), ("month", "Month"), ("year", "Year")]:
        assert f'<label class="govuk-label govuk-date-input__label" for="id_due_{part}">{label}</label>' in date
        assert 'inputmode="numeric"' in control(date, f"due_{part}")


def test_date_input_reads_and_shows_back_a_date():
    valid = EverythingForm(data={"due_day": "7", "due_month": "3", "due_year": "2026"})
    valid.is_valid()
    invalid = str(bound({"due_day": "31", "due_month": "2", "due_year": "2026"}))
    initial = str(EverythingForm(initial={"due": datetime.date(2026, 3, 27)}))

    assert valid.cleaned_data["due"] == datetime.date(2026, 3, 7)
    assert 'value="31"' in control(invalid, "due_day")
    assert 'value="27"' in control(initial, "due_day")
    assert 'value="2026"' in control(initial, "due_year")


def test_an_empty_date_is_required_not_invalid():
    form = bound({"due_day": "", "due_month": "", "due_year": ""})

    assert form.errors["due"] == ["This field is required."]


def test_hidden_fields_render_as_bare_inputs():
    html = str(bound())

    assert '<input type="hidden" name="step" value="1" id="id_step">' in html
    assert "govuk-form-group" not in html.split('name="step"')[0].rsplit("<", 1)[-1]


def test_select_keeps_the_chosen_option():
    html = str(bound({"grade": "G6"}))

    assert '<option value="G6" selected>Grade 6</option>' in html
    assert '<label class="govuk-label" for="id_grade">Grade</label>' in html


def test_several_errors_on_one_field_share_one_message():
    class PasswordForm(forms.Form):
        password = forms.CharField()

        def clean_password(self):
            raise forms.ValidationError(["Too short.", "Too common."])

    html = str(PasswordForm(data={"password": "x"}))

    assert (
        '<p class="govuk-error-message" id="id_password-error">'
        '<span class="govuk-visually-hidden">Error:</span> Too short.<br>Too common.</p>'
    ) in html


def test_file_upload_offers_to_remove_the_current_file():
    class UploadForm(forms.Form):
        document = forms.FileField(required=False)

    document = SimpleUploadedFile("policy.pdf", b"%PDF")
    document.url = "/media/policy.pdf"
    html = str(UploadForm(initial={"document": document}))

    assert '<a class="govuk-link" href="/media/policy.pdf">policy.pdf</a>' in html
    assert (
        '<label class="govuk-label govuk-checkboxes__label" for="document-clear_id">Remove the current file</label>'
        in html
    )
    assert 'class="govuk-file-upload"' in control(html, "document")


def test_a_third_party_form_gets_govuk_markup():
    html = str(AuthenticationForm(data={"username": "", "password": ""}))

    assert 'class="govuk-input govuk-input--error"' in control(html, "username")
    assert 'autocomplete="current-password"' in control(html, "password")
    assert '<label class="govuk-label" for="id_password">Password</label>' in html


def test_a_bare_widget_stays_plain_for_the_admin_sites():
    """Wagtail's and Django's admins render `{{ field }}` inside their own markup."""
    html = str(bound({})["name"])

    assert "govuk" not in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html


# Error summary ------------------------------------------------------------------


def summary(form) -> str:
    return render_to_string("govuk/error_summary.html", {"form": form})


def test_error_summary_links_each_error_to_its_control():
    class SignInForm(forms.Form):
        email = forms.EmailField()
        colour = forms.ChoiceField(choices=COLOURS, widget=forms.RadioSelect)
        due = forms.DateField(widget=GovukDateInput)
        step = forms.CharField(widget=forms.HiddenInput)

        def clean(self):
            raise forms.ValidationError("Enter a correct email address and password")

    html = summary(SignInForm(data={"email": "not-an-email"}))

    assert '<div class="govuk-error-summary" data-module="govuk-error-summary">' in html
    assert '<div role="alert">' in html
    assert '<h2 class="govuk-error-summary__title">There is a problem</h2>' in html
    assert '<ul class="govuk-list govuk-error-summary__list">' in html
    links = re.findall(r'<li>(?:<a href="(#[^"]+)">)?([^<]+)', html)
    assert links == [
        ("#id_email", "Enter a correct email address and password"),
        ("#id_email", "Enter a valid email address."),
        ("#id_colour_0", "This field is required."),
        ("#id_due_day", "This field is required."),
        ("", "(Hidden field step) This field is required."),
    ]


class OptionalForm(forms.Form):
    search = forms.CharField(required=False)


@pytest.mark.parametrize(
    "form",
    [EverythingForm(), OptionalForm(data={"search": "fraud"}), None, "not a form"],
    ids=["unbound", "valid", "no form", "not a form"],
)
def test_error_summary_renders_nothing_without_errors(form):
    assert summary(form).strip() == ""


def test_the_form_does_not_repeat_a_summary_already_shown():
    form = bound({})
    page = Template('{% include "govuk/error_summary.html" %}{{ form }}').render(Context({"form": form}))

    assert page.count("govuk-error-summary__title") == 1
    assert page.index("govuk-error-summary") < page.index("govuk-form-group")


def test_a_form_without_a_summary_on_the_page_shows_its_own_with_its_non_field_errors():
    class ConfirmForm(forms.Form):
        def clean(self):
            raise forms.ValidationError("This link has expired")

    html = Template("{{ other_form }}").render(Context({"other_form": ConfirmForm(data={})}))

    assert html.count("govuk-error-summary__title") == 1
    assert "<li>This link has expired</li>" in html


def test_govuk_field_tag_uses_the_page_wording():
    form = bound()
    html = Template('{% load govuk %}{% govuk_field form.name label="Full name" hint="" %}').render(
        Context({"form": form})
    )

    assert '<label class="govuk-label" for="id_name">Full name</label>' in html
    assert "govuk-hint" not in html
    assert "aria-describedby" not in control(html, "name")


def test_password_rules_hint_becomes_a_govuk_list():
    from django.contrib.auth.forms import SetPasswordForm

    html = str(SetPasswordForm(user=None))

    assert '<ul class="govuk-list govuk-list--bullet govuk-hint govuk-!-margin-bottom-0"><li>' in html


def test_base_page_shows_the_summary_once_and_says_error_in_the_title(rf, db):
    request = rf.get("/")
    request.user = AnonymousUser()
    page = Template('{% extends "base.html" %}{% block content %}<form>{{ form }}</form>{% endblock %}')
    html = page.render(RequestContext(request, {"form": bound({})}))

    assert re.search(r"<title>Error: ", html)
    assert html.count("govuk-error-summary__title") == 1
    assert html.index('id="main-content"') < html.index("govuk-error-summary") < html.index("<form>")


@pytest.mark.parametrize("path", ["/admin/users/new/", "/admin/account/", "/django-admin/people/user/add/"])
def test_the_admin_sites_keep_their_own_form_markup(client, db, path):
    admin = User.objects.create_superuser(email="admin@example.gov.uk", password="a-long-admin-passphrase")
    client.force_login(admin)

    response = client.get(path)

    assert response.status_code == 200
    assert "govuk-" not in response.content.decode()


def test_wagtail_page_editor_keeps_its_own_form_markup(client, db):
    admin = User.objects.create_superuser(email="admin@example.gov.uk", password="a-long-admin-passphrase")
    client.force_login(admin)
    home = Page.objects.filter(depth=2).first()

    response = client.get(f"/admin/pages/{home.pk}/edit/")

    assert response.status_code == 200
    assert "govuk-" not in response.content.decode()
