"""Revoking, re-issuing and bulk re-issuing, each recorded with who, when and why."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from certificates.actions import ActionRefused, reissue, reissue_course, revoke
from certificates.issuing import issue_certificate
from certificates.models import BulkReissue, Certificate, CertificateEvent
from tests.factories import EmployeeFactory, EnrolmentFactory, UserFactory
from tests.pages import make_course


@pytest.fixture
def course(db):
    return make_course(modules=1, title="Records management")


@pytest.fixture
def officer(db):
    return UserFactory()


def issued(course, **person) -> Certificate:
    employee = EmployeeFactory(**person)
    enrolment = EnrolmentFactory(employee=employee, course=course, requirement=None, completed_on=date(2026, 4, 1))
    return issue_certificate(enrolment.pk)


def pdf_bytes(certificate) -> bytes:
    with certificate.pdf.open("rb") as handle:
        return handle.read()


def test_revoking_records_who_when_and_why(course, officer):
    certificate = issued(course)
    revoke(certificate, by=officer, reason="  Completed on a shared   account ")
    certificate.refresh_from_db()
    assert certificate.revoked_by == officer
    assert certificate.revocation_reason == "Completed on a shared account"
    event = certificate.events.get(action=CertificateEvent.Action.REVOKED)
    assert (event.by, event.reason) == (officer, "Completed on a shared account")
    assert certificate.status(today=date(2026, 5, 1)) == Certificate.Status.REVOKED


def test_an_action_needs_a_reason(course, officer):
    with pytest.raises(ActionRefused, match="Enter the reason"):
        revoke(issued(course), by=officer, reason="   ")


def test_reissuing_after_a_name_change_makes_a_new_certificate_and_keeps_the_old(course, officer):
    old = issued(course, given_name="Ann", family_name="Smith")
    before = pdf_bytes(old)
    old.employee.family_name = "Jones"
    old.employee.save()
    new = reissue(old, by=officer, reason="Name changed on marriage")
    old.refresh_from_db()
    assert new.replaces == old
    assert new.code != old.code
    assert new.learner_name == "Ann Jones"
    assert old.learner_name == "Ann Smith"
    assert (new.completed_on, new.course_title) == (old.completed_on, old.course_title)
    assert new.pdf_sha256 != old.pdf_sha256
    assert pdf_bytes(old) == before  # the old PDF stays byte for byte
    assert old.status(today=date(2026, 5, 1)) == Certificate.Status.REPLACED
    assert old.events.filter(action=CertificateEvent.Action.REISSUED, by=officer).exists()
    assert new.events.get().reason == "Name changed on marriage"


def test_a_revoked_or_replaced_certificate_is_not_reissued(course, officer):
    revoked = issued(course)
    revoke(revoked, by=officer, reason="Error")
    with pytest.raises(ActionRefused, match="revoked"):
        reissue(revoked, by=officer, reason="Try")
    old = issued(course)
    reissue(old, by=officer, reason="Name")
    with pytest.raises(ActionRefused, match="replaced"):
        reissue(old, by=officer, reason="Again")
    with pytest.raises(ActionRefused, match="replaced"):
        revoke(old, by=officer, reason="Again")


def test_bulk_reissue_replaces_every_certificate_in_force_and_skips_revoked_ones(course, officer):
    in_force = [issued(course) for _ in range(3)]
    revoked = issued(course)
    revoke(revoked, by=officer, reason="Error")
    other_course = issued(make_course(modules=1))
    bulk = BulkReissue.objects.create(
        course=course, reason="New signatory", started_by=officer, created_at=timezone.now()
    )
    bulk = reissue_course(bulk)
    assert (bulk.state, bulk.total, bulk.done, bulk.skipped) == (BulkReissue.State.FINISHED, 3, 3, 1)
    for certificate in in_force:
        assert certificate.__class__.objects.get(pk=certificate.pk).replacement.events.get().reason == "New signatory"
    assert Certificate.objects.get(pk=revoked.pk).replacement is None
    assert Certificate.objects.get(pk=other_course.pk).replacement is None


def test_running_a_bulk_reissue_again_reissues_nothing_twice(course, officer):
    for _ in range(2):
        issued(course)
    bulk = BulkReissue.objects.create(
        course=course,
        reason="New logo",
        started_by=officer,
        created_at=timezone.now(),
    )
    reissue_course(bulk)
    count = Certificate.objects.count()
    reissue_course(bulk)  # a retried task
    assert Certificate.objects.count() == count
