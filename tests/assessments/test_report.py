"""The quiz report for editors and HR: its figures against a hand count, who may see it, its CSV, its queries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from assessments.attempts import save_answer, start_attempt, submit_attempt
from assessments.models import Attempt, Selection
from assessments.report import Hint, group_size, hints, quiz_report
from tests.factories import (
    CoursePageFactory,
    EmployeeFactory,
    QuizPageFactory,
    choice_question,
    true_false_question,
)

pytestmark = pytest.mark.django_db

T0 = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)


def take(quiz, picks: dict[str, list[str]], *, minutes: float = 5, employee=None, submit: bool = True) -> Attempt:
    """One attempt with these choices by question key (a question not listed is left blank), finished after
    `minutes`. Each attempt starts a day after the one before, so their order is the order they were made."""
    employee = employee or EmployeeFactory()
    started = T0 + timedelta(days=Attempt.objects.count())
    attempt = start_attempt(employee=employee, quiz=quiz, now=started)
    for position, question in enumerate(attempt.questions, start=1):
        if picks.get(question["key"]):
            save_answer(attempt=attempt, position=position, choice_keys=picks[question["key"]], now=started)
    if submit:
        attempt = submit_attempt(attempt=attempt, now=started + timedelta(minutes=minutes))
    return attempt


@pytest.fixture
def course():
    return CoursePageFactory(title="Handling information", modules=1)


# Q1 single choice (A right, C never picked), Q2 true or false (true), Q3 select all that apply (X and Y
# right, Z wrong) that nobody gets right.
@pytest.fixture
def quiz(course):
    return QuizPageFactory(
        parent=course,
        title="Information quiz",
        pass_mark=60,
        questions=[
            choice_question("Which classification?", [("A", True), ("B", False), ("C", False)], key="q1"),
            true_false_question("Records are kept by schedule.", True, key="q2"),
            choice_question("Which are lawful bases?", [("X", True), ("Y", True), ("Z", False)], many=True, key="q3"),
        ],
    )


@pytest.fixture
def six_attempts(quiz):
    """Six finished attempts by five learners, whose answers the hand count below follows."""
    repeat = EmployeeFactory()
    attempts = [
        take(quiz, {"q1": ["q1-1"], "q2": ["true"], "q3": ["q3-1"]}, minutes=2),  # A1 2/3 pass
        take(quiz, {"q1": ["q1-1"], "q2": ["true"], "q3": ["q3-1", "q3-2", "q3-3"]}, minutes=4),  # A2 2/3 pass
        take(quiz, {"q1": ["q1-1"], "q2": ["false"], "q3": ["q3-3"]}, minutes=6),  # A3 1/3
        take(quiz, {"q1": ["q1-2"], "q2": ["true"]}, minutes=8),  # A4 1/3, Q3 blank
        take(quiz, {"q1": ["q1-2"], "q2": ["true"], "q3": ["q3-2"]}, minutes=10, employee=repeat),  # A5 1/3
        take(quiz, {"q2": ["false"], "q3": ["q3-3"]}, minutes=30, employee=repeat),  # A6 0/3, Q1 blank
    ]
    take(quiz, {"q1": ["q1-1"]}, submit=False)  # in progress: counted nowhere
    take(QuizPageFactory(parent=CoursePageFactory(modules=1)), {}, minutes=1)  # another quiz's
    return attempts


def by_key(report):
    return {question.key: question for question in report.questions}


def picks(question):
    return {choice.key: (choice.picked, choice.share) for choice in question.choices}


def test_summary_against_a_hand_count(quiz, six_attempts):
    summary = quiz_report(quiz).summary
    assert summary.attempts == 6
    assert summary.learners == 5
    assert summary.passed_attempts == 2
    assert summary.learners_passed == 2
    assert summary.pass_rate == pytest.approx(2 / 6)
    # (2 + 2 + 1 + 1 + 1 + 0) of 18 questions, as the average of each attempt's percentage.
    assert summary.average_percent == pytest.approx(100 * 7 / 18)
    assert summary.average_time == timedelta(minutes=10)  # (2 + 4 + 6 + 8 + 10 + 30) / 6
    assert summary.median_time == timedelta(minutes=7)  # (6 + 8) / 2
    assert summary.closed_at_time_limit == 0


def test_each_question_against_a_hand_count(quiz, six_attempts):
    report = quiz_report(quiz)
    assert [question.key for question in report.questions] == ["q1", "q2", "q3"]
    assert report.group_size == 2  # 27% of 6, rounded up: upper A1 and A2, lower A6 and A5
    q1, q2, q3 = report.questions

    assert (q1.answered, q1.left_blank, q1.correct) == (6, 1, 3)
    assert q1.facility == pytest.approx(0.5)
    assert (q1.upper_answered, q1.upper_correct, q1.lower_answered, q1.lower_correct) == (2, 2, 2, 0)
    assert q1.discrimination == pytest.approx(1.0)
    assert picks(q1) == {"q1-1": (3, pytest.approx(3 / 6)), "q1-2": (2, pytest.approx(2 / 6)), "q1-3": (0, 0)}
    assert [choice.text for choice in q1.choices] == ["A", "B", "C"]
    assert [choice.correct for choice in q1.choices] == [True, False, False]

    # A5 and A4 both have 1 of 3, as does A3: of equal scores the later attempt falls in the lower group.
    assert (q2.answered, q2.left_blank, q2.correct) == (6, 0, 4)
    assert q2.facility == pytest.approx(4 / 6)
    assert (q2.upper_answered, q2.upper_correct, q2.lower_answered, q2.lower_correct) == (2, 2, 2, 1)
    assert q2.discrimination == pytest.approx(0.5)
    assert picks(q2) == {"true": (4, pytest.approx(4 / 6)), "false": (2, pytest.approx(2 / 6))}
    assert q2.text == "Records are kept by schedule."

    # Nobody gets the "select all that apply" question right: A2 picks every choice, the others one each.
    assert (q3.answered, q3.left_blank, q3.correct) == (6, 1, 0)
    assert q3.facility == 0
    assert q3.discrimination == 0
    assert picks(q3) == {
        "q3-1": (2, pytest.approx(2 / 6)),
        "q3-2": (2, pytest.approx(2 / 6)),
        "q3-3": (3, pytest.approx(3 / 6)),
    }
    assert q3.left_blank_share == pytest.approx(1 / 6)
    assert all(question.in_quiz for question in report.questions)
    assert not any(question.hints for question in report.questions)  # 6 answers are too few to say


def test_a_quiz_nobody_has_finished_has_no_figures(quiz, django_assert_num_queries):
    take(quiz, {"q1": ["q1-1"]}, submit=False)
    with django_assert_num_queries(1):
        report = quiz_report(quiz)
    assert report.summary.attempts == 0
    assert report.summary.pass_rate is None
    assert report.summary.average_percent is None
    assert report.summary.median_time is None
    assert [(q.key, q.answered, q.facility, q.discrimination) for q in report.questions] == [
        ("q1", 0, None, None),
        ("q2", 0, None, None),
        ("q3", 0, None, None),
    ]


def test_times_answered_are_the_times_drawn(course):
    quiz = QuizPageFactory(parent=course, pool=4, draw_count=2)
    for _ in range(5):
        take(quiz, {})
    report = quiz_report(quiz)
    drawn = dict(quiz.question_uses.values_list("question_key", "times_drawn"))
    assert {question.key: question.answered for question in report.questions} == drawn
    assert sum(drawn.values()) == 10
    assert all(question.left_blank == question.answered for question in report.questions)
    assert all(question.facility == 0 for question in report.questions if question.answered)


def test_times_taken_with_an_odd_number_and_the_time_limit(course):
    quiz = QuizPageFactory(parent=course, pool=2, time_limit_minutes=10)
    take(quiz, {}, minutes=1)
    take(quiz, {}, minutes=2)
    late = take(quiz, {}, minutes=25)  # submitted after the deadline: finished at it, ten minutes in
    assert late.finished_by == Attempt.FinishedBy.TIME_LIMIT
    summary = quiz_report(quiz).summary
    assert summary.median_time == timedelta(minutes=2)
    assert summary.average_time == timedelta(minutes=13 / 3)
    assert summary.closed_at_time_limit == 1


def test_one_attempt_separates_nobody(quiz):
    take(quiz, {"q1": ["q1-1"], "q2": ["true"]})
    report = quiz_report(quiz)
    assert report.summary.attempts == 1
    assert [q.facility for q in report.questions] == [1, 1, 0]
    assert [q.discrimination for q in report.questions] == [None, None, None]


def test_each_selection_names_its_attempt_and_question(quiz):
    attempt = take(quiz, {"q1": ["q1-2"], "q3": ["q3-1", "q3-3"]})
    assert sorted(Selection.objects.values_list("attempt_id", "question_key", "choice_key")) == [
        (attempt.pk, "q1", "q1-2"),
        (attempt.pk, "q3", "q3-1"),
        (attempt.pk, "q3", "q3-3"),
    ]


# Discrimination on a designed case: ten attempts at five true-or-false questions (all "true"). The three
# strongest get P1, P2, G and E right; the four in the middle P1, P2 and E; the three weakest R and E.
@pytest.fixture
def ten_attempts(course):
    quiz = QuizPageFactory(
        parent=course,
        pass_mark=50,
        questions=[true_false_question(f"Statement {key}", True, key=key) for key in ("p1", "p2", "g", "r", "e")],
    )

    def answers(right):
        return {key: ["true" if key in right else "false"] for key in ("p1", "p2", "g", "r", "e")}

    for _ in range(3):
        take(quiz, answers({"p1", "p2", "g", "e"}))
    for _ in range(4):
        take(quiz, answers({"p1", "p2", "e"}))
    for _ in range(3):
        take(quiz, answers({"r", "e"}))
    return quiz


def test_discrimination_on_a_designed_case(ten_attempts):
    report = quiz_report(ten_attempts, min_answers_for_hints=10)
    assert report.group_size == 3
    questions = by_key(report)
    figures = {key: (q.facility, q.discrimination) for key, q in questions.items()}
    assert figures == {
        "p1": (pytest.approx(0.7), pytest.approx(1.0)),
        "p2": (pytest.approx(0.7), pytest.approx(1.0)),
        "g": (pytest.approx(0.3), pytest.approx(1.0)),  # only the strongest get it right
        "r": (pytest.approx(0.3), pytest.approx(-1.0)),  # only the weakest get it right
        "e": (1.0, 0.0),  # everyone gets it right: it tells nobody apart
    }
    codes = {key: [hint.code for hint in q.hints] for key, q in questions.items()}
    assert codes == {
        "p1": [],
        "p2": [],
        "g": [],  # a facility of exactly 0.3 is not "too hard"
        "r": ["negative_discrimination"],
        "e": ["too_easy", "low_discrimination"],
    }
    # By default hints wait for 20 answers.
    assert not any(question.hints for question in quiz_report(ten_attempts).questions)


@pytest.mark.parametrize(
    ("answered", "facility", "discrimination", "codes", "why"),
    [
        (20, 0.95, 0.4, ["too_easy"], "above 0.9"),
        (20, 0.9, 0.4, [], "0.9 is not above 0.9"),
        (20, 0.25, 0.4, ["too_hard"], "below 0.3"),
        (20, 0.5, 0.1, ["low_discrimination"], "below 0.2"),
        (20, 0.5, 0.2, [], "0.2 is not below 0.2"),
        (20, 0.5, -0.1, ["negative_discrimination"], "below 0"),
        (20, 0.1, -0.3, ["too_hard", "negative_discrimination"], "both at once"),
        (20, 0.5, None, [], "no discrimination yet"),
        (19, 0.95, -0.5, [], "too few answers to say"),
    ],
)
def test_hints(answered, facility, discrimination, codes, why):
    found = hints(answered=answered, facility=facility, discrimination=discrimination, min_answers=20)
    assert [hint.code for hint in found] == codes, why
    assert all(isinstance(hint, Hint) and hint.text for hint in found)


@pytest.mark.parametrize(("attempts", "size"), [(0, 0), (1, 1), (3, 1), (6, 2), (10, 3), (100, 27), (101, 28)])
def test_the_groups_are_27_percent_rounded_up(attempts, size):
    assert group_size(attempts) == size


def test_removed_questions_and_choices_keep_their_figures_and_texts(quiz, six_attempts, django_assert_num_queries):
    q1 = choice_question("Which classification is right?", [("A", True), ("C", False)], key="q1")
    q1["value"]["choices"][1]["id"] = "q1-3"  # C keeps its key; B (q1-2) and the whole of Q3 are removed
    quiz.questions = [q1, true_false_question("Records are kept by schedule.", True, key="q2")]
    quiz.save_revision().publish()
    with django_assert_num_queries(6):  # the five of every report, and the snapshots that still have them
        report = quiz_report(quiz)
    q1, q2, q3 = report.questions
    assert (q1.text, q1.in_quiz) == ("Which classification is right?", True)
    assert (q2.key, q2.in_quiz) == ("q2", True)
    assert [(c.key, c.text, c.in_quiz, c.picked) for c in q1.choices] == [
        ("q1-1", "A", True, 3),
        ("q1-3", "C", True, 0),
        ("q1-2", "B", False, 2),  # removed since, with its text as the attempts had it
    ]
    assert (q3.key, q3.text, q3.in_quiz, q3.answered, q3.correct) == ("q3", "Which are lawful bases?", False, 6, 0)
    assert [(c.text, c.picked) for c in q3.choices] == [("X", 2), ("Y", 2), ("Z", 3)]
