"""Two tabs starting the same quiz at the same moment, on PostgreSQL, where requests really run side by side."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from assessments.attempts import AttemptRefused, start_attempt
from assessments.models import Attempt, QuizPage
from people.models import Employee
from tests.factories import CoursePageFactory, EmployeeFactory, QuizPageFactory

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one writer at a time"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def start_together(employee_id: int, quiz_id: int, tabs: int) -> list:
    barrier = threading.Barrier(tabs)
    results: list = []

    def tab():
        try:
            barrier.wait()
            quiz = QuizPage.objects.get(pk=quiz_id)
            results.append(start_attempt(employee=Employee.objects.get(pk=employee_id), quiz=quiz).pk)
        except AttemptRefused as refused:
            results.append(str(refused))
        except Exception as error:  # the test reports any error a tab met
            results.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=tab) for _ in range(tabs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_tabs_starting_at_once_share_one_open_attempt():
    quiz = QuizPageFactory(parent=CoursePageFactory(modules=1), pool=6)
    learner = EmployeeFactory(with_user=True)
    results = start_together(learner.pk, quiz.pk, tabs=6)
    assert Attempt.objects.filter(employee=learner, quiz=quiz).count() == 1
    assert results == [Attempt.objects.get().pk] * 6


def test_tabs_cannot_get_more_attempts_than_allowed():
    quiz = QuizPageFactory(parent=CoursePageFactory(modules=1), pool=6, max_attempts=1)
    learner = EmployeeFactory(with_user=True)
    start_together(learner.pk, quiz.pk, tabs=4)
    attempt = Attempt.objects.get()
    attempt.state = Attempt.State.FINISHED
    attempt.passed = False
    attempt.save()
    results = start_together(learner.pk, quiz.pk, tabs=4)
    assert Attempt.objects.count() == 1
    assert results == ["You have used all your attempts at this quiz."] * 4


def requests_together(user, urls: list[str]) -> list:
    """POST each url from its own signed-in tab (a test client in a thread of its own), all at once."""
    from django.test import Client

    barrier = threading.Barrier(len(urls))
    responses: list = []

    def tab(url):
        client = Client()
        client.force_login(user)
        try:
            barrier.wait()
            responses.append(client.post(url))
        except Exception as error:  # the test reports any error a tab met
            responses.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=tab, args=(url,)) for url in urls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def test_start_requests_from_tabs_at_once_get_one_attempt_and_one_result_when_submitted_at_once():
    from django.urls import reverse

    quiz = QuizPageFactory(parent=CoursePageFactory(modules=1), pool=6)
    learner = EmployeeFactory(with_user=True)
    started = requests_together(learner.user, [reverse("assessments:start", args=[quiz.pk])] * 5)
    attempt = Attempt.objects.get(employee=learner, quiz=quiz)
    assert [r.status_code for r in started] == [302] * 5
    assert {r["Location"] for r in started} == {reverse("assessments:question", args=[attempt.pk, 1])}
    submitted = requests_together(learner.user, [reverse("assessments:submit", args=[attempt.pk])] * 5)
    assert {r["Location"] for r in submitted} == {reverse("assessments:result", args=[attempt.pk])}
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.FINISHED
    assert Attempt.objects.filter(employee=learner, quiz=quiz).count() == 1
