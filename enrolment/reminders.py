"""Reminders about compulsory training: what to send, to whom and when.

`send_reminders(today=…)` runs once a day (`manage.py send_reminders`). It decides, in one query per
kind of reminder, which open compulsory enrolments are owed an email today, records each one in
`ReminderSent` (a unique constraint makes a second record of the same reminder impossible, even when
two runs overlap), and after the transaction commits hands each record to the
`enrolment.tasks.send_reminder_email` task, which sends the email once and marks it emailed.

The schedule, for an open compulsory enrolment due on D:

- First email: the first time the job finds an enrolment it has never written about, it sends the
  assignment email, or the "time to renew" email when the enrolment renews an earlier completion (the
  renewal enrolment appears when the recertification window opens). It says what and by when, and
  says how overdue if the due date has already passed.
- D-30, D-7 and D: "30 days left", "7 days left", "due today".
- Overdue: from D+7, one email a week (whenever none has gone in the last 7 days), so D+7, D+14, D+21…
  when the job runs daily. From 14 days overdue the line manager is copied.
- At most one email per enrolment per day; the first email takes precedence over a dated one.

Missed days: a dated reminder (D-30, D-7, D) that the job did not send on its day is sent on a later
run up to 6 days late, but only if no email about the enrolment has gone out since that day, and only
if it is still the latest one due (a later one supersedes it: five days before D the 7-day reminder
goes, never the 30-day one as well). Older ones are dropped, never sent as a backlog; the wording is
always worked out for the day it is sent ("5 days left"). Overdue reminders need no catching up:
the next run sends one if none went in the last 7 days.

Nobody is written to about withdrawn or completed enrolments, when they have left (inactive), when an
exemption from the requirement is in force, or when they have no email address.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.db.models.lookups import GreaterThanOrEqual
from django.template.loader import render_to_string
from django.utils import dateformat, timezone

from enrolment.expressions import AddDays
from enrolment.models import Enrolment, Exemption, ReminderSent

Kind = ReminderSent.Kind

#: A dated reminder missed by the job is still sent up to this many days after its day.
CATCH_UP_DAYS = 6
#: Days before the due date of each dated reminder (the due date itself is 0).
DAYS_BEFORE = {Kind.DAYS_30: 30, Kind.DAYS_7: 7, Kind.DUE_TODAY: 0}
#: One overdue email a week.
OVERDUE_EVERY_DAYS = 7
#: From this many days overdue the line manager is copied.
COPY_MANAGER_FROM_DAYS_OVERDUE = 14
#: When one enrolment qualifies for several reminders on one day, the first of these wins.
PRECEDENCE = [Kind.ASSIGNED, Kind.WINDOW_OPENED, Kind.OVERDUE, Kind.DUE_TODAY, Kind.DAYS_7, Kind.DAYS_30]


@dataclass(frozen=True)
class PlannedReminder:
    enrolment: Enrolment
    kind: str
    week: int = 0


@dataclass
class ReminderResult:
    recorded: list[int] = field(default_factory=list)
    by_kind: Counter = field(default_factory=Counter)

    @property
    def count(self) -> int:
        return len(self.recorded)


# What is due today -------------------------------------------------------------------------------


def remindable(*, today: date):
    """Open compulsory enrolments of active people with an email address and no exemption in force."""
    exempt = Exemption.objects.in_force(on=today).filter(
        employee=OuterRef("employee_id"), requirement=OuterRef("requirement_id")
    )
    return (
        Enrolment.objects.open()
        .filter(requirement__isnull=False, due_on__isnull=False, employee__is_active=True)
        .exclude(employee__email="")
        .exclude(Exists(exempt))
        .select_related("employee", "employee__line_manager", "course")
        .order_by("pk")
    )


def due_reminders(*, today: date) -> list[PlannedReminder]:
    """The reminders owed today, at most one per enrolment: one query per kind, whatever the numbers."""
    remindable_today = remindable(today=today)
    already = ReminderSent.objects.filter(enrolment=OuterRef("pk"))
    planned: dict[int, PlannedReminder] = {}

    def add(kind: str, enrolments, week=None) -> None:
        for enrolment in enrolments:
            if enrolment.pk not in planned:
                planned[enrolment.pk] = PlannedReminder(enrolment, kind, week(enrolment) if week else 0)

    # First contact: never written about. A renewal if an earlier completion had an expiry date.
    renews = Enrolment.objects.filter(
        employee=OuterRef("employee_id"), course=OuterRef("course_id"), completed_at__isnull=False
    ).filter(expires_on__isnull=False)
    first = list(remindable_today.exclude(Exists(already)).annotate(is_renewal=Exists(renews)))
    add(Kind.ASSIGNED, (e for e in first if not e.is_renewal))
    add(Kind.WINDOW_OPENED, (e for e in first if e.is_renewal))

    # Overdue by a week or more, and nothing sent in the last week.
    overdue = remindable_today.filter(due_on__lte=today - timedelta(days=OVERDUE_EVERY_DAYS)).exclude(
        Exists(already.filter(sent_on__gt=today - timedelta(days=OVERDUE_EVERY_DAYS)))
    )
    add(Kind.OVERDUE, overdue, week=lambda e: (today - e.due_on).days // OVERDUE_EVERY_DAYS)

    # Dated reminders: their day (D - n) fell in the last CATCH_UP_DAYS days and nothing went since.
    for kind in (Kind.DUE_TODAY, Kind.DAYS_7, Kind.DAYS_30):
        before = DAYS_BEFORE[kind]
        sent_since = already.filter(GreaterThanOrEqual(AddDays(F("sent_on"), before), OuterRef("due_on")))
        add(
            kind,
            remindable_today.filter(
                due_on__gte=today + timedelta(days=before - CATCH_UP_DAYS), due_on__lte=today + timedelta(days=before)
            ).exclude(Exists(sent_since)),
        )

    order = {kind: index for index, kind in enumerate(PRECEDENCE)}
    return sorted(planned.values(), key=lambda p: (order[p.kind], p.enrolment.pk))


# Recording and sending ---------------------------------------------------------------------------


def send_reminders(*, today: date | None = None) -> ReminderResult:
    """Everyone owed a reminder today gets exactly one email; running again the same day sends nothing.

    Records first (one bulk insert; duplicates are ignored by the unique constraint), then enqueues one
    email task per new record once the transaction has committed.
    """
    today = today or timezone.localdate()
    batch = uuid.uuid4()
    with transaction.atomic():
        planned = due_reminders(today=today)
        ReminderSent.objects.bulk_create(
            [
                ReminderSent(
                    enrolment=p.enrolment,
                    kind=p.kind,
                    due_on=p.enrolment.due_on,
                    week=p.week,
                    sent_on=today,
                    batch=batch,
                )
                for p in planned
            ],
            batch_size=2000,
            ignore_conflicts=True,
        )
        # Only the records this run made: a concurrent run's records are its own to send.
        recorded = list(ReminderSent.objects.filter(batch=batch).order_by("pk").values_list("pk", "kind"))
        result = ReminderResult(recorded=[pk for pk, _ in recorded], by_kind=Counter(kind for _, kind in recorded))
        transaction.on_commit(partial(_enqueue, result.recorded))
    return result


def _enqueue(reminder_ids: list[int]) -> None:
    from enrolment.tasks import send_reminder_email

    for reminder_id in reminder_ids:
        send_reminder_email.enqueue(reminder_id)


def deliver_reminder(*, reminder_id: int) -> bool:
    """Send one recorded reminder unless it has already gone; True when it was sent now.

    The row is locked while sending, so two workers running the same task send one email; a failure
    to send rolls back and leaves it to be retried.
    """
    with transaction.atomic():
        reminder = (
            ReminderSent.objects.select_for_update(of=("self",))
            .select_related("enrolment__employee__line_manager", "enrolment__course")
            .filter(pk=reminder_id)
            .first()
        )
        if reminder is None or reminder.emailed_at is not None:
            return False
        enrolment = reminder.enrolment
        # It may have changed since the reminder was recorded (completed, left).
        if not enrolment.is_open or not enrolment.employee.is_active or not enrolment.employee.email:
            return False
        compose_reminder(reminder).send(fail_silently=False)
        reminder.emailed_at = timezone.now()
        reminder.save(update_fields=["emailed_at"])
    return True


# Wording -----------------------------------------------------------------------------------------


def long_date(day: date) -> str:
    """'Friday 27 February 2027'."""
    return dateformat.format(day, "l j F Y")


def short_date(day: date) -> str:
    """'27 February 2027'."""
    return dateformat.format(day, "j F Y")


def days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def course_link(course) -> str:
    """The course's absolute address, from WAGTAILADMIN_BASE_URL and the page's URL."""
    url = course.url or "/"
    if url.startswith(("http://", "https://")):
        return url
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def copies_line_manager(reminder: ReminderSent) -> bool:
    return (reminder.sent_on - reminder.due_on).days >= COPY_MANAGER_FROM_DAYS_OVERDUE


def subject_for(reminder: ReminderSent) -> str:
    title = reminder.enrolment.course.title
    days_overdue = (reminder.sent_on - reminder.due_on).days
    if days_overdue > 0:
        return f"{title} is {days(days_overdue)} overdue"
    if reminder.kind == Kind.WINDOW_OPENED:
        return f"Renew {title} by {short_date(reminder.due_on)}"
    if days_overdue == 0:
        return f"Complete {title} today"
    return f"Complete {title} by {short_date(reminder.due_on)}"


def paragraphs_for(reminder: ReminderSent) -> list[str]:
    """The body of the email in plain English, for the day the reminder was decided."""
    title = reminder.enrolment.course.title
    due, today = reminder.due_on, reminder.sent_on
    left = (due - today).days
    if reminder.kind == Kind.WINDOW_OPENED:
        lines = [
            f"It is time to renew {title}. This is compulsory training that you need to complete again "
            f"regularly to stay up to date.",
            f"Your last completion counts until {long_date(due)}. Complete the course again by then.",
        ]
    elif reminder.kind == Kind.ASSIGNED:
        lines = [
            f"You have been asked to complete {title}. This is compulsory training for your role.",
            f"You need to complete it by {long_date(due)}.",
        ]
    elif left > 0:
        lines = [f"You have {days(left)} left to complete {title}. You need to complete it by {long_date(due)}."]
    elif left == 0:
        lines = [f"Today, {long_date(due)}, is the last day to complete {title}."]
    else:
        lines = [f"You have not yet completed {title}. This is compulsory training for your role."]
    if left < 0:
        lines.append(
            f"It was due by {long_date(due)} and is now {days(-left)} overdue. Please complete it as soon as you can."
        )
    return lines


def compose_reminder(reminder: ReminderSent) -> EmailMultiAlternatives:
    """The email for one reminder: plain text and HTML, to the learner, copying their manager when late."""
    enrolment = reminder.enrolment
    employee, manager = enrolment.employee, enrolment.employee.line_manager
    cc = []
    if copies_line_manager(reminder) and manager is not None and manager.is_active and manager.email:
        cc = [manager.email]
    context = {
        "given_name": employee.given_name,
        "course_title": enrolment.course.title,
        "course_url": course_link(enrolment.course),
        "paragraphs": paragraphs_for(reminder),
        "due_on": reminder.due_on,
        "manager_name": f"{manager.given_name} {manager.family_name}" if cc else "",
        "is_renewal": reminder.kind == Kind.WINDOW_OPENED,
    }
    message = EmailMultiAlternatives(
        subject=subject_for(reminder),
        body=render_to_string("enrolment/email/reminder.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[employee.email],
        cc=cc,
    )
    message.attach_alternative(render_to_string("enrolment/email/reminder.html", context), "text/html")
    return message
