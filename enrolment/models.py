"""Enrolments and progress: one learner in one course for one cycle."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from courses.models import CoursePage, ModulePage
from people.models import Department, Employee, EmployeeQuerySet, Grade, Profession


class RequirementQuerySet(models.QuerySet):
    def active(self) -> RequirementQuerySet:
        return self.filter(is_active=True)


class Requirement(models.Model):
    """People in an audience must complete a course within N days of joining it, and again every M months."""

    name = models.CharField(
        max_length=200, unique=True, help_text="For example 'Technology policy for the Senior Civil Service'."
    )
    course = models.ForeignKey(CoursePage, on_delete=models.PROTECT, related_name="requirements")
    # The audience: empty means everyone; any value within a dimension matches; every dimension must match.
    minimum_grade = models.ForeignKey(
        Grade,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Everyone at this grade or above. Leave empty to choose grades one by one, or for every grade.",
    )
    grades = models.ManyToManyField(
        Grade, blank=True, related_name="requirements", help_text="Only these grades (instead of a minimum grade)."
    )
    departments = models.ManyToManyField(
        Department,
        blank=True,
        related_name="requirements",
        help_text="Only people in these departments, including the bodies under them. Empty means all.",
    )
    professions = models.ManyToManyField(
        Profession, blank=True, related_name="requirements", help_text="Only these professions. Empty means all."
    )
    due_within_days = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text="Calendar days from the day a person enters the audience.",
    )
    renewal_months = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text="Complete again every this many months. Leave empty if once is enough.",
    )
    recertification_window_days = models.PositiveIntegerField(
        default=30,
        validators=[MaxValueValidator(365)],
        help_text="How many days before a completion expires people are asked to renew it.",
    )
    starts_on = models.DateField(default=timezone.localdate, help_text="Nobody's due date counts from before this day.")
    is_active = models.BooleanField(
        default=True, help_text="Untick to stop assigning the course; completions and history are kept."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RequirementQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        errors = {}
        if self.renewal_months and self.recertification_window_days >= self.renewal_months * 28:
            errors["recertification_window_days"] = "The renewal window must be shorter than the renewal period."
        if errors:
            raise ValidationError(errors)

    def audience(self) -> EmployeeQuerySet:
        """Active people this requirement applies to (set-based; usable as a subquery)."""
        return audience_of(
            minimum_grade=self.minimum_grade,
            grades=list(self.grades.all()) if self.pk else [],
            departments=list(self.departments.all()) if self.pk else [],
            professions=list(self.professions.all()) if self.pk else [],
        )


def audience_of(*, minimum_grade=None, grades=(), departments=(), professions=()) -> EmployeeQuerySet:
    """Active employees matching an audience: empty dimensions match everyone."""
    people = Employee.objects.active()
    if minimum_grade is not None:
        people = people.at_or_above(minimum_grade)
    if grades:
        people = people.filter(grade__in=[g.pk if isinstance(g, Grade) else g for g in grades])
    if departments:
        people = people.in_departments(departments)
    if professions:
        people = people.in_professions(professions)
    return people


class EnrolmentQuerySet(models.QuerySet):
    def open(self) -> EnrolmentQuerySet:
        """Still to do: not completed and not withdrawn."""
        return self.filter(completed_at__isnull=True, withdrawn_at__isnull=True)

    def completed(self) -> EnrolmentQuerySet:
        return self.filter(completed_at__isnull=False)

    def withdrawn(self) -> EnrolmentQuerySet:
        return self.filter(withdrawn_at__isnull=False, completed_at__isnull=True)

    # Compulsory status, enrolment by enrolment. `enrolment.status` combines these into a person's
    # status against a requirement (in SQL for many people, in Python for one).

    def compulsory(self) -> EnrolmentQuerySet:
        """Assigned by a requirement (not chosen, nor set by a manager or HR)."""
        return self.filter(requirement__isnull=False)

    def overdue(self, *, on: date) -> EnrolmentQuerySet:
        """Still to do, and the due date has passed."""
        return self.open().filter(due_on__lt=on)

    def due(self, *, on: date) -> EnrolmentQuerySet:
        """Still to do, and there is time: due on or after the day (or no due date yet)."""
        return self.open().filter(Q(due_on__gte=on) | Q(due_on__isnull=True))

    def compliant(self, *, on: date, window_days: int) -> EnrolmentQuerySet:
        """Completed, and it counts beyond the renewal window: it never expires, or expires after it."""
        return self.completed().filter(Q(expires_on__isnull=True) | Q(expires_on__gt=on + timedelta(days=window_days)))

    def expiring(self, *, on: date, window_days: int) -> EnrolmentQuerySet:
        """Completed and still counting, but the renewal window (so many days before expiry) has opened."""
        return self.completed().filter(expires_on__gte=on, expires_on__lte=on + timedelta(days=window_days))

    def lapsed(self, *, on: date) -> EnrolmentQuerySet:
        """Completed, but it no longer counts: its expiry has passed."""
        return self.completed().filter(expires_on__lt=on)

    def for_employee(self, employee: Employee) -> EnrolmentQuerySet:
        return self.filter(employee=employee)

    def for_course(self, course: CoursePage) -> EnrolmentQuerySet:
        return self.filter(course=course)


class Enrolment(models.Model):
    """One person in one course for one cycle, from starting (or being assigned) to completing."""

    class Source(models.TextChoices):
        SELF = "self", "Chosen by the learner"
        REQUIREMENT = "requirement", "Compulsory training"
        MANAGER = "manager", "Assigned by their line manager"
        HR = "hr", "Assigned by HR"

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="enrolments")
    course = models.ForeignKey(CoursePage, on_delete=models.PROTECT, related_name="enrolments")
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.SELF)
    requirement = models.ForeignKey(
        Requirement, on_delete=models.PROTECT, null=True, blank=True, related_name="enrolments"
    )
    enrolled_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField(null=True, blank=True, help_text="Europe/London date by which it must be completed.")
    completed_at = models.DateTimeField(null=True, blank=True)
    expires_on = models.DateField(
        null=True, blank=True, help_text="For a completion that must be renewed: the last day it counts."
    )
    withdrawn_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when the person left the course's audience; progress is kept."
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["-enrolled_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "course"],
                condition=Q(completed_at__isnull=True, withdrawn_at__isnull=True),
                name="enrolment_one_open_per_course",
                violation_error_message="This person already has an open enrolment on this course.",
            ),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | Q(completed_at__gte=models.F("enrolled_at")),
                name="enrolment_completed_after_enrolled",
            ),
        ]
        indexes = [
            models.Index(fields=["course", "completed_at"], name="enrolment_course_completed"),
            models.Index(fields=["employee", "course"], name="enrolment_employee_course"),
            models.Index(fields=["requirement", "due_on"], name="enrolment_requirement_due"),
            # Withdrawn enrolments are few; assignment looks for them to resume progress.
            models.Index(
                fields=["course", "employee"],
                name="enrolment_withdrawn",
                condition=Q(withdrawn_at__isnull=False, completed_at__isnull=True),
            ),
            # Renewals look for completions whose expiry is near.
            models.Index(
                fields=["course", "expires_on"], name="enrolment_course_expiry", condition=Q(completed_at__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee} in {self.course}"

    @property
    def is_open(self) -> bool:
        return self.completed_at is None and self.withdrawn_at is None


class ModuleCompletion(models.Model):
    """A learner finished one module within an enrolment. Recorded once."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="module_completions")
    module = models.ForeignKey(ModulePage, on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["completed_at"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "module"], name="module_completion_once"),
        ]

    def __str__(self) -> str:
        return f"{self.module} completed in {self.enrolment}"


class Extension(models.Model):
    """A new due date for one enrolment, granted by HR (or a line manager where allowed), with a reason."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="extensions")
    previous_due_on = models.DateField(null=True)
    due_on = models.DateField()
    reason = models.TextField()
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)
    by_line_manager = models.BooleanField(
        db_default=False, help_text="Granted by the person's line manager, within the limit managers have, not by HR."
    )

    class Meta:
        ordering = ["-granted_at"]

    def __str__(self) -> str:
        return f"Extension to {self.due_on} for {self.enrolment}"


class ExemptionQuerySet(models.QuerySet):
    def in_force(self, *, on: date) -> ExemptionQuerySet:
        return self.filter(until__gte=on, revoked_at__isnull=True)


class Exemption(models.Model):
    """A person does not have to meet a requirement until a date (leave, secondment…), with a reason."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="exemptions")
    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="exemptions")
    until = models.DateField(help_text="The last day the exemption applies.")
    reason = models.TextField()
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoke_reason = models.TextField(blank=True)

    objects = ExemptionQuerySet.as_manager()

    class Meta:
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["requirement", "employee", "until"], name="exemption_lookup")]

    def __str__(self) -> str:
        return f"{self.employee} exempt from {self.requirement} until {self.until}"


class ReminderSent(models.Model):
    """One reminder email about one enrolment, recorded before it is sent so that it goes only once.

    The unique constraint makes a second record of the same reminder impossible, even when two runs of
    `send_reminders` overlap; `emailed_at` is set by the task once the email has gone.
    """

    class Kind(models.TextChoices):
        ASSIGNED = "assigned", "Newly assigned"
        WINDOW_OPENED = "window_opened", "Renewal window opened"
        DAYS_30 = "days_30", "30 days before the due date"
        DAYS_7 = "days_7", "7 days before the due date"
        DUE_TODAY = "due_today", "On the due date"
        OVERDUE = "overdue", "Overdue (weekly)"

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    due_on = models.DateField(help_text="The due date the reminder was about.")
    week = models.PositiveSmallIntegerField(default=0, help_text="For overdue reminders: whole weeks overdue.")
    sent_on = models.DateField(help_text="Europe/London day the reminder was decided.")
    batch = models.UUIDField(help_text="The run of send_reminders that recorded it.")
    recorded_at = models.DateTimeField(default=timezone.now)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "kind", "due_on", "week"], name="reminder_sent_once"),
        ]
        indexes = [
            models.Index(fields=["enrolment", "sent_on"], name="reminder_enrolment_sent"),
            models.Index(fields=["batch"], name="reminder_batch"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} reminder for {self.enrolment_id} on {self.sent_on}"
