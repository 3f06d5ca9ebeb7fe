"""The site and page privacy that Wagtail looks up for every page, kept in the cache until they change."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from content.models import HomePage
from content.sites import MAX_HOSTS, SITES_KEY, any_view_restrictions
from tests.pages import make_course

pytestmark = pytest.mark.django_db


def queries_for(client, url: str, **extra) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200, response.status_code
    return [query["sql"] for query in queries]


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
