"""`load_demo` installs the two compulsory courses, and the demo people show every status.

The demo is loaded once for the module (the `demo` fixture in tests/conftest.py): these tests read it,
and the one that loads it again does so in its own savepoint, rolled back after it.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from enrolment.demo import INFORMATION_MANAGEMENT, TECHNOLOGY_POLICY
from enrolment.models import Enrolment, Exemption, ModuleCompletion, Requirement
from enrolment.my_learning import my_learning
from enrolment.status import Status, with_status
from people.models import Employee

pytestmark = pytest.mark.django_db


ENROLMENT_FIELDS = [
    "employee_id", "course_id", "requirement_id", "enrolled_at", "due_on", "completed_at", "expires_on",
    "withdrawn_at", "updated_at",
]  # fmt: skip


def snapshot() -> dict:
    return {
        "requirements": sorted(Requirement.objects.values_list("name", "course__slug", "starts_on", "updated_at")),
        "enrolments": sorted(Enrolment.objects.values_list(*ENROLMENT_FIELDS)),
        "completions": ModuleCompletion.objects.count(),
        "exemptions": sorted(Exemption.objects.values_list("employee_id", "requirement_id", "until", "reason")),
    }


def test_the_two_requirements_are_installed(demo):
    technology = Requirement.objects.get(name=TECHNOLOGY_POLICY.name)
    assert technology.course.slug == "technology-policy-for-senior-leaders"
    assert technology.minimum_grade.code == "SCS1"
    assert (technology.due_within_days, technology.renewal_months, technology.recertification_window_days) == (
        90,
        12,
        30,
    )
    information = Requirement.objects.get(name=INFORMATION_MANAGEMENT.name)
    assert information.course.slug == "information-management-crash-course"
    assert information.minimum_grade is None
    assert not information.grades.exists()
    assert (information.due_within_days, information.renewal_months) == (60, 24)
    assert information.starts_on < timezone.localdate()


def test_loading_the_demo_again_changes_nothing(demo, settings):
    settings.DEBUG = True  # as it was loaded
    before = snapshot()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert snapshot() == before
    assert "Demo learning progress in place." in out.getvalue()


@pytest.mark.parametrize("name", [TECHNOLOGY_POLICY.name, INFORMATION_MANAGEMENT.name])
def test_every_status_can_be_seen_among_demo_people(demo, name):
    requirement = Requirement.objects.get(name=name)
    statuses = set(
        with_status(Employee.objects.active(), requirement, today=timezone.localdate()).values_list("status", flat=True)
    )
    assert {Status.COMPLIANT, Status.EXPIRING, Status.DUE, Status.OVERDUE, Status.EXEMPT} <= statuses


def test_the_exemptions_were_granted_by_the_demo_hr_officer_with_a_reason(demo):
    exemptions = list(Exemption.objects.select_related("granted_by"))
    assert len(exemptions) == 3
    for exemption in exemptions:
        assert exemption.granted_by.email == "hr@example.gov.uk"
        assert exemption.reason
        assert exemption.until > timezone.localdate()


def test_demo_completions_have_every_module_done(demo):
    for enrolment in Enrolment.objects.filter(requirement__isnull=False, completed_at__isnull=False):
        modules = set(enrolment.course.modules().values_list("pk", flat=True))
        done = set(enrolment.module_completions.values_list("module_id", flat=True))
        assert modules == done, enrolment
        assert enrolment.completed_at >= enrolment.enrolled_at
        assert enrolment.expires_on is not None


def test_the_demo_senior_civil_servant_has_technology_policy_due_with_a_date(demo):
    scs = Employee.objects.get(email="scs@example.gov.uk")
    today = timezone.localdate()
    rows = {row.course.slug: row for row in my_learning(scs, today=today).compulsory}
    technology = rows["technology-policy-for-senior-leaders"]
    assert technology.status == Status.DUE
    assert technology.tag.label == "Due"
    assert technology.due_on > today
    # They completed information management through the demo progress, so they are compliant.
    assert rows["information-management-crash-course"].status == Status.COMPLIANT


def test_the_demo_learner_keeps_their_progress(demo):
    learner = Employee.objects.get(email="learner@example.gov.uk")
    learning = my_learning(learner, today=timezone.localdate())
    assert [row.course.slug for row in learning.in_progress] == ["open-data-essentials"]
    assert learning.in_progress[0].completed_modules == 2
    assert [row.course.slug for row in learning.completed] == ["social-media-in-government"]
    assert [row.course.slug for row in learning.compulsory] == ["information-management-crash-course"]


def test_demo_overdue_people_entered_after_the_requirement_started(demo):
    for requirement in Requirement.objects.all():
        overdue = Enrolment.objects.open().filter(requirement=requirement, due_on__lt=timezone.localdate())
        assert overdue.exists()
        for enrolment in overdue:
            assert timezone.localdate(enrolment.enrolled_at) >= requirement.starts_on
