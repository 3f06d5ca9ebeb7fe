"""The learner's quiz pages: the start page, one question a page, check your answers, submit and the result.

Each page is read through the test client as a browser would; the integrity walk checks that nothing
sent before the attempt is submitted says which answers are right.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.attempts import save_answer, start_attempt, submit_attempt
from assessments.models import Attempt, Review
from enrolment.models import Enrolment
from enrolment.progress import complete_module, start_course
from tests.factories import (
    CoursePageFactory,
    EmployeeFactory,
    QuizPageFactory,
    WorkplaceAdjustmentFactory,
    choice_question,
    true_false_question,
)

pytestmark = pytest.mark.django_db

# Choice texts say nothing about which is right; every feedback and explanation carries SECRET. The
# pages of an open attempt have no reason to say "correct", "feedback" or "explanation" at all; the
# start and course pages may say that learners will see "the correct answers", but no marker.
SECRET = re.compile(r"SECRET|correct|feedback|explanation", re.IGNORECASE)
MARKERS = re.compile(r"SECRET|\"correct\"|Correct answer|Incorrect|tag--green\">Correct")


def secret_questions(count: int = 3) -> list[dict]:
    """Questions whose feedback and explanations carry a marker, with neutral choice texts."""
    questions = []
    for n in range(1, count + 1):
        question = choice_question(
            f"Which option is number {n}?", [("Option A", True), ("Option B", False), ("Option C", False)], key=f"q{n}"
        )
        for choice in question["value"]["choices"]:
            choice["value"]["feedback"] = f"SECRET choice feedback {n}"
        question["value"]["explanation"] = f"<p>SECRET explanation {n}</p>"
        questions.append(question)
    many = choice_question(
        "Select the listed options", [("Option D", True), ("Option E", True), ("Option F", False)], many=True, key="qm"
    )
    many["value"]["explanation"] = "<p>SECRET explanation many</p>"
    for choice in many["value"]["choices"]:
        choice["value"]["feedback"] = "SECRET many feedback"
    tf = true_false_question("The sky is a colour", True, key="qt")
    tf["value"].update(
        feedback_true="SECRET tf", feedback_false="SECRET tf", explanation="<p>SECRET explanation tf</p>"
    )
    return [*questions, many, tf]


@pytest.fixture
def course(db):
    return CoursePageFactory(modules=1, title="Open data essentials")


@pytest.fixture
def quiz(course):
    return QuizPageFactory(parent=course, title="Open data quiz", questions=secret_questions(), shuffle_choices=True)


def question_url(attempt, position, **query):
    url = reverse("assessments:question", args=[attempt.pk, position])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def correct_keys(attempt, position):
    return [c["key"] for c in attempt.questions[position - 1]["choices"] if c["correct"]]


def wrong_key(attempt, position):
    return next(c["key"] for c in attempt.questions[position - 1]["choices"] if not c["correct"])


# The start page -------------------------------------------------------------------------


def test_start_page_says_what_the_quiz_is(client, learner_user, quiz):
    client.force_login(learner_user)
    html = client.get(quiz.url).content.decode()
    assert "Open data quiz" in html
    facts = re.sub(r"\s+", " ", html[html.index('id="quiz-facts"') :])
    assert '<dt class="govuk-summary-list__key">Questions</dt> <dd class="govuk-summary-list__value">5</dd>' in facts
    assert "80% (4 of 5 correct)" in html
    assert "As many as you need" in html
    assert "No time limit" in html
    assert "select all that apply" in html
    assert "Start quiz" in html


def test_start_page_for_a_visitor_offers_sign_in(client, quiz):
    html = client.get(quiz.url).content.decode()
    assert "to take this quiz" in html
    assert reverse("account_login") in html
    assert "Start quiz" not in html


def test_start_page_shows_the_time_limit_with_extra_time(client, learner, learner_user, course):
    quiz = QuizPageFactory(parent=course, time_limit_minutes=20)
    WorkplaceAdjustmentFactory(employee=learner, extra_time_percent=50)
    client.force_login(learner_user)
    html = client.get(quiz.url).content.decode()
    assert "30 minutes: 20 minutes plus your 50% extra time (a workplace adjustment)" in html
    assert "When it runs out, your attempt is closed and marked with the answers you saved" in html


def test_start_page_with_no_time_limit_by_adjustment(client, learner, learner_user, course):
    quiz = QuizPageFactory(parent=course, time_limit_minutes=20)
    WorkplaceAdjustmentFactory(employee=learner, extra_time_percent=None)
    client.force_login(learner_user)
    assert "No time limit for you (a workplace adjustment)" in client.get(quiz.url).content.decode()


def test_quiz_of_an_unpublished_course_is_not_found(client, learner_user, quiz, course):
    course.unpublish()
    client.force_login(learner_user)
    assert client.get(quiz.url).status_code == 404
    assert client.post(reverse("assessments:start", args=[quiz.pk])).status_code == 404


def test_start_needs_a_post_and_a_sign_in(client, quiz):
    start = reverse("assessments:start", args=[quiz.pk])
    assert client.post(start).status_code == 302
    assert "/accounts/login/" in client.post(start)["Location"]
    assert not Attempt.objects.exists()


def test_start_without_an_hr_record_explains(client, quiz):
    from tests.factories import UserFactory

    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("assessments:start", args=[quiz.pk]), follow=True)
    assert "not linked to an HR record" in response.content.decode()
    assert not Attempt.objects.exists()


# The whole walk, and what each response may say ----------------------------------------------


def test_a_whole_attempt_leaks_nothing_before_it_is_submitted(client, learner_user, quiz):
    client.force_login(learner_user)
    responses = [client.get(quiz.url)]
    response = client.post(reverse("assessments:start", args=[quiz.pk]))
    responses.append(response)
    attempt = Attempt.objects.get()
    assert response["Location"] == question_url(attempt, 1)
    for position in range(1, attempt.question_count + 1):
        page = client.get(question_url(attempt, position))
        responses.append(page)
        assert f"Question {position} of 5" in page.content.decode()
        keys = correct_keys(attempt, position)
        # The answer-saving request (as the page's script sends it), then Continue.
        responses.append(client.post(question_url(attempt, position), {"answer": keys}, HTTP_ACCEPT="application/json"))
        responses.append(client.post(question_url(attempt, position), {"answer": keys}))
        # A refused answer and a refused JSON save say why, and nothing more.
        responses.append(client.post(question_url(attempt, position), {"answer": ["nonsense"]}))
        responses.append(client.post(question_url(attempt, position), {}, HTTP_ACCEPT="application/json"))
        responses.append(client.get(question_url(attempt, position, **{"return": "check"})))
    responses.append(client.get(reverse("assessments:check", args=[attempt.pk])))
    responses.append(client.get(reverse("assessments:result", args=[attempt.pk])))  # open: sends to check
    for response in responses[1:]:
        body = re.sub(r'<a [^>]*href="mailto:[^"]*">give your feedback by email</a>', "", response.content.decode())
        header_text = " ".join(f"{k}: {v}" for k, v in response.headers.items())
        assert not SECRET.search(body), (response.request["PATH_INFO"], SECRET.search(body))
        assert not SECRET.search(header_text)
    for response in [responses[0], client.get(quiz.url), client.get(quiz.get_parent().url)]:
        assert not MARKERS.search(response.content.decode())
    submitted = client.post(reverse("assessments:submit", args=[attempt.pk]), follow=True)
    html = submitted.content.decode()
    assert "You passed" in html
    assert "SECRET explanation 1" in html  # review immediately: now shown
    assert "Correct answer" in html


def test_answer_saving_responses_say_only_whether_it_was_saved(client, learner_user, quiz):
    client.force_login(learner_user)
    client.post(reverse("assessments:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    saved = client.post(question_url(attempt, 1), {"answer": [wrong_key(attempt, 1)]}, HTTP_ACCEPT="application/json")
    assert saved.status_code == 200
    assert json.loads(saved.content) == {"saved": True}
    refused = client.post(question_url(attempt, 1), {"answer": ["x"]}, HTTP_ACCEPT="application/json")
    assert refused.status_code == 400
    assert json.loads(refused.content) == {
        "saved": False,
        "error": "That answer is not one of this question's choices. Select one of the choices shown.",
    }


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ({}, "Select an answer."),
        ({"answer": ["not-a-choice"]}, "That answer is not one of this question&#x27;s choices."),
        ({"answer": ["q2-1"]}, "That answer is not one of this question&#x27;s choices."),  # another question's
        ({"answer": ["' OR 1=1 --", "\x00"]}, "That answer is not one of this question&#x27;s choices."),
    ],
)
def test_a_bad_answer_gets_a_clear_error_not_a_crash(client, learner_user, quiz, answer, message):
    client.force_login(learner_user)
    client.post(reverse("assessments:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    position = next(p for p, q in enumerate(attempt.questions, start=1) if q["key"] == "q1")
    response = client.post(question_url(attempt, position), answer)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "govuk-error-summary" in html
    assert "<title>Error: " in html
    assert not attempt.answers.get(position=position).answered_at


def test_two_answers_to_a_single_choice_question_are_refused(client, learner_user, quiz):
    client.force_login(learner_user)
    client.post(reverse("assessments:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    position = next(p for p, q in enumerate(attempt.questions, start=1) if q["type"] == "single_choice")
    keys = [c["key"] for c in attempt.questions[position - 1]["choices"]][:2]
    assert "Select one answer." in client.post(question_url(attempt, position), {"answer": keys}).content.decode()


def test_continue_goes_to_the_next_question_then_check_your_answers(client, learner_user, quiz):
    client.force_login(learner_user)
    client.post(reverse("assessments:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    response = client.post(question_url(attempt, 1), {"answer": correct_keys(attempt, 1)})
    assert response["Location"] == question_url(attempt, 2)
    response = client.post(question_url(attempt, 5), {"answer": correct_keys(attempt, 5)})
    assert response["Location"] == reverse("assessments:check", args=[attempt.pk])
    response = client.post(question_url(attempt, 2, **{"return": "check"}), {"answer": correct_keys(attempt, 2)})
    assert response["Location"] == reverse("assessments:check", args=[attempt.pk])


def test_a_saved_answer_is_shown_selected_when_coming_back(client, learner_user, quiz):
    client.force_login(learner_user)
    client.post(reverse("assessments:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    key = wrong_key(attempt, 1)
    client.post(question_url(attempt, 1), {"answer": [key]})
    html = client.get(question_url(attempt, 1)).content.decode()
    assert re.search(rf'value="{re.escape(key)}"\s+checked', html)


def test_check_your_answers_lists_each_answer_and_the_unanswered(client, learner_user, quiz):
    client.force_login(learner_user)
    client.post(reverse("assessments:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    first = attempt.questions[0]
    chosen = first["choices"][0]
    client.post(question_url(attempt, 1), {"answer": [chosen["key"]]})
    html = client.get(reverse("assessments:check", args=[attempt.pk])).content.decode()
    assert first["text"] in html
    assert chosen["text"] in html
    assert html.count("Not answered") == 4
    assert "You have not answered 4 questions" in html
    assert question_url(attempt, 2, **{"return": "check"}) in html


def test_submitting_twice_gives_one_result(client, learner_user, quiz):
    client.force_login(learner_user)
    client.post(reverse("assessments:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    submit = reverse("assessments:submit", args=[attempt.pk])
    first = client.post(submit)
    second = client.post(submit)
    assert first["Location"] == second["Location"] == reverse("assessments:result", args=[attempt.pk])
    attempt.refresh_from_db()
    finished_at = attempt.finished_at
    client.post(submit)
    attempt.refresh_from_db()
    assert attempt.finished_at == finished_at
    assert Attempt.objects.count() == 1
    # An answer after submitting is not saved, and says so.
    response = client.post(question_url(attempt, 1), {"answer": correct_keys(attempt, 1)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("assessments:result", args=[attempt.pk])
    assert attempt.answers.get(position=1).answered_at is None


# Resuming ---------------------------------------------------------------------------------


def test_resuming_after_signing_out_starts_at_the_first_unanswered_question(client, learner_user, quiz):
    client.force_login(learner_user)
    client.post(reverse("assessments:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    client.post(question_url(attempt, 1), {"answer": correct_keys(attempt, 1)})
    client.post(question_url(attempt, 2), {"answer": correct_keys(attempt, 2)})
    client.logout()
    client.force_login(learner_user)
    html = client.get(quiz.url).content.decode()
    assert "Continue your attempt" in html
    assert question_url(attempt, 3) in html
    # Starting again (another tab, the Back button) resumes the same attempt too.
    response = client.post(reverse("assessments:start", args=[quiz.pk]))
    assert response["Location"] == question_url(attempt, 3)
    assert Attempt.objects.count() == 1
    assert client.get(reverse("assessments:result", args=[attempt.pk]))["Location"] == question_url(attempt, 3)


# Nobody else's attempt --------------------------------------------------------------------


@pytest.mark.parametrize("page", ["result", "question", "check", "submit"])
def test_another_learners_attempt_is_not_found(client, learner, quiz, page):
    other = EmployeeFactory(with_user=True)
    attempt = start_attempt(employee=other, quiz=quiz)
    client.force_login(learner.user)
    args = [attempt.pk, 1] if page == "question" else [attempt.pk]
    url = reverse(f"assessments:{page}", args=args)
    response = client.post(url, {"answer": ["q1-1"]}) if page in ("submit", "question") else client.get(url)
    assert response.status_code == 404
    attempt.refresh_from_db()
    assert attempt.is_open
    assert not attempt.answers.filter(answered_at__isnull=False).exists()


def test_unknown_attempt_and_position_are_not_found(client, learner_user, quiz):
    client.force_login(learner_user)
    client.post(reverse("assessments:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    assert client.get(reverse("assessments:result", args=[attempt.pk + 1000])).status_code == 404
    assert client.get(question_url(attempt, 0)).status_code == 404
    assert client.get(question_url(attempt, 6)).status_code == 404
    assert client.get(f"/learning/attempts/{attempt.pk}/questions/abc/").status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, learner, quiz):
    attempt = start_attempt(employee=learner, quiz=quiz)
    response = client.get(reverse("assessments:result", args=[attempt.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# The deadline ------------------------------------------------------------------------------


def test_timed_question_page_shows_the_time_left_and_works_without_script(client, learner_user, course):
    quiz = QuizPageFactory(parent=course, time_limit_minutes=20)
    client.force_login(learner_user)
    client.post(reverse("assessments:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    html = client.get(question_url(attempt, 1)).content.decode()
    assert 'role="timer"' in html
    assert re.search(r'role="timer">(19|20) minutes?</span>', html)
    assert 'aria-live="polite"' in html
    assert f"Finish by {timezone.localtime(attempt.deadline):%H:%M}" in html


def test_after_the_deadline_pages_show_the_result_and_answers_are_refused(client, learner, learner_user, course):
    quiz = QuizPageFactory(parent=course, time_limit_minutes=10)
    attempt = start_attempt(employee=learner, quiz=quiz, now=timezone.now() - timedelta(minutes=11))
    save_answer(
        attempt=attempt,
        position=1,
        choice_keys=correct_keys(attempt, 1),
        now=attempt.started_at + timedelta(minutes=1),
    )
    client.force_login(learner_user)
    response = client.post(
        question_url(attempt, 2), {"answer": correct_keys(attempt, 2)}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 409
    assert json.loads(response.content)["result_url"] == reverse("assessments:result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.finished_by == Attempt.FinishedBy.TIME_LIMIT
    assert attempt.finished_at == attempt.deadline
    assert attempt.score == 1
    html = client.get(reverse("assessments:result", args=[attempt.pk])).content.decode()
    assert "The time ran out" in html


def test_a_learner_with_extra_time_gets_it(client, learner, learner_user, course):
    quiz = QuizPageFactory(parent=course, time_limit_minutes=10)
    WorkplaceAdjustmentFactory(employee=learner, extra_time_percent=50, recorded_at=timezone.now() - timedelta(days=30))
    # Started 12 minutes ago: past the quiz's 10 minutes, within the learner's 15.
    attempt = start_attempt(employee=learner, quiz=quiz, now=timezone.now() - timedelta(minutes=12))
    client.force_login(learner_user)
    response = client.post(question_url(attempt, 1), {"answer": correct_keys(attempt, 1)})
    assert response["Location"] == question_url(attempt, 2)
    attempt.refresh_from_db()
    assert attempt.is_open
    assert attempt.deadline == attempt.started_at + timedelta(minutes=15)


# The result page -------------------------------------------------------------------------


def _finish(employee, quiz, *, right: int, now=None):
    attempt = start_attempt(employee=employee, quiz=quiz, now=now)
    for position in range(1, attempt.question_count + 1):
        keys = correct_keys(attempt, position) if position <= right else [wrong_key(attempt, position)]
        save_answer(attempt=attempt, position=position, choice_keys=keys, now=now)
    return submit_attempt(attempt=attempt, now=now)


def test_a_failed_attempt_says_when_to_try_again(client, learner, learner_user, course):
    quiz = QuizPageFactory(parent=course, pool=5, wait_after_fail_minutes=60, max_attempts=3)
    attempt = _finish(learner, quiz, right=2)
    client.force_login(learner_user)
    html = client.get(reverse("assessments:result", args=[attempt.pk])).content.decode()
    assert "You did not pass" in html
    assert "You scored 2 out of 5 (40%). The pass mark is 80% (4 correct)." in html
    retake_at = timezone.localtime(attempt.finished_at + timedelta(minutes=60))
    assert f"You can try again from {retake_at:%H:%M} on {retake_at:%-d %B %Y}." in html
    assert "You have 2 attempts left." in html
    start_page = client.get(quiz.url).content.decode()
    assert "You can try again from" in start_page
    assert "Try again" not in start_page
    assert "Attempt 1" in start_page


def test_a_failed_attempt_with_no_wait_offers_to_try_again(client, learner, learner_user, course):
    quiz = QuizPageFactory(parent=course, pool=5)
    attempt = _finish(learner, quiz, right=1)
    client.force_login(learner_user)
    html = client.get(reverse("assessments:result", args=[attempt.pk])).content.decode()
    assert "You can try again now." in html
    assert reverse("assessments:start", args=[quiz.pk]) in html


def test_out_of_attempts_says_so(client, learner, learner_user, course):
    quiz = QuizPageFactory(parent=course, pool=5, max_attempts=1, review=Review.ONCE_PASSED_OR_OUT_OF_ATTEMPTS)
    attempt = _finish(learner, quiz, right=1)
    client.force_login(learner_user)
    html = client.get(reverse("assessments:result", args=[attempt.pk])).content.decode()
    assert "You have used all your attempts" in html
    assert "Explanation of Question" in html  # out of attempts: the answers are now shown
    assert "used all 1 attempt at this quiz" in client.get(quiz.url).content.decode()


@pytest.mark.parametrize(
    ("review", "passed", "shown"),
    [
        (Review.IMMEDIATELY, False, True),
        (Review.ONCE_PASSED_OR_OUT_OF_ATTEMPTS, False, False),
        (Review.ONCE_PASSED_OR_OUT_OF_ATTEMPTS, True, True),
        (Review.NEVER, True, False),
    ],
)
def test_the_result_shows_answers_as_the_review_setting_allows(
    client, learner, learner_user, course, review, passed, shown
):
    quiz = QuizPageFactory(parent=course, pool=5, review=review)
    attempt = _finish(learner, quiz, right=5 if passed else 1)
    client.force_login(learner_user)
    html = client.get(reverse("assessments:result", args=[attempt.pk])).content.decode()
    assert ("Explanation of Question" in html) is shown
    assert ("Correct answer" in html) is shown
    assert ("Feedback on" in html) is shown
    if not shown:
        assert "Right" not in html  # not even the text of the correct choice


def test_passing_the_quiz_after_the_modules_completes_the_course(client, learner, learner_user, course):
    quiz = QuizPageFactory(parent=course, pool=5)
    enrolment = Enrolment.objects.create(employee=learner, course=course, source=Enrolment.Source.SELF)
    complete_module(enrolment=enrolment, module=course.modules().get())
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    client.force_login(learner_user)
    course_page = client.get(course.url).content.decode()
    assert "You have completed every module. Pass the quiz to complete the course." in course_page
    attempt = _finish(learner, quiz, right=5)
    html = client.get(reverse("assessments:result", args=[attempt.pk])).content.decode()
    assert "You passed" in html
    assert "You have completed Open data essentials." in html
    assert "Course completed" in client.get(quiz.url).content.decode()
    assert "Passed" in client.get(course.url).content.decode()


def test_passing_before_the_modules_says_what_is_left(client, learner, learner_user, course):
    quiz = QuizPageFactory(parent=course, pool=5)
    attempt = _finish(learner, quiz, right=5)
    client.force_login(learner_user)
    html = client.get(reverse("assessments:result", args=[attempt.pk])).content.decode()
    assert "To complete Open data essentials, complete its remaining modules." in html
    assert course.modules().get().url in html
    assert "Complete the remaining 1 module to complete the course" in client.get(quiz.url).content.decode()


def test_course_page_shows_the_quiz_and_its_state(client, learner, learner_user, course):
    quiz = QuizPageFactory(parent=course, pool=5)
    assert "Quiz" in client.get(course.url).content.decode()
    client.force_login(learner_user)
    _finish(learner, quiz, right=1)
    html = client.get(course.url).content.decode()
    assert quiz.url in html
    assert "Not passed yet" in html


# Query counts -------------------------------------------------------------------------------


def _attempt_with_history(learner, course, *, pool: int, past: int):
    quiz = QuizPageFactory(parent=course, pool=pool, draw_count=min(pool, 10))
    for _ in range(past):
        _finish(learner, quiz, right=0)
    return start_attempt(employee=learner, quiz=quiz)


@pytest.mark.parametrize(("pool", "past"), [(4, 0), (40, 12)])
def test_question_page_and_answer_saving_take_a_constant_number_of_queries(
    client, learner, learner_user, course, pool, past, django_assert_num_queries
):
    attempt = _attempt_with_history(learner, course, pool=pool, past=past)
    client.force_login(learner_user)
    client.get(question_url(attempt, 1))  # the session and the roles are warm, as for a learner mid-quiz
    keys = correct_keys(attempt, 1)
    with django_assert_num_queries(QUESTION_PAGE_QUERIES):
        assert client.get(question_url(attempt, 2)).status_code == 200
    with django_assert_num_queries(ANSWER_SAVE_QUERIES):
        assert (
            client.post(question_url(attempt, 1), {"answer": keys}, HTTP_ACCEPT="application/json").status_code == 200
        )
    with django_assert_num_queries(ANSWER_SAVE_QUERIES):
        assert client.post(question_url(attempt, 1), {"answer": keys}).status_code == 302


QUESTION_PAGE_QUERIES = 4
ANSWER_SAVE_QUERIES = 10


@pytest.mark.parametrize("past", [0, 6])
def test_starting_takes_a_constant_number_of_queries(client, learner, learner_user, course, past):
    """The start of an exam is the stampede: the same statements whatever the learner's history."""
    quiz = QuizPageFactory(parent=course, pool=12, draw_count=4, time_limit_minutes=20)
    start_course(employee=learner, course=course)  # as anyone reaching the quiz has
    for _ in range(past):
        _finish(learner, quiz, right=0)
    client.force_login(learner_user)
    client.get(quiz.url)  # the learner has the start page open
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("assessments:start", args=[quiz.pk]))
    assert response.status_code == 302
    assert Attempt.objects.filter(employee=learner, quiz=quiz).count() == past + 1
    statements = [query["sql"] or "" for query in queries.captured_queries if not _transaction_control(query["sql"])]
    assert len(statements) == START_QUERIES, "\n".join(statements)


# The session, the user with their roles and their HR record (prepared statements: no SQL is captured),
# the quiz, its course, the enrolment (locked), the learner's attempts, the use counts, their adjustment,
# the attempt, its answers, the use counts' upsert.
START_QUERIES = 12


def _transaction_control(sql: str | None) -> bool:
    return bool(sql) and sql.split(" ", 1)[0] in {"BEGIN", "COMMIT", "SAVEPOINT", "RELEASE", "ROLLBACK"}


def test_an_attempt_in_progress_goes_on_when_the_quiz_is_unpublished(client, learner, learner_user, quiz):
    attempt = start_attempt(employee=learner, quiz=quiz)
    quiz.unpublish()
    client.force_login(learner_user)
    html = client.get(question_url(attempt, 1)).content.decode()
    assert 'href="None"' not in html
    assert 'class="govuk-back-link">Back' in html
    response = client.post(question_url(attempt, 1), {"answer": correct_keys(attempt, 1)})
    assert response["Location"] == question_url(attempt, 2)
    client.post(reverse("assessments:submit", args=[attempt.pk]))
    assert "You did not pass" in client.get(reverse("assessments:result", args=[attempt.pk])).content.decode()
