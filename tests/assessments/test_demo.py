"""`load_demo` publishes a quiz on every demo course and leaves demo people in each state a quiz can be in.

The demo is loaded once for the module (the `demo` fixture in tests/conftest.py); tests that change it
or load it again do so in their own savepoint, rolled back after them.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from assessments.attempts import current_adjustment, first_unanswered, may_review, standing, start_attempt
from assessments.models import Answer, Attempt, QuestionUse, QuizPage, Review, Selection, WorkplaceAdjustment
from assessments.scoring import is_correct, passes
from assessments.snapshot import pool
from courses.demo import demo_course_definitions
from courses.models import CoursePage
from enrolment.models import Enrolment, ModuleCompletion
from enrolment.progress import course_is_complete, remaining_modules
from people.demo import PEOPLE
from people.models import Employee

pytestmark = pytest.mark.django_db

DEMO_STAFF = [person.staff_number for person in PEOPLE]


def quiz_of(slug: str) -> QuizPage:
    return QuizPage.objects.child_of(CoursePage.objects.get(slug=slug)).get()


def person(email: str) -> Employee:
    return Employee.objects.get(email=email)


def plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# The quizzes -------------------------------------------------------------------------------


def test_every_demo_course_has_one_published_quiz_that_can_be_taken_and_passed(demo):
    slugs = [definition["slug"] for definition in demo_course_definitions()]
    assert len(slugs) == 6
    for slug in slugs:
        course = CoursePage.objects.get(slug=slug)
        quizzes = QuizPage.objects.child_of(course)
        assert quizzes.count() == 1, slug
        quiz = quizzes.get()
        assert quiz.live, slug
        assert not quiz.has_unpublished_changes, slug
        assert quiz.live_revision is not None, slug
        assert 10 <= len(quiz.questions) <= 12, slug
        assert (quiz.draw_count, quiz.pass_mark, quiz.shuffle_choices) == (8, 80, True), slug
        assert quiz.problems() == [], slug
        # Editors change it through the same review as the course's other pages.
        assert quiz.get_workflow().name == "Subject expert review", slug


def test_every_question_is_one_an_editor_could_publish_and_explains_its_answer(demo):
    for quiz in QuizPage.objects.all():
        quiz.questions.stream_block.clean(quiz.questions)  # raises on a block the editor's form would refuse
        entries = list(pool(quiz).values())
        assert {entry["type"] for entry in entries} == {"single_choice", "multiple_choice", "true_false"}, quiz
        assert any(sum(c["correct"] for c in e["choices"]) > 1 for e in entries if e["type"] == "multiple_choice")
        for entry in entries:
            explanation = plain(entry["explanation"])
            assert len(explanation) > 100, (quiz, entry["text"])
            assert explanation != entry["text"]
            assert any(choice["correct"] for choice in entry["choices"])
            assert any(choice["feedback"] for choice in entry["choices"]), (quiz, entry["text"])
        texts = [entry["text"] for entry in entries]
        assert len(set(texts)) == len(texts), quiz


def test_the_quizzes_show_off_the_settings(demo):
    quizzes = list(QuizPage.objects.all())
    timed = [quiz.time_limit_minutes for quiz in quizzes if quiz.time_limit_minutes]
    assert len(timed) >= 2
    assert all(quiz.wait_after_fail_minutes > 0 for quiz in quizzes)
    assert [quiz.max_attempts for quiz in quizzes if quiz.max_attempts] == [3]
    reviews = [quiz.review for quiz in quizzes]
    assert reviews.count(Review.ONCE_PASSED_OR_OUT_OF_ATTEMPTS) == 1
    assert reviews.count(Review.IMMEDIATELY) == len(quizzes) - 1


# The people's states -----------------------------------------------------------------------


def test_every_completed_demo_enrolment_was_completed_by_passing_its_quiz(demo):
    completed = Enrolment.objects.filter(employee__staff_number__in=DEMO_STAFF, completed_at__isnull=False)
    assert completed.count() >= 7
    for enrolment in completed:
        passed = Attempt.objects.get(enrolment=enrolment, passed=True)
        assert passed.finished_at == enrolment.completed_at, enrolment
        assert enrolment.enrolled_at <= passed.started_at < passed.finished_at
        assert course_is_complete(enrolment), enrolment
    # Some of them failed first, and retook it after the waiting time.
    for attempt in Attempt.objects.filter(enrolment__in=completed, passed=False):
        retake = Attempt.objects.get(enrolment=attempt.enrolment, passed=True)
        assert retake.number == attempt.number + 1
        assert retake.started_at >= attempt.finished_at + timedelta(minutes=attempt.quiz.wait_after_fail_minutes)


def test_every_finished_demo_attempt_is_scored_from_its_saved_answers(demo):
    finished = Attempt.objects.finished().prefetch_related("answers__selections")
    assert finished.count() >= 12
    for attempt in finished:
        right = 0
        for answer in attempt.answers.all():
            chosen = [selection.choice_key for selection in answer.selections.all()]
            assert chosen
            assert answer.answered_at <= attempt.finished_at
            assert answer.correct == is_correct(attempt.questions[answer.position - 1], chosen)
            right += answer.correct
        assert attempt.score == right
        assert attempt.passed == passes(score=right, out_of=8, pass_mark=80)
        assert attempt.finished_by == Attempt.FinishedBy.LEARNER
        assert attempt.question_count == 8


def test_some_people_failed_and_are_waiting_to_retake(demo):
    now = timezone.now()
    waiting = []
    for attempt in Attempt.objects.finished().filter(passed=False, enrolment__completed_at__isnull=True):
        state = standing(quiz=attempt.quiz, enrolment=attempt.enrolment, now=now)
        if state.next_start_at and state.next_start_at > now:
            waiting.append(attempt.employee.email)
            assert not state.can_start(now)
            # They had done every module: the quiz is what stands between them and the course.
            assert not remaining_modules(attempt.enrolment).exists()
    assert "manager@example.gov.uk" in waiting
    assert len(set(waiting)) >= 3


def test_the_demo_manager_failed_the_timed_compulsory_quiz_and_waits_a_day(demo):
    quiz = quiz_of("information-management-crash-course")
    enrolment = Enrolment.objects.open().get(
        employee=person("manager@example.gov.uk"), course__slug=quiz.get_parent().slug
    )
    state = standing(quiz=quiz, enrolment=enrolment)
    assert [(a.score, a.passed) for a in state.finished] == [(6, False)]
    assert state.next_start_at > timezone.now() + timedelta(hours=23)
    assert enrolment.due_on < timezone.localdate()  # still overdue


def test_a_retake_after_failing_waits_and_answers_stay_hidden_until_the_quiz_is_done(demo):
    quiz = quiz_of("analysing-data-for-policy")
    attempt = Attempt.objects.get(quiz=quiz, employee__staff_number="00900012")  # Priya Raman
    state = standing(quiz=quiz, enrolment=attempt.enrolment)
    assert not attempt.passed
    assert state.attempts_left == 2
    assert not may_review(attempt, state)


def test_the_demo_learner_has_an_attempt_in_progress_with_answers_saved(demo):
    learner = person("learner@example.gov.uk")
    attempt = Attempt.objects.in_progress().get(employee=learner)
    assert attempt.quiz == quiz_of("open-data-essentials")
    assert attempt.deadline is None  # untimed, so it stays open
    assert Answer.objects.filter(attempt=attempt, answered_at__isnull=False).count() == 3
    assert first_unanswered(attempt) == 4
    assert Selection.objects.filter(answer__attempt=attempt).exists()
    assert Attempt.objects.in_progress().count() == 1


def test_the_demo_learner_has_extra_time_recorded_by_the_demo_hr_officer_and_gets_it(demo):
    learner = person("learner@example.gov.uk")
    adjustment = current_adjustment(learner)
    assert adjustment.extra_time_percent == 25
    assert adjustment.reason
    assert adjustment.recorded_by.email == "hr@example.gov.uk"
    assert adjustment.recorded_at < timezone.now()
    # Their compulsory course's quiz is timed: starting it gives them the limit plus a quarter.
    quiz = quiz_of("information-management-crash-course")
    now = timezone.now()
    attempt = start_attempt(employee=learner, quiz=quiz, now=now)
    assert attempt.extra_time_percent == 25
    assert attempt.deadline - now == timedelta(minutes=quiz.time_limit_minutes * 1.25)


def test_the_summary_says_what_each_demo_account_shows(demo):
    lines = {line.split(":")[0].strip(): line for line in demo.splitlines() if line.startswith("  ")}
    assert "in progress (3 of 8 answered)" in lines["learner@example.gov.uk"]
    assert "passed “Social media in government quiz”" in lines["learner@example.gov.uk"]
    assert "25% extra time" in lines["learner@example.gov.uk"]
    assert "passed “Information management crash course quiz”" in lines["scs@example.gov.uk"]
    assert "failed “Information management crash course quiz”, can retake from" in lines["manager@example.gov.uk"]
    assert "Demo quizzes published: 6 new" in demo


# Loading again -----------------------------------------------------------------------------


def snapshot() -> dict:
    return {
        "quizzes": sorted(QuizPage.objects.values_list("pk", "latest_revision_id", "live_revision_id")),
        "attempts": sorted(
            Attempt.objects.values_list("pk", "employee_id", "enrolment_id", "number", "state", "score", "finished_at")
        ),
        "answers": sorted(Answer.objects.values_list("pk", "answered_at", "correct")),
        "selections": sorted(Selection.objects.values_list("answer_id", "choice_key")),
        "uses": sorted(QuestionUse.objects.values_list("quiz_id", "question_key", "times_drawn")),
        "adjustments": sorted(WorkplaceAdjustment.objects.values_list("pk", "employee_id", "extra_time_percent")),
        "enrolments": sorted(Enrolment.objects.values_list("pk", "completed_at", "expires_on", "updated_at")),
        "modules done": ModuleCompletion.objects.count(),
    }


def test_loading_the_demo_again_changes_nothing(demo, settings):
    settings.DEBUG = True  # as it was loaded
    before = snapshot()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert snapshot() == before
    assert "Demo quizzes already in place: 6 quizzes." in out.getvalue()


def test_a_demo_loaded_before_quizzes_existed_gets_them_and_its_completions_stand(demo, settings):
    """Loading into a database whose demo has no quizzes yet: the quizzes arrive, and nobody loses a completion."""
    completions = sorted(Enrolment.objects.filter(completed_at__isnull=False).values_list("pk", "completed_at"))
    for quiz in QuizPage.objects.all():
        quiz.delete()
    WorkplaceAdjustment.objects.all().delete()
    assert not Attempt.objects.exists()
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    assert QuizPage.objects.live().count() == 6
    assert sorted(Enrolment.objects.filter(completed_at__isnull=False).values_list("pk", "completed_at")) == completions
    for pk, _completed_at in completions:
        assert Attempt.objects.filter(enrolment_id=pk, passed=True).exists()
    assert Attempt.objects.in_progress().filter(employee__email="learner@example.gov.uk").exists()
