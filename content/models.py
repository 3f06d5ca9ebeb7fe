from __future__ import annotations

from django.db import models
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


class ContentGeneration(models.Model):
    """One row whose number moves, in the same transaction, with every change to a site, page or page privacy.

    Without a cache shared by every web process, each process keeps the site and privacy state in
    its own memory only while this number is the one it read them under (`content.sites`).
    """

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "content generation"

    def __str__(self) -> str:
        return f"content generation {self.value}"
