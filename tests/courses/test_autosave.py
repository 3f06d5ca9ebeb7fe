"""Wagtail 8's autosave is off: it raced the editor's own buttons and broke the review workflow.

Two races were seen in the browser (issue 10):
- a reviewer presses "Approve and Publish": Wagtail's workflow script adds the
  hidden `action-workflow-action` inputs to the form, the autosave script sees
  the form change and sends the same form again as a JSON autosave while the
  real submission is still being answered; the second request found the task
  already approved (500 in `perform_workflow_action`) and its form save wrote the
  page back as a draft;
- an editor presses "Submit for review" on a new module while an autosave is
  still creating it: the real submission creates the page a second time and
  fails, "could not be created due to validation errors" (the slug is taken).

`WAGTAIL_AUTOSAVE_INTERVAL = 0` is Wagtail's switch for autosave. A page open
in a tab from before (or any script) can still send an autosave request, so
the page editor refuses them (courses/wagtail_hooks.py).
"""

from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from wagtail.admin.views.pages.edit import EditView
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import ModulePage
from tests.pages import make_course

pytestmark = pytest.mark.django_db

AUTOSAVE = {"HTTP_ACCEPT": "application/json"}


def module_form(*, title: str = "Anonymisation in practice", slug: str = "anonymisation", **extra) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "estimated_minutes": 15,
            "body": streamfield([("text", rich_text("<p>Councils publish open data.</p>"))]),
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
            **extra,
        }
    )


def submitted_module(client: Client, course, editor) -> ModulePage:
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/add/courses/modulepage/{course.pk}/", module_form(**{"action-submit": "Submit"})
    )
    assert response.status_code == 302, response.content
    return ModulePage.objects.get(slug="anonymisation")


def approve_form(module: ModulePage) -> dict:
    """What the reviewer's browser sends on "Approve and Publish": the form plus the workflow script's inputs."""
    revision = module.latest_revision
    return module_form(
        loaded_revision_id=revision.pk,
        loaded_revision_created_at=revision.created_at.isoformat(),
        **{"action-workflow-action": "true", "workflow-action-name": "approve"},
    )


def test_the_page_editor_does_not_autosave(client, course_editor):
    course = make_course(modules=0)
    client.force_login(course_editor)
    for url in (f"/admin/pages/add/courses/modulepage/{course.pk}/", f"/admin/pages/{course.pk}/edit/"):
        form = BeautifulSoup(client.get(url).content, "html.parser").select_one("form[data-edit-form]")
        assert "w-autosave" not in form["data-controller"].split(), url
        assert form.get("data-w-autosave-interval-value") is None, url


def test_an_autosave_sent_with_approve_and_publish_leaves_the_module_published(client, course_editor, course_reviewer):
    course = make_course(modules=0)
    module = submitted_module(client, course, course_editor)
    form = approve_form(module)
    reviewer = Client()
    reviewer.force_login(course_reviewer)
    autosave = Client(raise_request_exception=False)
    autosave.force_login(course_reviewer)
    url = f"/admin/pages/{module.pk}/edit/"

    # The two requests overlap on the server: the reviewer's own submission is
    # answered while the autosave copy is between choosing its action and running it.
    perform = EditView.perform_workflow_action

    def approved_meanwhile(view):
        if view.expects_json_response:
            assert reviewer.post(url, form).status_code == 302
        return perform(view)

    with mock.patch.object(EditView, "perform_workflow_action", approved_meanwhile):
        answer = autosave.post(url, form, **AUTOSAVE)
    if answer.status_code != 400:  # refused before the view ran: the reviewer's submission still has to happen
        pytest.fail(f"the autosave copy of Approve and Publish was answered {answer.status_code}")
    assert reviewer.post(url, form).status_code == 302

    module.refresh_from_db()
    assert module.live
    assert not module.has_unpublished_changes
    assert module.workflow_states.get().status == WorkflowState.STATUS_APPROVED


def test_submitting_a_new_module_after_an_autosave_creates_one_module(client, course_editor):
    course = make_course(modules=0)
    client.force_login(course_editor)
    url = f"/admin/pages/add/courses/modulepage/{course.pk}/"

    autosaved = client.post(url, module_form(), **AUTOSAVE)
    submitted = client.post(url, module_form(**{"action-submit": "Submit"}))

    assert autosaved.status_code == 400
    assert submitted.status_code == 302, "the real submission failed: an autosave had created the module already"
    module = ModulePage.objects.get(slug="anonymisation")
    assert module.workflow_states.get().status == WorkflowState.STATUS_IN_PROGRESS
