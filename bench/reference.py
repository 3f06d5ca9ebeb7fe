"""Bare references for `manage.py bench`: the least Django can do for the same page, timed in the same run.

My learning (kept) is compared with a minimal Django view behind only the session and authentication
middleware (and one pointing the request at this module's URLs): it loads the same user (with their
roles, the same query), makes one query for the person's enrolments with their course titles and due
dates, and renders them as a GOV.UK table from a template.
A ratio to it holds on any machine, where a number of milliseconds does not.
"""

from __future__ import annotations

import functools

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from enrolment.models import Enrolment
from people.roles import employee_for

MIDDLEWARE = [
    "bench.reference.reference_urls",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
URL = "/bench/bare-my-learning/"

_TABLE = """<!DOCTYPE html><html lang="en"><head><title>My learning</title></head><body><main>
<table class="govuk-table"><caption class="govuk-table__caption">Your learning</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row">
<th scope="col" class="govuk-table__header">Course</th><th scope="col" class="govuk-table__header">Due</th>
<th scope="col" class="govuk-table__header">Status</th></tr></thead><tbody class="govuk-table__body">
{% for title, url_path, due_on, completed_at in rows %}<tr class="govuk-table__row">
<th scope="row" class="govuk-table__header"><a class="govuk-link" href="{{ url_path }}">{{ title }}</a></th>
<td class="govuk-table__cell">{{ due_on|date:"j F Y"|default:"-" }}</td>
<td class="govuk-table__cell"><strong class="govuk-tag">
{% if completed_at %}Completed{% else %}To do{% endif %}</strong></td>
</tr>{% endfor %}</tbody></table></main></body></html>"""


def reference_urls(get_response):
    """This module's URLs, whatever ROOT_URLCONF says: a client made with this MIDDLEWARE can then be
    timed in turn with one of the site's (`bench.timing.time_in_turn`)."""

    def middleware(request):
        request.urlconf = __name__
        return get_response(request)

    return middleware


@functools.cache
def _template():
    """Compiled once per process, as Django's cached template loader keeps the site's templates."""
    return engines["django"].from_string(_TABLE)


def bare_my_learning(request):
    """The person's enrolments as one table: one query on top of the session and the user."""
    employee = employee_for(request.user)
    rows = Enrolment.objects.filter(employee=employee).values_list(
        "course__title", "course__url_path", "due_on", "completed_at"
    )
    return HttpResponse(_template().render({"rows": list(rows)}, request))


urlpatterns = [path(URL.strip("/") + "/", bare_my_learning)]


# The quiz stampede's references: the same writes as starting an attempt and saving an answer, in plain
# SQL behind the session and authentication middleware (bench/quizzes.py times them the same way).
START_URL = "/bench/bare-start/"
ANSWER_URL = "/bench/bare-answer/"
_QUESTIONS = {"json": "[]"}  # set by the bench to a real attempt's questions before the workers fork


def bare_start(request):
    """One transaction: the learner's enrolment, a new (finished) attempt with the questions, its answer rows."""
    from django.db import connection, transaction

    employee = employee_for(request.user)
    quiz_id = int(request.POST["quiz"])
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.id FROM enrolment_enrolment e JOIN wagtailcore_page q ON q.id = %s "
            "JOIN wagtailcore_page c ON c.path = substr(q.path, 1, length(q.path) - 4) "
            "WHERE e.employee_id = %s AND e.course_id = c.id ORDER BY e.id LIMIT 1 FOR UPDATE OF e",
            [quiz_id, employee.pk],
        )
        (enrolment_id,) = cursor.fetchone()
        cursor.execute(
            "INSERT INTO assessments_attempt (employee_id, enrolment_id, quiz_id, number, state, questions, "
            "pass_mark, review, started_at, finished_by) SELECT %s, %s, %s, COALESCE(MAX(number), 0) + 1, "
            "'finished', %s, 80, 'immediately', now(), 'learner' FROM assessments_attempt "
            "WHERE employee_id = %s AND quiz_id = %s RETURNING id",
            [employee.pk, enrolment_id, quiz_id, _QUESTIONS["json"], employee.pk, quiz_id],
        )
        (attempt_id,) = cursor.fetchone()
        cursor.execute(
            "INSERT INTO assessments_answer (attempt_id, position, question_key) "
            "SELECT %s, n, 'q' || n FROM generate_series(1, 10) AS n",
            [attempt_id],
        )
    return HttpResponse(status=302, headers={"Location": f"/learning/attempts/{attempt_id}/questions/1/"})


def bare_answer(request):
    """One transaction: lock the attempt, stamp the answer, replace its selection."""
    from django.db import connection, transaction

    attempt_id, position = int(request.POST["attempt"]), int(request.POST["position"])
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT id FROM assessments_attempt WHERE id = %s FOR UPDATE", [attempt_id])
        cursor.execute(
            "UPDATE assessments_answer SET answered_at = now() WHERE attempt_id = %s AND position = %s "
            "RETURNING id, question_key",
            [attempt_id, position],
        )
        answer_id, question_key = cursor.fetchone()
        cursor.execute("DELETE FROM assessments_selection WHERE answer_id = %s", [answer_id])
        cursor.execute(
            "INSERT INTO assessments_selection (answer_id, attempt_id, question_key, choice_key) "
            "VALUES (%s, %s, %s, %s)",
            [answer_id, attempt_id, question_key, request.POST["answer"]],
        )
    return HttpResponse(status=302, headers={"Location": "/"})


urlpatterns += [
    path(START_URL.strip("/") + "/", bare_start),
    path(ANSWER_URL.strip("/") + "/", bare_answer),
]
