"""A learner's attempts at a quiz: starting one, saving answers, submitting, and closing at the deadline.

Every rule about attempts lives here; views, tasks and the demo call these functions. Times come in
as `now` so tests can inject a clock.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from assessments.adjustments import current_adjustment
from assessments.models import Answer, Attempt, QuestionUse, QuizPage, Review, Selection, WorkplaceAdjustment
from assessments.scoring import is_correct, passes
from assessments.snapshot import draw, published_pool
from enrolment.models import Enrolment
from enrolment.progress import complete_if_done, start_course
from people.models import Employee


class AttemptRefused(Exception):
    """Why a learner may not start an attempt now, in words to show them."""


class AnswerRefused(Exception):
    """Why an answer was not saved, in words to show the learner."""


class AttemptClosed(AnswerRefused):
    """The attempt had already finished (submitted, or its time ran out)."""


def deadline_for(*, started_at: datetime, time_limit_minutes: int | None, adjustment: WorkplaceAdjustment | None):
    """Start + time limit + the person's extra time; None when untimed or their adjustment removes the limit."""
    if not time_limit_minutes:
        return None
    if adjustment is not None and adjustment.no_time_limit:
        return None
    percent = adjustment.extra_time_percent if adjustment else 0
    return started_at + timedelta(seconds=time_limit_minutes * 60 * (100 + percent) / 100)


@dataclass(frozen=True)
class Standing:
    """Where a learner stands with a quiz in their current enrolment: what the start page says."""

    open_attempt: Attempt | None
    finished: list[Attempt]
    attempts_left: int | None  # None: unlimited
    passed: bool
    next_start_at: datetime | None  # after a failed attempt, when the waiting time ends

    def can_start(self, now: datetime) -> bool:
        if self.open_attempt or self.passed:
            return False
        if self.attempts_left == 0:
            return False
        return self.next_start_at is None or now >= self.next_start_at


def standing(
    *, quiz: QuizPage, enrolment: Enrolment | None, now: datetime | None = None, attempts: list[Attempt] | None = None
) -> Standing:
    """The learner's attempts at this quiz within this enrolment, closing one whose time ran out.

    `attempts`, when the caller has them, are all the learner's attempts at the quiz, oldest first.
    """
    now = now or timezone.now()
    if enrolment is None:
        attempts = []
    elif attempts is None:
        attempts = list(Attempt.objects.filter(quiz=quiz, enrolment=enrolment).order_by("number"))
    else:
        attempts = [attempt for attempt in attempts if attempt.enrolment_id == enrolment.pk]
    for attempt in attempts:
        if attempt.is_open and attempt.deadline and now >= attempt.deadline:
            close_at_deadline(attempt)
    finished = [a for a in attempts if a.state == Attempt.State.FINISHED]
    open_attempt = next((a for a in attempts if a.is_open), None)
    passed = any(a.passed for a in finished)
    attempts_left = None if not quiz.max_attempts else max(quiz.max_attempts - len(attempts), 0)
    last = finished[-1] if finished else None
    next_start_at = None
    if last and not last.passed and quiz.wait_after_fail_minutes:
        next_start_at = last.finished_at + timedelta(minutes=quiz.wait_after_fail_minutes)
    return Standing(open_attempt, finished, attempts_left, passed, next_start_at)


def start_attempt(
    *,
    employee: Employee,
    quiz: QuizPage,
    now: datetime | None = None,
    rng: random.Random | None = None,
) -> Attempt:
    """Start an attempt at the published quiz, or return the learner's open one (`just_started` says which).

    The learner's enrolment row is locked while the attempt is made, so two tabs starting at once get
    one attempt between them and never more than the quiz allows; the database's unique constraints
    (one number, one open attempt per learner and quiz) hold the same on SQLite.
    """
    now = now or timezone.now()
    rng = rng or random.SystemRandom()
    if quiz.problems():
        raise AttemptRefused("This quiz cannot be taken yet. The course team has been told.")
    try:
        with transaction.atomic():
            attempt, created = _start(employee=employee, quiz=quiz, now=now, rng=rng)
    except IntegrityError:
        # Another request started this learner's attempt at the same moment: it stands.
        attempt = Attempt.objects.in_progress().filter(employee=employee, quiz=quiz).first()
        if attempt is None:
            raise
        return attempt
    if created:
        count_draws(quiz, [question["key"] for question in attempt.questions])
    attempt.just_started = created
    return attempt


def _start(*, employee: Employee, quiz: QuizPage, now: datetime, rng: random.Random) -> tuple[Attempt, bool]:
    enrolment = start_course(employee=employee, course=quiz.course, lock=True)
    if enrolment.completed_at:
        raise AttemptRefused("You have already completed this course.")
    earlier = list(Attempt.objects.filter(employee=employee, quiz=quiz).order_by("number"))
    state = standing(quiz=quiz, enrolment=enrolment, now=now, attempts=earlier)
    if state.open_attempt:
        return state.open_attempt, False
    if state.passed:
        raise AttemptRefused("You have already passed this quiz.")
    if state.attempts_left == 0:
        raise AttemptRefused("You have used all your attempts at this quiz.")
    if state.next_start_at and now < state.next_start_at:
        raise AttemptRefused(
            f"You can take the quiz again from {timezone.localtime(state.next_start_at):%-d %B %Y at %H:%M}."
        )
    return open_attempt(employee=employee, enrolment=enrolment, quiz=quiz, now=now, rng=rng, earlier=earlier), True


def open_attempt(
    *,
    employee: Employee,
    enrolment: Enrolment,
    quiz: QuizPage,
    now: datetime,
    rng: random.Random,
    earlier: list[Attempt] | None = None,
):
    """Open the learner's next attempt: draw the published questions (unseen first, then the least drawn)
    and fix them, with the deadline from the time limit and the adjustment standing at `now`.

    The caller has checked that the learner may start one (`start_attempt` does, in the transaction that
    locks their enrolment) and counts the draws afterwards (`count_draws`). `earlier` are the learner's
    attempts at this quiz in any enrolment, if the caller has them: their questions are the ones seen.
    """
    if earlier is None:
        earlier = list(Attempt.objects.filter(employee=employee, quiz=quiz).only("number", "questions"))
    seen = {question["key"] for attempt in earlier for question in attempt.questions}
    uses = dict(QuestionUse.objects.filter(quiz=quiz).values_list("question_key", "times_drawn"))
    questions = draw(
        published_pool(quiz),
        count=quiz.questions_per_attempt,
        seen=seen,
        uses=uses,
        shuffle_choices=quiz.shuffle_choices,
        rng=rng,
    )
    adjustment = current_adjustment(employee) if quiz.time_limit_minutes else None
    if adjustment is not None and adjustment.recorded_at > now:
        adjustment = None  # recorded after this attempt started (the demo opens attempts in the past)
    number = max((attempt.number for attempt in earlier), default=0) + 1
    attempt = Attempt.objects.create(
        employee=employee,
        enrolment=enrolment,
        quiz=quiz,
        number=number,
        revision_id=quiz.live_revision_id,
        questions=questions,
        pass_mark=quiz.pass_mark,
        review=quiz.review,
        time_limit_minutes=quiz.time_limit_minutes,
        extra_time_percent=None if adjustment is None else adjustment.extra_time_percent,
        started_at=now,
        deadline=deadline_for(started_at=now, time_limit_minutes=quiz.time_limit_minutes, adjustment=adjustment),
    )
    Answer.objects.bulk_create(
        Answer(attempt=attempt, position=position, question_key=question["key"])
        for position, question in enumerate(questions, start=1)
    )
    return attempt


def count_draws(quiz: QuizPage, keys: list[str]) -> None:
    """Add one to each drawn question's use count, in one statement outside the attempt's transaction.

    An upsert (PostgreSQL and SQLite both have ON CONFLICT) in key order: concurrent starts lock the
    rows in the same order, so they never deadlock, and a start pays for one commit, not one per question.
    """
    if not keys:
        return
    table = connection.ops.quote_name(QuestionUse._meta.db_table)
    params = [value for key in sorted(set(keys)) for value in (quiz.pk, key)]
    rows = ", ".join(["(%s, %s, 1)"] * (len(params) // 2))
    sql = (
        f"INSERT INTO {table} (quiz_id, question_key, times_drawn) VALUES {rows} "  # noqa: S608 - the model's table
        f"ON CONFLICT (quiz_id, question_key) DO UPDATE SET times_drawn = {table}.times_drawn + 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def question_at(attempt: Attempt, position: int) -> dict | None:
    if 1 <= position <= len(attempt.questions):
        return attempt.questions[position - 1]
    return None


def save_answer(*, attempt: Attempt, position: int, choice_keys: list[str], now: datetime | None = None) -> Answer:
    """Record the learner's choices for one question of their open attempt, replacing any earlier ones.

    Refused, with the reason, when the attempt has finished or its deadline has passed (the attempt is
    then closed and scored with what was saved by the deadline), or the choices are not the question's.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if not locked.is_open:
            raise AttemptClosed("This attempt has finished, so answers can no longer be changed.")
        expired = bool(locked.deadline and now >= locked.deadline)
        if not expired:
            return _record(locked, position=position, choice_keys=choice_keys, now=now)
    close_at_deadline(attempt)
    raise AttemptClosed("The time for this attempt ran out, so this answer was not saved.")


def _record(attempt: Attempt, *, position: int, choice_keys: list[str], now: datetime) -> Answer:
    question = question_at(attempt, position)
    if question is None:
        raise AnswerRefused("There is no such question in this attempt.")
    keys = list(dict.fromkeys(choice_keys))
    allowed = {choice["key"] for choice in question["choices"]}
    if not keys:
        raise AnswerRefused(
            "Select an answer." if question["type"] != "multiple_choice" else "Select at least one answer."
        )
    if any(key not in allowed for key in keys):
        raise AnswerRefused("That answer is not one of this question's choices. Select one of the choices shown.")
    if question["type"] != "multiple_choice" and len(keys) > 1:
        raise AnswerRefused("Select one answer.")
    answer = Answer.objects.get(attempt=attempt, position=position)
    answer.answered_at = now
    answer.save(update_fields=["answered_at"])
    Selection.objects.filter(answer=answer).delete()
    Selection.objects.bulk_create(
        Selection(answer=answer, attempt=attempt, question_key=answer.question_key, choice_key=key) for key in keys
    )
    return answer


def first_unanswered(attempt: Attempt) -> int | None:
    return (
        Answer.objects.filter(attempt=attempt, answered_at__isnull=True)
        .order_by("position")
        .values_list("position", flat=True)
        .first()
    )


def submit_attempt(*, attempt: Attempt, now: datetime | None = None) -> Attempt:
    """Finish and score the learner's attempt; submitting again returns the same result.

    After the deadline, the attempt is scored as closed at the deadline instead.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if not locked.is_open:
            return locked
        if locked.deadline and now >= locked.deadline:
            return _finish(locked, at=locked.deadline, by=Attempt.FinishedBy.TIME_LIMIT)
        return _finish(locked, at=now, by=Attempt.FinishedBy.LEARNER)


def close_at_deadline(attempt: Attempt) -> Attempt:
    """Close an attempt whose time ran out, scored with what was saved by the deadline, finished at the deadline."""
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        result = locked if not locked.is_open else _finish(locked, at=locked.deadline, by=Attempt.FinishedBy.TIME_LIMIT)
    for field in ("state", "finished_at", "finished_by", "score", "passed"):
        setattr(attempt, field, getattr(result, field))
    return result


def close_overdue_attempts(*, now: datetime | None = None) -> int:
    """Close every open attempt whose deadline has passed (the periodic task); how many it closed."""
    now = now or timezone.now()
    closed = 0
    for attempt in Attempt.objects.in_progress().filter(deadline__lte=now).order_by("deadline").iterator():
        if close_at_deadline(attempt).finished_by == Attempt.FinishedBy.TIME_LIMIT:
            closed += 1
    return closed


def _finish(attempt: Attempt, *, at: datetime, by: str) -> Attempt:
    """Score the locked, open attempt with the answers saved by `at`, and complete the course if that finishes it."""
    answers = list(Answer.objects.filter(attempt=attempt).order_by("position"))
    chosen: dict[int, list[str]] = {}
    for answer_id, key in Selection.objects.filter(answer__attempt=attempt).values_list("answer_id", "choice_key"):
        chosen.setdefault(answer_id, []).append(key)
    for answer in answers:
        question = attempt.questions[answer.position - 1]
        in_time = answer.answered_at is not None and answer.answered_at <= at
        answer.correct = in_time and is_correct(question, chosen.get(answer.pk, []))
    Answer.objects.bulk_update(answers, ["correct"])
    attempt.score = sum(1 for answer in answers if answer.correct)
    attempt.passed = passes(score=attempt.score, out_of=len(attempt.questions), pass_mark=attempt.pass_mark)
    attempt.state = Attempt.State.FINISHED
    attempt.finished_at = at
    attempt.finished_by = by
    attempt.save(update_fields=["score", "passed", "state", "finished_at", "finished_by"])
    if attempt.passed:
        complete_if_done(enrolment=Enrolment.objects.get(pk=attempt.enrolment_id), now=at)
    return attempt


def may_review(attempt: Attempt, standing_now: Standing) -> bool:
    """Whether the learner may see correct answers and feedback for this finished attempt."""
    if attempt.is_open:
        return False
    if attempt.review == Review.IMMEDIATELY:
        return True
    if attempt.review == Review.ONCE_PASSED_OR_OUT_OF_ATTEMPTS:
        return standing_now.passed or standing_now.attempts_left == 0
    return False


def passed_score_percent(enrolment: Enrolment) -> int | None:
    """The score (a whole percentage) of the attempt that passed the quiz in this enrolment; None without one."""
    attempt = (
        Attempt.objects.filter(enrolment=enrolment, passed=True)
        .order_by("finished_at", "pk")
        .values_list("score", "out_of")
        .first()
    )
    if attempt is None or not attempt[1]:
        return None
    score, out_of = attempt
    return score * 100 // out_of  # rounded down: never more than was scored
