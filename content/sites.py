"""Which Wagtail site answers a request, and whether any page is private, kept in the cache.

Wagtail looks both up in the database for every page it serves: the site (with its
root page, then the root page again as its own type) and the view restrictions of
the page and its ancestors. They change only when someone saves or deletes a site, a
page or a page's privacy setting, so they are kept in the cache (shared by every web
process when it is Redis) and dropped whenever one of those is saved or deleted, and
again once that transaction commits, so a request in between cannot keep the old
state. `CACHE_SECONDS` bounds how long a change made some other way (a queryset
update, a restored backup) can go unseen.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site

SITES_KEY = "govlearn:sites"
RESTRICTIONS_KEY = "govlearn:any-view-restrictions"
CACHE_SECONDS = 5 * 60
# Host names kept; requests for others (any Host header the allowed hosts let through) are looked up each time.
MAX_HOSTS = 20


def find_site(request) -> Site | None:
    """The site for this request's host and port, as `Site.find_for_request` finds it, with its root page specific."""
    hostname = split_domain_port(request._get_raw_host())[0]
    key = (hostname, request.get_port())
    sites = cache.get(SITES_KEY) or {}
    if key in sites:
        return sites[key]
    site = Site._find_for_request(request)
    if site is not None:
        site.root_page = site.root_page.specific
    if len(sites) < MAX_HOSTS:
        cache.set(SITES_KEY, {**sites, key: site}, CACHE_SECONDS)
    return site


def any_view_restrictions() -> bool:
    """Whether any page is private (to signed-in people, some groups, or behind a password)."""
    found = cache.get(RESTRICTIONS_KEY)
    if found is None:
        found = PageViewRestriction.objects.exists()
        cache.set(RESTRICTIONS_KEY, found, CACHE_SECONDS)
    return found


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


def forget_sites(**kwargs) -> None:
    cache.delete(SITES_KEY)
    transaction.on_commit(lambda: cache.delete(SITES_KEY))


def forget_view_restrictions(**kwargs) -> None:
    cache.delete(RESTRICTIONS_KEY)
    transaction.on_commit(lambda: cache.delete(RESTRICTIONS_KEY))


def _page_or_site_changed(sender, instance, **kwargs) -> None:
    if isinstance(instance, (Page, Site)):
        forget_sites()


def connect() -> None:
    """Forget what is kept when what it was read from changes (called when the app is ready)."""
    for signal in (post_save, post_delete):
        # Every page type sends with its own class as the sender: listen to all, keep only pages and sites.
        signal.connect(_page_or_site_changed, dispatch_uid=f"content-sites-{signal is post_save}")
        signal.connect(
            forget_view_restrictions, sender=PageViewRestriction, dispatch_uid=f"content-privacy-{signal is post_save}"
        )
