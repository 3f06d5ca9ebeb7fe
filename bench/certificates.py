"""Certificates at scale: one render next to a bare WeasyPrint render of the same HTML, and issuing many.

The bare reference is WeasyPrint alone on the HTML our template produces for the same certificate, with
the same fonts and stylesheet loaded once (no database): what our render costs above the library. It is
measured twice: untagged, and tagged as PDF/UA-1 as ours is (the same file, WeasyPrint's tagging included). Issuing goes
through `issue_certificate` (the task's body: read the completion, freeze it, create the certificate
and its event, render, store the PDF, commit) in worker processes, as the task worker would run it.
"""

from __future__ import annotations

import multiprocessing
import statistics
import time
from datetime import timedelta

from django.db import connections
from django.utils import timezone

from bench.catalogue import PREFIX
from certificates.models import Certificate, CertificateDesign
from courses.models import CoursePage
from enrolment.models import Enrolment
from people.models import Department, Employee, Grade

STAFF_PREFIX = "BC-"


def sample_certificate() -> Certificate:
    return Certificate(
        code="7K4Q9XM2H3TDWPRC5NEA",
        learner_name="Bench Learner-Ødegård",
        staff_number="BC-00001",
        department_name="Bench department",
        course_title="Information management for senior civil servants",
        completed_on=timezone.localdate(),
        expires_on=timezone.localdate() + timedelta(days=365),
        cpd_hours=2,
        quiz_score_percent=88,
        issued_at=timezone.now(),
    )


def render_times(runs: int = 20) -> dict[str, float]:
    """Median ms of our render (tagged PDF/UA), of signing it, and of bare WeasyPrint renders of the same
    HTML (untagged, and tagged as PDF/UA-1); the signed PDF's bytes."""
    from weasyprint import HTML

    from certificates.pdf import certificate_layout, fonts, render_html, render_pdf

    certificate, design = sample_certificate(), CertificateDesign()
    render_pdf(certificate, design)  # warm: fonts loaded, templates compiled
    html = render_html(certificate, design)
    stylesheet, config = fonts()

    def bare_render(**options):
        return HTML(string=html).write_pdf(
            stylesheets=[stylesheet, certificate_layout()], font_config=config, **options
        )

    bare_render()
    bare_render(pdf_variant="pdf/ua-1")
    from certificates.signing import sign

    ours, bare, bare_tagged, signing, size = [], [], [], [], 0
    for _ in range(runs):
        begin = time.perf_counter()
        data = render_pdf(certificate, design)
        ours.append((time.perf_counter() - begin) * 1000)
        begin = time.perf_counter()
        size = len(sign(data))
        signing.append((time.perf_counter() - begin) * 1000)
        begin = time.perf_counter()
        bare_render()
        bare.append((time.perf_counter() - begin) * 1000)
        begin = time.perf_counter()
        bare_render(pdf_variant="pdf/ua-1")
        bare_tagged.append((time.perf_counter() - begin) * 1000)
    return {
        "ours": statistics.median(ours),
        "sign": statistics.median(signing),
        "bare": statistics.median(bare),
        "bare_tagged": statistics.median(bare_tagged),
        "bytes": size,
    }


def completions(count: int) -> list[int]:
    """`count` completed enrolments of bench people on the first bench course, none with a certificate yet."""
    course = CoursePage.objects.filter(slug__startswith=PREFIX).order_by("path").first()
    if course is None:
        raise RuntimeError("No bench catalogue: run `manage.py bench --only pages` once first.")
    department = Department.objects.order_by("pk").first() or Department.objects.create(code="BENCH", name="Bench")
    grade = Grade.objects.get(code="SCS1")
    bench_people = Employee.objects.filter(staff_number__startswith=STAFF_PREFIX)
    existing = set(bench_people.values_list("staff_number", flat=True))
    Employee.objects.bulk_create(
        Employee(
            staff_number=number,
            given_name="Certificate",
            family_name=f"Learner {n}",
            email=f"bench.certificate.{n}@example.gov.uk",
            grade=grade,
            department=department,
        )
        for n in range(1, count + 1)
        if (number := f"{STAFF_PREFIX}{n:05d}") not in existing
    )
    people = Employee.objects.filter(staff_number__startswith=STAFF_PREFIX).order_by("staff_number")[:count]
    enrolments = Enrolment.objects.filter(employee__staff_number__startswith=STAFF_PREFIX)
    Certificate.objects.filter(enrolment__in=enrolments).delete()
    enrolments.delete()
    now = timezone.now()
    made = Enrolment.objects.bulk_create(
        Enrolment(
            employee=person,
            course=course,
            source=Enrolment.Source.SELF,
            enrolled_at=now - timedelta(days=2),
            completed_at=now - timedelta(hours=1),
        )
        for person in people
    )
    CertificateDesign.current()
    return [enrolment.pk for enrolment in made]


def _issue(ids, queue) -> None:
    from certificates.issuing import issue_certificate

    connections.close_all()
    begin = time.perf_counter()
    for enrolment_id in ids:
        issue_certificate(enrolment_id)
    queue.put(time.perf_counter() - begin)


def issue_many(ids: list[int], *, workers: int) -> dict[str, float]:
    """Issue a certificate for each completion in `workers` processes; wall time, rate and PDF sizes."""
    connections.close_all()
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    shares = [ids[w::workers] for w in range(workers)]
    begin = time.perf_counter()
    processes = [context.Process(target=_issue, args=(share, queue)) for share in shares]
    for process in processes:
        process.start()
    busy = [queue.get() for _ in processes]
    for process in processes:
        process.join()
    wall = time.perf_counter() - begin
    issued = Certificate.objects.filter(enrolment_id__in=ids)
    sizes = [certificate.pdf.size for certificate in issued.only("pdf")]
    return {
        "issued": issued.count(),
        "wall": wall,
        "rate": len(ids) / wall,
        "per_process": len(ids) / max(busy) / workers if busy else 0.0,
        "largest": max(sizes, default=0),
        "mean": statistics.mean(sizes) if sizes else 0,
    }


def issue_through_worker(ids: list[int], *, workers: int) -> dict[str, float] | None:
    """The same, but the real way: one `issue_certificate_task` enqueued per completion (as `course_completed`
    does), then `workers` processes of `manage.py db_worker --batch` draining the queue. None unless the
    task backend is the database one."""
    import os
    import subprocess
    import sys

    from django.conf import settings

    from certificates.tasks import issue_certificate_task

    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return None
    begin = time.perf_counter()
    for enrolment_id in ids:
        issue_certificate_task.enqueue(enrolment_id)
    enqueued = time.perf_counter() - begin
    connections.close_all()
    command = [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"]
    begin = time.perf_counter()
    processes = [
        subprocess.Popen(command, env=os.environ.copy(), stdout=subprocess.DEVNULL)  # noqa: S603 - our own command
        for _ in range(workers)
    ]
    for process in processes:
        process.wait()
    wall = time.perf_counter() - begin
    issued = Certificate.objects.filter(enrolment_id__in=ids, replaces__isnull=True).count()
    return {"issued": issued, "enqueue": enqueued, "wall": wall, "rate": issued / wall}
