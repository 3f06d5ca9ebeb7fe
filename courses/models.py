"""The course catalogue: catalogue, course and module pages in Wagtail, and topics."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.functional import cached_property
from modelcluster.fields import ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from content.blocks import INLINE_FEATURES, LessonBlock
from content.hooks import COURSE_PAGE_CONTEXT, MODULE_PAGE_CONTEXT
from content.pagination import pagination_links
from content.sites import CachedPrivacyMixin, visible_to
from courses.navigation import catalogue_url

# Other apps add to a course or module page's context through these hooks
# (enrolment adds the learner's progress) without this app importing them.
COURSE_CONTEXT_HOOK = COURSE_PAGE_CONTEXT
MODULE_CONTEXT_HOOK = MODULE_PAGE_CONTEXT


class Topic(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Level(models.TextChoices):
    AWARENESS = "awareness", "Awareness"
    PRACTITIONER = "practitioner", "Practitioner"
    EXPERT = "expert", "Expert"


# Duration filter buckets on the catalogue, in minutes: (slug, label, lowest, highest exclusive).
DURATIONS = [
    ("under-1-hour", "Under 1 hour", 0, 60),
    ("1-to-3-hours", "1 to 3 hours", 60, 180),
    ("over-3-hours", "Over 3 hours", 180, None),
]


class CoursePageMixin:
    """Course content is open to everyone unless the deployment sets COURSES_REQUIRE_SIGN_IN."""

    def serve(self, request, *args, **kwargs):
        if settings.COURSES_REQUIRE_SIGN_IN and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().serve(request, *args, **kwargs)


class CataloguePage(CachedPrivacyMixin, CoursePageMixin, Page):
    """The course catalogue: every published course, with filters and search."""

    introduction = RichTextField(blank=True, features=INLINE_FEATURES)
    per_page = 12

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["content.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1
    template = "courses/catalogue_page.html"

    class Meta:
        verbose_name = "course catalogue"

    def get_context(self, request, *args, **kwargs):
        from courses.catalogue import CatalogueQuery, with_topics

        context = super().get_context(request, *args, **kwargs)
        query = CatalogueQuery.from_request(request)
        courses = query.courses(catalogue=self, request=request)
        paginator = Paginator(courses, self.per_page)
        page_obj = paginator.get_page(request.GET.get("page"))
        context.update(
            query=query,
            page_obj=page_obj,
            pagination=pagination_links(page_obj, lambda number: "?" + query.querystring(page=number)),
            courses=with_topics(list(page_obj.object_list)),
            topics=Topic.objects.all(),
            levels=Level.choices,
            durations=[(slug, label) for slug, label, _low, _high in DURATIONS],
        )
        return context


class CoursePage(CachedPrivacyMixin, CoursePageMixin, Page):
    """One course: what it teaches and for whom, and its modules in order."""

    summary = models.TextField(max_length=500, help_text="One or two sentences shown in the catalogue.")
    learning_outcomes = RichTextField(
        features=["ul", "bold", "italic"],
        help_text="A bulleted list completing the sentence 'By the end of this course you will be able to…'.",
    )
    topics = ParentalManyToManyField(Topic, blank=True, related_name="courses")
    level = models.CharField(max_length=20, choices=Level.choices, default=Level.AWARENESS, db_index=True)
    duration_minutes = models.PositiveIntegerField(
        "estimated duration (minutes)", validators=[MinValueValidator(5), MaxValueValidator(6000)]
    )
    cpd_hours = models.DecimalField(
        "CPD hours", max_digits=4, decimal_places=1, default=Decimal("1.0"), validators=[MinValueValidator(0)]
    )
    audience = models.TextField(help_text="Who the course is for, for example 'All civil servants at SCS1 and above'.")
    prerequisites = ParentalManyToManyField(
        "self", blank=True, symmetrical=False, related_name="required_by", help_text="Courses to complete first."
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("learning_outcomes"),
        MultiFieldPanel(
            [
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("level"),
                FieldPanel("duration_minutes"),
                FieldPanel("cpd_hours"),
            ],
            heading="About the course",
        ),
        FieldPanel("audience"),
        FieldPanel("prerequisites"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("learning_outcomes"),
        index.SearchField("audience"),
        index.FilterField("level"),
        index.FilterField("duration_minutes"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]
    parent_page_types = ["courses.CataloguePage"]
    # The quiz is named, not imported: assessments builds on courses (docs/architecture.md).
    subpage_types = ["courses.ModulePage", "assessments.QuizPage"]
    template = "courses/course_page.html"

    class Meta:
        verbose_name = "course"

    @property
    def duration_label(self) -> str:
        hours, minutes = divmod(self.duration_minutes, 60)
        parts = []
        if hours:
            parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
        if minutes:
            parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
        return " ".join(parts)

    def modules(self):
        """The published modules, in the order editors arranged them."""
        return ModulePage.objects.child_of(self).live().order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["catalogue_url"] = catalogue_url(request)
        context["modules"] = list(self.modules().only("id", "title", "slug", "url_path", "path", "estimated_minutes"))
        context["topics"] = list(self.topics.all())
        context["prerequisites"] = list(visible_to(self.prerequisites.live(), request).only("id", "title", "url_path"))
        for hook in hooks.get_hooks(COURSE_CONTEXT_HOOK):
            hook(request=request, course=self, context=context)
        return context


class ModulePage(CachedPrivacyMixin, CoursePageMixin, Page):
    """One lesson of a course."""

    body = StreamField(LessonBlock(), help_text="The lesson: text, examples, data and practice questions.")
    estimated_minutes = models.PositiveIntegerField(
        default=20, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )

    content_panels = [*Page.content_panels, FieldPanel("estimated_minutes"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []
    template = "courses/module_page.html"

    class Meta:
        verbose_name = "module"

    @cached_property
    def course(self) -> CoursePage:
        return CoursePage.objects.get(path=self.path[: -self.steplen])

    @cached_property
    def course_outline(self) -> tuple[Page, list[Page]]:
        """The course (as a plain page: title, address, whether live) and its published modules, in one query."""
        course_path = self.path[: -self.steplen]
        pages = list(
            Page.objects.filter(path__startswith=course_path)
            .filter(Q(depth=self.depth - 1) | Q(depth=self.depth, live=True, content_type_id=self.content_type_id))
            .only("id", "title", "slug", "url_path", "path", "depth", "live", "content_type_id")
            .order_by("path")
        )
        return pages[0], pages[1:]

    def serve(self, request, *args, **kwargs):
        # A published module of an unpublished course is not published to learners.
        course, _modules = self.course_outline
        if not course.live:
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        course, modules = self.course_outline
        position = next((i for i, module in enumerate(modules) if module.pk == self.pk), None)
        context.update(
            catalogue_url=catalogue_url(request),
            course=course,
            modules=modules,
            position=None if position is None else position + 1,
            previous_module=modules[position - 1] if position else None,
            next_module=modules[position + 1] if position is not None and position + 1 < len(modules) else None,
        )
        for hook in hooks.get_hooks(MODULE_CONTEXT_HOOK):
            hook(request=request, module=self, context=context)
        return context
