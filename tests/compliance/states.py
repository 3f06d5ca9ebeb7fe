"""Putting people in each compulsory-training status, and building teams, for the My team tests."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from enrolment.models import Enrolment, Exemption, Requirement
from people.models import Employee
from tests.factories import EmployeeFactory, GradeFactory, UserFactory


def assign(employee: Employee, requirement: Requirement, *, due_on: date) -> Enrolment:
    """An open compulsory enrolment, as the assignment engine makes it."""
    return Enrolment.objects.create(
        employee=employee,
        course=requirement.course,
        requirement=requirement,
        source=Enrolment.Source.REQUIREMENT,
        due_on=due_on,
    )


def complete(employee: Employee, requirement: Requirement, *, on: date, expires_on: date | None) -> Enrolment:
    """A compulsory enrolment completed on that day, counting until `expires_on`."""
    completed_at = timezone.make_aware(datetime.combine(on, time(10, 0)))
    return Enrolment.objects.create(
        employee=employee,
        course=requirement.course,
        requirement=requirement,
        source=Enrolment.Source.REQUIREMENT,
        enrolled_at=completed_at - timedelta(days=7),
        due_on=on + timedelta(days=30),
        completed_at=completed_at,
        expires_on=expires_on,
    )


def exempt(employee: Employee, requirement: Requirement, *, until: date, granted_by) -> Exemption:
    return Exemption.objects.create(
        employee=employee, requirement=requirement, until=until, reason="Long-term leave", granted_by=granted_by
    )


def report(manager: Employee, **fields) -> Employee:
    """An active EO reporting to the manager, in the manager's department."""
    fields.setdefault("grade", GradeFactory(code="EO"))
    return EmployeeFactory(line_manager=manager, department=manager.department, **fields)


def give_account(employee: Employee):
    """An account for someone HR recorded without one, so they can sign in."""
    employee.user = UserFactory(email=employee.email, first_name=employee.given_name, last_name=employee.family_name)
    employee.save(update_fields=["user"])
    return employee.user
