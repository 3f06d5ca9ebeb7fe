"""Demo quizzes for `manage.py load_demo`: one on every demo course, and demo people's attempts at them.

The questions are plain data beside each course's content (`QUIZ` in courses/demo_courses/*.py, the
course's `"quiz"`); this module publishes them as quiz pages and gives demo people real attempts,
through the rules in `assessments/attempts.py` with a fixed random draw and chosen answers:

- everyone whose demo enrolment is already complete passed the quiz when they completed the course
  (enrolment's demo, which runs before this one, completed those courses; so its completions, their
  expiry dates and the renewals they started stand), some after failing it first;
- some people failed recently and are still waiting to retake (times counted back from the load);
- one has an attempt in progress, with some answers saved;
- one has extra time in timed quizzes, recorded by the demo HR officer.

Idempotent: a course that already has a quiz keeps it exactly as editors left it, a person who has
attempted a quiz gets no demo attempt at it, and a person with a workplace adjustment gets no other.
"""

from __future__ import annotations

import contextlib
import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from assessments.attempts import (
    AttemptRefused,
    count_draws,
    current_adjustment,
    open_attempt,
    save_answer,
    standing,
    start_attempt,
    submit_attempt,
)
from assessments.models import Attempt, QuizPage, WorkplaceAdjustment
from courses.demo import demo_course_definitions
from courses.models import CataloguePage, CoursePage
from enrolment.models import Enrolment
from enrolment.progress import complete_module, remaining_modules
from people.demo import DEMO_ACCOUNTS, PEOPLE
from people.models import Employee, User

HR_OFFICER_EMAIL = "hr@example.gov.uk"
LEARNER = "00900010"  # Chloe Adebayo, learner@example.gov.uk

# Extra time, by staff number: (percent, or None for no time limit; reason; recorded how many days ago).
ADJUSTMENTS: dict[str, tuple[int | None, str, int]] = {
    LEARNER: (25, "Agreed with their line manager and recorded in their Workplace Adjustment Passport.", 40),
}

# Failed attempts before the pass that completed an enrolment: (staff number, course slug) -> for each
# failure, how many days before the completion it was and how many answers were right.
FAILED_FIRST: dict[tuple[str, str], list[tuple[int, int]]] = {
    ("00900005", "technology-policy-for-senior-leaders"): [(3, 5)],  # Charlotte Ellis
    ("00900018", "information-management-crash-course"): [(2, 6)],  # Mei Chen
}


@dataclass(frozen=True)
class Recent:
    """What a person did at a quiz in the days before the load.

    `attempts`, earliest first: for each finished attempt, how many minutes before the load it
    finished and how many answers were right; they had done every module of the course the day
    before the first. `answered`: an attempt started minutes ago and left open with that many
    answers saved. `enrolled_days_ago` enrols them on the course (they chose it themselves) when
    they have no open enrolment on it; a compulsory course's is the one its requirement gave them.
    """

    staff_number: str
    course_slug: str
    attempts: list[tuple[int, int]] = field(default_factory=list)
    answered: int | None = None
    enrolled_days_ago: int | None = None


RECENT = [
    # learner@: halfway through the course, they started the quiz to see how they were doing.
    Recent(LEARNER, "open-data-essentials", answered=3),
    # manager@: overdue; every module done, failed the quiz 40 minutes ago, waits a day to retake it.
    Recent("00900009", "information-management-crash-course", attempts=[(40, 6)]),
    # Tomasz Nowak (manager@'s team): overdue; failed twice, the second time 3 hours ago.
    Recent("00900013", "information-management-crash-course", attempts=[(4 * 24 * 60, 4), (180, 6)]),
    # Marcus Oyelaran (SCS1): overdue; failed 2 hours ago, waits a day.
    Recent("00900007", "technology-policy-for-senior-leaders", attempts=[(120, 5)]),
    # Priya Raman: failed 15 minutes ago, attempt 1 of 3; sees the answers only once passed or out of attempts.
    Recent("00900012", "analysing-data-for-policy", attempts=[(15, 6)], enrolled_days_ago=6),
]

MINUTES_TO_ANSWER = 11  # how long a demo attempt takes, from start to submission


@dataclass
class DemoQuizzesResult:
    created_quizzes: list[str] = field(default_factory=list)
    existing_quizzes: int = 0
    attempts: int = 0
    adjustments: int = 0

    @property
    def created_anything(self) -> bool:
        return bool(self.created_quizzes or self.attempts or self.adjustments)


@transaction.atomic
def load_demo_quizzes(*, now: datetime | None = None) -> DemoQuizzesResult:
    """Publish a quiz on every demo course that has none, then the demo people's attempts and extra time."""
    now = now or timezone.now()
    result = DemoQuizzesResult()
    quizzes = _publish_quizzes(result)
    people = {e.staff_number: e for e in Employee.objects.filter(staff_number__in=[p.staff_number for p in PEOPLE])}
    _record_adjustments(people, now=now, result=result)
    _passes_for_completed_enrolments(quizzes, people, result=result)
    for recent in RECENT:
        employee, quiz = people.get(recent.staff_number), quizzes.get(recent.course_slug)
        if employee is not None and quiz is not None and not _has_attempted(employee, quiz):
            # An editor may have changed a demo quiz so that its rules refuse an attempt (fewer
            # attempts allowed, say): the person keeps the ones made before it.
            with contextlib.suppress(AttemptRefused):
                _recent_attempts(recent, employee, quiz, now=now, result=result)
    return result


# Quiz pages ----------------------------------------------------------------------------


def _publish_quizzes(result: DemoQuizzesResult) -> dict[str, QuizPage]:
    """Every demo course's live quiz that attempts can be made at, by course slug; creating those missing."""
    catalogue = CataloguePage.objects.first()
    quizzes: dict[str, QuizPage] = {}
    if catalogue is None:
        return quizzes
    for definition in demo_course_definitions():
        course = CoursePage.objects.child_of(catalogue).filter(slug=definition["slug"]).first()
        if course is None or "quiz" not in definition:
            continue
        quiz = QuizPage.objects.child_of(course).first()
        if quiz is None:
            quiz = _create_quiz(course, definition["quiz"])
            result.created_quizzes.append(quiz.title)
        else:
            result.existing_quizzes += 1
        if quiz.live and not quiz.problems():
            quizzes[definition["slug"]] = quiz
    return quizzes


def _create_quiz(course: CoursePage, definition: dict) -> QuizPage:
    quiz = QuizPage(
        title=definition["title"],
        slug=definition["slug"],
        introduction=definition["introduction"],
        questions=[_question_block(question) for question in definition["questions"]],
        **definition["settings"],
    )
    course.add_child(instance=quiz)
    # As the demo courses are: published by the loader, so no review is waiting; an editor's later
    # change to it goes through the catalogue's "Subject expert review" like any course page.
    quiz.save_revision().publish()
    return quiz


def _question_block(question: dict) -> dict:
    """A question of a demo QUIZ in the quiz page's stored StreamField form, with new block ids."""
    if question["type"] == "true_false":
        value = {
            "statement": question["statement"],
            "correct_answer": "true" if question["answer"] else "false",
            "feedback_true": question.get("feedback_true", ""),
            "feedback_false": question.get("feedback_false", ""),
            "explanation": question["explanation"],
        }
    else:
        value = {
            "question": question["question"],
            "choices": [
                {"type": "item", "id": _block_id(), "value": {"text": text, "correct": correct, "feedback": feedback}}
                for text, correct, feedback in question["choices"]
            ],
            "explanation": question["explanation"],
        }
    return {"type": question["type"], "value": value, "id": _block_id()}


def _block_id() -> str:
    return str(uuid.uuid4())


# Extra time ----------------------------------------------------------------------------


def _record_adjustments(people: dict[str, Employee], *, now: datetime, result: DemoQuizzesResult) -> None:
    recorded_by = User.objects.filter(email=HR_OFFICER_EMAIL).first()
    for staff_number, (percent, reason, days_ago) in ADJUSTMENTS.items():
        employee = people.get(staff_number)
        if employee is None or WorkplaceAdjustment.objects.filter(employee=employee).exists():
            continue
        WorkplaceAdjustment.objects.create(
            employee=employee,
            extra_time_percent=percent,
            reason=reason,
            recorded_by=recorded_by,
            recorded_at=now - timedelta(days=days_ago),
        )
        result.adjustments += 1


# Attempts ------------------------------------------------------------------------------


def _has_attempted(employee: Employee, quiz: QuizPage) -> bool:
    return Attempt.objects.filter(employee=employee, quiz=quiz).exists()


def _passes_for_completed_enrolments(
    quizzes: dict[str, QuizPage], people: dict[str, Employee], *, result: DemoQuizzesResult
) -> None:
    """Each completed demo enrolment on a course with a quiz: the quiz passed at the moment it was completed.

    Under the completion rule the pass is what completed the course; enrolment's demo has recorded
    those completions already, with the dates their compliance states depend on, so the attempts
    are written as they would have been then (`_past_attempt`).
    """
    completed = (
        Enrolment.objects.filter(
            employee__in=people.values(), course__slug__in=list(quizzes), completed_at__isnull=False
        )
        .select_related("employee", "course")
        .order_by("completed_at", "pk")
    )
    for enrolment in completed:
        quiz = quizzes[enrolment.course.slug]
        if Attempt.objects.filter(enrolment=enrolment, quiz=quiz).exists():
            continue
        employee = enrolment.employee
        for days_before, right in FAILED_FIRST.get((employee.staff_number, enrolment.course.slug), []):
            finished_at = enrolment.completed_at - timedelta(days=days_before)
            if finished_at - timedelta(minutes=MINUTES_TO_ANSWER) > enrolment.enrolled_at:
                _past_attempt(enrolment, quiz, finished_at=finished_at, right=right)
                result.attempts += 1
        _past_attempt(enrolment, quiz, finished_at=enrolment.completed_at, right=_passing_score(quiz, employee))
        result.attempts += 1


def _passing_score(quiz: QuizPage, employee: Employee) -> int:
    """All right, or one wrong where that still passes: varied, and the same on every load."""
    count = quiz.questions_per_attempt
    one_wrong = 100 * (count - 1) >= quiz.pass_mark * count
    return count - 1 if one_wrong and int(employee.staff_number) % 2 else count


def _past_attempt(enrolment: Enrolment, quiz: QuizPage, *, finished_at: datetime, right: int) -> Attempt:
    """An attempt in an enrolment that is complete now, as it was started, answered and submitted then.

    `start_attempt` rightly refuses a completed enrolment, so the attempt is opened with the rule it
    uses, `open_attempt` (the published questions drawn, unseen and least used first); the answers and
    the scoring then go through `save_answer` and `submit_attempt`, which finish it at `finished_at`.
    """
    employee = enrolment.employee
    number = _next_number(employee, quiz)
    rng = _rng(employee, enrolment.course, number)
    # Not before they enrolled: the demo's own progress is recorded as done at the moment it loads.
    started_at = max(finished_at - timedelta(minutes=MINUTES_TO_ANSWER), enrolment.enrolled_at)
    attempt = open_attempt(employee=employee, enrolment=enrolment, quiz=quiz, now=started_at, rng=rng)
    count_draws(quiz, [question["key"] for question in attempt.questions])
    _answer_all(attempt, right=right, rng=rng, finished_at=finished_at)
    return attempt


def _recent_attempts(recent: Recent, employee: Employee, quiz: QuizPage, *, now: datetime, result) -> None:
    """The person's attempts in the days before the load, made through `start_attempt` like a learner's."""
    course = quiz.course
    enrolment = Enrolment.objects.open().filter(employee=employee, course=course).first()
    if enrolment is None:
        if recent.enrolled_days_ago is None:
            return
        enrolment = Enrolment.objects.create(
            employee=employee,
            course=course,
            source=Enrolment.Source.SELF,
            enrolled_at=now - timedelta(days=recent.enrolled_days_ago),
        )
    if recent.attempts:
        # They did every module they had left the day before their first attempt, 20 minutes each.
        first_start = now - timedelta(minutes=recent.attempts[0][0] + MINUTES_TO_ANSWER)
        day_before = max(first_start - timedelta(days=1), enrolment.enrolled_at)
        for index, module in enumerate(remaining_modules(enrolment)):
            complete_module(
                enrolment=enrolment, module=module, now=min(day_before + timedelta(minutes=20 * index), first_start)
            )
    for minutes_ago, right in recent.attempts:
        finished_at = now - timedelta(minutes=minutes_ago)
        started_at = max(finished_at - timedelta(minutes=MINUTES_TO_ANSWER), enrolment.enrolled_at)
        rng = _rng(employee, course, _next_number(employee, quiz))
        attempt = start_attempt(employee=employee, quiz=quiz, now=started_at, rng=rng)
        _answer_all(attempt, right=right, rng=rng, finished_at=finished_at)
        result.attempts += 1
    if recent.answered is not None:
        # Started a few minutes ago (not before they enrolled) and left open, `answered` questions saved.
        started_at = max(now - timedelta(minutes=2 * recent.answered + 1), enrolment.enrolled_at)
        rng = _rng(employee, course, _next_number(employee, quiz))
        attempt = start_attempt(employee=employee, quiz=quiz, now=started_at, rng=rng)
        step = (now - started_at) / (recent.answered + 1)
        for position in range(1, recent.answered + 1):
            save_answer(
                attempt=attempt,
                position=position,
                choice_keys=_choose(attempt.questions[position - 1], right=position != 2, rng=rng),
                now=started_at + step * position,
            )
        result.attempts += 1


def _answer_all(attempt: Attempt, *, right: int, rng: random.Random, finished_at: datetime) -> None:
    """Answer every question, `right` of them correctly (which ones at random), and submit at `finished_at`."""
    count = len(attempt.questions)
    correct_positions = set(rng.sample(range(1, count + 1), right))
    step = (finished_at - attempt.started_at) / (count + 1)
    for position, question in enumerate(attempt.questions, start=1):
        save_answer(
            attempt=attempt,
            position=position,
            choice_keys=_choose(question, right=position in correct_positions, rng=rng),
            now=attempt.started_at + step * position,
        )
    submit_attempt(attempt=attempt, now=finished_at)


def _choose(question: dict, *, right: bool, rng: random.Random) -> list[str]:
    """The choices a learner picks: the correct ones, or a plausible mistake (part of a "select all")."""
    correct = [choice["key"] for choice in question["choices"] if choice["correct"]]
    wrong = [choice["key"] for choice in question["choices"] if not choice["correct"]]
    if right:
        return correct
    if question["type"] == "multiple_choice":
        if len(correct) > 1 and (not wrong or rng.random() < 0.5):
            return correct[:-1]  # missed one
        return [*correct, rng.choice(wrong)]  # one too many
    return [rng.choice(wrong)]


def _next_number(employee: Employee, quiz: QuizPage) -> int:
    return (Attempt.objects.filter(employee=employee, quiz=quiz).aggregate(n=Max("number"))["n"] or 0) + 1


def _rng(employee: Employee, course: CoursePage, number: int) -> random.Random:
    """The same draw and the same answers for this person's attempt on every fresh load."""
    return random.Random(f"{employee.staff_number}:{course.slug}:{number}")  # noqa: S311 - a demo, not a secret


# What the demo accounts show -----------------------------------------------------------


def demo_account_quiz_states(*, now: datetime | None = None) -> list[tuple[str, list[str]]]:
    """(email, what they can see) for each demo account with a quiz attempt or extra time, as things are now."""
    now = now or timezone.now()
    states = []
    emails = [account.email for account in DEMO_ACCOUNTS]
    employees = Employee.objects.filter(user__email__in=emails).select_related("user")
    by_email = {employee.user.email: employee for employee in employees}
    for email in emails:
        employee = by_email.get(email)
        if employee is None:
            continue
        notes = []
        quizzes = QuizPage.objects.filter(attempts__employee=employee).distinct().order_by("path")
        for quiz in quizzes:
            enrolment = Attempt.objects.filter(employee=employee, quiz=quiz).order_by("-number").first().enrolment
            notes.append(_describe(quiz, standing(quiz=quiz, enrolment=enrolment, now=now), now=now))
        adjustment = current_adjustment(employee)
        if adjustment is not None:
            notes.append(
                "no time limit in timed quizzes"
                if adjustment.no_time_limit
                else f"{adjustment.extra_time_percent}% extra time in timed quizzes"
            )
        if notes:
            states.append((email, notes))
    return states


def _describe(quiz: QuizPage, state, *, now: datetime) -> str:
    if state.passed:
        return f"passed “{quiz.title}”"
    if state.open_attempt is not None:
        answered = state.open_attempt.answers.filter(answered_at__isnull=False).count()
        return f"“{quiz.title}” in progress ({answered} of {state.open_attempt.question_count} answered)"
    if state.next_start_at and now < state.next_start_at:
        return f"failed “{quiz.title}”, can retake from {timezone.localtime(state.next_start_at):%-d %B %Y at %H:%M}"
    if state.attempts_left == 0:
        return f"failed “{quiz.title}” and has no attempts left"
    return f"failed “{quiz.title}”, can take it again now"
