from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from content import hooks as govlearn_hooks
from content.navigation import NavItem
from courses.demo import load_demo_courses
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


@hooks.register(govlearn_hooks.NAVIGATION)
def catalogue_navigation(request):
    url = catalogue_url(request)
    return [NavItem("Courses", url, order=10)] if url else []


@hooks.register(govlearn_hooks.LOAD_DEMO_DATA, order=10)
def load_demo_catalogue(*, stdout):
    result = load_demo_courses()
    if result.created_courses or result.created_modules:
        stdout.write(
            f"Demo courses published: {len(result.created_courses)} new, {result.created_modules} new modules."
        )
    else:
        stdout.write(f"Demo courses already in place: {result.existing_courses} courses.")
