"""Loading the demo leaves search working, with or without a task worker running.

Wagtail indexes a saved page through a background task (modelsearch's
`insert_or_update_object_task`); with the database task backend and no
`db_worker`, as after `migrate` and `load_demo` by hand, that task waits in the
queue and the catalogue's search found nothing.
"""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.search.models import IndexEntry

pytestmark = pytest.mark.django_db

# Tasks are queued and never run: what happens when nobody has started a worker.
NO_WORKER = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def found(client, text: str) -> list[str]:
    return [course.title for course in client.get("/courses/", {"q": text}).context["courses"]]


def test_demo_courses_are_searchable_straight_after_load_demo_without_a_worker(client):
    with override_settings(TASKS=NO_WORKER):
        call_command("load_demo", stdout=io.StringIO())
    assert "Open data essentials" in found(client, "open data")
    # Through a module's title too ("Asking the right question" is in "Analysing data for policy").
    assert "Analysing data for policy" in found(client, "asking the right question")

    # Loaded before the fix (or the index cleared): loading again makes it searchable.
    IndexEntry.objects.all().delete()
    with override_settings(TASKS=NO_WORKER):
        call_command("load_demo", stdout=io.StringIO())
    assert "Open data essentials" in found(client, "open data")
