"""An editor's change goes live only after a course reviewer approves it."""

import pytest
from wagtail.models import WorkflowState

from courses.models import ModulePage
from tests.pages import catalogue, lesson, make_course

pytestmark = pytest.mark.django_db


def draft_module(course, editor) -> ModulePage:
    module = ModulePage(title="Anonymisation in practice", slug="anonymisation", body=lesson(), live=False)
    course.add_child(instance=module)
    module.save_revision(user=editor)
    return module


def test_the_catalogue_uses_the_subject_expert_review_workflow():
    course = make_course(modules=1)
    assert catalogue().get_workflow().name == "Subject expert review"
    assert course.modules().first().get_workflow().name == "Subject expert review"


def test_editors_can_write_but_not_publish_and_reviewers_can_publish(course_editor, course_reviewer):
    course = make_course(modules=1)
    for page in (catalogue(), course, course.modules().first()):
        editor_can = page.permissions_for_user(course_editor)
        reviewer_can = page.permissions_for_user(course_reviewer)
        assert editor_can.can_edit()
        assert not editor_can.can_publish()
        assert reviewer_can.can_publish()
    assert catalogue().permissions_for_user(course_editor).can_add_subpage()


def test_a_submitted_change_is_published_only_when_a_reviewer_approves(client, course_editor, course_reviewer):
    course = make_course(modules=0)
    module = draft_module(course, course_editor)
    workflow_state = module.get_workflow().start(module, course_editor)

    module.refresh_from_db()
    assert not module.live
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert client.get(f"{course.url}anonymisation/").status_code == 404

    task_state = workflow_state.current_task_state
    task = task_state.task.specific
    assert task.get_actions(module, course_editor) == []
    assert [name for name, *_ in task.get_actions(module, course_reviewer)][:1] == ["reject"]

    task.on_action(task_state, course_reviewer, "approve")

    module.refresh_from_db()
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_APPROVED
    assert module.live
    assert client.get(f"{course.url}anonymisation/").status_code == 200


def test_a_rejected_change_stays_unpublished(course_editor, course_reviewer):
    course = make_course(modules=0)
    module = draft_module(course, course_editor)
    workflow_state = module.get_workflow().start(module, course_editor)
    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, course_reviewer, "reject")

    module.refresh_from_db()
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not module.live


def test_editors_and_reviewers_reach_the_wagtail_admin(client, course_editor, course_reviewer):
    for user in (course_editor, course_reviewer):
        client.force_login(user)
        assert client.get("/admin/").status_code == 200
