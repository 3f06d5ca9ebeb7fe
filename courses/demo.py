"""Publishes the demo course catalogue (courses/demo_courses) for `manage.py load_demo`.

Idempotent: a course or module that already exists (by slug) is left exactly as
editors last saved it; only what is missing is created and published.
"""

from __future__ import annotations

import importlib
import io
import pkgutil
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.search import index

from courses import demo_courses
from courses.models import CataloguePage, CoursePage, ModulePage, Topic


@dataclass
class DemoCoursesResult:
    created_courses: list[str] = field(default_factory=list)
    created_modules: int = 0
    existing_courses: int = 0


def demo_course_definitions() -> list[dict]:
    """Every COURSE in courses/demo_courses, in a stable order (prerequisites first)."""
    courses = []
    for info in sorted(pkgutil.iter_modules(demo_courses.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{demo_courses.__name__}.{info.name}")
        if hasattr(module, "COURSE"):
            courses.append(module.COURSE)
    by_slug = {c["slug"]: c for c in courses}
    ordered: list[dict] = []

    def visit(course):
        if course in ordered:
            return
        for slug in course.get("prerequisites", []):
            visit(by_slug[slug])
        ordered.append(course)

    for course in courses:
        visit(course)
    return ordered


@transaction.atomic
def load_demo_courses() -> DemoCoursesResult:
    """Topics, diagrams, datasets and the six demo courses, published under the catalogue."""
    result = DemoCoursesResult()
    catalogue = CataloguePage.objects.first()
    if catalogue is None:
        raise RuntimeError("There is no course catalogue page: run `manage.py migrate` first.")
    topics = {
        slug: Topic.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})[0]
        for slug, (name, description) in demo_courses.TOPICS.items()
    }
    pages: dict[str, CoursePage] = {}
    for definition in demo_course_definitions():
        course = CoursePage.objects.child_of(catalogue).filter(slug=definition["slug"]).first()
        if course is None:
            course = _create_course(catalogue, definition, topics, pages)
            result.created_courses.append(course.title)
        else:
            result.existing_courses += 1
        pages[definition["slug"]] = course
        existing_modules = set(ModulePage.objects.child_of(course).values_list("slug", flat=True))
        for module in definition["modules"]:
            if module["slug"] not in existing_modules:
                page = ModulePage(
                    title=module["title"],
                    slug=module["slug"],
                    estimated_minutes=module["estimated_minutes"],
                    body=[_raw_block(block_type, value) for block_type, value in module["body"]],
                )
                course.add_child(instance=page)
                page.save_revision().publish()
                result.created_modules += 1
    _index_for_search(pages.values())
    return result


def _index_for_search(courses) -> None:
    # Wagtail indexes a saved page in a background task, which waits for a worker
    # (`db_worker` in `make run`); the demo must be searchable as soon as it is loaded,
    # however `load_demo` is run, so its pages are indexed here too (again, if loaded before).
    for course in courses:
        index.insert_or_update_object(course)
        for module in ModulePage.objects.child_of(course):
            index.insert_or_update_object(module)


def _create_course(catalogue, definition, topics, pages) -> CoursePage:
    outcomes = "".join(f"<li>{outcome}</li>" for outcome in definition["learning_outcomes"])
    course = CoursePage(
        title=definition["title"],
        slug=definition["slug"],
        summary=definition["summary"],
        learning_outcomes=f"<ul>{outcomes}</ul>",
        level=definition["level"],
        duration_minutes=definition["duration_minutes"],
        cpd_hours=Decimal(definition["cpd_hours"]),
        audience=definition["audience"],
    )
    course.topics = [topics[slug] for slug in definition["topics"]]
    course.prerequisites = [pages[slug] for slug in definition.get("prerequisites", []) if slug in pages]
    catalogue.add_child(instance=course)
    course.save_revision().publish()
    return course


def _raw_block(block_type: str, value) -> dict:
    """A block in StreamField's stored form, with demo images and documents created as needed."""
    if block_type == "image":
        value = {**value, "image": demo_image(value["image"]).pk}
    elif block_type == "dataset":
        value = {**value, "document": demo_document(**value["document"]).pk}
    elif block_type == "table":
        value = {
            "caption": value["caption"],
            "columns": [{"type": kind, "heading": heading} for kind, heading in value["columns"]],
            "rows": [
                {"values": [str(cell) if isinstance(cell, int | float) else cell for cell in row]}
                for row in value["rows"]
            ],
        }
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def demo_document(*, title: str, filename: str, content: str):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(filename, ContentFile(content.encode("utf-8")), save=False)
        document.file_size = len(content.encode("utf-8"))
        document.save()
    return document


def demo_image(key: str):
    """One of the diagrams in DEMO_IMAGES, drawn here so the demo needs no downloads."""
    Image = get_image_model()
    title = demo_courses.DEMO_IMAGES[key]
    image = Image.objects.filter(title=title).first()
    if image is None:
        png = _DRAWINGS[key]()
        image = Image(title=title)
        image.file = ImageFile(io.BytesIO(png), name=f"{slugify(key)}.png")
        image.save()
    return image


WIDTH, HEIGHT = 960, 540
BLUE, INK, PALE, WHITE = (29, 112, 184), (11, 12, 12), (243, 242, 241), (255, 255, 255)


def _font(size: int):
    return ImageFont.load_default(size=size)


def _png(draw_on) -> bytes:
    canvas = PILImage.new("RGB", (WIDTH, HEIGHT), WHITE)
    draw_on(ImageDraw.Draw(canvas))
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return buffer.getvalue()


def _five_stars() -> bytes:
    steps = [
        ("★", "Open licence", "e.g. a PDF"),
        ("★★", "Structured data", "e.g. Excel"),
        ("★★★", "Open format", "e.g. CSV"),
        ("★★★★", "URIs identify things", "e.g. RDF"),
        ("★★★★★", "Linked to other data", "Linked data"),
    ]

    def draw(d):
        d.text((40, 24), "Five-star open data", fill=INK, font=_font(34))
        for i, (_stars, label, example) in enumerate(steps):
            x = 40 + i * 180
            height = 90 + i * 75
            d.rectangle([x, HEIGHT - 40 - height, x + 165, HEIGHT - 40], fill=BLUE)
            d.text((x + 10, HEIGHT - 40 - height + 10), f"{i + 1} star{'s' if i else ''}", fill=WHITE, font=_font(22))
            d.text((x + 10, HEIGHT - 40 - height + 40), label, fill=WHITE, font=_font(15))
            d.text((x + 10, HEIGHT - 40 - height + 62), example, fill=WHITE, font=_font(15))

    return _png(draw)


def _records_lifecycle() -> bytes:
    stages = ["Create", "Use", "Store", "Review", "Dispose or transfer"]

    def draw(d):
        d.text((40, 24), "The life of a record", fill=INK, font=_font(34))
        for i, stage in enumerate(stages):
            x = 40 + i * 180
            d.rounded_rectangle([x, 220, x + 150, 320], radius=12, fill=BLUE)
            d.text((x + 12, 258), stage, fill=WHITE, font=_font(18))
            if i < len(stages) - 1:
                d.line([x + 150, 270, x + 180, 270], fill=INK, width=4)
                d.polygon([(x + 180, 270), (x + 170, 262), (x + 170, 278)], fill=INK)
        d.text(
            (40, 380), "Records of historical value are transferred to The National Archives;", fill=INK, font=_font(20)
        )
        d.text((40, 410), "others are destroyed when their retention period ends.", fill=INK, font=_font(20))

    return _png(draw)


def _chat_queue() -> bytes:
    def draw(d):
        d.text((40, 24), "A live chat queue", fill=INK, font=_font(34))
        for i in range(6):
            d.ellipse([60 + i * 70, 220, 110 + i * 70, 270], fill=PALE, outline=INK, width=2)
        d.text((60, 290), "6 people waiting", fill=INK, font=_font(20))
        d.line([520, 245, 600, 245], fill=INK, width=4)
        d.polygon([(600, 245), (588, 236), (588, 254)], fill=INK)
        for i in range(3):
            d.rectangle([640, 150 + i * 100, 900, 220 + i * 100], fill=BLUE)
            d.text((655, 172 + i * 100), f"Adviser {i + 1}: 2 chats", fill=WHITE, font=_font(20))
        d.text((60, 440), "Average wait: 45 seconds", fill=INK, font=_font(24))

    return _png(draw)


_DRAWINGS = {
    "five-star-open-data": _five_stars,
    "records-lifecycle": _records_lifecycle,
    "chat-queue": _chat_queue,
}
