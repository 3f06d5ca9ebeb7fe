"""What a learner is told about a quiz: the start page, the course page's quiz section, timers and results.

Only what may reach the browser before an attempt is submitted is put in these contexts: question
text and choice text, never whether a choice is correct, its feedback or the explanation. The
result (`result_context`) adds them only once the attempt is finished and `may_review` allows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from assessments.attempts import current_adjustment, first_unanswered, may_review, standing
from assessments.models import Answer, Attempt, QuizPage, Review, Selection
from enrolment.learner import current_enrolment
from enrolment.models import Enrolment
from enrolment.progress import remaining_modules
from people.roles import employee_for


def correct_needed(*, questions: int, pass_mark: int) -> int:
    """How many questions out of `questions` a learner must get right to reach the pass mark."""
    return math.ceil(pass_mark * questions / 100)


def duration_label(minutes: float) -> str:
    """Minutes in words: '20 minutes', '1 hour 30 minutes', '37 minutes 30 seconds'."""
    seconds = round(minutes * 60)
    hours, rest = divmod(seconds, 3600)
    whole_minutes, seconds = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if whole_minutes:
        parts.append(f"{whole_minutes} minute{'s' if whole_minutes != 1 else ''}")
    if seconds:
        parts.append(f"{seconds} second{'s' if seconds != 1 else ''}")
    return " ".join(parts) or "0 minutes"


@dataclass(frozen=True)
class TimeAllowed:
    """The time a learner gets in a quiz: its limit with their extra time, in words for the start page."""

    minutes: float | None  # None: no time limit for this learner
    quiz_minutes: int | None
    extra_time_percent: int | None  # only when their workplace adjustment applies
    no_limit_by_adjustment: bool

    @property
    def label(self) -> str:
        if self.quiz_minutes is None:
            return "No time limit"
        if self.no_limit_by_adjustment:
            return "No time limit for you (a workplace adjustment)"
        if self.extra_time_percent:
            return (
                f"{duration_label(self.minutes)}: {duration_label(self.quiz_minutes)} "
                f"plus your {self.extra_time_percent}% extra time (a workplace adjustment)"
            )
        return duration_label(self.quiz_minutes)


def time_allowed(quiz: QuizPage, adjustment) -> TimeAllowed:
    if not quiz.time_limit_minutes:
        return TimeAllowed(None, None, None, False)
    if adjustment is not None and adjustment.no_time_limit:
        return TimeAllowed(None, quiz.time_limit_minutes, None, True)
    percent = adjustment.extra_time_percent if adjustment else 0
    return TimeAllowed(quiz.time_limit_minutes * (100 + percent) / 100, quiz.time_limit_minutes, percent or None, False)


def start_page_context(request, quiz: QuizPage) -> dict:
    """Everything the quiz's start page says to this visitor, and which button it offers."""
    now = timezone.now()
    course = quiz.course
    pool_types = {block.block_type for block in quiz.questions}
    context = {
        "course": course,
        "question_count": quiz.questions_per_attempt,
        "pool_size": len(quiz.questions),
        "correct_needed": correct_needed(questions=quiz.questions_per_attempt, pass_mark=quiz.pass_mark),
        "has_select_all": "multiple_choice" in pool_types,
        "takeable": not quiz.problems(),
        "wait_label": duration_label(quiz.wait_after_fail_minutes) if quiz.wait_after_fail_minutes else None,
    }
    user = request.user
    if not user.is_authenticated:
        context.update(state="anonymous", time=time_allowed(quiz, None))
        return context
    employee = employee_for(user)
    if employee is None:
        context.update(state="no_record", time=time_allowed(quiz, None))
        return context
    adjustment = current_adjustment(employee) if quiz.time_limit_minutes else None
    enrolments = list(Enrolment.objects.filter(employee=employee, course=course))
    enrolment = current_enrolment(enrolments)
    now_standing = standing(quiz=quiz, enrolment=enrolment, now=now)
    finished = now_standing.finished
    if enrolment and enrolment.completed_at:
        state = "course_completed"
    elif now_standing.open_attempt:
        state = "open"
    elif now_standing.passed:
        state = "passed"
    elif now_standing.attempts_left == 0:
        state = "no_attempts_left"
    elif now_standing.next_start_at and now < now_standing.next_start_at:
        state = "waiting"
    else:
        state = "can_start"
    open_attempt = now_standing.open_attempt
    context.update(
        state=state,
        time=time_allowed(quiz, adjustment),
        adjustment=adjustment,
        standing=now_standing,
        enrolment=enrolment,
        attempts=[attempt_row(attempt) for attempt in reversed(finished)],
        open_attempt=open_attempt,
        resume_position=first_unanswered(open_attempt) if open_attempt else None,  # None: check your answers
        modules_remaining=remaining_modules(enrolment).count() if enrolment and enrolment.is_open else None,
        retake=bool(finished),
    )
    return context


def attempt_row(attempt: Attempt) -> dict:
    return {
        "attempt": attempt,
        "percent": attempt.percent,
        "timed_out": attempt.finished_by == Attempt.FinishedBy.TIME_LIMIT,
    }


def course_quiz_context(request, *, course, context) -> None:
    """The course page's quiz section: the live quiz, and where this learner stands with it."""
    quiz = QuizPage.objects.child_of(course).live().only("id", "title", "slug", "url_path", "path").first()
    context["quiz"] = quiz
    if quiz is None:
        return
    learner = context.get("learner") or {}
    enrolment = learner.get("enrolment")
    passed = in_progress = attempted = False
    if enrolment is not None:
        rows = list(Attempt.objects.filter(enrolment=enrolment, quiz=quiz).values_list("state", "passed"))
        attempted = bool(rows)
        passed = any(row_passed for _state, row_passed in rows)
        in_progress = any(state == Attempt.State.IN_PROGRESS for state, _passed in rows)
    context["quiz_state"] = (
        "passed" if passed else "in_progress" if in_progress else "not_passed" if attempted else "not_started"
    )


def remaining_label(deadline: datetime | None, now: datetime) -> str | None:
    """The time left before the deadline in words, rounded down to the minute (seconds in the last minute)."""
    if deadline is None:
        return None
    seconds = max(int((deadline - now).total_seconds()), 0)
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    return duration_label(seconds // 60)


def timer_context(attempt: Attempt, now: datetime) -> dict:
    return {
        "deadline": attempt.deadline,
        "remaining": remaining_label(attempt.deadline, now),
        "seconds_left": max(int((attempt.deadline - now).total_seconds()), 0) if attempt.deadline else None,
    }


def question_for_learner(question: dict) -> dict:
    """A snapshot question with only what the learner may see while answering: no correctness or feedback."""
    return {
        "type": question["type"],
        "text": question["text"],
        "choices": [{"key": choice["key"], "text": choice["text"]} for choice in question["choices"]],
    }


def selections_by_position(attempt: Attempt) -> dict[int, list[str]]:
    chosen: dict[int, list[str]] = {}
    for position, key in Selection.objects.filter(answer__attempt=attempt).values_list(
        "answer__position", "choice_key"
    ):
        chosen.setdefault(position, []).append(key)
    return chosen


def check_answers_rows(attempt: Attempt) -> list[dict]:
    """Each question of the attempt with the learner's answer in words (never whether it is right)."""
    chosen = selections_by_position(attempt)
    rows = []
    for position, question in enumerate(attempt.questions, start=1):
        keys = set(chosen.get(position, []))
        rows.append(
            {
                "position": position,
                "text": question["text"],
                "answers": [choice["text"] for choice in question["choices"] if choice["key"] in keys],
            }
        )
    return rows


def result_context(attempt: Attempt) -> dict:
    """The result page of a finished attempt: score, pass or fail, feedback as its review setting allows,
    and what the learner can do next."""
    now = timezone.now()
    quiz = attempt.quiz
    enrolment = Enrolment.objects.get(pk=attempt.enrolment_id)
    now_standing = standing(quiz=quiz, enrolment=enrolment, now=now)
    review = may_review(attempt, now_standing)
    questions = []
    if review:
        chosen = selections_by_position(attempt)
        correct = dict(Answer.objects.filter(attempt=attempt).values_list("position", "correct"))
        for position, question in enumerate(attempt.questions, start=1):
            keys = set(chosen.get(position, []))
            questions.append(
                {
                    "position": position,
                    "text": question["text"],
                    "type": question["type"],
                    "correct": bool(correct.get(position)),
                    "answered": bool(keys),
                    "choices": [{**choice, "selected": choice["key"] in keys} for choice in question["choices"]],
                    "explanation": question.get("explanation", ""),
                }
            )
    if attempt.review == Review.NEVER:
        review_note = "This quiz does not show the correct answers."
    elif not review:
        review_note = "You will see the correct answers and feedback once you pass or have used every attempt."
    else:
        review_note = None
    modules_left = list(remaining_modules(enrolment)[:1]) if enrolment.is_open else []
    return {
        "quiz": quiz,
        "course": quiz.course,
        "enrolment": enrolment,
        "standing": now_standing,
        "can_start_now": now_standing.can_start(now) and enrolment.completed_at is None,
        "review": review,
        "review_note": review_note,
        "questions": questions,
        "correct_needed": correct_needed(questions=attempt.question_count, pass_mark=attempt.pass_mark),
        "timed_out": attempt.finished_by == Attempt.FinishedBy.TIME_LIMIT,
        "next_module": modules_left[0] if modules_left else None,
    }
