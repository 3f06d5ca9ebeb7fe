from django.urls import reverse

from content.views import permission_denied


class AdminAccessMiddleware:
    """A signed-in person without access to the Wagtail admin gets a clear 403 page there.

    Wagtail sends them to the sign-in page instead, and the sign-in page sends a
    signed-in person back where they came from: a redirect loop.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        if self.admin_prefix is None:
            self.admin_prefix = reverse("wagtailadmin_home")
        user = getattr(request, "user", None)
        if (
            request.path.startswith(self.admin_prefix)
            and user is not None
            and user.is_authenticated
            and not user.has_perm("wagtailadmin.access_admin")
        ):
            return permission_denied(request)
        return self.get_response(request)
