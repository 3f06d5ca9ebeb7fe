from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.conf import settings


def email_domain_allowed(email: str) -> bool:
    """An address may sign up when its domain is, or is under, an allowed domain."""
    domain = email.rsplit("@", 1)[-1].strip().lower()
    return any(domain == allowed or domain.endswith("." + allowed) for allowed in settings.SIGNUP_EMAIL_DOMAINS)


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email: str) -> str:
        email = super().clean_email(email)
        if not email_domain_allowed(email):
            allowed = ", ".join(settings.SIGNUP_EMAIL_DOMAINS)
            raise forms.ValidationError(
                f"Use your work email address. You can only create an account with an address ending {allowed}."
            )
        return email
