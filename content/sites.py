"""Which Wagtail site answers a request, and whether any page is private, kept in the cache.

Wagtail looks both up in the database for every page it serves: the site (with its
root page, then the root page again as its own type) and the view restrictions of
the page and its ancestors. They change only when someone saves or deletes a site, a
page or a page's privacy setting, so they are kept in the cache (shared by every web
process when it is Redis), each under the generation it was read in. Saving or
deleting a site, page or view restriction starts a new generation, and again once
that transaction commits, so nothing read before the change, even by a request that
finishes after it, is used again. `CACHE_SECONDS` bounds how long a change made some
other way (a queryset update, a restored backup) can go unseen.

It also says which pages a request may not see (`visible_to`, `is_hidden`), for the
lists and actions that reach pages without Wagtail's serve view.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site

SITES_KEY = "govlearn:sites"
RESTRICTIONS_KEY = "govlearn:any-view-restrictions"
# Changed whenever a site, page or view restriction changes: what was read under another one is ignored,
# so a request that read the database just before a change committed cannot keep the old state.
GENERATION_KEY = "govlearn:content-generation"
CACHE_SECONDS = 5 * 60
# Host names kept; requests for others (any Host header the allowed hosts let through) are looked up each time.
MAX_HOSTS = 20


def _generation_and_kept(key: str):
    """The current generation, and what is kept under `key` if it was read under that generation."""
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        generation = _new_generation()
    kept = found.get(key)
    return generation, (kept[1] if kept is not None and kept[0] == generation else None)


def _new_generation() -> str:
    generation = uuid.uuid4().hex
    cache.set(GENERATION_KEY, generation, None)
    return generation


def find_site(request) -> Site | None:
    """The site for this request's host and port, as `Site.find_for_request` finds it, with its root page specific."""
    hostname = split_domain_port(request._get_raw_host())[0]
    key = (hostname, request.get_port())
    generation, sites = _generation_and_kept(SITES_KEY)
    sites = sites or {}
    if key in sites:
        return sites[key]
    site = Site._find_for_request(request)
    if site is not None:
        site.root_page = site.root_page.specific
    if len(sites) < MAX_HOSTS:
        cache.set(SITES_KEY, (generation, {**sites, key: site}), CACHE_SECONDS)
    return site


def any_view_restrictions() -> bool:
    """Whether any page is private (to signed-in people, some groups, or behind a password)."""
    generation, found = _generation_and_kept(RESTRICTIONS_KEY)
    if found is None:
        found = PageViewRestriction.objects.exists()
        cache.set(RESTRICTIONS_KEY, (generation, found), CACHE_SECONDS)
    return found


def hidden_paths(request) -> list[str]:
    """The tree paths of the pages whose view restrictions this request does not pass.

    Everything below such a page is hidden too. No query while no page has a restriction; worked out
    once per request, however many lists and actions ask.
    """
    if not hasattr(request, "_govlearn_hidden_paths"):
        paths = []
        if any_view_restrictions():
            restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
            paths = [r.page.path for r in restrictions if not r.accept_request(request)]
        request._govlearn_hidden_paths = paths
    return request._govlearn_hidden_paths


def visible_to(queryset, request):
    """These pages without those this request may not see (view restrictions on them or above them)."""
    for path in hidden_paths(request):
        queryset = queryset.exclude(path__startswith=path)
    return queryset


def is_hidden(page, request) -> bool:
    """Whether this request may not see `page` (a view restriction on it or above it)."""
    return any(page.path.startswith(path) for path in hidden_paths(request))


class SiteMiddleware:
    """Give each page Wagtail serves its site from the cache, where Wagtail looks for it first.

    Only Wagtail's own view: other views look the site up (uncached) only if they need it, so the
    health check, for one, never touches the cache or the database for it.
    """

    def __init__(self, get_response):
        from wagtail.views import serve  # a module that needs the models loaded

        self.get_response = get_response
        self.serve = serve

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is self.serve:
            request._wagtail_site = find_site(request)


class CachedPrivacyMixin:
    """For page models: no queries for view restrictions while no page has any."""

    def get_view_restrictions(self):
        if not any_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def forget(**kwargs) -> None:
    """Start a new generation now and again when the transaction commits."""
    _new_generation()
    transaction.on_commit(_new_generation)


def _page_or_site_changed(sender, instance, **kwargs) -> None:
    if isinstance(instance, (Page, Site)):
        forget()


def connect() -> None:
    """Forget what is kept when what it was read from changes (called when the app is ready)."""
    for signal in (post_save, post_delete):
        # Every page type sends with its own class as the sender: listen to all, keep only pages and sites.
        signal.connect(_page_or_site_changed, dispatch_uid=f"content-sites-{signal is post_save}")
        signal.connect(forget, sender=PageViewRestriction, dispatch_uid=f"content-privacy-{signal is post_save}")
