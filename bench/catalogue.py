"""A civil-service-sized course catalogue for benchmarks, written set-based (no per-page saves)."""

from __future__ import annotations

import operator
import uuid
from dataclasses import dataclass
from functools import reduce

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from courses.models import CataloguePage, CoursePage, ModulePage

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
PREFIX = "bench-course-"

LESSON = (
    '[{"type": "text", "value": "<h2>About this module</h2><p>'
    + ("Open data is data that anyone can access, use and share. " * 40)
    + '</p>", "id": "%s"}, {"type": "warning", "value": {"text": "Never publish personal data."}, "id": "%s"}]'
)


def _step(number: int) -> str:
    digits = ""
    while number:
        number, remainder = divmod(number, 36)
        digits = ALPHABET[remainder] + digits
    return digits.rjust(Page.steplen, "0")


@dataclass
class BenchCatalogue:
    courses: int
    modules: int


@transaction.atomic
def build_catalogue(*, courses: int, modules_per_course: int) -> BenchCatalogue:
    """Replace earlier bench courses with `courses` live courses of `modules_per_course` live modules each."""
    catalogue = CataloguePage.objects.get()
    remove_catalogue()
    catalogue.refresh_from_db()
    course_type = ContentType.objects.get_for_model(CoursePage)
    module_type = ContentType.objects.get_for_model(ModulePage)
    now = timezone.now()
    first = catalogue.numchild + 1
    base = {
        "locale_id": catalogue.locale_id,
        "live": True,
        "has_unpublished_changes": False,
        "first_published_at": now,
        "last_published_at": now,
    }
    course_pages, module_pages = [], []
    for index in range(courses):
        path = catalogue.path + _step(first + index)
        slug = f"{PREFIX}{index + 1}"
        course_pages.append(
            Page(
                title=f"Benchmark course {index + 1}",
                draft_title=f"Benchmark course {index + 1}",
                slug=slug,
                content_type=course_type,
                path=path,
                depth=catalogue.depth + 1,
                numchild=modules_per_course,
                url_path=f"{catalogue.url_path}{slug}/",
                translation_key=uuid.uuid4(),
                **base,
            )
        )
        for number in range(1, modules_per_course + 1):
            module_slug = f"module-{number}"
            module_pages.append(
                Page(
                    title=f"Module {number}",
                    draft_title=f"Module {number}",
                    slug=module_slug,
                    content_type=module_type,
                    path=path + _step(number),
                    depth=catalogue.depth + 2,
                    numchild=0,
                    url_path=f"{catalogue.url_path}{slug}/{module_slug}/",
                    translation_key=uuid.uuid4(),
                    **base,
                )
            )
    Page.objects.bulk_create(course_pages, batch_size=2000)
    Page.objects.bulk_create(module_pages, batch_size=2000)
    course_ids = list(
        Page.objects.filter(content_type=course_type, slug__startswith=PREFIX).values_list("pk", flat=True)
    )
    module_ids = list(
        Page.objects.filter(content_type=module_type, path__in=[p.path for p in module_pages]).values_list(
            "pk", flat=True
        )
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO courses_coursepage (page_ptr_id, summary, learning_outcomes, level, duration_minutes,"
            " cpd_hours, audience) VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [
                (pk, "A benchmark course.", "<ul><li>measure</li></ul>", "awareness", 60, 1, "Everyone")
                for pk in course_ids
            ],
        )
        cursor.executemany(
            "INSERT INTO courses_modulepage (page_ptr_id, body, estimated_minutes) VALUES (%s, %s, %s)",
            [(pk, LESSON % (uuid.uuid4(), uuid.uuid4()), 20) for pk in module_ids],
        )
    Page.objects.filter(pk=catalogue.pk).update(numchild=catalogue.numchild + courses)
    return BenchCatalogue(courses=len(course_ids), modules=len(module_ids))


def bench_pages() -> tuple[QuerySet, QuerySet]:
    """The bench courses and their modules."""
    return (
        CoursePage.objects.filter(slug__startswith=PREFIX),
        ModulePage.objects.filter(url_path__contains=f"/{PREFIX}"),
    )


def index_catalogue() -> int:
    """Put the bench courses and modules in the search index unless each is found there; returns how many.

    The catalogue is written set-based, so Wagtail's save signals never index it, and the catalogue-search
    row of `manage.py bench` must time a search that finds something. Searching for words every bench page
    holds tells whether all of them are indexed, in two queries, without rebuilding a whole index each run.
    """
    backend = get_search_backend()
    courses, modules = bench_pages()
    indexed = 0
    for pages, words in ((courses, "benchmark course"), (modules, "open data")):
        ids = list(pages.values_list("pk", flat=True))
        searchable = pages.model.objects.filter(pk__in=ids)  # search filters only on indexed fields such as id
        if ids and backend.search(words, searchable, operator="and").count() < len(ids):
            backend.add_bulk(pages.model, list(pages))
            indexed += len(ids)
    return indexed


def remove_catalogue() -> None:
    """Delete the bench courses, their modules and any progress on them."""
    from enrolment.models import Enrolment, ModuleCompletion

    catalogue = CataloguePage.objects.get()
    paths = Page.objects.child_of(catalogue).filter(slug__startswith=PREFIX).values_list("path", flat=True)
    if not paths:
        return
    pages = Page.objects.filter(reduce(operator.or_, (Q(path__startswith=path) for path in paths)))
    ModuleCompletion.objects.filter(module__in=pages).delete()
    Enrolment.objects.filter(course__in=pages).delete()
    pages.delete()
