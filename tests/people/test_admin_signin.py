"""The Wagtail and Django admins sign people in, out and reset passwords only through allauth.

Their own views take a password alone: no two-step verification, no lockout after
failed attempts, no verified address, no rate limit on reset emails.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from people.models import User

PASSWORD = "a-long-unusual-passphrase-2026"


@pytest.fixture
def staff_with_mfa(db):
    """A superuser (the Wagtail and Django admins both let them in) with an authenticator app set up."""
    user = User.objects.create_superuser(email="grace.hopper@example.gov.uk", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def staff(db):
    user = User.objects.create_superuser(
        email="grace.hopper@example.gov.uk", password=PASSWORD, first_name="Grace", last_name="Hopper"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.mark.parametrize("login_url", ["/admin/login/", "/django-admin/login/"])
def test_a_password_alone_signs_no_one_in_through_an_admin_sign_in_address(client, staff_with_mfa, login_url):
    response = client.post(login_url, {"username": staff_with_mfa.email, "password": PASSWORD})

    assert SESSION_KEY not in client.session
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("login_url", ["/admin/login/", "/django-admin/login/"])
def test_an_admin_sign_in_address_never_switches_a_signed_in_person_to_another_account(
    client, staff_with_mfa, login_url
):
    other = User.objects.create_superuser(email="alan.turing@example.gov.uk", password=PASSWORD)
    client.force_login(other)

    client.post(login_url, {"username": staff_with_mfa.email, "password": PASSWORD})

    assert client.session[SESSION_KEY] == str(other.pk)


@pytest.mark.parametrize(
    ("address", "goes_to"),
    [
        ("/admin/login/?next=/admin/pages/", "/accounts/login/?next=%2Fadmin%2Fpages%2F"),
        ("/admin/login/", "/accounts/login/?next=%2Fadmin%2F"),
        ("/django-admin/login/?next=/django-admin/people/", "/accounts/login/?next=%2Fdjango-admin%2Fpeople%2F"),
        ("/django-admin/login/", "/accounts/login/?next=%2Fdjango-admin%2F"),
        # A next address elsewhere is dropped, as allauth's own pages drop it.
        ("/admin/login/?next=https://evil.example.com/", "/accounts/login/?next=%2Fadmin%2F"),
    ],
)
def test_admin_sign_in_addresses_send_people_to_allauths_sign_in_page_keeping_next(client, db, address, goes_to):
    response = client.get(address)

    assert response.status_code == 302
    assert response.url == goes_to


def test_the_wagtail_admin_sign_in_then_asks_for_the_authenticator_code(client, staff_with_mfa):
    sign_in_page = client.get("/admin/login/?next=/admin/pages/").url

    response = client.post(sign_in_page, {"login": staff_with_mfa.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_authenticate"))
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize(
    "address",
    [
        "/admin/password_reset/",
        "/admin/password_reset/done/",
        "/admin/password_reset/confirm/MQ/set-password/",
        "/admin/password_reset/complete/",
    ],
)
def test_admin_password_reset_sends_no_email_and_leads_to_allauths_reset(client, staff, address):
    response = client.post(address, {"email": staff.email})

    assert mail.outbox == []
    assert response.status_code == 302
    assert response.url == reverse("account_reset_password")


@pytest.mark.parametrize("address", ["/django-admin/password_change/", "/django-admin/password_change/done/"])
def test_django_admin_password_change_is_allauths(client, staff, address):
    client.force_login(staff)

    response = client.post(address, {"old_password": PASSWORD, "new_password1": "x" * 20, "new_password2": "x" * 20})

    assert response.status_code == 302
    assert response.url == reverse("account_change_password")
    staff.refresh_from_db()
    assert staff.check_password(PASSWORD)


@pytest.mark.parametrize("address", ["/admin/logout/", "/django-admin/logout/"])
def test_admin_sign_out_is_allauths(client, staff, address):
    client.force_login(staff)

    response = client.post(address)

    assert response.status_code == 302
    assert SESSION_KEY not in client.session


def test_the_wagtail_account_page_offers_no_email_or_password_change_but_links_to_allauths(client, staff):
    client.force_login(staff)

    page = client.get("/admin/account/").content.decode()

    assert 'name="name_email-email"' not in page
    assert 'name="password-new_password1"' not in page
    for url_name in ("account_email", "account_change_password", "mfa_index"):
        assert f'href="{reverse(url_name)}"' in page


class FormFields(HTMLParser):
    """The values a browser would send back from a page's form fields, as they stand."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "input" and name and attributes.get("type") not in {"checkbox", "radio", "submit", "file"}:
            self.values[name] = attributes.get("value") or ""
        elif tag == "input" and name and "checked" in attributes:
            self.values[name] = attributes.get("value") or "on"
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and ("selected" in attributes or self._select not in self.values):
            self.values[self._select] = attributes.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def test_the_wagtail_account_page_does_not_change_the_email_address(client, staff):
    client.force_login(staff)
    form = FormFields()
    form.feed(client.get("/admin/account/").content.decode())

    response = client.post("/admin/account/", {**form.values, "name_email-email": "me@elsewhere.com"})

    assert response.status_code == 302  # the rest of the form was saved

    staff.refresh_from_db()
    assert staff.email == "grace.hopper@example.gov.uk"


def test_the_admin_sends_no_email_hashes_to_gravatar(client, staff):
    client.force_login(staff)

    for address in ("/admin/", "/admin/account/", "/admin/users/"):
        assert b"gravatar" not in client.get(address).content.lower()


@pytest.mark.parametrize("form", ["create", "edit"])
def test_wagtails_user_forms_have_no_password_fields(client, staff, form):
    other = User.objects.create_user(email="alan.turing@example.gov.uk", password=PASSWORD)
    client.force_login(staff)
    url = reverse("wagtailusers_users:add") if form == "create" else reverse("wagtailusers_users:edit", args=[other.pk])

    response = client.get(url)

    assert response.status_code == 200
    assert not {"password1", "password2"} & set(response.context["form"].fields)
    assert 'type="password"' not in response.content.decode()


def test_wagtails_user_edit_form_does_not_change_a_password(client, staff):
    other = User.objects.create_user(
        email="alan.turing@example.gov.uk", password=PASSWORD, first_name="Alan", last_name="Turing"
    )
    client.force_login(staff)
    url = reverse("wagtailusers_users:edit", args=[other.pk])
    form = FormFields()
    form.feed(client.get(url).content.decode())

    response = client.post(
        url, {**form.values, "password1": "chosen-by-someone-else-1", "password2": "chosen-by-someone-else-1"}
    )

    assert response.status_code == 302  # the rest of the form was saved
    other.refresh_from_db()
    assert other.check_password(PASSWORD)
    assert not other.check_password("chosen-by-someone-else-1")


def test_a_person_added_in_wagtail_s_user_admin_has_no_usable_password(client, staff):
    client.force_login(staff)
    url = reverse("wagtailusers_users:add")
    form = FormFields()
    form.feed(client.get(url).content.decode())
    values = {**form.values, "email": "alan.turing@example.gov.uk", "first_name": "Alan", "last_name": "Turing"}

    response = client.post(url, values)

    assert response.status_code == 302
    added = User.objects.get(email="alan.turing@example.gov.uk")
    assert not added.has_usable_password()
