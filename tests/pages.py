"""Building course pages in tests: plain functions over the catalogue the migrations create."""

from __future__ import annotations

import itertools

from courses.models import CataloguePage, CoursePage, ModulePage, Topic

_numbers = itertools.count(1)


def catalogue() -> CataloguePage:
    return CataloguePage.objects.get()


def lesson(text: str = "A lesson about open data.") -> list[dict]:
    return [{"type": "text", "value": f"<h2>In this module</h2><p>{text}</p>"}]


def make_course(
    *, modules: int = 3, title: str | None = None, publish: bool = True, topics: list[Topic] = (), **fields
) -> CoursePage:
    """A live course with `modules` live modules (no revisions: fast enough for hundreds)."""
    number = next(_numbers)
    defaults = {
        "title": title or f"Course {number}",
        "slug": f"course-{number}",
        "summary": "A course for civil servants.",
        "learning_outcomes": "<ul><li>explain what the course covers</li></ul>",
        "duration_minutes": 60,
        "audience": "All civil servants",
        "live": publish,
    }
    course = CoursePage(**{**defaults, **fields})
    if topics:
        course.topics = list(topics)
    catalogue().add_child(instance=course)
    for index in range(modules):
        add_module(course, title=f"{course.title}: module {index + 1}")
    return course


def add_module(course: CoursePage, *, title: str | None = None, publish: bool = True, text: str | None = None):
    number = next(_numbers)
    module = ModulePage(
        title=title or f"Module {number}",
        slug=f"module-{number}",
        body=lesson(text or f"Lesson text for module {number}."),
        estimated_minutes=15,
        live=publish,
    )
    course.add_child(instance=module)
    return module
