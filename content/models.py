from __future__ import annotations

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
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

    def get_context(self, request, *args, **kwargs):
        from content.home import home_panels_for

        context = super().get_context(request, *args, **kwargs)
        context["panels"] = home_panels_for(request) if request.user.is_authenticated else []
        return context
