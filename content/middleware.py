from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from content.views import page_not_found, permission_denied


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


class NotFoundPageMiddleware:
    """ "Page not found" is the GOV.UK page even with DEBUG on, as `make run` has it.

    Django would show its technical 404 page instead, which is neither accessible nor what people
    trying the service should see. Every page address reaches a view (Wagtail's catches the rest),
    so each 404 comes through here as an exception.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None


class MethodNotAllowedPageMiddleware:
    """Opening a button's address (a POST-only view, say /learning/courses/1/start/) shows a GOV.UK page.

    Django's `require_POST` and `http_method_names` answer an empty 405; the status and its Allow
    header stay, the body says what happened. The Wagtail admin keeps its own answers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 405
            and request.method in ("GET", "HEAD")
            and not response.content
            and not request.path.startswith(reverse("wagtailadmin_home"))
        ):
            page = render(request, "405.html", status=405)
            if "Allow" in response:
                page["Allow"] = response["Allow"]
            return page
        return response
