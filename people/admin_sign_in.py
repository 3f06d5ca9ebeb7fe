"""The Wagtail and Django admins' own sign-in, sign-out and password pages, handed to allauth.

Their views take a password alone: no two-step verification, no lockout after
failed attempts, no verified address, and reset emails without a rate limit.
`config/urls.py` serves these at the admins' addresses instead, so links and
bookmarks still work and every sign-in goes through allauth.
"""

from __future__ import annotations

from urllib.parse import urlencode

from allauth.account.utils import get_next_redirect_url
from allauth.account.views import logout as allauth_logout
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse


def to_allauth(url_name: str, *, keep_next_or: str | None = None):
    """A view sending every request to allauth's page `url_name`, keeping a safe `next` (or `keep_next_or`'s page)."""

    def view(request: HttpRequest, *args, **kwargs) -> HttpResponseRedirect:
        url = reverse(url_name)
        if keep_next_or is not None:
            url += "?" + urlencode({"next": get_next_redirect_url(request) or reverse(keep_next_or)})
        return HttpResponseRedirect(url)

    return view


sign_out = allauth_logout
