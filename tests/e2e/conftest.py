"""Real-browser journeys: Playwright drives Debian's Chromium against pytest-django's live server.

A journey asks for `page` (a new tab in a browser context of its own, based on
the live server, so `page.goto("/")` works) and, usually, `demo_data`. Every
page the browser shows is checked with axe-core against WCAG 2.2 A and AA
without the test asking:

- `visit(page, "/path/")` goes to a page and checks it at once;
- any other page (reached by a click, a form submission, a redirect) is checked
  just before the test first acts on it (click, fill, press, goto ...), while
  the browser still shows it as the server sent it;
- a page nobody acted on (the last one, usually) is checked when the test ends.

Each document is checked once. What axe finds (but for one known issue of GOV.UK
Frontend's own, `is_govuk_conditional_reveal`) fails the test with one readable
list: rule, impact, help and the selector of each element. For a state reached
without a new document (an error shown by JavaScript, an opened details
element), call `assert_accessible(page)`.

Why before the next action and not on the browser's "load" event: a check run
from an event races the test, which may already be leaving the page, and this
Chromium gives no access to the old document once the next navigation starts.
Checking from the test's own calls, in its own order, is deterministic.

One Chromium runs for the whole session; each test gets its own context.
"""

from __future__ import annotations

import functools
import io
import os
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.db import connections
from django.test.utils import override_settings
from playwright.sync_api import Browser, Error, Keyboard, Locator, Mouse, Page, Response, expect, sync_playwright

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
# One wait for the whole suite, for navigation, actions and `expect` alike: Playwright's own
# default for `expect` is 5 s, and the context's default timeout does not reach it. On a 2-core
# machine under a load of 10, the live server's first answer (templates compiled, caches cold)
# took over 10 s; 20 s keeps a loaded machine from failing a journey that works.
TIMEOUT_MS = 20_000
expect.set_options(timeout=TIMEOUT_MS)
NO_CHROMIUM = (
    "Chromium is not installed, so the browser tests were skipped. Install it with: sudo apt-get install chromium"
)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}

# The calls through which a test acts on a page, and so may leave it: the page
# is checked before the first of them on each document.
ACTIONS = {
    Locator: [
        "blur", "check", "clear", "click", "dblclick", "dispatch_event", "drag_to", "fill", "focus", "hover",
        "press", "press_sequentially", "select_option", "select_text", "set_checked", "set_input_files", "tap",
        "uncheck",
    ],
    Page: [
        "check", "click", "dblclick", "dispatch_event", "drag_and_drop", "fill", "focus", "go_back", "go_forward",
        "goto", "hover", "press", "reload", "select_option", "set_checked", "set_input_files", "tap", "type",
        "uncheck",
    ],
    Keyboard: ["down", "insert_text", "press", "type", "up"],
    Mouse: ["click", "dblclick", "down", "up", "wheel"],
}  # fmt: skip

IS_CHECKED = "() => window.__govlearnAxeChecked === true"
MARK_CHECKED = "() => { window.__govlearnAxeChecked = true; }"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def chromium_available() -> bool:
    return Path(CHROMIUM_PATH).is_file() and os.access(CHROMIUM_PATH, os.X_OK)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Outside CI a machine without Chromium skips the journeys before a live
    # server or test database is set up for them; in CI the `browser` fixture fails them.
    if chromium_available() or in_ci():
        return
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.skip(reason=NO_CHROMIUM))


# Accessibility ----------------------------------------------------------------


class AccessibilityError(AssertionError):
    pass


def is_govuk_conditional_reveal(violation: dict, node: dict) -> bool:
    """axe's finding on a GOV.UK radio that reveals more questions: GOV.UK Frontend marks it `aria-expanded`.

    ARIA does not list `aria-expanded` for radios, but the GOV.UK Design System keeps it on purpose, because
    screen readers announce it and its research found it helps (a known issue of its own:
    https://github.com/alphagov/govuk-frontend/issues/979). Only that attribute on those radios is let through.
    """
    html = node.get("html", "")
    problems = [line.strip() for line in (node.get("failureSummary") or "").splitlines()[1:] if line.strip()]
    return (
        violation["id"] == "aria-allowed-attr"
        and 'class="govuk-radios__input"' in html
        and "aria-controls=" in html
        and bool(problems)
        and all(problem.startswith("ARIA attribute is not allowed: aria-expanded=") for problem in problems)
    )


def without_known_govuk_issues(violations: list[dict]) -> list[dict]:
    remaining = []
    for violation in violations:
        nodes = [node for node in violation["nodes"] if not is_govuk_conditional_reveal(violation, node)]
        if nodes:
            remaining.append({**violation, "nodes": nodes})
    return remaining


def describe_violations(url: str, violations: list[dict]) -> str:
    """axe's findings as lines a person can act on."""
    lines = [f"axe found {len(violations)} WCAG 2.2 A/AA problem(s) on {url}:"]
    for violation in violations:
        lines.append(f"  - {violation['id']} ({violation.get('impact') or 'no impact given'}): {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"]:
            target = " >> ".join(part if isinstance(part, str) else " ".join(part) for part in node.get("target", []))
            lines.append(f"      at {target}")
            summary = " ".join((node.get("failureSummary") or "").split())
            if summary:
                lines.append(f"         {summary}")
    return "\n".join(lines)


def assert_page_accessible(page: Page) -> None:
    """Run axe on the page as it is now and fail with its findings; then check it reflows at 320px."""
    __tracebackhide__ = True
    page.wait_for_load_state("load")
    violations = without_known_govuk_issues(Axe().run(page, options=AXE_OPTIONS).response["violations"])
    page.evaluate(MARK_CHECKED)
    if violations:
        raise AccessibilityError(describe_violations(page.url, violations))
    assert_reflows(page)


REFLOW_WIDTH = 320  # CSS pixels: WCAG 1.4.10 asks for no horizontal scrolling at this width
WIDEST_ELEMENT = """(width) => {
    const wide = [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > width + 1);
    const innermost = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
    return innermost.slice(0, 3).map((el) => el.outerHTML.slice(0, 200));
}"""


def assert_reflows(page: Page) -> None:
    """At 320 CSS pixels wide the page scrolls only vertically (the Wagtail admin is Wagtail's own)."""
    __tracebackhide__ = True
    if urlsplit(page.url).path.startswith(("/admin/", "/django-admin/")):
        return
    size = page.viewport_size
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": size["height"] if size else 720})
    try:
        width = page.evaluate("document.documentElement.scrollWidth")
        culprits = page.evaluate(WIDEST_ELEMENT, REFLOW_WIDTH) if width > REFLOW_WIDTH else []
    finally:
        if size:
            page.set_viewport_size(size)
    if width > REFLOW_WIDTH:
        raise AccessibilityError(
            f"{page.url} is {width}px wide at {REFLOW_WIDTH}px (WCAG 1.4.10 Reflow); widest: {culprits}"
        )


def check_document(page: Page) -> None:
    """Check the document the page shows, unless it has been checked already."""
    __tracebackhide__ = True
    if page.is_closed() or not page.url.startswith("http"):
        return  # closed, or the blank document a new tab starts with
    try:
        checked = page.evaluate(IS_CHECKED)
    except Error:
        # A navigation was still settling: let it finish, then ask the new document.
        page.wait_for_load_state("load")
        checked = page.evaluate(IS_CHECKED)
    if not checked:
        assert_page_accessible(page)


# Pages whose documents are checked, and the page behind each keyboard and mouse
# (weakly held both ways, so a closed test's pages can go).
_watched: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def watch(page: Page) -> None:
    for target in (page, page.keyboard, page.mouse):
        _watched[target] = weakref.ref(page)


def _page_of(target) -> Page | None:
    page_ref = _watched.get(target.page if isinstance(target, Locator) else target)
    return page_ref() if page_ref is not None else None


def _checked_first(method: Callable) -> Callable:
    @functools.wraps(method)
    def act(self, *args, **kwargs):
        __tracebackhide__ = True
        page = _page_of(self)
        if page is not None:
            check_document(page)
        return method(self, *args, **kwargs)

    return act


@pytest.fixture(scope="session", autouse=True)
def _check_pages_before_actions() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        for cls, names in ACTIONS.items():
            for name in names:
                patch.setattr(cls, name, _checked_first(getattr(cls, name)))
        yield


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    result = yield
    # The test passed: check what its pages show now, so the last page counts too.
    problems = []
    for page in getattr(item, "funcargs", {}).get("_e2e_pages", []):
        try:
            check_document(page)
        except AccessibilityError as error:
            problems.append(str(error))
    if problems:
        pytest.fail("\n\n".join(problems), pytrace=False)
    return result


# Browser ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not chromium_available():
        if in_ci():
            pytest.fail(
                f"The browser tests need Chromium at {CHROMIUM_PATH} (set CHROMIUM_PATH if it is elsewhere), "
                "and CI must run them: install it with apt-get install chromium.",
                pytrace=False,
            )
        pytest.skip(NO_CHROMIUM)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


_migrated: dict[str, str] = {}


@pytest.fixture(scope="session", autouse=True)
def _migrated_database(django_db_setup, django_db_blocker) -> None:
    """Keep a copy of what the migrations created, taken before the first journey.

    Django keeps its own copy for serialized rollback on the connection object,
    but Playwright runs the tests in another context, where `connections` hands
    out a fresh connection object without it. The journeys run after every
    rolled-back test, so the database still holds exactly the migrated state.
    """
    with django_db_blocker.unblock():
        for alias in connections:
            connection = connections[alias]
            _migrated[alias] = getattr(connection, "_test_serialized_contents", None) or (
                connection.creation.serialize_db_to_string()
            )


@pytest.fixture
def site_db(transactional_db, django_db_serialized_rollback) -> None:
    """A database the live server shares, holding what the migrations created.

    The live server only sees committed data, so each test commits and the
    database is flushed after it; serialized rollback puts back what the
    migrations created (the Wagtail root and home page, the default Site, the
    groups) before the next test, on SQLite and PostgreSQL alike.
    """
    from wagtail.models import Page

    for alias, contents in _migrated.items():
        connection = connections[alias]
        if not hasattr(connection, "_test_serialized_contents"):
            # This connection object could not restore the migrated state itself: do it, and let it next time.
            connection._test_serialized_contents = contents
            if not Page.objects.using(alias).exists():
                connection.creation.deserialize_db_from_string(contents)


@pytest.fixture
def _e2e_pages() -> list[Page]:
    return []


@pytest.fixture
def page(browser: Browser, live_server, site_db, _e2e_pages: list[Page]) -> Iterator[Page]:
    """A new tab on the live server, in a browser context of its own; axe checks every page it shows.

    Tabs the page opens (or the test opens with `page.context.new_page()`) are checked too.
    """
    # Reduced motion: axe judges contrast on what is shown, not on a message still fading in.
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", timezone_id="Europe/London", reduced_motion="reduce"
    )
    context.set_default_timeout(TIMEOUT_MS)

    def track(new_page: Page) -> None:
        if new_page in _e2e_pages:
            return
        watch(new_page)
        _e2e_pages.append(new_page)

    context.on("page", track)
    tab = context.new_page()
    track(tab)
    yield tab
    context.close()


@pytest.fixture
def visit() -> Callable[[Page, str], Response | None]:
    """visit(page, "/path/"): go to a page and fail at once if axe finds a problem on it."""

    def visit(page: Page, url: str) -> Response | None:
        __tracebackhide__ = True
        response = page.goto(url)
        check_document(page)
        return response

    return visit


@pytest.fixture
def assert_accessible() -> Callable[[Page], None]:
    """assert_accessible(page): fail if axe finds a problem on the page as it is now."""
    return assert_page_accessible


# Data -------------------------------------------------------------------------


@pytest.fixture
def demo_data(site_db) -> None:
    """The demo courses and accounts from `load_demo`: learner@example.gov.uk and the
    others, with the password settings.DEMO_PASSWORD. DEBUG is on only while it loads
    (load_demo creates the accounts only then); the live server keeps it off."""
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=io.StringIO())
