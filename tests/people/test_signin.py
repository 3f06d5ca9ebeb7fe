"""Signing up, in and out through allauth, on GOV.UK-styled pages."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django import forms
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.cache import cache
from django.template import Context, Origin, Template
from django.template.loader import render_to_string
from django.urls import reverse

from people.models import User

PASSWORD = "a-long-unusual-passphrase-2026"
EN_DASH = "\N{EN DASH}"
NEW_PASSWORD = "another-long-passphrase-2027"


@pytest.fixture(autouse=True)
def _signup_domains_and_fresh_rate_limits(settings):
    settings.SIGNUP_EMAIL_DOMAINS = ["example.gov.uk"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; hashing is not under test
    # allauth keeps its rate limits in the cache, which outlives a test.
    cache.clear()


@pytest.fixture
def verified_user(db):
    user = User.objects.create_user(email="ada.lovelace@example.gov.uk", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def signed_in_client(client, verified_user):
    """Signed in through the form, so allauth records a recent sign-in (needed before changing MFA)."""
    response = client.post(reverse("account_login"), {"login": verified_user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.fixture
def reauthenticated_client(signed_in_client):
    """Confirmed the password again just now, as allauth asks before changing two-factor settings."""
    response = signed_in_client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302
    return signed_in_client


@pytest.fixture
def mfa_user(verified_user):
    TOTP.activate(verified_user, generate_totp_secret())
    RecoveryCodes.activate(verified_user)
    return verified_user


def signed_in_user_id(client) -> str | None:
    return client.session.get(SESSION_KEY)


def link_in(message, path_prefix: str) -> str:
    match = re.search(rf"https?://testserver({re.escape(path_prefix)}\S+)", message.body)
    assert match, f"no {path_prefix} link in: {message.body}"
    return match.group(1)


class PageStructure(HTMLParser):
    """What a page offers assistive technology: headings, labels, controls and the names of links and buttons."""

    def __init__(self) -> None:
        super().__init__()
        self.h1_count = 0
        self.title = ""
        self.label_targets: set[str] = set()
        self.controls: list[dict[str, str | None]] = []
        self.empty_names: list[str] = []
        self._in_title = False
        self._naming: list[list] = []  # open <a>/<button>: [tag, text so far, attrs]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "h1":
            self.h1_count += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "label" and attributes.get("for"):
            self.label_targets.add(attributes["for"])
        elif tag in {"input", "select", "textarea"} and attributes.get("type") not in {"hidden", "submit"}:
            self.controls.append(attributes)
        elif tag in {"a", "button"}:
            self._naming.append([tag, "", attributes])
        elif tag == "img" and self._naming:
            self._naming[-1][1] += attributes.get("alt") or ""

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag in {"a", "button"} and self._naming and self._naming[-1][0] == tag:
            _, text, attributes = self._naming.pop()
            if not text.strip() and not attributes.get("aria-label"):
                self.empty_names.append(f"<{tag} {attributes}>")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        for open_element in self._naming:
            open_element[1] += data

    @property
    def unlabelled_controls(self) -> list[dict[str, str | None]]:
        return [c for c in self.controls if c.get("id") not in self.label_targets and not c.get("aria-label")]


def page_title(page: PageStructure) -> str:
    return " ".join(page.title.split())


def assert_govuk_page(response, title: str) -> None:
    """The page extends base.html, has one GOV.UK h1, a meaningful title and no unnamed controls."""
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-footer" in html, "does not extend base.html"
    assert 'class="govuk-heading-l"' in html
    page = PageStructure()
    page.feed(html)
    assert page.h1_count == 1
    assert page_title(page) == f"{title} {EN_DASH} govlearn"
    assert page.unlabelled_controls == []
    assert page.empty_names == []


# Sign-up --------------------------------------------------------------------


@pytest.mark.parametrize("email", ["grace.hopper@example.gov.uk", "grace.hopper@dept.example.gov.uk"])
def test_sign_up_with_a_work_address_sends_a_verification_email(client, db, email):
    response = client.post(reverse("account_signup"), {"email": email, "password1": PASSWORD, "password2": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    address = EmailAddress.objects.get(email=email)
    assert not address.verified
    assert address.user.check_password(PASSWORD)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [email]
    assert mail.outbox[0].subject == "Confirm your email address for govlearn"
    link_in(mail.outbox[0], "/accounts/confirm-email/")
    assert signed_in_user_id(client) is None


@pytest.mark.parametrize(
    "email",
    ["grace@gmail.com", "grace@notexample.gov.uk", "grace@example.gov.uk.attacker.com", "grace@gov.uk"],
)
def test_sign_up_with_another_address_is_refused_beside_the_field_and_in_the_summary(client, db, email):
    response = client.post(reverse("account_signup"), {"email": email, "password1": PASSWORD, "password2": PASSWORD})

    assert response.status_code == 200
    html = response.content.decode()
    message = "Use your work email address. You can only create an account with an address ending example.gov.uk"
    beside_field = (
        '<p class="govuk-error-message" id="id_email-error"><span class="govuk-visually-hidden">Error:</span> '
    )
    assert beside_field + message in html
    assert f'<a href="#id_email">{message}' in html
    assert 'aria-describedby="id_email-hint id_email-error"' in html
    assert html.count("govuk-error-summary__title") == 1
    page = PageStructure()
    page.feed(html)
    assert page_title(page) == f"Error: Create an account {EN_DASH} govlearn"
    assert not User.objects.exists()
    assert not EmailAddress.objects.exists()
    assert mail.outbox == []


def test_sign_up_keeps_the_email_but_not_the_passwords_after_an_error(client, db):
    response = client.post(
        reverse("account_signup"), {"email": "grace@example.gov.uk", "password1": PASSWORD, "password2": "different"}
    )

    html = response.content.decode()
    assert 'value="grace@example.gov.uk"' in html
    assert PASSWORD not in html
    assert '<a href="#id_password2">' in html
    assert not User.objects.exists()


# Verification is mandatory ----------------------------------------------------


def test_sign_in_is_refused_until_the_email_address_is_verified_then_allowed(client, db):
    email = "grace@example.gov.uk"
    client.post(reverse("account_signup"), {"email": email, "password1": PASSWORD, "password2": PASSWORD})
    confirm_path = link_in(mail.outbox[0], "/accounts/confirm-email/")
    client.logout()

    refused = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})

    assert refused.status_code == 302
    assert refused.url == reverse("account_email_verification_sent")
    assert signed_in_user_id(client) is None

    confirm_page = client.get(confirm_path)
    assert_govuk_page(confirm_page, "Confirm your email address")
    assert email in confirm_page.content.decode()
    assert client.post(confirm_path).status_code == 302
    assert EmailAddress.objects.get(email=email).verified

    allowed = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert allowed.status_code == 302
    assert signed_in_user_id(client) == str(User.objects.get(email=email).pk)


# Signing in and out -------------------------------------------------------------


def test_sign_in_with_a_verified_email_address(client, verified_user):
    response = client.post(reverse("account_login"), {"login": "Ada.Lovelace@example.gov.uk", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == "/"
    assert signed_in_user_id(client) == str(verified_user.pk)


def says_who_is_signed_in(page) -> list[str]:
    """Every sentence on the page that says someone is signed in (the phase banner's, and any message's)."""
    return re.findall(r"[^.>]*signed in as [^<]*", page.content.decode(), flags=re.IGNORECASE)


def test_signing_in_says_once_who_is_signed_in(client, verified_user):
    page = client.post(reverse("account_login"), {"login": verified_user.email, "password": PASSWORD}, follow=True)

    assert page.redirect_chain == [("/", 302)]
    assert [sentence.strip() for sentence in says_who_is_signed_in(page)] == [
        f"You are signed in as {verified_user.email}."
    ]
    assert "govuk-notification-banner--success" not in page.content.decode()


def test_signing_in_with_an_authenticator_code_says_once_who_is_signed_in(client, verified_user):
    secret = generate_totp_secret()
    TOTP.activate(verified_user, secret)
    client.post(reverse("account_login"), {"login": verified_user.email, "password": PASSWORD})
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))

    page = client.post(reverse("mfa_authenticate"), {"code": code}, follow=True)

    assert page.redirect_chain == [("/", 302)]
    assert len(says_who_is_signed_in(page)) == 1


def test_confirming_an_address_signs_in_and_says_so_once(client, db):
    email = "grace@example.gov.uk"
    client.post(reverse("account_signup"), {"email": email, "password1": PASSWORD, "password2": PASSWORD})

    page = client.post(link_in(mail.outbox[0], "/accounts/confirm-email/"), follow=True)

    assert signed_in_user_id(client) == str(User.objects.get(email=email).pk)
    assert len(says_who_is_signed_in(page)) == 1
    assert f"You have confirmed {email}." in page.content.decode()


def test_wrong_password_is_shown_in_the_error_summary_linked_to_the_email_field(client, verified_user):
    response = client.post(reverse("account_login"), {"login": verified_user.email, "password": "not-my-password"})

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="govuk-error-summary"') == 1
    assert re.search(r'<a href="#id_login">[^<]*not correct', html)
    assert signed_in_user_id(client) is None


def test_empty_sign_in_form_shows_an_error_for_each_field(client, db):
    html = client.post(reverse("account_login"), {"login": "", "password": ""}).content.decode()

    assert '<a href="#id_login">' in html
    assert '<a href="#id_password">' in html
    assert 'id="id_login-error"' in html
    assert 'id="id_password-error"' in html
    assert not re.search(r"<input[^>]*\srequired", html)


def test_sign_in_page_asks_for_a_work_email_address(client, db):
    response = client.get(reverse("account_login"))

    assert_govuk_page(response, "Sign in")
    html = response.content.decode()
    assert '<div id="id_login-hint" class="govuk-hint">Use your work email address.</div>' in html
    assert 'autocomplete="current-password"' in html
    assert "placeholder" not in html


def test_sign_out_needs_a_post(signed_in_client, verified_user):
    confirmation = signed_in_client.get(reverse("account_logout"))
    assert_govuk_page(confirmation, "Sign out")
    assert signed_in_user_id(signed_in_client) == str(verified_user.pk)

    response = signed_in_client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert signed_in_user_id(signed_in_client) is None


def test_wagtail_admin_sends_an_anonymous_visitor_to_the_sign_in_page(client, db):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "next=/admin/" in response.url


# Password reset -------------------------------------------------------------------


def test_password_reset_email_link_works_end_to_end(client, verified_user):
    response = client.post(reverse("account_reset_password"), {"email": verified_user.email})
    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [verified_user.email]
    assert mail.outbox[0].subject == "Reset your govlearn password"
    key_path = link_in(mail.outbox[0], "/accounts/password/reset/key/")

    # allauth moves the key into the session and redirects, so it never leaks in a Referer header.
    set_password_path = client.get(key_path).url
    form_page = client.get(set_password_path)
    assert_govuk_page(form_page, "Create a new password")

    done = client.post(set_password_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert done.url == reverse("account_reset_password_from_key_done")
    verified_user.refresh_from_db()
    assert verified_user.check_password(NEW_PASSWORD)
    signed_in = client.post(reverse("account_login"), {"login": verified_user.email, "password": NEW_PASSWORD})
    assert signed_in.status_code == 302
    assert signed_in_user_id(client) == str(verified_user.pk)

    used_again = client.get(key_path)
    assert_govuk_page(used_again, "Your password reset link has expired")


def test_password_reset_works_for_an_existing_account_outside_the_sign_up_domains(client, settings, verified_user):
    settings.SIGNUP_EMAIL_DOMAINS = ["other.gov.uk"]
    response = client.post(reverse("account_reset_password"), {"email": verified_user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1


def test_adding_an_address_outside_the_allowed_domains_is_refused(signed_in_client, verified_user):
    response = signed_in_client.post(reverse("account_email"), {"action_add": "", "email": "me@gmail.com"})
    assert response.status_code == 200
    assert "Use your work email address" in response.content.decode()
    assert not verified_user.emailaddress_set.filter(email="me@gmail.com").exists()


def test_password_reset_for_an_unknown_address_gives_no_link_and_the_same_page(client, db):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.gov.uk"})

    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_done")
    # allauth tells the address that it has no account, without a reset link.
    assert all("/accounts/password/reset/key/" not in message.body for message in mail.outbox)
    assert [message.subject for message in mail.outbox] == ["There is no govlearn account for this email address"]


# Every page we styled ----------------------------------------------------------------


ANONYMOUS_PAGES = [
    ("account_login", {}, "Sign in"),
    ("account_signup", {}, "Create an account"),
    ("account_reset_password", {}, "Reset your password"),
    ("account_reset_password_done", {}, "Check your email"),
    ("account_email_verification_sent", {}, "Check your email"),
    ("account_reset_password_from_key_done", {}, "Your password has been changed"),
    ("account_inactive", {}, "Your account is not active"),
    ("account_confirm_email", {"key": "not-a-real-key"}, "This link cannot be used"),
    (
        "account_reset_password_from_key",
        {"uidb36": "zz", "key": "not-a-real-key"},
        "Your password reset link has expired",
    ),
]

SIGNED_IN_PAGES = [
    ("account_logout", "Sign out"),
    ("account_email", "Your email addresses"),
    ("account_change_password", "Change your password"),
    ("account_reauthenticate", "Confirm it is you"),
    ("mfa_index", "Two-factor authentication"),
]

MFA_PAGES = [
    ("mfa_index", "Two-factor authentication"),
    ("mfa_deactivate_totp", "Turn off your authenticator app"),
    ("mfa_view_recovery_codes", "Your recovery codes"),
    ("mfa_generate_recovery_codes", "Get new recovery codes"),
    ("mfa_reauthenticate", "Confirm it is you"),
]


@pytest.mark.parametrize(("url_name", "kwargs", "title"), ANONYMOUS_PAGES)
def test_anonymous_account_pages_are_govuk_pages(client, db, url_name, kwargs, title):
    assert_govuk_page(client.get(reverse(url_name, kwargs=kwargs)), title)


@pytest.mark.parametrize(("url_name", "title"), SIGNED_IN_PAGES)
def test_signed_in_account_pages_are_govuk_pages(signed_in_client, url_name, title):
    assert_govuk_page(signed_in_client.get(reverse(url_name)), title)


def test_setting_up_an_authenticator_app_page(reauthenticated_client):
    response = reauthenticated_client.get(reverse("mfa_activate_totp"))

    assert_govuk_page(response, "Set up an authenticator app")
    assert 'autocomplete="one-time-code"' in response.content.decode()


@pytest.mark.parametrize(("url_name", "title"), MFA_PAGES)
def test_two_factor_pages_are_govuk_pages(reauthenticated_client, verified_user, url_name, title):
    TOTP.activate(verified_user, generate_totp_secret())
    RecoveryCodes.activate(verified_user)

    assert_govuk_page(reauthenticated_client.get(reverse(url_name)), title)


def test_set_password_page_for_an_account_without_one(client, verified_user):
    verified_user.set_unusable_password()
    verified_user.save()
    client.force_login(verified_user)

    assert_govuk_page(client.get(reverse("account_set_password")), "Create a password")


def test_two_factor_sign_in_asks_for_a_code(client, mfa_user):
    response = client.post(reverse("account_login"), {"login": mfa_user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert signed_in_user_id(client) is None

    assert_govuk_page(client.get(reverse("mfa_authenticate")), "Enter your security code")


def test_verified_email_required_page(rf, verified_user):
    request = rf.get("/")
    request.user = verified_user
    html = render_to_string("account/verified_email_required.html", request=request)
    assert "govuk-footer" in html
    assert '<h1 class="govuk-heading-l">Confirm your email address</h1>' in html


def test_pages_allauth_draws_with_its_elements_are_govuk_too(signed_in_client):
    """Pages we have not rewritten (here, connected accounts) still extend base.html in GOV.UK markup."""
    response = signed_in_client.get(reverse("socialaccount_connections"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-footer" in html
    assert '<h1 class="govuk-heading-l">' in html
    assert "<h1>" not in html


def test_allauth_pages_we_did_not_rewrite_use_govuk_elements(rf, db):
    """allauth's own code-confirmation page, drawn entirely with its elements."""

    class CodeForm(forms.Form):
        code = forms.CharField(widget=forms.TextInput(attrs={"placeholder": "Code", "autocomplete": "one-time-code"}))

    request = rf.get("/")
    request.user = AnonymousUser()
    form = CodeForm(data={"code": ""})
    context = {"form": form, "verify_form": form, "change_form": CodeForm(), "can_change": True, "can_resend": True}
    html = render_to_string("account/confirm_email_verification_code.html", {**context, "email": "a@b.c"}, request)

    assert "govuk-footer" in html
    assert re.search(r'<h1 class="govuk-heading-l">\s*Enter Email Verification Code\s*</h1>', html)
    assert html.count("govuk-error-summary__title") == 1
    assert '<a href="#id_code">This field is required.</a>' in html
    assert 'id="id_code-error"' in html
    assert "placeholder" not in html
    assert re.search(r'<button type="submit" class="govuk-button" data-module="govuk-button">\s*Confirm', html)
    assert re.search(r'form="resend" class="govuk-button govuk-button--secondary"[^>]*>\s*Request new code', html)
    assert '<details class="govuk-details">' in html
    assert html.count('<div class="govuk-button-group">') == 2  # one per form, never nested


def element(source: str, **context) -> str:
    template = Template("{% load allauth %}" + source, origin=Origin("test", template_name="test.html"))
    return template.render(Context(context))


@pytest.mark.parametrize(
    ("tags", "expected_class"),
    [
        ("", "govuk-button"),
        ("prominent,login", "govuk-button"),
        ("secondary", "govuk-button govuk-button--secondary"),
        ("outline,cancel", "govuk-button govuk-button--secondary"),
        ("danger,delete", "govuk-button govuk-button--warning"),
    ],
)
def test_button_element_kinds(tags, expected_class):
    html = element(f'{{% element button type="submit" name="action" tags="{tags}" %}}Go{{% endelement %}}')

    assert (
        f'<button type="submit" name="action" class="{expected_class}" data-module="govuk-button">Go</button>' in html
    )


def test_button_element_with_an_address_is_a_link():
    button = element('{% element button href="/x/" %}Manage{% endelement %}')
    link = element('{% element button href="/x/" tags="link" %}Other options{% endelement %}')

    assert '<a href="/x/" role="button" draggable="false" class="govuk-button"' in button
    assert '<a class="govuk-link" href="/x/">Other options</a>' in link


@pytest.mark.parametrize(
    ("tags", "expected_class"),
    [("success,email,verified", "govuk-tag govuk-tag--green"), ("warning", "govuk-tag govuk-tag--yellow")],
)
def test_badge_element_is_a_tag(tags, expected_class):
    html = element(f'{{% element badge tags="{tags}" %}}Verified{{% endelement %}}')

    assert f'<strong class="{expected_class}">Verified</strong>' in html


def test_table_elements():
    html = element(
        "{% element table %}{% element thead %}{% element tr %}{% element th %}Key{% endelement %}"
        "{% endelement %}{% endelement %}{% element tbody %}{% element tr %}{% element td %}Phone"
        "{% endelement %}{% endelement %}{% endelement %}{% endelement %}"
    )

    assert '<table class="govuk-table"><thead class="govuk-table__head"><tr class="govuk-table__row">' in html
    assert '<th scope="col" class="govuk-table__header">Key</th>' in html
    assert '<td class="govuk-table__cell">Phone</td>' in html


def test_field_element_is_a_labelled_govuk_input():
    html = element(
        '{% element field id="secret" type="text" value="ABC" disabled=True %}'
        "{% slot label %}Secret key{% endslot %}{% slot help_text %}Keep it safe{% endslot %}{% endelement %}"
    )

    assert '<label class="govuk-label" for="secret">Secret key</label>' in html
    assert '<div id="secret-hint" class="govuk-hint">Keep it safe</div>' in html
    assert re.search(r'<input class="govuk-input" type="text" id="secret" value="ABC" disabled aria-describedby', html)
