"""The Wagtail site answers at BASE_URL: page addresses outside a request (`page.full_url`, in emails) use it."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def site_address(base_url: str) -> tuple[str, int]:
    """BASE_URL's host name and port, as a Wagtail `Site` holds them ('https://x.gov.uk' is port 443)."""
    parts = urlsplit(base_url)
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)


def point_default_site_at_base_url(*, site_model=None) -> bool:
    """The default site takes BASE_URL's host and port; True when it changed. `site_model` is for migrations."""
    if site_model is None:
        from wagtail.models import Site as site_model
    hostname, port = site_address(settings.WAGTAILADMIN_BASE_URL)
    site = site_model.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])  # Site.save also forgets Wagtail's kept site root paths
    return True
