"""A learner's learning record: every course they completed, with its certificate, as CSV and PDF."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from certificates.models import Certificate
from certificates.pdf import tagged_pdf
from content.spreadsheets import spreadsheet_safe
from enrolment.models import Enrolment
from people.models import Employee

CSV_HEADER = ["Course", "Completed on", "Valid until", "CPD hours", "Certificate code", "Certificate status"]


@dataclass(frozen=True)
class Completion:
    course_title: str
    completed_on: date
    expires_on: date | None
    cpd_hours: Decimal | None
    certificate: Certificate | None
    status: str  # the certificate's status, or "" without one


def completions(employee: Employee, *, today: date) -> list[Completion]:
    """Every completed enrolment of the person, latest first, with the certificate in force (the latest issued)."""
    latest_first = Certificate.objects.select_related("replaced_by").order_by("-issued_at", "-pk")
    enrolments = (
        Enrolment.objects.filter(employee=employee, completed_at__isnull=False)
        .select_related("course")
        .prefetch_related(Prefetch("certificates", queryset=latest_first))
        .order_by("-completed_at", "-pk")
    )
    rows = []
    for enrolment in enrolments:
        certificate = next(iter(enrolment.certificates.all()), None)
        rows.append(
            Completion(
                course_title=certificate.course_title if certificate else enrolment.course.title,
                completed_on=timezone.localdate(enrolment.completed_at),
                expires_on=enrolment.expires_on,
                cpd_hours=certificate.cpd_hours if certificate else enrolment.course.cpd_hours,
                certificate=certificate,
                status=certificate.status(today=today).label if certificate else "",
            )
        )
    return rows


def record_csv(rows: list[Completion]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for row in rows:
        writer.writerow(
            [
                spreadsheet_safe(value)
                for value in (
                    row.course_title,
                    row.completed_on.isoformat(),
                    row.expires_on.isoformat() if row.expires_on else "",
                    "" if row.cpd_hours is None else f"{row.cpd_hours.normalize():f}",
                    row.certificate.display_code if row.certificate else "",
                    row.status,
                )
            ]
        )
    return out.getvalue()


def record_pdf(employee: Employee, rows: list[Completion], *, today: date) -> bytes:
    """The record as a tagged PDF (A4 portrait), in the certificates' fonts."""
    html = render_to_string(
        "certificates/pdf/learning_record.html",
        {"employee": employee, "rows": rows, "today": today, "service_name": settings.SERVICE_NAME},
    )
    return tagged_pdf(html)
