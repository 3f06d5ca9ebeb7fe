"""The site and page privacy that Wagtail looks up for every page, kept in the cache until they change."""

from __future__ import annotations

import pickle
from datetime import date, datetime

import pytest
import wagtail
from django.conf import settings as django_settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.checks import run_checks
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction, Site

from content.models import HomePage
from content.sites import (
    MAX_HOSTS,
    RESTRICTIONS_KEY,
    SITES_KEY,
    _site_as_values,
    _site_from_values,
    any_view_restrictions,
    find_site,
)
from tests.pages import make_course

pytestmark = pytest.mark.django_db


def queries_for(client, url: str, **extra) -> list[str]:
    """The SQL of each statement the request sends, as written (prepared ones included, which on
    PostgreSQL Django records without their SQL)."""
    sqls: list[str] = []

    def record(execute, sql, params, many, context):
        sqls.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        response = client.get(url, **extra)
    assert response.status_code == 200, response.status_code
    return sqls


def site_queries(sqls: list[str]) -> list[str]:
    tables = ('"wagtailcore_site"', '"wagtailcore_pageviewrestriction"', '"content_homepage"')
    return [sql for sql in sqls if any(table in sql for table in tables)]


def test_a_page_served_again_costs_no_site_or_privacy_query(client):
    first = queries_for(client, "/")
    assert site_queries(first), "the first visit looks the site up"
    assert site_queries(queries_for(client, "/")) == []
    course = make_course(modules=1)
    queries_for(client, course.url)
    assert site_queries(queries_for(client, course.url)) == []


def test_editing_the_home_page_shows_at_once(client):
    client.get("/")
    home = HomePage.objects.get()
    home.title = "Learning for the public service"
    home.save_revision().publish()
    assert "Learning for the public service" in client.get("/").content.decode()


def test_a_new_site_is_found_at_once(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", "other.example.gov.uk"]
    client.get("/")
    other_root = Page.objects.get(depth=1).add_child(instance=HomePage(title="Other service", slug="other"))
    Site.objects.create(hostname="other.example.gov.uk", port=80, root_page=other_root)
    html = client.get("/", HTTP_HOST="other.example.gov.uk").content.decode()
    assert "Other service" in html
    assert "Other service" not in client.get("/").content.decode()


def test_hosts_are_kept_apart_and_their_number_bounded(client, settings):
    settings.ALLOWED_HOSTS = ["*"]
    for number in range(MAX_HOSTS + 5):
        client.get("/", HTTP_HOST=f"host{number}.example.gov.uk")
    _generation, sites = cache.get(SITES_KEY)
    assert len(sites) == MAX_HOSTS
    # A host beyond the bound is still served, by looking it up.
    assert site_queries(queries_for(client, "/", HTTP_HOST="host99.example.gov.uk"))


def test_a_private_page_is_private_at_once(client, learner_user):
    course = make_course(modules=1)
    client.get(course.url)
    assert any_view_restrictions() is False
    PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)
    assert any_view_restrictions() is True
    response = client.get(course.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    client.force_login(learner_user)
    assert client.get(course.url).status_code == 200


def test_restrictions_to_groups_are_still_checked(client, learner_user):
    course = make_course(modules=1)
    restriction = PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Insiders"))
    client.force_login(learner_user)
    assert client.get(course.url).status_code == 302
    restriction.delete()
    assert client.get(course.url).status_code == 200


def test_the_health_check_never_looks_up_the_site(client):
    with CaptureQueriesContext(connection) as queries:
        client.get("/healthz")
    assert site_queries([query["sql"] for query in queries]) == []
    assert cache.get(SITES_KEY) is None


def test_what_a_slow_request_read_before_a_change_is_not_used_after_it():
    from content.sites import CACHE_SECONDS, RESTRICTIONS_KEY, _generation_and_kept

    course = make_course(modules=1)
    generation, _kept = _generation_and_kept(RESTRICTIONS_KEY)  # a request reads: no restrictions...
    PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)
    cache.set(RESTRICTIONS_KEY, (generation, False), CACHE_SECONDS)  # ...and keeps that after the change
    assert any_view_restrictions() is True


# Several web processes without a shared cache -------------------------------------------------------


@pytest.fixture
def in_process():
    """Serve as one of two web processes, each with its own local-memory cache (no REDIS_URL)."""

    def in_process(name: str):
        return override_settings(
            CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name}}
        )

    yield in_process
    for name in ("process-a", "process-b"):
        with in_process(name):
            cache.clear()


def signed_in(response) -> bool:
    return response.wsgi_request.user.is_authenticated


def test_a_sign_out_in_one_process_ends_the_session_in_every_process(client, learner_user, in_process):
    with in_process("process-a"):
        client.force_login(learner_user)
        session_cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
        assert signed_in(client.get("/"))
    with in_process("process-b"):
        assert signed_in(client.get("/"))  # process B has read (and may keep) the session too
    with in_process("process-a"):
        client.post(reverse("account_logout"))
        assert not signed_in(client.get("/"))
    client.cookies[django_settings.SESSION_COOKIE_NAME] = session_cookie  # the old cookie, as a copied one would be
    with in_process("process-b"):
        assert not signed_in(client.get("/"))
    with in_process("process-a"):
        assert not signed_in(client.get("/"))


def test_a_page_made_private_in_one_process_is_private_in_every_process(client, in_process):
    course = make_course(modules=1)
    for name in ("process-a", "process-b"):
        with in_process(name):
            client.get(course.url)  # each process keeps "no page is private"
            assert client.get(course.url).status_code == 200
    with in_process("process-a"):
        restriction = PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)
        assert client.get(course.url).status_code == 302
    with in_process("process-b"):
        response = client.get(course.url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    with in_process("process-a"):
        restriction.delete()
    with in_process("process-b"):
        assert client.get(course.url).status_code == 200


def test_a_site_change_in_one_process_is_seen_in_every_process(client, in_process):
    for name in ("process-a", "process-b"):
        with in_process(name):
            client.get("/")
    with in_process("process-a"):
        home = HomePage.objects.get()
        home.title = "Learning for the public service"
        home.save_revision().publish()
    with in_process("process-b"):
        assert "Learning for the public service" in client.get("/").content.decode()


def test_wagtail_s_site_root_paths_changed_in_one_process_are_seen_in_every_process(client, in_process):
    """Wagtail keeps them (for every page's URL) in the cache, and forgets them only in the changing process."""
    before = Site.objects.get().root_url
    for name in ("process-a", "process-b"):
        with in_process(name):
            client.get("/")
            assert [path.root_url for path in Site.get_site_root_paths()] == [before]
    with in_process("process-a"):
        site = Site.objects.get()
        site.hostname, site.port = "learning.example.gov.uk", 443
        site.save()
    with in_process("process-b"):
        assert Site.get_site_root_paths()[0].root_url == before  # kept in its memory, as Wagtail does
        client.get("/")  # its next request sees the new generation
        assert [path.root_url for path in Site.get_site_root_paths()] == ["https://learning.example.gov.uk"]


def test_without_a_shared_cache_each_page_checks_one_number_in_the_database(client, in_process):
    with in_process("process-a"):
        client.get("/")
        sqls = queries_for(client, "/")
    assert site_queries(sqls) == []
    assert len([sql for sql in sqls if '"content_contentgeneration"' in sql]) == 1


def test_with_a_shared_cache_no_page_reads_the_database_for_the_site(client, settings, tmp_path):
    # Any backend other than local memory is shared by every process: a file-based cache stands in for Redis.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)}
    }
    try:
        client.get("/")
        sqls = queries_for(client, "/")
        assert site_queries(sqls) == []
        assert [sql for sql in sqls if '"content_contentgeneration"' in sql] == []
        course = make_course(modules=1)
        client.get(course.url)
        PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.LOGIN)
        assert client.get(course.url).status_code == 302
    finally:
        cache.clear()


@pytest.mark.parametrize(
    ("debug", "backend", "warned"),
    [
        (False, "django.core.cache.backends.locmem.LocMemCache", True),
        (True, "django.core.cache.backends.locmem.LocMemCache", False),  # development: one process
        (False, "django.core.cache.backends.redis.RedisCache", False),
    ],
)
def test_the_deployment_check_warns_without_a_shared_cache(settings, debug, backend, warned):
    settings.DEBUG = debug
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": "redis://127.0.0.1:6379/0"}}
    found = [message.id for message in run_checks(include_deployment_checks=True, tags=["caches"])]
    assert ("govlearn.W001" in found) is warned
    settings.SILENCED_SYSTEM_CHECKS = ["govlearn.W001"]
    silenced = run_checks(include_deployment_checks=True, tags=["caches"])
    assert [m for m in silenced if m.id == "govlearn.W001" and not m.is_silenced()] == []


# What content.sites takes from Wagtail and Django beyond their documented APIs ------------------------
# Each fails with a sentence naming what to change when an upgrade moves the internal it relies on.


def test_wagtail_still_takes_the_site_from_the_request_attribute_the_middleware_sets(rf, django_assert_num_queries):
    site = Site.objects.get()
    request = rf.get("/")
    request._wagtail_site = site
    with django_assert_num_queries(0):
        found = Site.find_for_request(request)
    assert found is site, "Wagtail no longer reads request._wagtail_site: change content.sites.SiteMiddleware"


def test_wagtail_still_finds_a_site_with_the_function_find_site_calls(rf):
    assert callable(getattr(Site, "_find_for_request", None)), "Site._find_for_request is gone: change find_site"
    assert callable(getattr(rf.get("/"), "_get_raw_host", None)), "HttpRequest._get_raw_host is gone: find_site"
    assert Site._find_for_request(rf.get("/")) == Site.find_for_request(rf.get("/"))
    assert find_site(rf.get("/")) == Site.find_for_request(rf.get("/"))


def plain(value) -> bool:
    """Whether a kept value is made only of numbers, strings, dates, None and tuples/dicts of them."""
    if isinstance(value, tuple):
        return all(plain(item) for item in value)
    if isinstance(value, dict):
        return all(plain(key) and plain(item) for key, item in value.items())
    return value is None or isinstance(value, (str, int, float, date, datetime))


def test_the_kept_site_is_plain_values_under_a_key_with_wagtail_s_version(client):
    assert wagtail.__version__ in SITES_KEY
    assert wagtail.__version__ in RESTRICTIONS_KEY
    client.get("/")
    _generation, sites = cache.get(SITES_KEY)
    assert sites
    assert plain(sites), sites


def test_a_kept_site_reads_back_as_the_site_and_home_page_it_was(rf):
    home = HomePage.objects.get()
    home.introduction = "<p>Learning for <b>everyone</b></p>"
    home.save_revision().publish()
    site = Site._find_for_request(rf.get("/"))
    site.root_page = site.root_page.specific
    kept = pickle.dumps(_site_as_values(site))  # as any cache stores it
    back = _site_from_values(pickle.loads(kept))  # noqa: S301 - our own bytes
    for instance, read in ((site, back), (site.root_page, back.root_page)):
        assert type(read) is type(instance)
        for field in instance._meta.concrete_fields:
            assert field.value_from_object(read) == field.value_from_object(instance), field.name
        assert not read._state.adding
    assert back.root_page.introduction == "<p>Learning for <b>everyone</b></p>"


def test_a_site_kept_with_other_fields_is_looked_up_again(client):
    client.get("/")
    generation, sites = cache.get(SITES_KEY)
    (site_values, (label, attnames, values)) = next(iter(sites.values()))
    older = dict.fromkeys(sites, (site_values, (label, attnames[:-1], values[:-1])))  # a field since added
    cache.set(SITES_KEY, (generation, older))
    assert site_queries(queries_for(client, "/")), "a site kept with other fields must be read again"
    assert site_queries(queries_for(client, "/")) == [], "and kept again as the fields are now"


def test_without_its_row_the_content_generation_is_made_again(client):
    from content.models import ContentGeneration

    ContentGeneration.objects.all().delete()  # as a flushed database has it
    assert client.get("/").status_code == 200
    assert ContentGeneration.objects.get(pk=1).value == 0
    HomePage.objects.get().save_revision().publish()
    assert ContentGeneration.objects.get(pk=1).value > 0
    assert client.get("/").status_code == 200
