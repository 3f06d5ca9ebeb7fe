"""`known`: people in every compulsory status in a small structure, for HR's compliance figures (a fixture of
tests/conftest.py, used by tests/compliance and tests/bench)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from compliance.snapshot import refresh
from people.models import Department
from tests.factories import EmployeeFactory, EnrolmentFactory, ExemptionFactory, RequirementFactory


@pytest.fixture
def known(grades, professions):
    """Six people in two departments (one with a body under it), two requirements, every status.

    `expected` is what each person's status must be, written by hand: the independent count.
    """
    a = Department.objects.create(code="DA", name="Department A")
    a1 = Department.objects.create(code="DA1", name="Agency under A", parent=a)
    b = Department.objects.create(code="DB", name="Department B")
    everyone = RequirementFactory(name="Everyone", recertification_window_days=30)
    everyone.departments.set([a, b])
    senior = RequirementFactory(name="Senior", minimum_grade=grades["SCS1"])
    senior.departments.set([a, b])
    today = timezone.localdate()
    policy, ddat = professions["policy"], professions["ddat"]

    def person(name, department, grade, profession):
        return EmployeeFactory(
            given_name="Known", family_name=name, department=department, grade=grades[grade], profession=profession
        )

    p1 = person("Compliantone", a, "EO", policy)
    p2 = person("Expiringtwo", a1, "EO", ddat)
    p3 = person("Overduethree", a1, "SCS1", policy)
    p4 = person("Duefour", b, "SCS1", ddat)
    p5 = person("Exemptfive", b, "EO", policy)
    p6 = person("Overduesix", b, "SCS2", None)
    EnrolmentFactory(employee=p1, requirement=everyone, completed_on=today - timedelta(days=10))
    EnrolmentFactory(
        employee=p2, requirement=everyone, completed_on=today - timedelta(days=300), expires_on=today + timedelta(14)
    )
    EnrolmentFactory(employee=p3, requirement=everyone, due_on=today - timedelta(days=3))
    EnrolmentFactory(employee=p4, requirement=everyone, due_on=today + timedelta(days=20))
    EnrolmentFactory(employee=p5, requirement=everyone, due_on=today + timedelta(days=20))
    ExemptionFactory(employee=p5, requirement=everyone)
    EnrolmentFactory(employee=p6, requirement=everyone, due_on=today - timedelta(days=40))
    EnrolmentFactory(employee=p3, requirement=senior, completed_on=today - timedelta(days=5))
    EnrolmentFactory(employee=p4, requirement=senior, due_on=today - timedelta(days=1))
    EnrolmentFactory(employee=p6, requirement=senior, due_on=today + timedelta(days=60))
    expected = [
        # person, requirement, status (as the figures count it), department chain, grade, profession
        (p1, everyone, "compliant"),
        (p2, everyone, "expiring"),
        (p3, everyone, "overdue"),
        (p4, everyone, "due"),
        (p5, everyone, "exempt"),
        (p6, everyone, "overdue"),
        (p3, senior, "compliant"),
        (p4, senior, "overdue"),
        (p6, senior, "due"),
    ]
    refresh(today=today)
    return {"a": a, "a1": a1, "b": b, "everyone": everyone, "senior": senior, "expected": expected, "ddat": ddat}
