from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from content.navigation import NavItem
from courses.models import Topic
from courses.navigation import catalogue_url


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Topics"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]


register_snippet(TopicViewSet)


@hooks.register("register_service_navigation")
def catalogue_navigation(request):
    url = catalogue_url(request)
    return [NavItem("Courses", url, order=10)] if url else []
