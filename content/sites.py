"""Which Wagtail site answers a request, and whether any page is private, kept in the cache.

Wagtail looks both up in the database for every page it serves: the site (with its
root page, then the root page again as its own type) and the view restrictions of
the page and its ancestors. They change only when someone saves or deletes a site, a
page or a page's privacy setting, so they are kept, each under the generation it was
read in. Saving or deleting a site, page or view restriction starts a new generation.
`CACHE_SECONDS` bounds how long a change made some other way (a queryset update, a
restored backup) can go unseen.

Where the generation lives depends on the cache:

- shared by every web process (Redis): the generation is in the cache too, started again
  when the change is made and once its transaction commits, so nothing read before the
  change, even by a request that finishes after it, is used again. No query at all.
- one process's memory (no REDIS_URL): the generation is a row in the database
  (`ContentGeneration`), moved in the same transaction as the change, and read once per
  request. What a process keeps in its memory is only a memo of what it read under that
  number, so a page made private in one process is private in every other at once.
  One small query per page instead of the two or three Wagtail would make.

What is kept is plain values (numbers, strings, dates), under keys carrying Wagtail's
version, as Wagtail keeps its own site root paths: never pickled model instances, which
another Wagtail could not read back.

It also says which pages a request may not see (`visible_to`, `is_hidden`), for the
lists and actions that reach pages without Wagtail's serve view.
"""

from __future__ import annotations

import functools
import uuid
from contextvars import ContextVar

import wagtail
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.db.models import F, Model
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from django.utils.encoding import is_protected_type
from wagtail.models import Page, PageViewRestriction, Site, get_page_models

from content.db import prepared_cursor

# Wagtail's version in the keys: what one version kept is never read by another.
SITES_KEY = f"govlearn:sites:wagtail-{wagtail.__version__}"
RESTRICTIONS_KEY = f"govlearn:any-view-restrictions:wagtail-{wagtail.__version__}"
# Changed whenever a site, page or view restriction changes: what was read under another one is ignored,
# so a request that read the database just before a change committed cannot keep the old state.
GENERATION_KEY = "govlearn:content-generation"
SITE_ROOT_PATHS_GENERATION_KEY = "govlearn:site-root-paths-generation"  # the generation Wagtail's were read in
CACHE_SECONDS = 5 * 60
# Host names kept; requests for others (any Host header the allowed hosts let through) are looked up each time.
MAX_HOSTS = 20
# Caches that live in one process's memory (or nowhere): other processes cannot see what they hold.
PROCESS_LOCAL_CACHES = frozenset(
    {"django.core.cache.backends.locmem.LocMemCache", "django.core.cache.backends.dummy.DummyCache"}
)

# What this request has read of the database generation; set for each request by `SiteMiddleware`.
_this_request: ContextVar[dict | None] = ContextVar("govlearn_content_generation", default=None)


def cache_is_shared(alias: str = "default") -> bool:
    """Whether every web process sees the same cache (Redis, Memcached, the database), not its own memory."""
    return settings.CACHES[alias]["BACKEND"] not in PROCESS_LOCAL_CACHES


def _generation_and_kept(key: str):
    """The current generation, and what is kept under `key` if it was read under that generation."""
    if cache_is_shared():
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        if generation is None:
            generation = _new_cache_generation()
        kept = found.get(key)
    else:
        generation = _database_generation()
        kept = cache.get(key)
    return generation, (kept[1] if kept is not None and kept[0] == generation else None)


def _new_cache_generation() -> str:
    generation = uuid.uuid4().hex
    cache.set(GENERATION_KEY, generation, None)
    return generation


@functools.cache
def _generation_sql(vendor: str) -> str:
    meta = apps.get_model("content", "ContentGeneration")._meta
    table, value, pk = (
        connection.ops.quote_name(name) for name in (meta.db_table, meta.get_field("value").column, meta.pk.column)
    )
    return f"SELECT {value} FROM {table} WHERE {pk} = %(pk)s"  # noqa: S608 - names from the model


def _database_generation() -> int:
    """The generation in the database, read once per request (each time outside a request)."""
    memo = _this_request.get()
    if memo is not None and "generation" in memo:
        return memo["generation"]
    generation_model = apps.get_model("content", "ContentGeneration")
    # One number by primary key, on every page: a prepared statement, not the ORM (whose compiling
    # cost more than the query itself).
    with prepared_cursor() as cursor:
        cursor.execute(_generation_sql(connection.vendor), {"pk": 1})
        row = cursor.fetchone()
    generation = row[0] if row else None
    if generation is None:  # the migration made the row; a flushed database (some tests) has lost it
        generation = generation_model.objects.get_or_create(pk=1)[0].value
    if memo is not None:
        memo["generation"] = generation
    _forget_wagtail_site_root_paths_before(generation)
    return generation


def _forget_wagtail_site_root_paths_before(generation: int) -> None:
    """Wagtail keeps every site's root path and address (for page URLs) in the cache, and forgets them when a
    site or a page's path changes — in the process that made the change. Without a shared cache, the other
    processes forget theirs here, on their first request after a new generation."""
    seen = cache.get(SITE_ROOT_PATHS_GENERATION_KEY)
    if seen != generation:
        if seen is not None:
            Site.clear_site_root_paths_cache()
        cache.set(SITE_ROOT_PATHS_GENERATION_KEY, generation, None)


def _as_values(instance: Model) -> tuple:
    """A model instance as plain values: its model's label, its fields' names and their values.

    Values a pickle keeps as they are (numbers, dates, None) stay; the rest become the strings
    Django's serializers write (`value_to_string`), read back with `to_python`.
    """
    fields = instance._meta.concrete_fields
    values = []
    for field in fields:
        value = field.value_from_object(instance)
        values.append(value if is_protected_type(value) else field.value_to_string(instance))
    return instance._meta.label_lower, tuple(field.attname for field in fields), tuple(values)


def _from_values(kept: tuple) -> Model | None:
    """The instance `_as_values` gave; None when its model's fields are not those it was kept with."""
    label, attnames, values = kept
    model = apps.get_model(label)
    fields = model._meta.concrete_fields
    if tuple(field.attname for field in fields) != attnames:
        return None
    return model.from_db(DEFAULT_DB_ALIAS, attnames, [f.to_python(v) for f, v in zip(fields, values, strict=True)])


def _site_as_values(site: Site | None) -> tuple | None:
    return None if site is None else (_as_values(site), _as_values(site.root_page))


def _site_from_values(kept: tuple) -> Site:
    site_values, root_values = kept
    site, root = _from_values(site_values), _from_values(root_values)
    if site is None or root is None:
        raise LookupError("kept with other fields")
    site.root_page = root
    return site


def find_site(request) -> Site | None:
    """The site for this request's host and port, as `Site.find_for_request` finds it, with its root page specific."""
    hostname = split_domain_port(request._get_raw_host())[0]  # as Wagtail's Site._find_for_request reads it
    key = (hostname, request.get_port())
    generation, sites = _generation_and_kept(SITES_KEY)
    sites = sites or {}
    if key in sites:
        if sites[key] is None:
            return None
        try:
            return _site_from_values(sites[key])
        except LookupError:
            pass  # the models changed since: look it up again
    site = Site._find_for_request(request)
    if site is not None:
        site.root_page = site.root_page.specific
    if len(sites) < MAX_HOSTS:
        cache.set(SITES_KEY, (generation, {**sites, key: _site_as_values(site)}), CACHE_SECONDS)
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
        # What this request reads of the database generation, forgotten when it ends.
        token = _this_request.set({})
        try:
            return self.get_response(request)
        finally:
            _this_request.reset(token)

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
    """Start a new generation: in the database, in this transaction; in a shared cache, now and again at commit."""
    generation_model = apps.get_model("content", "ContentGeneration")
    if not generation_model.objects.filter(pk=1).update(value=F("value") + 1):
        generation_model.objects.get_or_create(pk=1, defaults={"value": 1})
    memo = _this_request.get()
    if memo is not None:
        memo.pop("generation", None)  # this request changed it: read it again
    if cache_is_shared():
        _new_cache_generation()
        transaction.on_commit(_new_cache_generation)


def _page_or_site_changed(sender, instance, **kwargs) -> None:
    forget()


def connect() -> None:
    """Forget what is kept when what it was read from changes (called when the app is ready).

    Every page type sends with its own class as the sender, so each is connected by name: a receiver
    for every sender would stop Django deleting any other model's rows in one statement.
    """
    for signal in (post_save, post_delete):
        for model in {Page, Site, *get_page_models()}:
            signal.connect(
                _page_or_site_changed,
                sender=model,
                dispatch_uid=f"content-sites-{model._meta.label}-{signal is post_save}",
            )
        signal.connect(forget, sender=PageViewRestriction, dispatch_uid=f"content-privacy-{signal is post_save}")
