"""Who may see certificates, download their PDFs, revoke and re-issue: HR officers (those of the people in
their scope, `people.scopes`) and administrators; a learner their own."""

from __future__ import annotations

from certificates.models import Certificate
from people.permissions import HRDataPolicy

certificate_policy = HRDataPolicy(Certificate, forbidden_actions={"delete"})


def sees_every_certificate(user) -> bool:
    """Whether the user may use HR's certificate screens (for the people in their scope)."""
    return certificate_policy.user_has_permission(user, "view")


def sees_as_hr(user, certificate: Certificate) -> bool:
    """Whether the user sees this certificate as HR: what staff see of it (a revocation's reason) too."""
    return certificate_policy.user_has_permission_for_instance(user, "view", certificate)


def downloadable_by(user):
    """The certificates whose PDF this user may fetch: those of the people in an HR officer's scope, and
    anyone's own."""
    own = Certificate.objects.for_user(user)
    if not sees_every_certificate(user):
        return own
    return certificate_policy.instances_user_has_permission_for(user, "view") | own
