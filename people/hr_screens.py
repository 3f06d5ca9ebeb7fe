"""What every HR screen in the Wagtail admin shares: its permission check, its scope, and how it refuses."""

from __future__ import annotations

from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import get_resolver
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from people.roles import is_hr_officer
from people.scopes import Scope, hr_scope


class HRScreenMixin(PermissionCheckedMixin):
    """Checks `permission_policy` for `permission_required`, and refuses with the site's own 403 page.

    Wagtail would send an editor (who may use the admin) to the dashboard with a message; HR records
    are refused outright, as for everyone else. `scope` is whose records the officer reaches
    (`people.scopes`); a screen with `whole_service_only` (one that acts on everyone at once) is
    "not found" for an HR officer whose scope is less than the whole civil service.
    """

    whole_service_only = False

    @cached_property
    def scope(self) -> Scope:
        return hr_scope(self.request.user)

    def dispatch(self, request, *args, **kwargs):
        if self.whole_service_only and is_hr_officer(request.user) and not self.scope.whole_service:
            raise Http404
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as refusal:
            return get_resolver().resolve_error_handler(403)(request, refusal)
