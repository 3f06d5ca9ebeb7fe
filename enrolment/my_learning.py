"""My learning: what a signed-in person must do and by when, what they are doing, what they have done.

Read side only. Everything comes from two queries whatever the number of
enrolments: the person's enrolments with their course, requirement and module
counts (annotated in the database), and their exemptions in force. The status
of a compulsory course follows the rules of `enrolment.status.with_status`,
applied to one person's rows in Python.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import models
from django.db.models import Case, Exists, F, Func, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone

from courses.models import CoursePage, ModulePage
from enrolment.models import Enrolment, Exemption, ModuleCompletion, Requirement
from enrolment.status import Status, enrolment_status
from people.models import Employee


@dataclass(frozen=True)
class Tag:
    """A GOV.UK tag: its words carry the meaning, its colour only repeats it."""

    label: str
    colour: str  # a GOV.UK Frontend tag colour; "blue" is the default tag

    @property
    def css_class(self) -> str:
        return "govuk-tag" if self.colour == "blue" else f"govuk-tag govuk-tag--{self.colour}"


def overdue_label(days: int) -> str:
    return f"Overdue by {days} day{'' if days == 1 else 's'}"


def due_tag(due_on: date, *, today: date) -> Tag:
    """The tag of an open enrolment with a due date: due, or overdue by so many days."""
    if due_on < today:
        return Tag(overdue_label((today - due_on).days), "red")
    return Tag("Due", "blue")


@dataclass(frozen=True)
class CompulsoryCourse:
    """One compulsory course and the person's standing against it (several enrolments collapse into one)."""

    course: CoursePage
    url: str | None
    status: Status
    tag: Tag
    due_on: date | None  # the date by which they must (again) complete it; None when nothing is due
    expires_on: date | None
    completed_at: datetime | None
    exempt_until: date | None


@dataclass(frozen=True)
class CourseInProgress:
    course: CoursePage
    url: str | None
    continue_url: str | None
    completed_modules: int
    total_modules: int
    due_on: date | None
    started_at: datetime


@dataclass(frozen=True)
class CompletedCourse:
    course: CoursePage
    url: str | None
    completed_at: datetime


@dataclass
class MyLearning:
    compulsory: list[CompulsoryCourse] = field(default_factory=list)
    in_progress: list[CourseInProgress] = field(default_factory=list)
    completed: list[CompletedCourse] = field(default_factory=list)


class RowCount(Func):
    """COUNT(*) of a subquery's rows, without GROUP BY: use inside Subquery(... .values(n=RowCount()))."""

    function = "COUNT"
    template = "%(function)s(*)"
    output_field = models.IntegerField()

    def __init__(self, **extra):
        super().__init__(**extra)


def _count(queryset) -> Coalesce:
    return Coalesce(Subquery(queryset.order_by().values(n=RowCount())[:1]), 0)


def enrolments_for(employee: Employee):
    """The person's enrolments still to do or done (not withdrawn ones), with what My learning shows.

    Modules are the course page's live ModulePage children in Wagtail's tree: a path
    starting with the course's path, one level deeper.
    """
    # A range on the path (not LIKE 'path%', which cannot use an index when the path comes from the
    # outer row): children's paths sort after the course's and before its path followed by "ZZZZ".
    modules = ModulePage.objects.filter(
        path__gt=OuterRef("course__path"),
        path__lte=Concat(OuterRef("course__path"), Value("ZZZZ"), output_field=models.CharField()),
        depth=OuterRef("course__depth") + 1,
        live=True,
    )
    done = ModuleCompletion.objects.filter(enrolment=OuterRef(OuterRef("pk")), module=OuterRef("pk"))
    # The renewal window of the course's active requirement (their own first); None when the course is not compulsory.
    any_requirement = Requirement.objects.filter(course_id=OuterRef("course_id"), is_active=True).order_by("pk")
    window_days = Case(
        When(requirement__is_active=True, then=F("requirement__recertification_window_days")),
        default=Subquery(any_requirement.values("recertification_window_days")[:1]),
    )
    return (
        Enrolment.objects.filter(employee=employee)
        .filter(Q(withdrawn_at__isnull=True) | Q(completed_at__isnull=False))
        .select_related("course")
        .only(
            "id",
            "course_id",
            "requirement_id",
            "enrolled_at",
            "due_on",
            "completed_at",
            "expires_on",
            "withdrawn_at",
            "course__title",
            "course__slug",
            "course__url_path",
            "course__path",
            "course__depth",
            "course__live",
        )
        .annotate(
            window_days=window_days,
            total_modules=_count(modules),
            completed_modules=_count(ModuleCompletion.objects.filter(enrolment=OuterRef("pk"), module__live=True)),
            resume_slug=Subquery(modules.exclude(Exists(done)).order_by("path").values("slug")[:1]),
        )
        .order_by("-enrolled_at", "-pk")
    )


def my_learning(employee: Employee, *, today: date | None = None, request=None) -> MyLearning:
    """The person's compulsory courses (most urgent first), courses in progress, and completed courses."""
    today = today or timezone.localdate()
    enrolments = list(enrolments_for(employee))
    exemptions = {
        exemption.requirement.course_id: exemption
        for exemption in Exemption.objects.in_force(on=today)
        .filter(employee=employee, requirement__is_active=True)
        .select_related("requirement__course")
        .only(
            "until",
            "requirement__course_id",
            "requirement__recertification_window_days",
            "requirement__course__title",
            "requirement__course__slug",
            "requirement__course__url_path",
            "requirement__course__live",
        )
        .order_by("until")  # the longest exemption wins below
    }
    urls: dict[int, str | None] = {}

    def url_of(course: CoursePage) -> str | None:
        if course.pk not in urls:
            urls[course.pk] = course.get_url(request) if course.live else None
        return urls[course.pk]

    by_course: dict[int, list[Enrolment]] = defaultdict(list)
    for enrolment in enrolments:
        by_course[enrolment.course_id].append(enrolment)

    learning = MyLearning()
    shown: set[int] = set()
    for course_id in by_course.keys() | exemptions.keys():
        row = _compulsory(by_course.get(course_id, []), exemptions.get(course_id), today=today, url_of=url_of)
        if row is not None:
            learning.compulsory.append(row)
            shown.add(course_id)
    learning.compulsory.sort(key=_urgency)

    for course_id, rows in by_course.items():
        if course_id in shown:
            continue
        open_one = next((e for e in rows if e.is_open), None)
        if open_one is not None:
            url = url_of(open_one.course)
            learning.in_progress.append(
                CourseInProgress(
                    course=open_one.course,
                    url=url,
                    continue_url=f"{url}{open_one.resume_slug}/" if url and open_one.resume_slug else url,
                    completed_modules=min(open_one.completed_modules, open_one.total_modules),
                    total_modules=open_one.total_modules,
                    due_on=open_one.due_on,
                    started_at=open_one.enrolled_at,
                )
            )
            continue
        latest = max(rows, key=lambda e: e.completed_at)
        learning.completed.append(
            CompletedCourse(course=latest.course, url=url_of(latest.course), completed_at=latest.completed_at)
        )
    # Those with a date first (soonest first), then the most recently started.
    learning.in_progress.sort(key=lambda row: -row.started_at.timestamp())
    learning.in_progress.sort(key=lambda row: row.due_on or date.max)
    learning.completed.sort(key=lambda row: row.completed_at, reverse=True)
    return learning


def _compulsory(rows: list[Enrolment], exemption: Exemption | None, *, today: date, url_of) -> CompulsoryCourse | None:
    """One line for a compulsory course, or None when the course is not compulsory for the person now.

    The course must have an active requirement, and the person: an open enrolment assigned by it
    (the engine withdraws that when they leave the audience), or an exemption from it, or a
    completion that meets it (assigned by it, or given an expiry by the engine because it counted
    when the course became compulsory) and still counts. An expired completion with nothing open
    means they are no longer in the audience (the engine opens a renewal for those who are), so it
    is simply a completed course.
    """
    if exemption is not None:
        course = rows[0].course if rows else exemption.requirement.course
        return CompulsoryCourse(
            course=course,
            url=url_of(course),
            status=Status.EXEMPT,
            tag=Tag("Exempt", "grey"),
            due_on=None,
            expires_on=None,
            completed_at=None,
            exempt_until=exemption.until,
        )
    if not rows or rows[0].window_days is None:
        return None  # no active requirement for this course
    open_ones = sorted((e for e in rows if e.is_open and e.requirement_id), key=lambda e: e.due_on or date.max)
    completions = [e for e in rows if e.completed_at and (e.requirement_id or e.expires_on)]
    never_expires = next((e for e in completions if e.expires_on is None), None)
    latest = max(completions, key=lambda e: e.expires_on or date.max, default=None)
    valid = never_expires or (latest if latest and latest.expires_on >= today else None)
    # The enrolment that decides: a completion that still counts, else the open one, else the lapsed one.
    if valid is None and not open_ones:
        return None
    deciding = valid or open_ones[0]
    status = enrolment_status(deciding, today=today, window_days=deciding.window_days)
    if status == Status.COMPLIANT:
        tag = Tag("Compliant", "green")
        due_on = None  # nothing to do until the renewal window opens
    elif status == Status.EXPIRING:
        tag = Tag("Expiring", "orange")
        due_on = valid.expires_on
    else:
        due_on = deciding.due_on
        tag = due_tag(due_on, today=today) if due_on else Tag("Due", "blue")
    return CompulsoryCourse(
        course=deciding.course,
        url=url_of(deciding.course),
        status=status,
        tag=tag,
        due_on=due_on,
        expires_on=valid.expires_on if valid else None,
        completed_at=valid.completed_at if valid else None,
        exempt_until=None,
    )


_ORDER = [Status.OVERDUE, Status.DUE, Status.EXPIRING, Status.COMPLIANT, Status.EXEMPT]


def _urgency(row: CompulsoryCourse):
    """Most urgent first: overdue, then due, then expiring (soonest date first), then compliant, then exempt."""
    return (_ORDER.index(row.status), row.due_on or row.exempt_until or date.max, row.course.title)
