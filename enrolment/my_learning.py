"""My learning: what a signed-in person must do and by when, what they are doing, what they have done.

Read side only. Everything comes from two queries whatever the number of
enrolments: the person's enrolments with their course, requirement and module
counts (annotated in the database), and their exemptions in force. The status
of a compulsory course follows the rules of `enrolment.status.with_status`,
applied to one person's rows in Python.

`learning_version` says, in one cheap query, whether anything My learning shows
may have changed; the home page keeps the rendered sections under it (see
`enrolment.home`). That query also brings the exemptions in force, so a page
that must be built afresh needs only the enrolments query on top.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection, models
from django.db.models import Case, Exists, F, Func, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone
from wagtail.models import Page

from content.db import prepared_cursor
from courses.models import CoursePage, ModulePage
from enrolment.models import Enrolment, Exemption, ModuleCompletion, Requirement
from enrolment.status import Status, Tag, enrolment_status, status_tag, urgency
from people.models import Employee


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


def exemptions_in_force(employee: Employee, *, today: date) -> list[Exemption]:
    """The person's exemptions in force from active requirements, with their course, shortest first."""
    return list(
        Exemption.objects.in_force(on=today)
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
        .order_by("until", "pk")
    )


@dataclass(frozen=True)
class LearningVersion:
    """What My learning shows one person on one day can only have changed if `fingerprint` has.

    `fingerprint` is None when the database cannot tell (a vendor without the SQL below): then nothing
    may be kept. `exemptions` are the person's exemptions in force, as `exemptions_in_force` gives them.
    """

    fingerprint: tuple | None
    exemptions: list[Exemption]


# A number that moves with a date or a moment, to sum over rows: whichever row changes, the sum does.
_AS_NUMBER = {"postgresql": "EXTRACT(EPOCH FROM {})", "sqlite": "julianday({})"}
# What the page shows of the person's courses and their modules, boiled down to one value: an MD5 on
# PostgreSQL (32 characters over the wire), the text itself on SQLite (which has no digest function).
_DIGEST = {
    "postgresql": "md5(string_agg(concat_ws('|', s.id, s.live, s.title, s.url_path), '/' ORDER BY s.id))",
    "sqlite": "group_concat(s.id || '|' || s.live || '|' || s.title || '|' || s.url_path, '/')",
}


@functools.cache
def _version_sql(vendor: str) -> str | None:
    as_number = _AS_NUMBER.get(vendor)
    if as_number is None:
        return None

    def number(column: str) -> str:
        return as_number.format(column)

    models_read = (Enrolment, ModuleCompletion, Exemption, Requirement, Page)
    enrolment, completion, exemption, requirement, page = (
        connection.ops.quote_name(model._meta.db_table) for model in models_read
    )
    courses_enrolled = f"SELECT course_id FROM {enrolment} WHERE employee_id = %(employee)s"  # noqa: S608 - a table name
    # - e: every enrolment of the person, summed column by column, so any insert, update or delete
    #   changes a sum or a count, whether or not the writer kept `updated_at` up to date (summed too).
    # - m: their module completions (only ever added or deleted).
    # - r: every requirement (a handful): renewal windows and being active decide statuses.
    # - s: the pages the person's My learning shows and nothing else: the courses they have
    #   enrolments in or exemptions from, and the modules of the first (a course's children). Their
    #   titles, addresses (which move with any ancestor's slug) and being live are what it shows of
    #   them, and which modules there are is what it counts: publishing any other page changes nothing.
    #   One IN over a UNION of both kinds of course lets PostgreSQL look the courses up by id (an OR
    #   of two INs read every page); courses and their modules never overlap (a module is one level
    #   below its course), so UNION ALL keeps every row without sorting them twice to remove none.
    # - x, q, p: the exemptions in force themselves, with what My learning shows of them (none: one
    #   row of NULLs), so they need no query of their own when the sections are built.
    return f"""
        SELECT e.n, e.ids, e.courses, e.requirements, e.required, e.started, e.due, e.done, e.expiring,
               e.withdrawn, e.changed,
               m.n, m.ids,
               r.n, r.ids, r.active, r.windows, r.changed,
               s.n, s.digest,
               x.id, x.until, q.id, q.course_id, q.is_active, q.recertification_window_days,
               p.title, p.slug, p.url_path, p.live
        FROM (
            SELECT COUNT(*) AS n, SUM(id) AS ids, SUM(course_id) AS courses, SUM(requirement_id) AS requirements,
                   COUNT(requirement_id) AS required, SUM({number("enrolled_at")}) AS started,
                   SUM({number("due_on")}) AS due, SUM({number("completed_at")}) AS done,
                   SUM({number("expires_on")}) AS expiring, SUM({number("withdrawn_at")}) AS withdrawn,
                   SUM({number("updated_at")}) AS changed
            FROM {enrolment} WHERE employee_id = %(employee)s
        ) e
        CROSS JOIN (
            SELECT COUNT(*) AS n, SUM(c.id) AS ids
            FROM {completion} c INNER JOIN {enrolment} ce ON ce.id = c.enrolment_id
            WHERE ce.employee_id = %(employee)s
        ) m
        CROSS JOIN (
            SELECT COUNT(*) AS n, SUM(id) AS ids, SUM(CASE WHEN is_active THEN 1 ELSE 0 END) AS active,
                   SUM(recertification_window_days) AS windows, SUM({number("updated_at")}) AS changed
            FROM {requirement}
        ) r
        CROSS JOIN (
            SELECT COUNT(*) AS n, {_DIGEST[vendor]} AS digest
            FROM (
                SELECT sp.id, sp.live, sp.title, sp.url_path FROM {page} sp
                WHERE sp.id IN ({courses_enrolled}
                                UNION SELECT sq.course_id FROM {exemption} sx
                                INNER JOIN {requirement} sq ON sq.id = sx.requirement_id
                                WHERE sx.employee_id = %(employee)s)
                UNION ALL
                SELECT sm.id, sm.live, sm.title, sm.url_path
                FROM {page} sc INNER JOIN {page} sm
                    ON sm.path > sc.path AND sm.path <= sc.path || 'ZZZZ' AND sm.depth = sc.depth + 1
                WHERE sc.id IN ({courses_enrolled})
                ORDER BY 1
            ) s
        ) s
        LEFT JOIN {exemption} x
            ON x.employee_id = %(employee)s AND x.until >= %(today)s AND x.revoked_at IS NULL
        LEFT JOIN {requirement} q ON q.id = x.requirement_id
        LEFT JOIN {page} p ON p.id = q.course_id
        ORDER BY x.until, x.id
    """  # noqa: S608 - table names from the models; values are parameters


_AGGREGATES = 20  # the columns before the exemption's


def learning_version(employee: Employee, *, today: date) -> LearningVersion:
    """Everything My learning depends on for this person today, boiled down in one query.

    The person's enrolments and module completions, their exemptions in force, every requirement
    (their renewal windows decide statuses) and the pages of their courses (titles, addresses, being
    live, which modules): a change to any of them gives a different fingerprint, and a change to any
    other page does not.
    """
    sql = _version_sql(connection.vendor)
    if sql is None:
        return LearningVersion(fingerprint=None, exemptions=exemptions_in_force(employee, today=today))
    with prepared_cursor() as cursor:
        cursor.execute(sql, {"employee": employee.pk, "today": today})
        rows = cursor.fetchall()
    exemptions = []
    for row in rows:
        exemption_id, until, requirement_id, course_id, is_active, window_days, *course = row[_AGGREGATES:]
        if exemption_id is None or not is_active:
            continue
        title, slug, url_path, live = course
        requirement = Requirement(id=requirement_id, course_id=course_id, recertification_window_days=window_days)
        requirement.course = CoursePage(
            id=course_id, page_ptr_id=course_id, title=title, slug=slug, url_path=url_path, live=bool(live)
        )
        exemptions.append(Exemption(id=exemption_id, until=_as_date(until), requirement=requirement))
    return LearningVersion(
        fingerprint=(today, *rows[0][:_AGGREGATES], *(row[_AGGREGATES:] for row in rows)), exemptions=exemptions
    )


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)  # SQLite gives text


def my_learning(
    employee: Employee, *, today: date | None = None, request=None, exemptions: list[Exemption] | None = None
) -> MyLearning:
    """The person's compulsory courses (most urgent first), courses in progress, and completed courses.

    `exemptions` are their exemptions in force today, when already loaded (by `learning_version`).
    """
    today = today or timezone.localdate()
    enrolments = list(enrolments_for(employee))
    if exemptions is None:
        exemptions = exemptions_in_force(employee, today=today)
    # Shortest first, so the longest exemption from a course wins.
    exempt_from = {exemption.requirement.course_id: exemption for exemption in exemptions}
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
    for course_id in by_course.keys() | exempt_from.keys():
        row = _compulsory(by_course.get(course_id, []), exempt_from.get(course_id), today=today, url_of=url_of)
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
            tag=status_tag(Status.EXEMPT),
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
        due_on = None  # nothing to do until the renewal window opens
    elif status == Status.EXPIRING:
        due_on = valid.expires_on
    else:
        due_on = deciding.due_on
    tag = status_tag(status, due_on=due_on, today=today)
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


def _urgency(row: CompulsoryCourse):
    """Most urgent first (`enrolment.status.URGENCY`), then the date that matters soonest, then by title."""
    return (urgency(row.status), row.due_on or row.exempt_until or date.max, row.course.title)
