"""Enrolments and progress: one learner in one course for one cycle."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from courses.models import CoursePage, ModulePage
from people.models import Employee


class EnrolmentQuerySet(models.QuerySet):
    def open(self) -> EnrolmentQuerySet:
        """Still to do: not completed and not withdrawn."""
        return self.filter(completed_at__isnull=True, withdrawn_at__isnull=True)

    def completed(self) -> EnrolmentQuerySet:
        return self.filter(completed_at__isnull=False)

    def withdrawn(self) -> EnrolmentQuerySet:
        return self.filter(withdrawn_at__isnull=False, completed_at__isnull=True)

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
    enrolled_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField(null=True, blank=True, help_text="Europe/London date by which it must be completed.")
    completed_at = models.DateTimeField(null=True, blank=True)
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
