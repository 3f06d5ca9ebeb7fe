from django.http import JsonResponse
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


def is_autosave(request) -> bool:
    """A JSON POST to the page editor is Wagtail 8's autosave (its script asks for JSON, the form for HTML)."""
    return request.method == "POST" and not request.accepts("text/html")


def refuse_autosave(request):
    # Autosave is off (WAGTAIL_AUTOSAVE_INTERVAL = 0) because Wagtail 8.0's autosave
    # script sends the whole form again while the editor's own submission is being
    # answered: with "Approve and Publish" the copy carries the workflow action and,
    # the task approved meanwhile, fails in EditView.perform_workflow_action (its
    # form save has already written the page back as a draft); on a new page the
    # autosave creates the page and the real submission then fails on the taken slug.
    # A tab opened before autosave was switched off, or any script, can still send
    # one: it changes nothing. Wagtail's script reads the JSON error and stops.
    if is_autosave(request):
        return JsonResponse(
            {"success": False, "error_code": "blocked_by_hook", "error_message": "Autosave is switched off."},
            status=400,
        )
    return None


@hooks.register("before_edit_page")
def refuse_autosave_on_edit(request, page):
    return refuse_autosave(request)


@hooks.register("before_create_page")
def refuse_autosave_on_create(request, parent_page, page_class):
    return refuse_autosave(request)
