"""Linking a person's account to the HR record that HR loaded before they had one.

HR creates `Employee` records (in the admin or by import) before people sign up.
The first time someone signs in, or verifies an address, their account is
linked to the employee with that address. Only a *verified* address counts:
otherwise anyone could sign up with a colleague's address and take over their
training record. An employee already linked to an account is never moved to
another, and an account already linked keeps its employee.

Leavers (inactive employees) are linked too: their enrolments and certificates
are theirs to see, and being inactive already spares them compulsory training.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db.models import Case, Exists, F, OuterRef, Q, When
from django.db.models.functions import Lower

from people.models import Employee
from people.roles import forget_roles


def link_employee(user) -> Employee | None:
    """Link the account to the unlinked employee with one of its verified addresses, whatever the capitals.

    Returns the employee it linked, or None when it linked none: the account
    already has an employee, no verified address matches an employee without
    an account, or someone else's account took that employee first. One query
    when there is nothing to do, two when it links.
    """
    verified = EmailAddress.objects.filter(user_id=user.pk, verified=True).values(address=Lower("email"))
    found = (
        Employee.objects.alias(
            address=Lower("email"),
            # Their own employee first: then there is nothing to link. Then the
            # unlinked ones, the one with the address they chose as their main first.
            precedence=Case(When(user_id=user.pk, then=0), When(user__isnull=True, then=1), default=2),
            by_primary_address=Exists(verified.filter(primary=True, address=OuterRef("address"))),
        )
        # Both conditions are indexed (the account; the lower-case address), so
        # this reads a handful of rows however many people HR has loaded.
        .filter(Q(user_id=user.pk) | Q(address__in=verified))
        .order_by("precedence", F("by_primary_address").desc(), "pk")
        .first()
    )
    if found is None or found.user_id not in (None, user.pk):
        return None  # no employee has their address, or it is someone else's
    if found.user_id == user.pk:
        found.user = user  # remembered on both objects, as `user.employee` would be
        return None

    # Claimed only if still free and the account still has no employee: another
    # sign-in may have linked either since we looked.
    claimed = (
        Employee.objects.filter(pk=found.pk, user__isnull=True)
        .filter(~Exists(Employee.objects.filter(user_id=user.pk)))
        .update(user=user)
    )
    if not claimed:
        return None
    found.user = user
    # Roles and the HR record were remembered on this user object (one request)
    # without the employee; a newly linked line manager now has reports, too.
    forget_roles(user)
    return found


def link_on_sign_in(sender, *, user, **kwargs) -> None:
    """allauth's `user_logged_in`: every sign-in, including the one after signing up or confirming an address."""
    link_employee(user)


def link_on_email_confirmed(sender, *, email_address, request=None, **kwargs) -> None:
    """allauth's `email_confirmed`: an address was verified, by its owner or by an administrator."""
    user = getattr(request, "user", None)
    if user is None or user.pk != email_address.user_id:
        user = email_address.user
    link_employee(user)
