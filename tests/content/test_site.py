"""The site around the learning: home page, footer pages, health check, error pages and navigation.

This module is also a URLconf (see `urlpatterns` at the end) for the tests of
the 403 and 500 pages, which need views that fail on purpose.
"""

from __future__ import annotations

from html.parser import HTMLParser
from unittest import mock

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.test import Client, RequestFactory
from django.urls import include, path, reverse
from django.utils.text import capfirst
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from config import urls as site_urls
from content import views
from tests.factories import UserFactory


class _Navigation(HTMLParser):
    """Collects the text of each link in the service navigation (<nav aria-label="Menu">)."""

    def __init__(self) -> None:
        super().__init__()
        self.labels: list[str] = []
        self.current: list[str] = []  # the labels of links marked aria-current="page"
        self._depth = 0  # how deep inside the navigation we are; 0 is outside it
        self._link: list[str] | None = None
        self._link_is_current = False

    def handle_starttag(self, tag, attrs):
        if self._depth:
            self._depth += tag == "nav"
        elif tag == "nav" and dict(attrs).get("aria-label") == "Menu":
            self._depth = 1
        if self._depth and tag == "a":
            self._link = []
            self._link_is_current = dict(attrs).get("aria-current") == "page"

    def handle_endtag(self, tag):
        if self._depth and tag == "a" and self._link is not None:
            label = " ".join("".join(self._link).split())
            self.labels.append(label)
            if self._link_is_current:
                self.current.append(label)
            self._link = None
        if self._depth and tag == "nav":
            self._depth -= 1

    def handle_data(self, data):
        if self._link is not None:
            self._link.append(data)


def parse_navigation(response) -> _Navigation:
    parser = _Navigation()
    parser.feed(response.content.decode())
    return parser


def navigation(response) -> list[str]:
    return parse_navigation(response).labels


def assert_govuk_page(response, *, status: int, heading: str) -> None:
    """The page is a whole GOV.UK page from base.html, with this status and h1."""
    assert response.status_code == status
    assertContains(response, '<html lang="en-GB" class="govuk-template">', status_code=status)
    assertContains(response, '<a href="#main-content" class="govuk-skip-link"', status_code=status)
    assertContains(response, 'class="govuk-phase-banner"', status_code=status)
    assertContains(response, f'class="govuk-heading-l">{heading}</h1>', status_code=status)


# Home page --------------------------------------------------------------------


def test_home_page_for_a_visitor(client, db):
    response = client.get("/")

    assert response.status_code == 200
    assertTemplateUsed(response, "content/home_page.html")
    assertContains(response, '<a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">')
    assertContains(response, 'id="main-content"')
    assertContains(response, f'class="govuk-service-navigation__link">{settings.SERVICE_NAME}</a>')
    assertContains(response, f'<strong class="govuk-tag govuk-phase-banner__content__tag">{capfirst(settings.PHASE)}')
    assertContains(response, "<h1")
    for name in ("accessibility", "privacy", "cookies"):
        assertContains(response, f'class="govuk-footer__link" href="{reverse(name)}"')
    assertContains(response, reverse("account_login"))
    assertNotContains(response, "Sign out")


# Footer pages -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "heading", "must_say"),
    [
        (
            "accessibility",
            f"Accessibility statement for {settings.SERVICE_NAME}",
            [
                "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018",
                "partially compliant",
                "WCAG 2.2",
                "Equality and Human Rights Commission",
                "Equality Commission for Northern Ireland",
                "axe-core",
                "This statement was prepared on 26 November 2026",
            ],
        ),
        (
            "privacy",
            "Privacy notice",
            [
                "UK General Data Protection Regulation",
                "Data Protection Act 2018",
                "data controller",
                "staff number",
                "line manager",
                "two-step verification",
                "within one month",
                "data protection officer",
                "Information Commissioner\N{RIGHT SINGLE QUOTATION MARK}s Office",
            ],
        ),
        (
            "cookies",
            "Cookies",
            [settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages", "no cookie banner"],
        ),
    ],
)
def test_footer_page(client, db, name, heading, must_say):
    response = client.get(reverse(name))

    assert response.status_code == 200
    assertContains(response, f'<h1 class="govuk-heading-xl">{heading}</h1>', html=False)
    assertContains(response, f"mailto:{settings.FEEDBACK_EMAIL}")
    for words in must_say:
        assertContains(response, words)
    text = response.content.decode().lower()
    for placeholder in ("lorem", "ipsum", "tbc", "todo", "[insert"):
        assert placeholder not in text


# Health check -----------------------------------------------------------------


def test_healthz_answers_ok_when_the_database_does(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch.object(views, "connection") as connection:
        connection.cursor.side_effect = OperationalError("connection refused")
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.content == b"database unavailable\n"


# Error pages ------------------------------------------------------------------


def test_unknown_address_gets_the_govuk_404_page(client, db):
    response = client.get("/no-such-page/anywhere/")

    assertTemplateUsed(response, "404.html")
    assert_govuk_page(response, status=404, heading="Page not found")
    assertContains(response, f"mailto:{settings.FEEDBACK_EMAIL}", status_code=404)


def test_with_debug_on_a_missing_page_is_still_the_govuk_404_page(client, db, settings):
    settings.DEBUG = True
    for address in ("/no-such-page/anywhere/", "/courses/no-such-course/"):
        response = client.get(address)
        assertTemplateUsed(response, "404.html")
        assert_govuk_page(response, status=404, heading="Page not found")


def forbidden(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("something went wrong")


@pytest.mark.urls(__name__)
def test_permission_denied_gets_the_govuk_403_page_for_a_visitor(client, db):
    response = client.get("/forbidden/")

    assertTemplateUsed(response, "403.html")
    assert_govuk_page(response, status=403, heading="You cannot see this page")
    assertContains(response, f"{reverse('account_login')}?next=/forbidden/", status_code=403)


@pytest.mark.urls(__name__)
def test_permission_denied_gets_the_govuk_403_page_when_signed_in(client, db):
    user = UserFactory()
    client.force_login(user)

    response = client.get("/forbidden/")

    assert_govuk_page(response, status=403, heading="You cannot see this page")
    assertContains(response, f"You are signed in as {user.email}", status_code=403)


@pytest.mark.urls(__name__)
def test_an_error_gets_the_govuk_500_page(db):
    client = Client(raise_request_exception=False)

    response = client.get("/broken/")

    assert response.status_code == 500
    assertContains(response, "Sorry, there is a problem with the service", status_code=500)
    assertContains(response, 'class="govuk-skip-link"', status_code=500)


def test_500_page_renders_without_the_database_or_the_request_context():
    # No `db` fixture: the page must render when the database is what failed.
    response = views.server_error(RequestFactory().get("/anything/"))

    assert response.status_code == 500
    content = response.content.decode()
    assert 'class="govuk-heading-l">Sorry, there is a problem with the service</h1>' in content
    assert '<a href="#main-content" class="govuk-skip-link"' in content
    assert f"mailto:{settings.FEEDBACK_EMAIL}" in content
    assert "Sign out" not in content


# Navigation -------------------------------------------------------------------


def test_navigation_for_a_visitor(client, db):
    labels = navigation(client.get("/"))

    assert "Sign in" in labels
    assert "Sign out" not in labels
    assert "Your account" not in labels
    assert not [label for label in labels if label.startswith("Manage")]


def test_navigation_for_a_signed_in_learner(client, db):
    client.force_login(UserFactory())

    labels = navigation(client.get("/"))

    assert "Sign out" in labels
    assert "Your account" in labels
    assert "Sign in" not in labels


def test_navigation_offers_no_admin_links_to_a_learner(client, db):
    client.force_login(UserFactory())

    labels = navigation(client.get("/"))

    assert not [label for label in labels if label.startswith("Manage")]


def test_navigation_offers_the_admin_to_content_editors(client, editor_user):
    assert editor_user.has_perm("wagtailadmin.access_admin")
    client.force_login(editor_user)

    labels = navigation(client.get("/"))

    assert "Manage courses" in labels
    assert "Manage people" not in labels
    assert "Sign out" in labels


def test_navigation_offers_people_records_to_hr_officers(client, hr_user):
    client.force_login(hr_user)

    labels = navigation(client.get("/"))

    assert "Manage people" in labels
    assert "Manage courses" not in labels


def test_the_current_section_is_marked(client, db):
    assert parse_navigation(client.get(reverse("account_login"))).current == ["Sign in"]
    assert parse_navigation(client.get("/")).current == ["Home"]


# This module as a URLconf: the site's own, with views that fail on purpose, and its error handlers.
urlpatterns = [
    path("forbidden/", forbidden),
    path("broken/", broken),
    path("", include(site_urls)),
]
handler403 = site_urls.handler403
handler404 = site_urls.handler404
handler500 = site_urls.handler500


@pytest.mark.parametrize("path", ["/admin/", "/admin/compulsory-training/", "/admin/pages/"])
def test_a_signed_in_person_without_admin_access_gets_a_403_not_a_redirect_loop(client, learner_user, path):
    client.force_login(learner_user)
    response = client.get(path)
    assert response.status_code == 403
    assert "You cannot see this page" in response.content.decode()
    assert learner_user.email in response.content.decode()


def test_visitors_are_still_sent_to_sign_in_for_the_admin(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
