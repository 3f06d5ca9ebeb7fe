"""Reminders: the schedule, nothing twice, nobody who should not hear, the emails themselves."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from enrolment import reminders
from enrolment.assignment import assign_requirements
from enrolment.models import Enrolment, ReminderSent
from enrolment.reminders import deliver_reminder, due_reminders, send_reminders
from enrolment.tasks import send_reminder_email
from tests.factories import EmployeeFactory, EnrolmentFactory, ExemptionFactory, RequirementFactory

pytestmark = pytest.mark.django_db

DUE = date(2027, 2, 26)  # a Friday
Kind = ReminderSent.Kind


def day(offset: int) -> date:
    return DUE + timedelta(days=offset)


def moment(on: date) -> datetime:
    return datetime(on.year, on.month, on.day, 9, 0, tzinfo=UTC)


# Fixtures ----------------------------------------------------------------------------------------


@pytest.fixture
def requirement(db):
    return RequirementFactory(
        name="Information management for everyone",
        course__title="Information management crash course",
        due_within_days=60,
        renewal_months=24,
        starts_on=date(2026, 1, 1),
    )


@pytest.fixture
def manager(department, grades):
    return EmployeeFactory(
        given_name="Nadia",
        family_name="Hussain",
        email="nadia.hussain@example.gov.uk",
        department=department,
        grade=grades["G7"],
    )


@pytest.fixture
def person(department, grades, manager):
    return EmployeeFactory(
        given_name="Chloe",
        family_name="Adebayo",
        email="chloe.adebayo@example.gov.uk",
        department=department,
        grade=grades["EO"],
        line_manager=manager,
    )


@pytest.fixture
def enrolment(person, requirement):
    return EnrolmentFactory(employee=person, requirement=requirement, due_on=DUE)


@pytest.fixture
def run(mailoutbox, django_capture_on_commit_callbacks):
    """run(on) sends the day's reminders (tasks run at once) and returns the emails sent by that run."""

    def run(on: date):
        before = len(mailoutbox)
        with django_capture_on_commit_callbacks(execute=True):
            send_reminders(today=on)
        return mailoutbox[before:]

    return run


def kinds_sent(on: date) -> list[str]:
    return list(ReminderSent.objects.filter(sent_on=on).values_list("kind", flat=True))


# The schedule ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "kind", "subject", "cc"),
    [
        (-40, Kind.ASSIGNED, "Complete Information management crash course by 26 February 2027", False),
        (-31, None, None, False),
        (-30, Kind.DAYS_30, "Complete Information management crash course by 26 February 2027", False),
        (-29, None, None, False),
        (-8, None, None, False),
        (-7, Kind.DAYS_7, "Complete Information management crash course by 26 February 2027", False),
        (-1, None, None, False),
        (0, Kind.DUE_TODAY, "Complete Information management crash course today", False),
        (1, None, None, False),
        (6, None, None, False),
        (7, Kind.OVERDUE, "Information management crash course is 7 days overdue", False),
        (13, None, None, False),
        (14, Kind.OVERDUE, "Information management crash course is 14 days overdue", True),
        (21, Kind.OVERDUE, "Information management crash course is 21 days overdue", True),
        (22, None, None, False),
    ],
)
def test_schedule_when_the_job_runs_every_day(enrolment, run, offset, kind, subject, cc):
    for earlier in range(-40, offset):
        run(day(earlier))
    sent = run(day(offset))
    assert kinds_sent(day(offset)) == ([kind] if kind else [])
    assert [m.subject for m in sent] == ([subject] if subject else [])
    if kind:
        assert sent[0].to == ["chloe.adebayo@example.gov.uk"]
        assert sent[0].cc == (["nadia.hussain@example.gov.uk"] if cc else [])


def test_a_whole_cycle_sends_exactly_the_schedule(enrolment, run):
    for offset in range(-40, 30):
        run(day(offset))
    log = list(ReminderSent.objects.order_by("sent_on").values_list("sent_on", "kind", "week"))
    assert log == [
        (day(-40), Kind.ASSIGNED, 0),
        (day(-30), Kind.DAYS_30, 0),
        (day(-7), Kind.DAYS_7, 0),
        (day(0), Kind.DUE_TODAY, 0),
        (day(7), Kind.OVERDUE, 1),
        (day(14), Kind.OVERDUE, 2),
        (day(21), Kind.OVERDUE, 3),
        (day(28), Kind.OVERDUE, 4),
    ]
    assert ReminderSent.objects.filter(emailed_at__isnull=True).count() == 0


def test_running_twice_on_one_day_sends_nothing_twice(enrolment, run, mailoutbox):
    assert len(run(day(-7))) == 1
    assert run(day(-7)) == []
    call_command("send_reminders", "--today", day(-7).isoformat(), stdout=io.StringIO())
    assert len(mailoutbox) == 1
    assert ReminderSent.objects.count() == 1


@pytest.mark.parametrize(
    ("earlier_runs", "offset", "kind"),
    [
        # The 7-day reminder was never sent: five days before, it goes (not the 30-day one as well).
        ([-40], -5, Kind.DAYS_7),
        ([-40, -30], -5, Kind.DAYS_7),
        # A missed 30-day reminder goes up to 6 days late, then it is stale.
        ([-40], -24, Kind.DAYS_30),
        ([-40], -23, None),
        # Nothing to catch up when the last one went.
        ([-40, -30, -7], -1, None),
        # The due-date reminder, 3 days late, says it is overdue.
        ([-40, -30, -7], 3, Kind.DUE_TODAY),
        ([-40, -30, -7], 7, Kind.OVERDUE),  # the missed due-date one is stale by then
        ([-40, -30, -7, 3], 7, None),
        ([-40, -30, -7, 3], 10, Kind.OVERDUE),
        # Overdue: one a week counted from the last email, whenever the job ran.
        ([-40, -30, -7, 0], 12, Kind.OVERDUE),
        ([-40, -30, -7, 0, 9], 14, None),
        ([-40, -30, -7, 0, 9], 16, Kind.OVERDUE),
        # Never written about: the assignment email first, whatever the date; the dated ones it covers do not follow.
        ([], -20, Kind.ASSIGNED),
        ([-20], -19, None),
        ([], -6, Kind.ASSIGNED),
        ([-6], -5, None),
        ([], 20, Kind.ASSIGNED),
        ([20], 26, None),
        ([20], 27, Kind.OVERDUE),
    ],
)
def test_missed_days_send_the_latest_reminder_once(enrolment, run, earlier_runs, offset, kind):
    for earlier in earlier_runs:
        run(day(earlier))
    sent = run(day(offset))
    assert kinds_sent(day(offset)) == ([kind] if kind else [])
    assert len(sent) == (1 if kind else 0)


def test_late_due_date_reminder_says_how_overdue(enrolment, run):
    for offset in (-40, -30, -7):
        run(day(offset))
    [email] = run(day(3))
    assert email.subject == "Information management crash course is 3 days overdue"
    assert "It was due by Friday 26 February 2027 and is now 3 days overdue." in email.body


def test_an_extension_brings_its_own_reminders(enrolment, run):
    for offset in (-40, -30, -7):
        run(day(offset))
    Enrolment.objects.filter(pk=enrolment.pk).update(due_on=day(14))
    assert run(day(-6)) == []
    [email] = run(day(7))
    assert email.subject == "Complete Information management crash course by 12 March 2027"
    assert ReminderSent.objects.filter(kind=Kind.DAYS_7).count() == 2


# Who hears nothing -------------------------------------------------------------------------------


def _complete(e):
    Enrolment.objects.filter(pk=e.pk).update(completed_at=moment(day(-10)), expires_on=day(720))


def _withdraw(e):
    Enrolment.objects.filter(pk=e.pk).update(withdrawn_at=moment(day(-10)))


def _leave(e):
    e.employee.is_active = False
    e.employee.save(update_fields=["is_active"])


def _no_email(e):
    type(e.employee).objects.filter(pk=e.employee_id).update(email="")


def _exempt(e, *, until=None, revoked=False):
    """Exempt until `until` (60 days after the due date unless given); `revoked` 20 days before the due date."""
    ExemptionFactory(
        employee=e.employee, requirement=e.requirement, until=until or day(60), revoked=revoked, today=day(-20)
    )


@pytest.mark.parametrize(
    ("change", "hears"),
    [
        (lambda e: None, True),
        (_complete, False),
        (_withdraw, False),
        (_leave, False),
        (_no_email, False),
        (_exempt, False),
        (lambda e: _exempt(e, until=day(-41)), True),  # the exemption has ended
        (lambda e: _exempt(e, revoked=True), True),
        (lambda e: Enrolment.objects.filter(pk=e.pk).update(requirement=None, source="self"), False),
    ],
    ids=["control", "completed", "withdrawn", "leaver", "no-email", "exempt", "exemption-ended", "revoked", "self"],
)
@pytest.mark.parametrize("offset", [-40, -30, -7, 0, 7, 14])
def test_nobody_hears_who_should_not(enrolment, run, change, hears, offset):
    change(enrolment)
    assert bool(run(day(offset))) is hears


def test_an_exemption_from_another_requirement_does_not_stop_reminders(enrolment, run):
    other = RequirementFactory(name="Other", due_within_days=30)
    ExemptionFactory(employee=enrolment.employee, requirement=other, until=day(60))
    assert len(run(day(0))) == 1


def test_completing_after_the_reminder_is_recorded_sends_nothing(
    enrolment, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = send_reminders(today=day(-7))
    _complete(enrolment)
    for callback in callbacks:
        callback()
    assert mailoutbox == []
    assert ReminderSent.objects.get(pk=result.recorded[0]).emailed_at is None


def test_the_manager_is_not_copied_when_they_have_left(enrolment, run, manager):
    manager.is_active = False
    manager.save(update_fields=["is_active"])
    [email] = run(day(21))
    assert email.cc == []


# First emails: assignment and renewal ------------------------------------------------------------


def test_a_new_compulsory_enrolment_gets_the_assignment_email(person, requirement, run, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://learning.example.gov.uk"
    today = date(2027, 1, 4)
    assign_requirements(today=today)
    enrolment = Enrolment.objects.get(employee=person)
    assert enrolment.due_on == date(2027, 3, 5)

    sent = [m for m in run(today) if m.to == [person.email]]
    [email] = sent
    assert email.subject == "Complete Information management crash course by 5 March 2027"
    assert email.from_email == settings.DEFAULT_FROM_EMAIL
    assert "You have been asked to complete Information management crash course." in email.body
    assert "You need to complete it by Friday 5 March 2027." in email.body
    link = "https://learning.example.gov.uk" + requirement.course.url
    assert link.startswith("https://learning.example.gov.uk/")
    assert link in email.body
    [(html, mimetype)] = email.alternatives
    assert mimetype == "text/html"
    assert f'href="{link}"' in html
    assert "Friday 5 March 2027" in html
    # Nothing more that day or the next: the assignment email covers the due date.
    assert run(today) == []
    assert run(today + timedelta(days=1)) == []


def test_opening_a_renewal_window_gets_its_own_email(person, requirement, run):
    expires_on = date(2027, 3, 31)
    EnrolmentFactory(employee=person, requirement=requirement, completed_on=date(2025, 3, 31), expires_on=expires_on)
    today = date(2027, 3, 1)  # 30 days before expiry: the window opens
    assert assign_requirements(today=today).renewals >= 1
    renewal = Enrolment.objects.open().get(employee=person)
    assert renewal.due_on == expires_on

    [email] = [m for m in run(today) if m.to == [person.email]]
    assert email.subject == "Renew Information management crash course by 31 March 2027"
    assert "It is time to renew Information management crash course." in email.body
    assert "Your last completion counts until Wednesday 31 March 2027." in email.body
    assert "Renew Information management crash course" in email.alternatives[0][0]
    assert ReminderSent.objects.get(enrolment=renewal).kind == Kind.WINDOW_OPENED


def test_a_self_enrolment_that_becomes_compulsory_gets_the_assignment_email(person, requirement, run):
    EnrolmentFactory(employee=person, course=requirement.course, requirement=None)
    assign_requirements(today=date(2027, 1, 4))
    [email] = [m for m in run(date(2027, 1, 4)) if m.to == [person.email]]
    assert email.subject.startswith("Complete Information management crash course by ")


# Recording and the task --------------------------------------------------------------------------


def test_the_same_reminder_cannot_be_recorded_twice(enrolment):
    fields = {"enrolment": enrolment, "kind": Kind.DAYS_7, "due_on": DUE, "sent_on": day(-7)}
    ReminderSent.objects.create(batch="00000000-0000-0000-0000-000000000001", **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReminderSent.objects.create(batch="00000000-0000-0000-0000-000000000002", **fields)


def test_an_overlapping_run_records_and_sends_nothing_already_recorded(enrolment, run, monkeypatch):
    planned = due_reminders(today=day(-7))  # decided by a second run before the first one committed
    assert len(run(day(-7))) == 1
    monkeypatch.setattr(reminders, "due_reminders", lambda today: planned)
    assert run(day(-7)) == []
    assert ReminderSent.objects.count() == 1


def test_the_email_task_sends_once_however_often_it_runs(enrolment, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        result = send_reminders(today=day(0))
    [reminder_id] = result.recorded
    assert ReminderSent.objects.get(pk=reminder_id).emailed_at is None

    first = send_reminder_email.enqueue(reminder_id)
    second = send_reminder_email.enqueue(reminder_id)
    assert (first.return_value, second.return_value) == (True, False)
    assert deliver_reminder(reminder_id=reminder_id) is False
    assert len(mailoutbox) == 1
    assert ReminderSent.objects.get(pk=reminder_id).emailed_at is not None


def test_a_failed_send_can_be_retried(enrolment, mailoutbox, monkeypatch, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        [reminder_id] = send_reminders(today=day(0)).recorded

    def broken(self, fail_silently=False):
        raise ConnectionError("SMTP server unavailable")

    with monkeypatch.context() as patch:
        patch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
        assert send_reminder_email.enqueue(reminder_id).status == "FAILED"
    assert ReminderSent.objects.get(pk=reminder_id).emailed_at is None
    assert send_reminder_email.enqueue(reminder_id).return_value is True
    assert len(mailoutbox) == 1


# Query budget ------------------------------------------------------------------------------------


@pytest.mark.parametrize("people", [1, 30])
def test_selection_and_recording_do_not_grow_with_people(
    requirement, manager, people, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    offsets = [-30, -7, 0, 7, 14]  # every one of them is owed a reminder of some kind
    for index in range(people):
        EnrolmentFactory(
            employee__line_manager=manager, requirement=requirement, due_on=day(-offsets[index % len(offsets)])
        )
    # Half of them have been written to before, so every kind of reminder is in play.
    for enrolment in Enrolment.objects.all()[: people // 2]:
        ReminderSent.objects.create(
            enrolment=enrolment,
            kind=Kind.ASSIGNED,
            due_on=enrolment.due_on,
            sent_on=day(-45),
            batch="00000000-0000-0000-0000-000000000003",
        )
    with django_assert_max_num_queries(5):
        planned = due_reminders(today=day(0))
        for p in planned:
            assert p.enrolment.employee.line_manager.email
            assert p.enrolment.course.title
    assert len(planned) == people
    with django_assert_max_num_queries(10), django_capture_on_commit_callbacks(execute=False):
        assert send_reminders(today=day(0)).count == people


# The command -------------------------------------------------------------------------------------


def test_the_command_reports_what_it_queued(enrolment, django_capture_on_commit_callbacks):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--today", "2027-02-19", stdout=out)
    assert "Newly assigned: 1" in out.getvalue()
    assert "1 reminders queued" in out.getvalue()


def test_the_command_refuses_a_bad_date(db):
    with pytest.raises(CommandError, match="--today must be a date"):
        call_command("send_reminders", "--today", "19/02/2027")
