"""Who may see every certificate, download any PDF, revoke and re-issue: HR officers and administrators."""

from __future__ import annotations

from certificates.models import Certificate
from people.permissions import HRDataPolicy

certificate_policy = HRDataPolicy(Certificate, forbidden_actions={"delete"})


def sees_every_certificate(user) -> bool:
    return certificate_policy.user_has_permission(user, "view")


def downloadable_by(user):
    """The certificates whose PDF this user may fetch: every one for HR, their own for anyone else."""
    return Certificate.objects.all() if sees_every_certificate(user) else Certificate.objects.for_user(user)
