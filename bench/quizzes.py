"""The start-of-exam stampede: many learners starting one quiz within the same second, then answering it.

The requests go through the whole request path (Django's test client: middleware, sessions, URL
routing, views, templates, database) in worker processes that each serve their share of the
learners in turn, as a WSGI server's workers would. A request's time is counted from the moment it
was due to arrive, so it includes any wait for a busy worker.

The bare reference is the same harness against minimal views (bench/reference.py) that make the same
writes in plain SQL: an attempt and its answer rows, and an answer with its selection.
"""

from __future__ import annotations

import json
import multiprocessing
import re
import statistics
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connections, transaction
from django.test import Client

from assessments.models import Attempt, QuizPage
from bench.catalogue import PREFIX
from courses.models import CoursePage
from enrolment.models import Enrolment
from people.models import Department, Employee, Grade

QUIZ_SLUG = "bench-quiz"
STAFF_PREFIX = "BQ-"
CHOICE = re.compile(r'name="answer" type="(?:radio|checkbox)" value="([^"]+)"')


def bench_quiz(*, pool: int = 30, draw: int = 10, time_limit_minutes: int = 30) -> QuizPage:
    """A published quiz on the first bench course: `pool` questions, `draw` an attempt, timed."""
    course = CoursePage.objects.filter(slug__startswith=PREFIX).order_by("path").first()
    if course is None:
        raise RuntimeError("No bench catalogue: run `manage.py bench --only pages` once first.")
    quiz = QuizPage.objects.child_of(course).filter(slug=QUIZ_SLUG).first()
    if quiz is None:
        questions = [
            {
                "type": "single_choice",
                "id": f"bq{n}",
                "value": {
                    "question": f"Bench question {n}: which statement is right?",
                    "choices": [
                        {
                            "type": "item",
                            "id": f"bq{n}-{c}",
                            "value": {"text": f"Choice {c}", "correct": c == 1, "feedback": ""},
                        }
                        for c in range(1, 5)
                    ],
                    "explanation": f"<p>Why choice 1 is right for question {n}.</p>",
                },
            }
            for n in range(1, pool + 1)
        ]
        quiz = QuizPage(
            title="Bench quiz",
            slug=QUIZ_SLUG,
            questions=questions,
            draw_count=draw,
            pass_mark=80,
            time_limit_minutes=time_limit_minutes,
        )
        course.add_child(instance=quiz)
        quiz.save_revision().publish()
    return quiz


def quiz_learners(count: int) -> list[int]:
    """`count` signed-up bench learners with no attempt at the bench quiz yet; their user ids."""
    department = Department.objects.order_by("pk").first() or Department.objects.create(code="BENCH", name="Bench")
    grade = Grade.objects.get(code="EO")
    users = get_user_model()
    ids = []
    with transaction.atomic():
        for n in range(1, count + 1):
            email = f"bench.quiz.{n}@example.gov.uk"
            user, _ = users.objects.get_or_create(email=email, defaults={"first_name": "Quiz", "last_name": str(n)})
            Employee.objects.update_or_create(
                staff_number=f"{STAFF_PREFIX}{n:05d}",
                defaults={
                    "user": user,
                    "given_name": "Quiz",
                    "family_name": f"Learner {n}",
                    "email": email,
                    "grade": grade,
                    "department": department,
                },
            )
            ids.append(user.pk)
    return ids


def reset(quiz: QuizPage) -> None:
    """Every bench learner starts afresh: enrolled on the quiz's course (as anyone reaching its quiz is,
    and as the bare reference expects), with no attempts at the quiz yet."""
    Attempt.objects.filter(quiz=quiz).delete()
    Enrolment.objects.filter(employee__staff_number__startswith=STAFF_PREFIX).delete()
    Enrolment.objects.bulk_create(
        Enrolment(employee=employee, course_id=quiz.course.pk, source=Enrolment.Source.SELF)
        for employee in Employee.objects.filter(staff_number__startswith=STAFF_PREFIX)
    )


def session_cookies(user_ids: list[int]) -> list[str]:
    """A signed-in session for each user (made before the clock starts)."""
    cookies = []
    for user in get_user_model().objects.filter(pk__in=user_ids).order_by("pk"):
        client = Client()
        client.force_login(user)
        cookies.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return cookies


@dataclass
class Phase:
    name: str
    durations: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def p50(self) -> float:
        return statistics.median(self.durations) if self.durations else 0.0

    @property
    def p95(self) -> float:
        ordered = sorted(self.durations)
        return ordered[max(0, int(len(ordered) * 0.95) - 1)] if ordered else 0.0

    @property
    def worst(self) -> float:
        return max(self.durations, default=0.0)


def _client(cookie: str) -> Client:
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    return client


def _worker(share, quiz_url: str, start_url: str, spread_s: float, start_at: float, answer_at: float, queue) -> None:
    """Serve this worker's learners: each start when it is due, then one request of each learner in turn."""
    connections.close_all()
    clients = [(index, _client(cookie)) for index, cookie in share]
    results = {"start": [], "question": [], "answer": [], "submit": [], "errors": [], "attempts": []}
    locations = {}
    for _index, client in clients:  # each learner has the start page open; the worker is warm
        client.get(quiz_url)
    for index, client in clients:
        due = start_at + spread_s * index
        while time.time() < due:
            time.sleep(0.0005)
        response = client.post(start_url)
        results["start"].append((time.time() - due) * 1000)
        location = response.headers.get("Location", "")
        match = re.search(r"/attempts/(\d+)/", location)
        if response.status_code != 302 or not match:
            results["errors"].append(f"start answered {response.status_code} {location}")
            continue
        locations[index] = location
        results["attempts"].append((index, int(match.group(1))))
    while time.time() < answer_at:
        time.sleep(0.001)
    pending = dict(locations)
    by_index = dict(clients)
    while pending:
        for index in list(pending):
            client, url = by_index[index], pending[index]
            if url.endswith("/check/"):
                submit = url.replace("/check/", "/submit/")
                begin = time.perf_counter()
                response = client.post(submit)
                results["submit"].append((time.perf_counter() - begin) * 1000)
                if response.status_code != 302:
                    results["errors"].append(f"submit answered {response.status_code}")
                del pending[index]
                continue
            begin = time.perf_counter()
            page = client.get(url)
            results["question"].append((time.perf_counter() - begin) * 1000)
            choices = CHOICE.findall(page.content.decode())
            if page.status_code != 200 or not choices:
                results["errors"].append(f"question page answered {page.status_code}")
                del pending[index]
                continue
            begin = time.perf_counter()
            response = client.post(url, {"answer": [choices[index % len(choices)]]})
            results["answer"].append((time.perf_counter() - begin) * 1000)
            if response.status_code != 302:
                results["errors"].append(f"answer answered {response.status_code}")
                del pending[index]
                continue
            pending[index] = response.headers["Location"]
    queue.put(results)


def stampede(*, quiz: QuizPage, cookies: list[str], workers: int, spread_s: float = 1.0) -> dict[str, Phase]:
    """Every learner starts the quiz within `spread_s` seconds, served by `workers` processes; then all
    answer every question and submit. Returns the phases' request times (ms) and errors."""
    quiz_url = quiz.url  # before the connection closes: the workers must not inherit one
    connections.close_all()
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    start_at = time.time() + 5 + len(cookies) * 0.03
    answer_at = start_at + spread_s + 15
    shares = [[(i, c) for i, c in enumerate(cookies) if i % workers == w] for w in range(workers)]
    start_url = f"/learning/quizzes/{quiz.pk}/start/"
    per = spread_s / max(1, len(cookies))
    processes = [
        context.Process(target=_worker, args=(share, quiz_url, start_url, per, start_at, answer_at, queue))
        for share in shares
    ]
    for process in processes:
        process.start()
    results = [queue.get() for _ in processes]
    for process in processes:
        process.join()
    phases = {name: Phase(name) for name in ("start", "question", "answer", "submit")}
    attempts = []
    for result in results:
        for name, phase in phases.items():
            phase.durations.extend(result[name])
        phases["start"].errors.extend(result["errors"])
        attempts.extend(result["attempts"])
    phases["start"].attempt_ids = dict(attempts)
    return phases


def _reference_worker(share, quiz_id: int, spread_s: float, start_at: float, answer_at: float, queue) -> None:
    """The same schedule against the bare references: each start when due, then ten answers of each in turn."""
    from bench import reference

    connections.close_all()
    clients = [(index, attempt_id, _client(cookie)) for index, attempt_id, cookie in share]
    results = {"start": [], "answer": [], "errors": []}
    for _index, attempt_id, client in clients:  # warm, as in the real run
        client.post(reference.ANSWER_URL, {"attempt": attempt_id, "position": 1, "answer": "warm"})
    for index, _attempt_id, client in clients:
        due = start_at + spread_s * index
        while time.time() < due:
            time.sleep(0.0005)
        response = client.post(reference.START_URL, {"quiz": quiz_id})
        results["start"].append((time.time() - due) * 1000)
        if response.status_code != 302:
            results["errors"].append(f"bare start answered {response.status_code}")
    while time.time() < answer_at:
        time.sleep(0.001)
    for position in range(1, 11):
        for index, attempt_id, client in clients:
            begin = time.perf_counter()
            response = client.post(
                reference.ANSWER_URL, {"attempt": attempt_id, "position": position, "answer": f"bq{index}-1"}
            )
            results["answer"].append((time.perf_counter() - begin) * 1000)
            if response.status_code != 302:
                results["errors"].append(f"bare answer answered {response.status_code}")
    queue.put(results)


def reference_stampede(
    *, quiz: QuizPage, cookies: list[str], attempt_ids: dict[int, int], workers: int, spread_s: float = 1.0
) -> dict[str, Phase]:
    """The bare references under the same load and schedule as `stampede` (run after it: the learners'
    enrolments and attempts exist)."""
    from django.test import override_settings

    from bench import reference

    first = Attempt.objects.filter(pk__in=list(attempt_ids.values())).values_list("questions", flat=True).first()
    reference._QUESTIONS["json"] = json.dumps(first or [])
    connections.close_all()
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    start_at = time.time() + 3 + workers * 0.5
    answer_at = start_at + spread_s + 10
    learners = [(i, attempt_ids[i], c) for i, c in enumerate(cookies) if i in attempt_ids]
    shares = [[row for row in learners if row[0] % workers == w] for w in range(workers)]
    per = spread_s / max(1, len(cookies))
    with override_settings(ROOT_URLCONF="bench.reference", MIDDLEWARE=reference.MIDDLEWARE):
        processes = [
            context.Process(target=_reference_worker, args=(share, quiz.pk, per, start_at, answer_at, queue))
            for share in shares
        ]
        for process in processes:
            process.start()
        results = [queue.get() for _ in processes]
        for process in processes:
            process.join()
    phases = {name: Phase(f"bare {name}") for name in ("start", "answer")}
    for result in results:
        for name, phase in phases.items():
            phase.durations.extend(result[name])
        phases["start"].errors.extend(result["errors"])
    return phases
