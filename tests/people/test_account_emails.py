"""allauth's emails speak as govlearn: each subject says what happened, in sentence case, naming the service."""

from __future__ import annotations

from pathlib import Path

import allauth
import pytest
from allauth.account.adapter import get_adapter
from django.template.loader import render_to_string
from django.test import RequestFactory

SUBJECTS = {
    "account/email/account_already_exists": "You already have a govlearn account",
    "account/email/email_changed": "Your govlearn email address has changed",
    "account/email/email_confirm": "Your govlearn email address is confirmed",
    "account/email/email_confirmation": "Confirm your email address for govlearn",
    "account/email/email_confirmation_signup": "Confirm your email address for govlearn",
    "account/email/email_deleted": "An email address was removed from your govlearn account",
    "account/email/login_code": "Your code to sign in to govlearn",
    "account/email/password_changed": "Your govlearn password has been changed",
    "account/email/password_reset": "Your govlearn password has been reset",
    "account/email/password_reset_code": "Your code to reset your govlearn password",
    "account/email/password_reset_key": "Reset your govlearn password",
    "account/email/password_set": "Your govlearn password has been set",
    "account/email/unknown_account": "There is no govlearn account for this email address",
    "mfa/email/recovery_codes_generated": "New recovery codes for your govlearn account",
    "mfa/email/totp_activated": "Authenticator app added to your govlearn account",
    "mfa/email/totp_deactivated": "Authenticator app removed from your govlearn account",
    "mfa/email/webauthn_added": "Security key added to your govlearn account",
    "mfa/email/webauthn_removed": "Security key removed from your govlearn account",
    "socialaccount/email/account_connected": "A third-party account was connected to your govlearn account",
    "socialaccount/email/account_disconnected": "A third-party account was disconnected from your govlearn account",
}


def subject_of(template_prefix: str, **context) -> str:
    """The subject as allauth's adapter makes it (render_mail): the template on one line, then the prefix."""
    context.setdefault("request", RequestFactory().get("/"))
    rendered = render_to_string(f"{template_prefix}_subject.txt", context)
    return get_adapter().format_email_subject(" ".join(rendered.splitlines()).strip())


def test_every_email_allauth_can_send_has_a_subject_of_ours():
    """An allauth upgrade that adds an email fails here until it has a govlearn subject."""
    templates = Path(allauth.__file__).parent / "templates"
    shipped = {
        str(path.relative_to(templates)).removesuffix("_subject.txt") for path in templates.rglob("*_subject.txt")
    }
    assert shipped == set(SUBJECTS)


@pytest.mark.parametrize(("template_prefix", "subject"), SUBJECTS.items())
def test_subjects_are_in_the_services_voice(db, template_prefix, subject):
    assert subject_of(template_prefix) == subject


def test_the_code_to_confirm_it_is_you_says_so(db):
    assert subject_of("account/email/login_code", reauthentication=True) == "Your code to confirm it is you on govlearn"
