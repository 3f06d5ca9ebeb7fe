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
