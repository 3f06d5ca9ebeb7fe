"""HR's compliance exports: the people list's rows, every page of them, as CSV or Excel.

One row per person and requirement, dates in ISO format (YYYY-MM-DD, completion dates as the
Europe/London day), every text value through `content.spreadsheets.spreadsheet_safe`. The rows are
read with a server-side cursor in chunks and written as they come, so memory stays the same however
many there are: CSV is streamed to the browser as it is written; an Excel file is written to a
temporary file (openpyxl's write-only mode) and then sent.
"""

from __future__ import annotations

import csv
import tempfile
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from content.spreadsheets import spreadsheet_safe
from enrolment.status import Status

HEADER = (
    "Staff number",
    "Given name",
    "Family name",
    "Grade",
    "Department",
    "Line manager",
    "Requirement",
    "Status",
    "Due date",
    "Completed date",
    "Expiry date",
    "Certificate code",
)
FIELDS = (
    "employee__staff_number",
    "given_name",
    "family_name",
    "grade__code",
    "department__name",
    "employee__line_manager__given_name",
    "employee__line_manager__family_name",
    "requirement__name",
    "status",
    "due_on",
    "completed_at",
    "expires_on",
    "certificate_code",
)
CHUNK = 5000
_LABELS = dict(Status.choices)


def _local_day(moment: datetime | None, zone) -> str:
    if moment is None:
        return ""
    return moment.astimezone(zone).date().isoformat()


def rows_of(people):
    """The export's rows (tuples of text and numbers) for a `compliance.dashboard.people` queryset."""
    zone = ZoneInfo(settings.TIME_ZONE)
    safe = spreadsheet_safe
    for (
        staff_number,
        given,
        family,
        grade,
        department,
        manager_given,
        manager_family,
        requirement,
        status,
        due_on,
        completed_at,
        expires_on,
        code,
    ) in people.values_list(*FIELDS).iterator(chunk_size=CHUNK):
        manager = f"{manager_given} {manager_family}" if manager_family is not None else ""
        yield (
            safe(staff_number),
            safe(given),
            safe(family),
            safe(grade),
            safe(department),
            safe(manager),
            safe(requirement),
            _LABELS.get(status, status),
            due_on.isoformat() if due_on else "",
            _local_day(completed_at, zone),
            expires_on.isoformat() if expires_on else "",
            code,
        )


class _Line:
    """A file-like object whose write() hands back what was written, for csv.writer."""

    def write(self, value):
        return value


def csv_chunks(people):
    writer = csv.writer(_Line())
    yield "\ufeff"  # a byte-order mark, so that Excel reads the file as UTF-8
    yield writer.writerow(HEADER)
    batch = []
    for row in rows_of(people):
        batch.append(writer.writerow(row))
        if len(batch) >= 1000:
            yield "".join(batch)
            batch = []
    if batch:
        yield "".join(batch)


def file_name_for(stem: str, extension: str) -> str:
    return f"{stem}-{timezone.localdate().isoformat()}.{extension}"


def csv_response(people, *, file_name: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_chunks(people), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, file_name_for(file_name, "csv"))
    return response


def write_xlsx(people, handle) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Compliance")
    sheet.append(HEADER)
    for row in rows_of(people):
        sheet.append(row)
    workbook.save(handle)


def xlsx_response(people, *, file_name: str) -> FileResponse:
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
    write_xlsx(people, handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=file_name_for(file_name, "xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
