"""The attempt rules: scoring, draws, the snapshot, limits, waiting, the deadline, and completing the course."""

from __future__ import annotations

import io
import random
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command

from assessments.attempts import (
    AnswerRefused,
    AttemptClosed,
    AttemptRefused,
    Standing,
    close_overdue_attempts,
    first_unanswered,
    may_review,
    save_answer,
    standing,
    start_attempt,
    submit_attempt,
)
from assessments.blocks import choice_problem
from assessments.models import Attempt, QuestionUse, QuizPage, settings_problems
from assessments.scoring import is_correct, passes
from assessments.snapshot import draw, pool
from enrolment.models import Enrolment
from enrolment.progress import complete_module, course_is_complete
from enrolment.signals import course_completed
from tests.factories import (
    CoursePageFactory,
    EmployeeFactory,
    QuizPageFactory,
    WorkplaceAdjustmentFactory,
    choice_question,
    true_false_question,
)

# Moments after the enrolments these tests make (enrolled now), on a fixed clock for the attempt rules.
T0 = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
SINGLE = {"type": "single_choice", "choices": [{"key": "a", "correct": True}, {"key": "b", "correct": False}]}
MULTIPLE = {
    "type": "multiple_choice",
    "choices": [{"key": "a", "correct": True}, {"key": "b", "correct": True}, {"key": "c", "correct": False}],
}
TRUE_FALSE = {"type": "true_false", "choices": [{"key": "true", "correct": False}, {"key": "false", "correct": True}]}


@pytest.mark.parametrize(
    ("question", "selected", "right"),
    [
        (SINGLE, ["a"], True),
        (SINGLE, ["b"], False),
        (SINGLE, [], False),
        (MULTIPLE, ["a", "b"], True),
        (MULTIPLE, ["b", "a"], True),
        (MULTIPLE, ["a"], False),  # partial: one of two correct choices
        (MULTIPLE, ["a", "b", "c"], False),  # every correct choice, and a wrong one
        (MULTIPLE, ["c"], False),
        (MULTIPLE, [], False),
        (TRUE_FALSE, ["false"], True),
        (TRUE_FALSE, ["true"], False),
    ],
)
def test_scoring(question, selected, right):
    assert is_correct(question, selected) is right


@pytest.mark.parametrize(
    ("score", "out_of", "pass_mark", "passed"),
    [(8, 10, 80, True), (7, 10, 80, False), (7, 8, 87, True), (7, 8, 88, False), (8, 8, 100, True), (0, 0, 1, False)],
)
def test_pass_mark_is_compared_exactly(score, out_of, pass_mark, passed):
    assert passes(score=score, out_of=out_of, pass_mark=pass_mark) is passed


@pytest.mark.parametrize(
    ("pool_size", "draw_count", "pass_mark", "fields"),
    [
        (10, 8, 80, []),
        (10, None, 80, []),
        (10, 10, 100, []),
        (5, 8, 80, ["draw_count"]),
        (0, None, 80, ["questions"]),
        (10, 8, 0, ["pass_mark"]),
        (10, 8, 101, ["pass_mark"]),
        (10, 8, None, ["pass_mark"]),
    ],
)
def test_a_quiz_that_cannot_be_passed_is_refused(pool_size, draw_count, pass_mark, fields):
    problems = settings_problems(pool=pool_size, draw_count=draw_count, pass_mark=pass_mark)
    assert [field for field, _reason in problems] == fields
    assert all(reason for _field, reason in problems)


@pytest.mark.parametrize(
    ("many", "correct", "problem"),
    [
        (False, [True, False], False),
        (False, [False, False], True),
        (False, [True, True], True),
        (True, [True, True, False], False),
        (True, [False, False], True),
    ],
)
def test_a_question_needs_an_answer_that_can_be_right(many, correct, problem):
    assert bool(choice_problem(many, correct)) is problem


def entries(n):
    return {f"q{i}": {"key": f"q{i}", "type": "single_choice", "choices": []} for i in range(n)}


def test_a_retake_prefers_questions_the_learner_has_not_seen():
    drawn = draw(
        entries(10),
        count=4,
        seen={"q0", "q1", "q2", "q3", "q4", "q5"},
        uses={},
        shuffle_choices=False,
        rng=random.Random(1),
    )
    assert {q["key"] for q in drawn} == {"q6", "q7", "q8", "q9"}


def test_draws_use_every_question_about_as_often():
    uses: dict[str, int] = {}
    rng = random.Random(7)
    for _ in range(100):
        for question in draw(entries(10), count=8, seen=set(), uses=uses, shuffle_choices=False, rng=rng):
            uses[question["key"]] = uses.get(question["key"], 0) + 1
    assert sum(uses.values()) == 800
    assert max(uses.values()) - min(uses.values()) <= 1


@pytest.fixture
def course(db):
    return CoursePageFactory(modules=2)


@pytest.fixture
def learner(db):
    return EmployeeFactory(with_user=True)


def answer_all(attempt, *, right: int, now=T0):
    """Answer the first `right` questions correctly and the rest wrongly."""
    for position, question in enumerate(attempt.questions, start=1):
        keys = [c["key"] for c in question["choices"] if c["correct"] is (position <= right)]
        save_answer(
            attempt=attempt,
            position=position,
            choice_keys=keys[:1] if question["type"] != "multiple_choice" or position > right else keys,
            now=now,
        )


def test_the_attempt_is_fixed_at_its_start(course, learner):
    quiz = QuizPageFactory(parent=course, pool=10, draw_count=8)
    attempt = start_attempt(employee=learner, quiz=quiz, now=T0)
    assert attempt.number == 1
    assert attempt.question_count == 8
    assert attempt.pass_mark == 80
    assert attempt.revision_id == quiz.live_revision_id
    before = [dict(q) for q in attempt.questions]
    quiz.questions = [choice_question("Changed", [("X", True), ("Y", False)], key=q["key"]) for q in before]
    quiz.pass_mark = 10
    quiz.save_revision().publish()
    quiz.unpublish()
    attempt.refresh_from_db()
    assert attempt.questions == before
    assert attempt.pass_mark == 80
    answer_all(attempt, right=6)
    assert submit_attempt(attempt=attempt, now=T0 + timedelta(minutes=5)).score == 6


def test_starting_again_resumes_the_open_attempt_at_the_first_unanswered_question(course, learner):
    quiz = QuizPageFactory(parent=course, pool=4)
    attempt = start_attempt(employee=learner, quiz=quiz, now=T0)
    save_answer(attempt=attempt, position=1, choice_keys=[attempt.questions[0]["choices"][0]["key"]], now=T0)
    again = start_attempt(employee=learner, quiz=quiz, now=T0 + timedelta(hours=1))
    assert again.pk == attempt.pk
    assert first_unanswered(again) == 2
    assert Attempt.objects.count() == 1
    assert sum(QuestionUse.objects.values_list("times_drawn", flat=True)) == 4


def test_submitting_twice_gives_one_result(course, learner):
    quiz = QuizPageFactory(parent=course, pool=4, pass_mark=50)
    attempt = start_attempt(employee=learner, quiz=quiz, now=T0)
    answer_all(attempt, right=2)
    first = submit_attempt(attempt=attempt, now=T0 + timedelta(minutes=3))
    second = submit_attempt(attempt=attempt, now=T0 + timedelta(minutes=9))
    assert (first.score, first.passed, first.finished_at) == (second.score, second.passed, second.finished_at)
    assert second.finished_at == T0 + timedelta(minutes=3)
    with pytest.raises(AttemptClosed):
        save_answer(
            attempt=attempt,
            position=1,
            choice_keys=[attempt.questions[0]["choices"][0]["key"]],
            now=T0 + timedelta(minutes=10),
        )


@pytest.mark.parametrize(
    ("position", "keys", "message"),
    [
        (1, ["not-a-choice"], "not one of this question's choices"),
        (1, [], "Select an answer"),
        (9, ["x"], "no such question"),
        (1, "both", "Select one answer"),
    ],
)
def test_a_foreign_or_malformed_answer_is_refused_with_a_reason(course, learner, position, keys, message):
    quiz = QuizPageFactory(parent=course, pool=4)
    attempt = start_attempt(employee=learner, quiz=quiz, now=T0)
    if keys == "both":
        keys = [c["key"] for c in attempt.questions[0]["choices"][:2]]
    with pytest.raises(AnswerRefused, match=message):
        save_answer(attempt=attempt, position=position, choice_keys=keys, now=T0)


def test_a_choice_of_another_question_is_refused(course, learner):
    quiz = QuizPageFactory(parent=course, pool=4)
    attempt = start_attempt(employee=learner, quiz=quiz, now=T0)
    other = attempt.questions[1]["choices"][0]["key"]
    with pytest.raises(AnswerRefused):
        save_answer(attempt=attempt, position=1, choice_keys=[other], now=T0)


def test_attempt_limit_and_waiting_time(course, learner):
    quiz = QuizPageFactory(parent=course, pool=4, max_attempts=2, wait_after_fail_minutes=60)
    first = start_attempt(employee=learner, quiz=quiz, now=T0)
    answer_all(first, right=1)
    submit_attempt(attempt=first, now=T0 + timedelta(minutes=5))
    with pytest.raises(AttemptRefused, match="again from"):
        start_attempt(employee=learner, quiz=quiz, now=T0 + timedelta(minutes=64))
    second = start_attempt(employee=learner, quiz=quiz, now=T0 + timedelta(minutes=65))
    assert second.number == 2
    answer_all(second, right=0, now=T0 + timedelta(minutes=66))
    submit_attempt(attempt=second, now=T0 + timedelta(minutes=67))
    with pytest.raises(AttemptRefused, match="used all your attempts"):
        start_attempt(employee=learner, quiz=quiz, now=T0 + timedelta(days=2))
    enrolment = Enrolment.objects.get(employee=learner)
    assert standing(quiz=quiz, enrolment=enrolment, now=T0 + timedelta(days=2)).attempts_left == 0


def test_the_deadline_is_enforced_and_closing_records_the_deadline(course, learner):
    quiz = QuizPageFactory(parent=course, pool=4, time_limit_minutes=10, pass_mark=50)
    attempt = start_attempt(employee=learner, quiz=quiz, now=T0)
    assert attempt.deadline == T0 + timedelta(minutes=10)
    right = [c["key"] for c in attempt.questions[0]["choices"] if c["correct"]]
    save_answer(attempt=attempt, position=1, choice_keys=right, now=T0 + timedelta(minutes=9, seconds=59))
    with pytest.raises(AttemptClosed, match="ran out"):
        save_answer(
            attempt=attempt,
            position=2,
            choice_keys=[attempt.questions[1]["choices"][0]["key"]],
            now=T0 + timedelta(minutes=10),
        )
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.FINISHED
    assert attempt.finished_at == T0 + timedelta(minutes=10)
    assert attempt.finished_by == Attempt.FinishedBy.TIME_LIMIT
    assert attempt.score == 1


def test_the_periodic_close_finishes_at_the_deadline_not_when_it_runs(course, learner):
    quiz = QuizPageFactory(parent=course, pool=4, time_limit_minutes=10)
    attempt = start_attempt(employee=learner, quiz=quiz, now=T0)
    other = start_attempt(employee=EmployeeFactory(), quiz=quiz, now=T0 + timedelta(minutes=5))
    assert close_overdue_attempts(now=T0 + timedelta(minutes=12)) == 1
    attempt.refresh_from_db()
    other.refresh_from_db()
    assert (attempt.state, attempt.finished_at, attempt.score) == ("finished", T0 + timedelta(minutes=10), 0)
    assert other.is_open
    assert close_overdue_attempts(now=T0 + timedelta(minutes=12)) == 0


def test_submitting_after_the_deadline_scores_what_was_saved_by_then(course, learner):
    quiz = QuizPageFactory(parent=course, pool=4, time_limit_minutes=10, pass_mark=25)
    attempt = start_attempt(employee=learner, quiz=quiz, now=T0)
    answer_all(attempt, right=4, now=T0 + timedelta(minutes=1))
    result = submit_attempt(attempt=attempt, now=T0 + timedelta(hours=1))
    assert (result.finished_at, result.finished_by, result.score) == (T0 + timedelta(minutes=10), "time_limit", 4)


@pytest.mark.parametrize(
    ("percent", "deadline"), [(50, T0 + timedelta(minutes=15)), (None, None), (0, T0 + timedelta(minutes=10))]
)
def test_extra_time_applies_to_every_timed_quiz(course, learner, percent, deadline):
    WorkplaceAdjustmentFactory(employee=learner, extra_time_percent=percent)
    quiz = QuizPageFactory(parent=course, pool=4, time_limit_minutes=10)
    attempt = start_attempt(employee=learner, quiz=quiz, now=T0)
    assert attempt.deadline == deadline
    assert attempt.extra_time_percent == (percent or None)


def test_the_latest_adjustment_stands(course, learner):
    WorkplaceAdjustmentFactory(employee=learner, extra_time_percent=50, recorded_at=T0 - timedelta(days=10))
    WorkplaceAdjustmentFactory(employee=learner, extra_time_percent=25, recorded_at=T0 - timedelta(days=1))
    quiz = QuizPageFactory(parent=course, pool=4, time_limit_minutes=20)
    assert start_attempt(employee=learner, quiz=quiz, now=T0).deadline == T0 + timedelta(minutes=25)


def test_an_untimed_quiz_has_no_deadline(course, learner):
    quiz = QuizPageFactory(parent=course, pool=4)
    assert start_attempt(employee=learner, quiz=quiz, now=T0).deadline is None


def test_true_false_and_multiple_choice_snapshot(course, learner):
    quiz = QuizPageFactory(
        parent=course,
        questions=[
            true_false_question("Open data is free to reuse", True, key="tf"),
            choice_question("Which are formats?", [("CSV", True), ("JSON", True), ("Fax", False)], many=True, key="mc"),
        ],
        pass_mark=100,
    )
    entries_by_key = pool(quiz)
    assert [c["key"] for c in entries_by_key["tf"]["choices"]] == ["true", "false"]
    assert [c["key"] for c in entries_by_key["mc"]["choices"]] == ["mc-1", "mc-2", "mc-3"]
    attempt = start_attempt(employee=learner, quiz=quiz, now=T0)
    positions = {q["key"]: n for n, q in enumerate(attempt.questions, start=1)}
    save_answer(attempt=attempt, position=positions["tf"], choice_keys=["true"], now=T0)
    save_answer(attempt=attempt, position=positions["mc"], choice_keys=["mc-1", "mc-2"], now=T0)
    result = submit_attempt(attempt=attempt, now=T0)
    assert (result.score, result.passed) == (2, True)


@pytest.fixture
def completions():
    sent = []

    def receiver(sender, enrolment, **kwargs):
        sent.append(enrolment.pk)

    course_completed.connect(receiver)
    yield sent
    course_completed.disconnect(receiver)


def test_modules_then_quiz_completes_once(course, learner, completions, django_capture_on_commit_callbacks):
    quiz = QuizPageFactory(parent=course, pool=4)
    with django_capture_on_commit_callbacks(execute=True):
        for module in course.modules():
            enrolment = Enrolment.objects.get_or_create(employee=learner, course=course)[0]
            complete_module(enrolment=enrolment, module=module, now=T0)
        enrolment.refresh_from_db()
        assert enrolment.completed_at is None
        assert not course_is_complete(enrolment)
        attempt = start_attempt(employee=learner, quiz=quiz, now=T0)
        answer_all(attempt, right=4)
        submit_attempt(attempt=attempt, now=T0 + timedelta(minutes=4))
        submit_attempt(attempt=attempt, now=T0 + timedelta(minutes=5))
    enrolment.refresh_from_db()
    assert enrolment.completed_at == T0 + timedelta(minutes=4)
    assert completions == [enrolment.pk]


def test_quiz_then_modules_completes_once(course, learner, completions, django_capture_on_commit_callbacks):
    quiz = QuizPageFactory(parent=course, pool=4)
    with django_capture_on_commit_callbacks(execute=True):
        attempt = start_attempt(employee=learner, quiz=quiz, now=T0)
        answer_all(attempt, right=4)
        submit_attempt(attempt=attempt, now=T0)
        enrolment = Enrolment.objects.get(employee=learner, course=course)
        assert enrolment.completed_at is None
        for module in course.modules():
            complete_module(enrolment=enrolment, module=module, now=T0 + timedelta(hours=1))
    enrolment.refresh_from_db()
    assert enrolment.completed_at == T0 + timedelta(hours=1)
    assert completions == [enrolment.pk]


def test_a_failed_quiz_does_not_complete_the_course(course, learner):
    quiz = QuizPageFactory(parent=course, pool=4)
    attempt = start_attempt(employee=learner, quiz=quiz, now=T0)
    enrolment = attempt.enrolment
    for module in course.modules():
        complete_module(enrolment=enrolment, module=module, now=T0)
    answer_all(attempt, right=3)
    assert submit_attempt(attempt=attempt, now=T0).passed is False
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None


def test_an_unpublished_quiz_no_longer_holds_completion_back(course, learner):
    quiz = QuizPageFactory(parent=course, pool=4)
    quiz.unpublish()
    enrolment = Enrolment.objects.create(employee=learner, course=course)
    for module in course.modules():
        complete_module(enrolment=enrolment, module=module, now=T0)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None


def test_the_close_command_closes_overdue_attempts(course, learner):
    quiz = QuizPageFactory(parent=course, pool=4, time_limit_minutes=1)
    attempt = start_attempt(employee=learner, quiz=quiz, now=T0 - timedelta(days=2))
    out = io.StringIO()
    call_command("close_overdue_attempts", stdout=out)
    attempt.refresh_from_db()
    assert out.getvalue().strip() == "Closed 1 attempt whose time ran out."
    assert attempt.finished_at == attempt.deadline


@pytest.mark.parametrize(
    ("review", "passed", "attempts_left", "shown"),
    [
        ("immediately", False, 2, True),
        ("once_done", False, 2, False),
        ("once_done", True, 2, True),
        ("once_done", False, 0, True),
        ("never", True, 0, False),
    ],
)
def test_when_learners_see_answers_and_feedback(review, passed, attempts_left, shown):
    attempt = Attempt(state=Attempt.State.FINISHED, review=review)
    now_standing = Standing(None, [], attempts_left, passed, None)
    assert may_review(attempt, now_standing) is shown


def test_an_open_attempt_never_shows_answers():
    assert (
        may_review(
            Attempt(state=Attempt.State.IN_PROGRESS, review="immediately"), Standing(None, [], None, False, None)
        )
        is False
    )


@pytest.mark.django_db
def test_an_adjustment_recorded_after_an_attempt_started_does_not_change_it():
    quiz = QuizPageFactory(parent=CoursePageFactory(modules=1), pool=4, time_limit_minutes=10)
    learner = EmployeeFactory(with_user=True)
    WorkplaceAdjustmentFactory(employee=learner, extra_time_percent=100, recorded_at=T0 + timedelta(hours=1))
    attempt = start_attempt(employee=learner, quiz=quiz, now=T0)
    assert attempt.deadline == T0 + timedelta(minutes=10)
    assert attempt.extra_time_percent is None


@pytest.mark.django_db
def test_a_republished_quiz_gives_new_attempts_its_new_questions_and_leaves_open_ones_alone():
    quiz = QuizPageFactory(parent=CoursePageFactory(modules=1), pool=2)
    first = start_attempt(employee=EmployeeFactory(with_user=True), quiz=quiz, now=T0)
    quiz = QuizPage.objects.get(pk=quiz.pk)
    quiz.questions = [choice_question("A rewritten question", [("Yes", True), ("No", False)], key="new")]
    quiz.save_revision().publish()
    second = start_attempt(employee=EmployeeFactory(with_user=True), quiz=QuizPage.objects.get(pk=quiz.pk), now=T0)
    assert [q["text"] for q in second.questions] == ["A rewritten question"]
    first.refresh_from_db()
    assert {q["text"] for q in first.questions} == {"Question 1", "Question 2"}
