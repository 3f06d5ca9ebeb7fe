"""The editor's quiz form: a quiz that cannot be passed may be kept as a draft, never submitted or published."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from assessments.models import QuizPage
from tests.factories import CoursePageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_editor():
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Course editors"))
    return user


def quiz_form(course, editor, *, draw_count, pass_mark=80, questions=()):
    form_class = QuizPage.get_edit_handler().get_form_class()
    data = nested_form_data(
        {
            "title": "Quiz",
            "slug": "quiz",
            "introduction": rich_text(""),
            "questions": streamfield(list(questions)),
            "pass_mark": pass_mark,
            "draw_count": draw_count,
            "shuffle_choices": "on",
            "max_attempts": 0,
            "wait_after_fail_minutes": 0,
            "time_limit_minutes": "",
            "review": "immediately",
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
        }
    )
    return form_class(data, instance=QuizPage(), parent_page=course, for_user=editor)


def true_false(n):
    return (
        "true_false",
        {
            "statement": f"Statement {n}",
            "correct_answer": "true",
            "feedback_true": "",
            "feedback_false": "",
            "explanation": rich_text("<p>Because.</p>"),
        },
    )


def test_submitting_or_publishing_a_quiz_that_cannot_be_passed_says_why(course_editor):
    form = quiz_form(CoursePageFactory(), course_editor, draw_count=3, questions=[true_false(1), true_false(2)])
    assert not form.is_valid()
    assert form.errors["draw_count"] == [
        "An attempt cannot draw 3 questions from a pool of 2: add questions or draw fewer."
    ]


def test_an_empty_quiz_cannot_be_submitted(course_editor):
    form = quiz_form(CoursePageFactory(), course_editor, draw_count="")
    assert not form.is_valid()
    assert form.errors["questions"] == ["Add at least one question."]


def test_an_unfinished_quiz_can_be_saved_as_a_draft(course_editor):
    form = quiz_form(CoursePageFactory(), course_editor, draw_count=3, questions=[true_false(1)])
    form.defer_required_fields()
    assert form.is_valid(), form.errors


def test_a_quiz_that_can_be_passed_is_accepted(course_editor):
    form = quiz_form(CoursePageFactory(), course_editor, draw_count=2, questions=[true_false(1), true_false(2)])
    assert form.is_valid(), form.errors


def test_an_editor_can_add_one_quiz_to_a_course_and_no_more(client, course_editor):
    course = CoursePageFactory(modules=1)
    assert QuizPage in course.specific_class.allowed_subpage_models()
    client.force_login(course_editor)
    add_quiz = f"/admin/pages/add/assessments/quizpage/{course.pk}/"
    assert client.get(add_quiz).status_code == 200
    assert QuizPage.can_create_at(course)
    from tests.factories import QuizPageFactory

    QuizPageFactory(parent=course)
    assert not QuizPage.can_create_at(course)
    assert client.get(add_quiz).status_code != 200  # Wagtail refuses: back to the dashboard
    assert QuizPage.can_create_at(CoursePageFactory(modules=1))
