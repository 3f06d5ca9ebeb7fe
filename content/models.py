from __future__ import annotations

from django.http import Http404
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from content.sites import CachedPrivacyMixin


class HomePage(CachedPrivacyMixin, Page):
    """The front page: what govlearn is for a visitor, the person's own learning once signed in."""

    introduction = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text="Shown to everyone under the page title.",
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    template = "content/home_page.html"

    def route(self, request, path_components):
        """Find a page below the home page by its whole path in one lookup, not one per level.

        Wagtail walks the tree a level at a time (two queries a level); a module page
        sits three levels down. Pages that route sub-paths themselves are still reached
        through the usual walk when no page has the exact path.
        """
        if path_components:
            url_path = self.url_path + "/".join(path_components) + "/"
            page = Page.objects.filter(url_path=url_path).specific().first()
            if page is not None:
                if not page.live:
                    raise Http404
                return RouteResult(page)
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from content.home import home_panels_for

        context = super().get_context(request, *args, **kwargs)
        context["panels"] = home_panels_for(request) if request.user.is_authenticated else []
        return context
