"""Signing in for the first time links the account to the employee HR loaded with the same, verified, address."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.account.signals import user_logged_in
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people.accounts import link_employee, link_on_sign_in
from people.models import Employee, EmployeeQuerySet
from people.roles import employee_for, is_line_manager
from tests.factories import TEST_PASSWORD, EmployeeFactory, UserFactory

pytestmark = pytest.mark.django_db

EMAIL = "sam.okafor@example.gov.uk"
SIGN_IN_RECEIVER = "people-link-employee-on-sign-in"


@pytest.fixture(autouse=True)
def _signup_domains_and_fresh_rate_limits(settings):
    settings.SIGNUP_EMAIL_DOMAINS = ["example.gov.uk"]
    # allauth keeps its rate limits in the cache, which outlives a test.
    cache.clear()


@pytest.fixture
def hr_record(department, grades) -> Employee:
    """Sam's record, loaded by HR before Sam has an account."""
    return EmployeeFactory(
        given_name="Sam", family_name="Okafor", email=EMAIL, department=department, grade=grades["EO"]
    )


def sign_in(client, email: str = EMAIL):
    response = client.post(reverse("account_login"), {"login": email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return response


def sign_up(client, email: str = EMAIL) -> str:
    """Create an account through the form; the path of the confirmation link emailed."""
    client.post(reverse("account_signup"), {"email": email, "password1": TEST_PASSWORD, "password2": TEST_PASSWORD})
    return confirmation_path(mail.outbox[-1])


def confirmation_path(message) -> str:
    match = re.search(r"https?://testserver(/accounts/confirm-email/\S+)", message.body)
    assert match, f"no confirmation link in: {message.body}"
    return match.group(1)


def linked_user_id(employee: Employee) -> int | None:
    return Employee.objects.values_list("user_id", flat=True).get(pk=employee.pk)


def add_address(user, email: str, *, verified: bool = True, primary: bool = False) -> EmailAddress:
    return EmailAddress.objects.create(user=user, email=email, verified=verified, primary=primary)


# Through the real journeys ---------------------------------------------------------------


def test_first_sign_in_links_the_employee_and_the_next_page_shows_their_record(client, hr_record):
    user = UserFactory(email=EMAIL)

    response = sign_in(client)

    assert client.session[SESSION_KEY] == str(user.pk)
    assert response.url == "/"
    assert linked_user_id(hr_record) == user.pk
    html = client.get("/").content.decode()
    assert hr_record.staff_number in html
    assert "not yet linked" not in html


def test_signing_up_then_confirming_the_address_links_the_employee(client, hr_record):
    confirm_path = sign_up(client)
    assert linked_user_id(hr_record) is None, "not before the address is verified"

    assert client.post(confirm_path).status_code == 302

    user = EmailAddress.objects.get(email=EMAIL).user
    assert client.session[SESSION_KEY] == str(user.pk)  # signed in on confirmation
    assert linked_user_id(hr_record) == user.pk


def test_confirming_the_address_links_the_employee_even_when_it_does_not_sign_in(client, hr_record):
    confirm_path = sign_up(client)

    other_browser = Client()
    assert other_browser.post(confirm_path).status_code == 302

    assert SESSION_KEY not in other_browser.session
    assert linked_user_id(hr_record) == EmailAddress.objects.get(email=EMAIL).user_id


def test_verifying_an_added_address_links_the_employee(client, hr_record):
    user = UserFactory(email="sam.o@example.gov.uk")
    sign_in(client, user.email)
    client.post(reverse("account_email"), {"action_add": "", "email": EMAIL})
    assert linked_user_id(hr_record) is None

    response = client.post(confirmation_path(mail.outbox[-1]))

    assert response.status_code == 302
    assert linked_user_id(hr_record) == user.pk
    assert employee_for(response.wsgi_request.user) == hr_record


def test_an_administrator_marking_the_address_verified_links_the_employee(client, admin_user, hr_record):
    user = UserFactory(email=EMAIL, verified_email=False)
    address = add_address(user, EMAIL, verified=False, primary=True)
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:account_emailaddress_changelist"),
        {"action": "make_verified", "_selected_action": [address.pk]},
    )

    assert response.status_code == 302
    assert linked_user_id(hr_record) == user.pk


# Only a verified address counts ------------------------------------------------------------


def test_sign_in_with_an_unverified_address_is_refused_and_links_nothing(client, hr_record):
    user = UserFactory(email=EMAIL, verified_email=False)
    add_address(user, EMAIL, verified=False, primary=True)

    response = client.post(reverse("account_login"), {"login": EMAIL, "password": TEST_PASSWORD})

    assert response.url == reverse("account_email_verification_sent")
    assert linked_user_id(hr_record) is None


@pytest.mark.parametrize("address_record", [True, False], ids=["unverified address", "no address record"])
def test_even_if_verification_were_optional_an_unverified_address_links_nothing(
    client, settings, hr_record, address_record
):
    settings.ACCOUNT_EMAIL_VERIFICATION = "optional"
    user = UserFactory(email=EMAIL, verified_email=False)
    if address_record:
        add_address(user, EMAIL, verified=False, primary=True)

    sign_in(client)

    assert client.session[SESSION_KEY] == str(user.pk)
    assert linked_user_id(hr_record) is None


def test_an_unverified_second_address_does_not_take_a_colleagues_record(hr_record):
    intruder = UserFactory(email="someone.else@example.gov.uk")
    add_address(intruder, EMAIL, verified=False)

    assert link_employee(intruder) is None
    assert linked_user_id(hr_record) is None


def test_a_verified_second_address_links(hr_record):
    user = UserFactory(email="sam.o@example.gov.uk")
    add_address(user, EMAIL)

    assert link_employee(user) == hr_record
    assert linked_user_id(hr_record) == user.pk


# The rules ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hr_email", "address"),
    [
        ("Sam.Okafor@Example.GOV.UK", EMAIL),
        (EMAIL, "SAM.OKAFOR@example.gov.uk"),
        ("sam.OKAFOR@example.gov.uk", "Sam.Okafor@EXAMPLE.gov.uk"),
    ],
)
def test_the_address_matches_whatever_its_capitals(hr_record, hr_email, address):
    # As an import writing rows directly, or an older allauth, might have stored them.
    Employee.objects.filter(pk=hr_record.pk).update(email=hr_email)
    user = UserFactory(email=EMAIL)
    EmailAddress.objects.filter(user=user).update(email=address)

    assert link_employee(user) == hr_record
    assert linked_user_id(hr_record) == user.pk


def test_an_employee_linked_to_another_account_is_left_alone(client, department, grades):
    theirs = EmployeeFactory(email=EMAIL, department=department, grade=grades["EO"], with_user=True)
    owner = theirs.user
    # Another account that has somehow verified the same address (say, before the owner changed theirs).
    EmailAddress.objects.filter(user=owner).update(email="sam.new@example.gov.uk")
    other = UserFactory(email="sam.o@example.gov.uk")
    add_address(other, EMAIL)

    sign_in(client, other.email)

    assert linked_user_id(theirs) == owner.pk
    assert not Employee.objects.filter(user=other).exists()


def test_an_unlinked_employee_is_found_past_one_linked_to_another_account(department, grades):
    theirs = EmployeeFactory(email="s.okafor@example.gov.uk", department=department, grade=grades["EO"], with_user=True)
    EmailAddress.objects.filter(user=theirs.user).update(email="sam.new@example.gov.uk")
    mine = EmployeeFactory(email=EMAIL, department=department, grade=grades["EO"])
    user = UserFactory(email="sam.o@example.gov.uk")
    add_address(user, theirs.email)
    add_address(user, EMAIL)

    assert link_employee(user) == mine
    assert linked_user_id(theirs) == theirs.user_id


def test_an_account_already_linked_keeps_its_employee(client, learner, hr_record):
    user = learner.user
    add_address(user, EMAIL)  # Sam's address, verified by the learner: still only one employee each

    sign_in(client, user.email)

    assert linked_user_id(learner) == user.pk
    assert linked_user_id(hr_record) is None


def test_no_employee_with_the_address_links_nothing(client, hr_record):
    user = UserFactory(email="nobody.in.hr@example.gov.uk")

    sign_in(client, user.email)

    assert not Employee.objects.filter(user=user).exists()
    assert linked_user_id(hr_record) is None


def test_a_leaver_is_still_linked_to_their_account(client, hr_record):
    """Their enrolments and certificates are theirs to see; being a leaver already spares them compulsory training."""
    Employee.objects.filter(pk=hr_record.pk).update(is_active=False)
    user = UserFactory(email=EMAIL)

    sign_in(client)

    assert linked_user_id(hr_record) == user.pk


@pytest.mark.parametrize("primary_first", [True, False])
def test_with_two_verified_addresses_matching_two_employees_the_main_address_wins(department, grades, primary_first):
    main = EmployeeFactory(email="sam.okafor@example.gov.uk", department=department, grade=grades["EO"])
    other = EmployeeFactory(email="s.okafor@example.gov.uk", department=department, grade=grades["EO"])
    user = UserFactory(email=main.email, verified_email=False)
    if primary_first:
        add_address(user, main.email, primary=True)
        add_address(user, other.email)
    else:
        add_address(user, other.email)
        add_address(user, main.email, primary=True)

    assert link_employee(user) == main
    assert linked_user_id(other) is None


def test_linking_twice_changes_nothing_the_second_time(hr_record):
    user = UserFactory(email=EMAIL)

    assert link_employee(user) == hr_record
    assert link_employee(user) is None
    assert linked_user_id(hr_record) == user.pk


def test_an_employee_claimed_meanwhile_by_another_account_is_not_taken(hr_record, monkeypatch):
    """Between finding the employee and linking it, another sign-in may have linked it."""
    user = UserFactory(email=EMAIL)
    first_holder = UserFactory(email="first.holder@example.gov.uk")
    real_first = EmployeeQuerySet.first

    def first_then_claimed(queryset):
        found = real_first(queryset)
        Employee.objects.filter(pk=hr_record.pk).update(user=first_holder)
        return found

    monkeypatch.setattr(EmployeeQuerySet, "first", first_then_claimed)

    assert link_employee(user) is None
    assert linked_user_id(hr_record) == first_holder.pk


# The same request, the next request, and what it costs -----------------------------------------


def test_roles_and_record_remembered_on_the_user_are_refreshed_when_linked(hr_record, learner):
    learner.line_manager = hr_record
    learner.save(update_fields=["line_manager"])
    user = UserFactory(email=EMAIL)
    assert employee_for(user) is None
    assert not is_line_manager(user)

    assert link_employee(user) == hr_record

    assert employee_for(user) == hr_record
    assert is_line_manager(user)


def test_the_employee_is_remembered_on_the_user_object(hr_record, django_assert_num_queries):
    user = UserFactory(email=EMAIL)
    link_employee(user)

    with django_assert_num_queries(0):
        assert user.employee == hr_record


def test_the_next_request_loads_the_newly_linked_line_manager(client, hr_record, learner):
    learner.line_manager = hr_record
    learner.save(update_fields=["line_manager"])
    UserFactory(email=EMAIL)

    sign_in(client)
    request_user = client.get("/").wsgi_request.user

    assert employee_for(request_user) == hr_record
    assert is_line_manager(request_user)


def test_query_cost_of_link_employee(hr_record, learner, django_assert_num_queries):
    newcomer = UserFactory(email=EMAIL)
    stranger = UserFactory(email="nobody.in.hr@example.gov.uk")

    with django_assert_num_queries(1):
        assert link_employee(learner.user) is None  # already linked
    with django_assert_num_queries(1):
        assert link_employee(stranger) is None  # nothing to link
    with django_assert_num_queries(2):
        assert link_employee(newcomer) == hr_record  # linked, once in a lifetime


def sign_in_queries(email: str) -> int:
    """Queries to sign in through the form in a fresh browser."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        sign_in(Client(), email)
    return len(queries)


@pytest.mark.parametrize("who", ["already linked", "no employee"])
def test_signing_in_costs_one_query_more_than_without_linking(learner, who):
    email = learner.user.email if who == "already linked" else UserFactory(email="nobody.in.hr@example.gov.uk").email
    sign_in_queries(email)  # the first sign-in may also record things allauth keeps once

    with_linking = sign_in_queries(email)
    assert user_logged_in.disconnect(dispatch_uid=SIGN_IN_RECEIVER)
    try:
        without_linking = sign_in_queries(email)
    finally:
        user_logged_in.connect(link_on_sign_in, dispatch_uid=SIGN_IN_RECEIVER)

    assert with_linking - without_linking == 1
