"""HR's certificate register in the admin: search, filters, a certificate's page, revoke, re-issue, bulk."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certificates.issuing import issue_certificate
from certificates.models import BulkReissue, Certificate
from tests.factories import EmployeeFactory, EnrolmentFactory
from tests.pages import make_course

INDEX = "/admin/certificates/"


@pytest.fixture
def course(db):
    return make_course(modules=1, title="Protective marking")


def issued(course, **person) -> Certificate:
    enrolment = EnrolmentFactory(
        employee=EmployeeFactory(**person), course=course, requirement=None, completed_on=date(2026, 4, 1)
    )
    return issue_certificate(enrolment.pk)


@pytest.fixture
def hr_client(client, hr_user):
    client.force_login(hr_user)
    return client


def codes_on(response) -> set[str]:
    html = response.content.decode()
    return {certificate.display_code for certificate in Certificate.objects.all() if certificate.display_code in html}


def test_only_hr_and_administrators_reach_the_register(client, course, learner_user, editor_user, manager_user):
    certificate = issued(course)
    for user in (learner_user, editor_user, manager_user):
        client.force_login(user)
        for url in (INDEX, f"{INDEX}{certificate.pk}/", f"{INDEX}re-issue/"):
            assert client.get(url).status_code in (302, 403), (user, url)
            assert certificate.staff_number not in client.get(url).content.decode()


def test_search_by_name_staff_number_or_code(hr_client, course):
    ada = issued(course, given_name="Ada", family_name="Lovelace")
    alan = issued(course, given_name="Alan", family_name="Turing")
    assert codes_on(hr_client.get(INDEX, {"q": "lovelace"})) == {ada.display_code}
    assert codes_on(hr_client.get(INDEX, {"q": alan.staff_number.lower()})) == {alan.display_code}
    assert codes_on(hr_client.get(INDEX, {"q": ada.display_code.lower().replace("-", " ")})) == {ada.display_code}


def test_filter_by_course_and_status(hr_client, course):
    valid = issued(course)
    expired = issued(course)
    Certificate.objects.filter(pk=expired.pk).update(expires_on=timezone.localdate() - timedelta(days=1))
    other = issued(make_course(modules=1, title="Another course"))
    assert codes_on(hr_client.get(INDEX, {"course": course.pk})) == {valid.display_code, expired.display_code}
    assert codes_on(hr_client.get(INDEX, {"status": "expired"})) == {expired.display_code}
    assert codes_on(hr_client.get(INDEX, {"status": "valid"})) == {valid.display_code, other.display_code}


def test_the_register_takes_the_same_queries_for_many_certificates(hr_client, course):
    issued(course)
    hr_client.get(INDEX)
    with CaptureQueriesContext(connection) as few:
        hr_client.get(INDEX)
    for _ in range(6):
        issued(course)
    with CaptureQueriesContext(connection) as many:
        hr_client.get(INDEX)
    assert len(many) == len(few)


def test_revoking_from_the_certificate_page(hr_client, hr_user, course, client):
    certificate = issued(course)
    url = f"{INDEX}{certificate.pk}/"
    response = hr_client.post(url, {"action": "revoke", "revoke-reason": ""})
    assert "Enter the reason" in response.content.decode()
    response = hr_client.post(url, {"action": "revoke", "revoke-reason": "Issued in error"}, follow=True)
    html = response.content.decode()
    assert "Revoked" in html
    assert "Issued in error" in html
    assert hr_user.get_full_name() in html or str(hr_user) in html
    assert Certificate.objects.get(pk=certificate.pk).revoked_at is not None


def test_reissuing_from_the_certificate_page_goes_to_the_new_one(hr_client, course):
    certificate = issued(course)
    response = hr_client.post(f"{INDEX}{certificate.pk}/", {"action": "reissue", "reissue-reason": "Name change"})
    new = Certificate.objects.get(replaces=certificate)
    assert response["Location"] == f"{INDEX}{new.pk}/"
    old_page = hr_client.get(f"{INDEX}{certificate.pk}/").content.decode()
    assert "Replaced" in old_page
    assert new.display_code in old_page
    assert "Re-issue the certificate" not in old_page  # only the one in force can be acted on


def test_an_unknown_certificate_is_a_404(hr_client, db):
    assert hr_client.get(f"{INDEX}999999/").status_code == 404


def test_bulk_reissue_runs_as_a_task_and_shows_its_progress(hr_client, course, django_capture_on_commit_callbacks):
    for _ in range(2):
        issued(course)
    with django_capture_on_commit_callbacks(execute=True):
        response = hr_client.post(f"{INDEX}re-issue/", {"course": course.pk, "reason": "New signatory"})
    assert response.status_code == 302
    bulk = BulkReissue.objects.get()
    assert (bulk.state, bulk.done, bulk.total) == (BulkReissue.State.FINISHED, 2, 2)
    html = hr_client.get(f"{INDEX}re-issue/").content.decode()
    assert "Finished: 2 of 2 re-issued" in html
    assert Certificate.objects.filter(replaces__isnull=False).count() == 2


def test_bulk_reissue_needs_a_course_and_a_reason(hr_client, course):
    issued(course)
    html = hr_client.post(f"{INDEX}re-issue/", {}).content.decode()
    assert "Choose the course whose certificates to re-issue" in html
    assert "Enter the reason" in html
    assert not BulkReissue.objects.exists()
