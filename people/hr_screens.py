"""What every HR screen in the Wagtail admin shares: its permission check, and how it refuses."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import get_resolver
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin


class HRScreenMixin(PermissionCheckedMixin):
    """Checks `permission_policy` for `permission_required`, and refuses with the site's own 403 page.

    Wagtail would send an editor (who may use the admin) to the dashboard with a message; HR records
    are refused outright, as for everyone else.
    """

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as refusal:
            return get_resolver().resolve_error_handler(403)(request, refusal)
