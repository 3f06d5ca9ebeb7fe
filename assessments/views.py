"""The learner's quiz pages: start, one question a page, check your answers, submit, result.

Every attempt is looked up through `Attempt.objects.of_user`, so another learner's attempt id is a
404. The rules are in `assessments.attempts`; these views only call them and say what happened.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from assessments.attempts import (
    AnswerRefused,
    AttemptClosed,
    AttemptRefused,
    close_at_deadline,
    first_unanswered,
    question_at,
    save_answer,
    start_attempt,
    submit_attempt,
)
from assessments.learner import (
    check_answers_rows,
    question_for_learner,
    result_context,
    timer_context,
)
from assessments.models import Attempt, QuizPage, Selection
from content.sites import is_hidden
from people.roles import employee_for

TIME_RAN_OUT = "Your time ran out, so your attempt was marked with the answers you had saved."


def _own_attempt(request, attempt_id: int) -> Attempt:
    return get_object_or_404(Attempt.objects.of_user(request.user).select_related("quiz"), pk=attempt_id)


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def resume_url(attempt: Attempt) -> str:
    position = first_unanswered(attempt)
    if position is None:
        return reverse("assessments:check", args=[attempt.pk])
    return reverse("assessments:question", args=[attempt.pk, position])


def _closed_if_out_of_time(request, attempt: Attempt) -> bool:
    """Close an open attempt whose deadline has passed; True if it is (now) finished."""
    if attempt.is_open and attempt.deadline and timezone.now() >= attempt.deadline:
        close_at_deadline(attempt)
        messages.info(request, TIME_RAN_OUT)
    return not attempt.is_open


@require_POST
@login_required
def start(request, quiz_id: int):
    quiz = get_object_or_404(QuizPage.objects.live(), pk=quiz_id)
    if not quiz.course.live or is_hidden(quiz, request):
        raise Http404
    employee = employee_for(request.user)
    if employee is None:
        messages.error(
            request,
            "Your account is not linked to an HR record yet, so you cannot take this quiz. "
            "Ask your HR team to add your work email address to your record.",
        )
        return redirect(quiz.url)
    try:
        attempt = start_attempt(employee=employee, quiz=quiz)
    except AttemptRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(quiz.url)
    if attempt.just_started:
        return redirect("assessments:question", attempt.pk, 1)
    return redirect(resume_url(attempt))


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def question(request, attempt_id: int, position: int):
    attempt = _own_attempt(request, attempt_id)
    snapshot = question_at(attempt, position)
    if snapshot is None:
        raise Http404
    if _closed_if_out_of_time(request, attempt):
        if _wants_json(request):
            return JsonResponse({"saved": False, "error": TIME_RAN_OUT, "result_url": _result_url(attempt)}, status=409)
        return redirect("assessments:result", attempt.pk)
    back_to_check = request.GET.get("return") == "check"
    error = None
    if request.method == "POST":
        chosen = request.POST.getlist("answer")
        try:
            save_answer(attempt=attempt, position=position, choice_keys=chosen)
        except AttemptClosed as closed:
            if _wants_json(request):
                return JsonResponse(
                    {"saved": False, "error": str(closed), "result_url": _result_url(attempt)}, status=409
                )
            messages.info(request, str(closed))
            return redirect("assessments:result", attempt.pk)
        except AnswerRefused as refusal:
            if _wants_json(request):
                return JsonResponse({"saved": False, "error": str(refusal)}, status=400)
            error = str(refusal)
        else:
            if _wants_json(request):
                return JsonResponse({"saved": True})
            if back_to_check or position == attempt.question_count:
                return redirect("assessments:check", attempt.pk)
            return redirect("assessments:question", attempt.pk, position + 1)
        selected = [key for key in chosen if isinstance(key, str)]
    else:
        selected = list(
            Selection.objects.filter(answer__attempt=attempt, answer__position=position).values_list(
                "choice_key", flat=True
            )
        )
    if position > 1 and not back_to_check:
        back_url = reverse("assessments:question", args=[attempt.pk, position - 1])
    elif back_to_check:
        back_url = reverse("assessments:check", args=[attempt.pk])
    else:
        back_url = _quiz_url(attempt)
    response = render(
        request,
        "assessments/question.html",
        {
            "attempt": attempt,
            "position": position,
            "question": question_for_learner(snapshot),
            "selected": set(selected),
            "error": error,
            "back_url": back_url,
            "back_to_check": back_to_check,
            "quiz_url": _quiz_url(attempt),
            "timer": timer_context(attempt, timezone.now()),
            "result_url": _result_url(attempt),
        },
    )
    return response


def _quiz_url(attempt: Attempt) -> str:
    """The quiz's start page, or the home page (the learner's learning) if the quiz is no longer published."""
    return attempt.quiz.url if attempt.quiz.live else "/"


def _result_url(attempt: Attempt) -> str:
    return reverse("assessments:result", args=[attempt.pk])


@never_cache
@login_required
def check(request, attempt_id: int):
    attempt = _own_attempt(request, attempt_id)
    if _closed_if_out_of_time(request, attempt):
        return redirect("assessments:result", attempt.pk)
    rows = check_answers_rows(attempt)
    return render(
        request,
        "assessments/check_answers.html",
        {
            "attempt": attempt,
            "rows": rows,
            "unanswered": sum(1 for row in rows if not row["answers"]),
            "timer": timer_context(attempt, timezone.now()),
            "result_url": _result_url(attempt),
        },
    )


@require_POST
@login_required
def submit(request, attempt_id: int):
    attempt = _own_attempt(request, attempt_id)
    was_open = attempt.is_open
    attempt = submit_attempt(attempt=attempt)
    if was_open and attempt.finished_by == Attempt.FinishedBy.TIME_LIMIT:
        messages.info(request, TIME_RAN_OUT)
    return redirect("assessments:result", attempt.pk)


@never_cache
@login_required
def result(request, attempt_id: int):
    attempt = _own_attempt(request, attempt_id)
    if not _closed_if_out_of_time(request, attempt):
        return redirect(resume_url(attempt))
    return render(request, "assessments/result.html", {"attempt": attempt, **result_context(attempt)})
