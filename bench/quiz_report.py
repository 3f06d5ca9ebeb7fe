"""The editors' quiz report over 100,000 finished attempts (PostgreSQL), beside a hand-written SQL reference.

The attempts are written set-based in SQL (25,000 bench people, four attempts each, ten questions an
attempt drawn from a pool of 30, one choice selected per answered question), once: a later run finds them.
The reference computes the same per-question counts (answered, right, each choice picked) and the summary
(attempts, learners, passed, average score, average time) in two plain aggregate statements.
"""

from __future__ import annotations

import json
import statistics
import time

from django.db import connection, transaction

from assessments.models import Attempt, QuizPage
from bench.quizzes import bench_quiz
from enrolment.models import Enrolment
from people.models import Department, Employee, Grade

SLUG = "bench-report-quiz"
STAFF_PREFIX = "BR-"


def report_quiz(*, attempts: int = 100_000, people: int = 25_000) -> QuizPage:
    """A published quiz (on the second bench course) with `attempts` finished attempts."""
    template = bench_quiz()
    course = template.get_parent().get_next_sibling().specific
    quiz = QuizPage.objects.child_of(course).filter(slug=SLUG).first()
    if quiz is None:
        quiz = QuizPage(
            title="Bench report quiz", slug=SLUG, questions=template.questions.raw_data, draw_count=10, pass_mark=80
        )
        course.add_child(instance=quiz)
        quiz.save_revision().publish()
    if Attempt.objects.filter(quiz=quiz).finished().count() >= attempts:
        _vacuum()  # the stampede before it left dead rows in the same tables
        return quiz
    Attempt.objects.filter(quiz=quiz).delete()
    _people(course, people)
    with transaction.atomic(), connection.cursor() as cursor:
        _attempts(cursor, quiz, attempts=attempts)
    _vacuum()
    return quiz


def _vacuum() -> None:
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) assessments_attempt, assessments_answer, assessments_selection")


def _people(course, count: int) -> None:
    department = Department.objects.order_by("pk").first()
    grade = Grade.objects.get(code="EO")
    Employee.objects.bulk_create(
        [
            Employee(
                staff_number=f"{STAFF_PREFIX}{n:06d}",
                given_name="Report",
                family_name=f"Learner {n}",
                email=f"bench.report.{n}@example.gov.uk",
                grade=grade,
                department=department,
            )
            for n in range(1, count + 1)
        ],
        batch_size=5000,
        ignore_conflicts=True,
    )
    employees = Employee.objects.filter(staff_number__startswith=STAFF_PREFIX)
    enrolled = set(
        Enrolment.objects.filter(course=course, employee__in=employees).values_list("employee_id", flat=True)
    )
    Enrolment.objects.bulk_create(
        [
            Enrolment(employee_id=pk, course=course)
            for pk in employees.values_list("pk", flat=True)
            if pk not in enrolled
        ],
        batch_size=5000,
    )


def _attempts(cursor, quiz: QuizPage, *, attempts: int) -> None:
    """Attempts, answers and selections in three statements. Each attempt draws 10 of the 30 questions
    (a window moving with the attempt); a learner's skill sets how often they choose choice 1, the right one."""
    from assessments.snapshot import pool

    entries = list(pool(quiz).values())
    cursor.execute("CREATE TEMPORARY TABLE bench_pool (n int PRIMARY KEY, entry jsonb) ON COMMIT DROP")
    cursor.execute(
        "INSERT INTO bench_pool VALUES " + ", ".join(["(%s, %s)"] * len(entries)),
        [value for n, entry in enumerate(entries) for value in (n, json.dumps(entry))],
    )
    cursor.execute(
        """
        INSERT INTO assessments_attempt (employee_id, enrolment_id, quiz_id, number, state, revision_id, questions,
            pass_mark, review, started_at, finished_at, finished_by)
        SELECT e.employee_id, e.id, %(quiz)s, s.i / %(people)s + 1, 'finished', %(revision)s,
               (SELECT jsonb_agg(p.entry ORDER BY p.n) FROM bench_pool p
                 WHERE (p.n - s.i %% 30 + 30) %% 30 < 10),
               80, 'immediately', now() - interval '60 days' + s.i * interval '40 seconds',
               now() - interval '60 days' + s.i * interval '40 seconds' + (300 + s.i %% 900) * interval '1 second',
               'learner'
          FROM generate_series(0, %(attempts)s - 1) AS s(i)
          JOIN (SELECT id, employee_id, row_number() OVER (ORDER BY employee_id) - 1 AS k
                  FROM enrolment_enrolment WHERE course_id = %(course)s
                   AND employee_id IN (SELECT id FROM people_employee WHERE staff_number LIKE 'BR-%%')) e
            ON e.k = s.i %% %(people)s
        """,
        {
            "quiz": quiz.pk,
            "revision": quiz.live_revision_id,
            "attempts": attempts,
            "people": Employee.objects.filter(staff_number__startswith=STAFF_PREFIX).count(),
            "course": quiz.get_parent().pk,
        },
    )
    cursor.execute(
        """
        INSERT INTO assessments_answer (attempt_id, position, question_key, answered_at, correct)
        SELECT a.id, q.position, q.entry->>'key', CASE WHEN h.roll < 97 THEN a.started_at END,
               h.roll < 97 AND h.roll < 30 + (a.employee_id * 7919 %% 60)
          FROM assessments_attempt a
          CROSS JOIN LATERAL jsonb_array_elements(a.questions) WITH ORDINALITY AS q(entry, position)
          CROSS JOIN LATERAL (SELECT (a.id * 31 + q.position * 17) %% 100 AS roll) h
         WHERE a.quiz_id = %s
        """,
        [quiz.pk],
    )
    cursor.execute(
        """
        INSERT INTO assessments_selection (answer_id, attempt_id, question_key, choice_key)
        SELECT s.id, s.attempt_id, s.question_key,
               s.question_key || '-' || CASE WHEN s.correct THEN 1 ELSE 2 + (s.id %% 3) END
          FROM assessments_answer s JOIN assessments_attempt a ON a.id = s.attempt_id
         WHERE a.quiz_id = %s AND s.answered_at IS NOT NULL
        """,
        [quiz.pk],
    )
    cursor.execute(
        """
        UPDATE assessments_attempt a SET score = c.right_answers, passed = c.right_answers * 100 >= 80 * 10
          FROM (SELECT attempt_id, count(*) FILTER (WHERE correct) AS right_answers
                  FROM assessments_answer GROUP BY attempt_id) c
         WHERE c.attempt_id = a.id AND a.quiz_id = %s
        """,
        [quiz.pk],
    )


REFERENCE_SUMMARY = """
SELECT count(*), count(DISTINCT employee_id), count(*) FILTER (WHERE passed), avg(score * 100.0 / out_of),
       avg(finished_at - started_at)
  FROM assessments_attempt WHERE quiz_id = %s AND state = 'finished'
"""
REFERENCE_QUESTIONS = """
SELECT a.question_key, count(*), count(*) FILTER (WHERE a.correct)
  FROM assessments_answer a JOIN assessments_attempt t ON t.id = a.attempt_id
 WHERE t.quiz_id = %s AND t.state = 'finished' GROUP BY a.question_key
"""
REFERENCE_CHOICES = """
SELECT s.question_key, s.choice_key, count(*)
  FROM assessments_selection s JOIN assessments_attempt t ON t.id = s.attempt_id
 WHERE t.quiz_id = %s AND t.state = 'finished' GROUP BY s.question_key, s.choice_key
"""


def time_report(quiz: QuizPage, *, runs: int = 5) -> tuple[list[float], list[float]]:
    """Seconds for `assessments.report.quiz_report(quiz)` and for the plain-SQL reference, each run in turn."""
    from assessments.report import quiz_report

    ours, bare = [], []
    quiz_report(quiz)  # warm: the pool parsed once, plans cached
    for _ in range(runs):
        started = time.perf_counter()
        quiz_report(quiz)
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for sql in (REFERENCE_SUMMARY, REFERENCE_QUESTIONS, REFERENCE_CHOICES):
                cursor.execute(sql, [quiz.pk])
                cursor.fetchall()
        bare.append(time.perf_counter() - started)
    return ours, bare


def median(values: list[float]) -> float:
    return statistics.median(values)


def time_report_page(quiz: QuizPage, *, requests: int = 5) -> list[float]:
    """Seconds for the whole report page (/admin/quizzes/<id>/report/) as an HR officer sees it."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    from people.roles import HR_OFFICERS

    user, _ = get_user_model().objects.get_or_create(email="bench.hr@example.gov.uk", defaults={"first_name": "HR"})
    user.groups.add(Group.objects.get(name=HR_OFFICERS))
    client = Client()
    client.force_login(user)
    url = f"/admin/quizzes/{quiz.pk}/report/"
    times = []
    for _ in range(requests + 1):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    return times[1:]
