"""The site says only what is true of the service as it stands.

No page a person can reach (the public pages and every demo account's pages, with
the demo loaded) may promise a feature that is not built, and the privacy notice,
cookies page and accessibility statement may not describe one. The privacy notice
says what HR officers see and what is published as open data. The cookies page names exactly the cookies
the site sets: the set is worked out from the settings and checked against what a real journey through the site sets.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string

from courses.models import CoursePage, ModulePage
from people.demo import demo_accounts
from people.models import User

# Words for features that do not exist yet. Whole words only: "assessed" is an ordinary
# word in the demo courses.
NOT_BUILT = re.compile(r"\b(assessments?)\b", re.IGNORECASE)
# Where a demo course uses one of those words for something else than this service's features.
MEANT = ("data protection impact assessment", "spend control assessment")
LEGAL_PAGES = ("privacy", "cookies", "accessibility")
# Not crawled: Wagtail's and Django's admin (not this service's words), signing out (a POST
# anyway), files, and the catalogue's filter and search links (the same words, filtered).
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/static/", "/media/", "/accounts/logout/")


class _Page(HTMLParser):
    """A page's visible text (scripts and styles left out) and the addresses its links point to."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        if tag == "a" and (href := dict(attrs).get("href")):
            self.links.append(href)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.text.append(data)


def read(response) -> _Page:
    page = _Page()
    page.feed(response.content.decode())
    return page


def text_of(page: _Page) -> str:
    return " ".join(" ".join(page.text).split())


def false_promises(text: str) -> list[str]:
    """The words for unbuilt features in the text, after leaving out the phrases MEANT."""
    for phrase in MEANT:
        text = re.sub(re.escape(phrase), "", text, flags=re.IGNORECASE)
    return sorted({match.group(0).lower() for match in NOT_BUILT.finditer(text)})


def catalogue_path() -> str:
    return CoursePage.objects.live().first().get_parent().url


def crawl(client: Client, start: list[str], *, skip: frozenset[str] = frozenset()) -> dict[str, str]:
    """Every page reachable from `start` by following the site's own links and redirects: {path: visible text}.

    Fails on any page that answers neither 200 nor a redirect (a broken link or a server error).
    """
    catalogue = catalogue_path()
    seen: dict[str, str] = {}
    queue = list(start)
    failures = []
    while queue:
        url = urldefrag(queue.pop(0)).url
        parts = urlsplit(url)
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver") or not parts.path:
            continue
        if parts.path.startswith(SKIPPED_PREFIXES) or (parts.path == catalogue and parts.query):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path in seen or path in skip:
            continue
        response = client.get(path)
        if response.status_code in (301, 302):
            seen[path] = ""
            queue.append(response["Location"])
            continue
        if response.status_code != 200:
            failures.append(f"{path} answered {response.status_code}")
            seen[path] = ""
            continue
        if not response["Content-Type"].startswith("text/html"):  # a download, such as a certificate's PDF
            seen[path] = ""
            continue
        page = read(response)
        seen[path] = text_of(page)
        queue.extend(page.links)
    assert not failures, failures
    return seen


def test_the_words_for_unbuilt_features_are_caught():
    assert false_promises("Take the quiz and download your certificate.") == []  # certificates are built
    assert false_promises("Sign in to take assessments.") == ["assessments"]
    assert false_promises("Do a data protection impact assessment first. Ask for Cyber Essentials certification.") == []


def test_no_public_page_promises_certificates(demo, db, client):
    pages = crawl(client, ["/", reverse("account_login"), reverse("account_signup"), catalogue_path()])

    assert {reverse(name) for name in LEGAL_PAGES} <= pages.keys()
    assert len(pages) > len(ModulePage.objects.live()), "the crawl reached every course module"
    found = {path: words for path, text in pages.items() if (words := false_promises(text))}
    assert found == {}


@pytest.mark.parametrize("email", [email for email, _role in demo_accounts()])
def test_no_signed_in_page_promises_certificates(demo, db, email):
    client = Client()
    client.force_login(User.objects.get(email=email))
    start = ["/", catalogue_path(), reverse("account_email"), reverse("account_change_password"), reverse("mfa_index")]
    start += [reverse("compliance:my_team")] if email == "manager@example.gov.uk" else []
    # Modules read the same to everyone signed in: the learner's crawl reads them all, the others' none.
    modules = frozenset() if email == "learner@example.gov.uk" else frozenset(m.url for m in ModulePage.objects.live())
    pages = crawl(client, start, skip=modules)

    found = {path: words for path, text in pages.items() if (words := false_promises(text))}
    assert found == {}


@pytest.mark.parametrize("name", LEGAL_PAGES)
def test_the_legal_pages_describe_no_unbuilt_feature(demo, db, client, name):
    text = text_of(read(client.get(reverse(name))))

    assert false_promises(text) == []


def test_the_privacy_notice_says_what_is_published_as_open_data(db, client):
    text = text_of(read(client.get(reverse("privacy"))))
    assert "open data" in text
    assert "fewer than 10 people" in text


def test_the_privacy_notice_lists_the_personal_data_processed(client, db):
    text = text_of(read(client.get(reverse("privacy"))))

    # The HR record, field by field, as the HR import reads it (people.hr_import.COLUMNS).
    for words in (
        "staff number",
        "first and last names",
        "work email address",
        "grade, and the date you started at that grade",
        "department and profession",
        "line manager",
        "the date you started",
        "last day of service",
    ):
        assert words in text
    # What using the service creates.
    for words in (
        "each module you have marked as complete",
        "any extension to a due date",
        "the reason given",
        "any exemption from compulsory training",
        "any workplace adjustment recorded for you",
        "your quiz attempts",
        "reminder emails",
        "when you last signed in",
        "two-step verification",
        "internet (IP) address",
        "copied to your line manager",
    ):
        assert words in text


# Cookies -------------------------------------------------------------------------


def cookies_the_settings_set() -> set[str]:
    """The cookies this site's configuration makes Django and allauth set."""
    names = {settings.SESSION_COOKIE_NAME}
    if not settings.CSRF_USE_SESSIONS:
        names.add(settings.CSRF_COOKIE_NAME)
    storage = import_string(settings.MESSAGE_STORAGE)
    if issubclass(storage, CookieStorage) or CookieStorage in getattr(storage, "storage_classes", ()):
        names.add(CookieStorage.cookie_name)
    try:
        reverse("set_language")
        names.add(settings.LANGUAGE_COOKIE_NAME)
    except NoReverseMatch:
        if "django.middleware.locale.LocaleMiddleware" in settings.MIDDLEWARE:
            names.add(settings.LANGUAGE_COOKIE_NAME)
    if getattr(settings, "MFA_TRUST_ENABLED", False) or getattr(settings, "ACCOUNT_LOGIN_BY_CODE_TRUST_ENABLED", False):
        names.add(getattr(settings, "MFA_TRUST_COOKIE_NAME", "mfa_trusted"))
    return names


class _CookieTable(HTMLParser):
    """The names in the first column of the cookies page's table."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []
        self._in_row_header = False

    def handle_starttag(self, tag, attrs):
        self._in_row_header = tag == "th" and dict(attrs).get("scope") == "row"

    def handle_endtag(self, tag):
        self._in_row_header = False

    def handle_data(self, data):
        if self._in_row_header and data.strip():
            self.names.append(data.strip())


class _CookieJournal:
    """A test client's requests, each redirect followed by hand so that every response's cookies are seen."""

    def __init__(self) -> None:
        self.client = Client()
        self.names: set[str] = set()

    def __call__(self, method: str, path: str, data: dict | None = None):
        response = getattr(self.client, method)(path, data or {})
        self.names |= set(response.cookies)
        while response.status_code in (301, 302):
            response = self.client.get(response["Location"])
            self.names |= set(response.cookies)
        return response


def test_a_journey_through_the_site_sets_only_the_cookies_the_settings_say(demo, db):
    journey = _CookieJournal()
    module = ModulePage.objects.live().first()
    for path in ("/", catalogue_path(), module.url, reverse("account_login")):
        assert journey("get", path).status_code == 200
    assert journey.names == {settings.CSRF_COOKIE_NAME}, "signed out, only the sign-in form's cookie"

    learner = User.objects.get(email="learner@example.gov.uk")
    learner.set_password("a-password-for-this-test")  # with the suite's fast hasher (tests/conftest.py)
    learner.save()
    journey("post", reverse("account_login"), {"login": learner.email, "password": "a-password-for-this-test"})
    assert settings.SESSION_COOKIE_NAME in journey.names
    course = module.get_parent().specific
    journey("post", reverse("enrolment:start_course", args=[course.pk]))
    journey("post", reverse("enrolment:complete_module", args=[module.pk]))
    journey("post", reverse("account_logout"))
    assert CookieStorage.cookie_name in journey.names, "finishing a module, or signing out, leaves a message"

    assert journey.names <= cookies_the_settings_set()


def test_the_cookies_page_names_exactly_the_cookies_the_site_sets(client, db):
    response = client.get(reverse("cookies"))
    table = _CookieTable()
    table.feed(response.content.decode())

    assert sorted(table.names) == sorted(cookies_the_settings_set())
    text = text_of(read(response))
    weeks = settings.SESSION_COOKIE_AGE // (7 * 24 * 60 * 60)
    assert f"after {weeks} weeks if you choose to stay signed in" in text
    assert settings.CSRF_COOKIE_AGE == 52 * 7 * 24 * 60 * 60  # Django's "about a year"
    assert "1 year" in text


def test_the_cookies_page_names_the_cookie_the_wagtail_admin_sets_itself(client, db):
    """Wagtail's sidebar script sets one cookie of its own in the browser; the page names it."""
    sidebar = finders.find("wagtailadmin/js/sidebar.js")
    with open(sidebar, encoding="utf-8") as script:
        assert '"wagtail_sidebar_collapsed"' in script.read()
    assert "wagtail_sidebar_collapsed" in client.get(reverse("cookies")).content.decode()
