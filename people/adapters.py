from __future__ import annotations

from allauth.account.forms import AddEmailForm, SignupForm
from django import forms
from django.conf import settings


def email_domain_allowed(email: str) -> bool:
    """An address may sign up when its domain is, or is under, an allowed domain."""
    domain = email.rsplit("@", 1)[-1].strip().lower()
    return any(domain == allowed or domain.endswith("." + allowed) for allowed in settings.SIGNUP_EMAIL_DOMAINS)


class WorkEmailMixin:
    """New addresses (signing up, adding an address) must be work addresses in an allowed domain.

    Only forms that bring in a new address check it: signing in and resetting a
    password work for any existing account, including ones HR created.
    """

    def clean_email(self) -> str:
        email = super().clean_email()
        if not email_domain_allowed(email):
            allowed = " or ".join(settings.SIGNUP_EMAIL_DOMAINS)
            raise forms.ValidationError(
                f"Use your work email address. You can only create an account with an address ending {allowed}."
            )
        return email


class WorkEmailSignupForm(WorkEmailMixin, SignupForm):
    pass


class WorkEmailAddForm(WorkEmailMixin, AddEmailForm):
    pass
