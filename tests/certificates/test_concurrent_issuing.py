"""Workers issuing the same completion's certificate at the same moment, on PostgreSQL."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connection, connections

from certificates.issuing import issue_certificate
from certificates.models import Certificate, CertificateEvent
from tests.factories import CoursePageFactory, EmployeeFactory, EnrolmentFactory

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite runs one writer at a time"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_concurrent_issues_of_one_completion_make_one_certificate_and_one_pdf():
    enrolment = EnrolmentFactory(
        employee=EmployeeFactory(), course=CoursePageFactory(modules=1), requirement=None, completed_on=date(2026, 5, 1)
    )
    workers = 5
    barrier = threading.Barrier(workers)
    results: list = []

    def worker():
        try:
            barrier.wait()
            certificate = issue_certificate(enrolment.pk)
            results.append((certificate.pk, certificate.pdf_sha256))
        except Exception as error:  # the test reports any error a worker met
            results.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    certificate = Certificate.objects.get(enrolment=enrolment)
    assert results == [(certificate.pk, certificate.pdf_sha256)] * workers
    assert CertificateEvent.objects.filter(certificate=certificate).count() == 1
    stored = list(certificate.pdf.storage.listdir(certificate.pdf.name.rsplit("/", 1)[0])[1])
    assert [name for name in stored if name.startswith(certificate.code)] == [f"{certificate.code}.pdf"]
