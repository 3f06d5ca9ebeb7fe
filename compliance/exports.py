"""HR's compliance exports: the people list's rows, every page of them, as CSV or Excel.

One row per person and requirement, dates in ISO format (YYYY-MM-DD, completion dates as the
Europe/London day), every text value through `content.spreadsheets.spreadsheet_safe`. The rows are
read in chunks and written as they come, so memory stays the same however many there are. CSV is
streamed to the browser as it is written: on PostgreSQL, PostgreSQL writes it (COPY … TO STDOUT, with
the same spreadsheet rule as `content.spreadsheets.spreadsheet_safe_sql`), elsewhere Python's csv module
from a server-side cursor; tests/compliance/test_dashboard.py checks both give the same rows. An Excel
file is written to a temporary file and then sent.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from content.spreadsheets import spreadsheet_safe, spreadsheet_safe_sql
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
    "staff_number",
    "given_name",
    "family_name",
    "grade_code",
    "department_name",
    "line_manager_name",
    "requirement_name",
    "status",
    "due_on",
    "completed_at",
    "expires_on",
    "certificate_code",
)
TEXT_FIELDS = FIELDS[:7]
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
        manager,
        requirement,
        status,
        due_on,
        completed_at,
        expires_on,
        code,
    ) in people.values_list(*FIELDS).iterator(chunk_size=CHUNK):
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


def _copy_sql(people) -> tuple[str, list]:
    """PostgreSQL's COPY writing exactly what `rows_of` gives, as CSV: the same values, made safe by the same
    rule (`spreadsheet_safe_sql`), dates as ISO, the completion as its Europe/London day."""
    query = people.values_list(*FIELDS)
    sql, params = query.query.get_compiler(connection=connection).as_sql()
    quote = connection.ops.quote_name
    labels = " ".join(f"WHEN {quote('status')} = %s THEN %s" for _ in _LABELS)
    columns = [f"NULLIF({spreadsheet_safe_sql(quote(name))}, '')" for name in TEXT_FIELDS]
    columns += [
        f"CASE {labels} ELSE {quote('status')} END",
        f"to_char({quote('due_on')}, 'YYYY-MM-DD')",
        f"to_char(({quote('completed_at')} AT TIME ZONE %s)::date, 'YYYY-MM-DD')",
        f"to_char({quote('expires_on')}, 'YYYY-MM-DD')",
        f"NULLIF({quote('certificate_code')}, '')",
    ]
    label_params = [value for pair in _LABELS.items() for value in pair]
    select = f"SELECT {', '.join(columns)} FROM ({sql}) rows"  # noqa: S608 - our own SQL; values are parameters
    return select, [*label_params, settings.TIME_ZONE, *params]


def _copied(people):
    """The rows as CSV text written by PostgreSQL itself (COPY … TO STDOUT), in blocks as they come."""
    select, params = _copy_sql(people)
    with connection.cursor() as cursor:
        composed = cursor.mogrify(select, params)
        raw = cursor.connection.cursor()
        with raw.copy(f"COPY ({composed}) TO STDOUT WITH (FORMAT csv)") as copy:
            batch, size = [], 0
            for block in copy:
                batch.append(bytes(block))
                size += len(block)
                if size >= 1 << 16:
                    yield b"".join(batch)
                    batch, size = [], 0
            if batch:
                yield b"".join(batch)


def csv_chunks(people):
    writer = csv.writer(_Line(), lineterminator="\n")
    yield "\ufeff".encode()  # a byte-order mark, so that Excel reads the file as UTF-8
    yield writer.writerow(HEADER).encode()
    if connection.vendor == "postgresql":
        yield from _copied(people)
        return
    batch = []
    for row in rows_of(people):
        batch.append(writer.writerow(row))
        if len(batch) >= 1000:
            yield "".join(batch).encode()
            batch = []
    if batch:
        yield "".join(batch).encode()


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


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(people, *, file_name: str, rows: int | None = None) -> StreamingHttpResponse:
    """The Excel file, streamed as it is written on PostgreSQL (the first bytes leave at once, however many
    rows follow; `rows`, how many there are, if known); elsewhere openpyxl writes it to a temporary file
    first, then that is sent."""
    if connection.vendor == "postgresql":
        response = StreamingHttpResponse(xlsx_chunks_postgresql(people, rows=rows), content_type=XLSX_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, file_name_for(file_name, "xlsx"))
        return response
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it once sent
    write_xlsx(people, handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=file_name_for(file_name, "xlsx"), content_type=XLSX_TYPE)


# Excel, written from PostgreSQL -------------------------------------------------------------------------
#
# An XLSX file is a zip of a few XML parts. On PostgreSQL each row of the sheet is rendered as XML by the
# database (the values made spreadsheet-safe as in the CSV, then escaped for XML), read with a server-side
# cursor a chunk at a time and deflated into the zip as it comes: the file holds only inline text cells, so
# there are no shared strings to keep in memory. openpyxl (elsewhere) writes the same cells.

_XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Compliance" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}
_SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_END = "</sheetData></worksheet>"
# Characters XML 1.0 does not allow in text (control characters but tab, line feed and carriage return).
_XML_ILLEGAL = "[\x01-\x08\x0b\x0c\x0e-\x1f]"


def _xml_text(value: str) -> str:
    from xml.sax.saxutils import escape

    return escape(re.sub(_XML_ILLEGAL, "", value))


def _cells(values) -> str:
    return (
        "<row>"
        + "".join(
            f'<c t="inlineStr"><is><t xml:space="preserve">{_xml_text(str(value))}</t></is></c>' for value in values
        )
        + "</row>"
    )


def _xml_rows_sql(people) -> tuple[str, list]:
    """SQL giving each export row as one `<row>` of inline text cells, the values as in the CSV."""
    select, params = _copy_sql(people)
    count = len(HEADER)
    escaped = []
    for index in range(1, count + 1):
        cleaned = f"regexp_replace(coalesce(c{index}, ''), '{_XML_ILLEGAL}', '', 'g')"
        escaped.append(f"replace(replace(replace({cleaned}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;') AS e{index}")
    # As openpyxl writes them: an empty cell bare, and xml:space="preserve" only where the value begins or
    # ends with white space (most of the sheet is cell markup: this is a third less to make and deflate).
    cell = (
        "CASE WHEN e{0} = '' THEN '<c/>' "
        "WHEN btrim(e{0}, E' \\t\\n\\r') = e{0} THEN '<c t=\"inlineStr\"><is><t>' || e{0} || '</t></is></c>' "
        "ELSE '<c t=\"inlineStr\"><is><t xml:space=\"preserve\">' || e{0} || '</t></is></c>' END"
    )
    cells = " || ".join(cell.format(index) for index in range(1, count + 1))
    names = ", ".join(f"c{index}" for index in range(1, count + 1))
    # OFFSET 0 keeps the inner query whole, so that each value is cleaned and escaped once, not per use.
    inner = f"SELECT {', '.join(escaped)} FROM ({select}) AS export ({names}) OFFSET 0"  # noqa: S608
    return f"SELECT '<row>' || {cells} || '</row>' FROM ({inner}) AS escaped", params  # noqa: S608


class _Outbox(io.RawIOBase):
    """A write-only stream that keeps what is written until it is taken: the zip is written into it and
    the response takes each piece as it comes. Not seekable, so zipfile writes each part's sizes after it."""

    def __init__(self):
        super().__init__()
        self.pieces: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.pieces.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        taken, self.pieces = b"".join(self.pieces), []
        return taken


# A streamed zip part is followed by its sizes. Those are 32-bit (as Excel expects of a part of that size)
# unless the sheet could reach 4 GB: no more than 2 KB a row (14 cells of markup and their longest values).
ROW_BYTES_AT_MOST = 2048
ZIP64_ROWS = (1 << 32) // ROW_BYTES_AT_MOST


def xlsx_chunks_postgresql(people, *, rows: int | None = None):
    """The Excel file of these rows (`rows` of them, if known), in pieces as PostgreSQL renders them."""
    import zipfile

    sql, params = _xml_rows_sql(people)
    outbox = _Outbox()
    with zipfile.ZipFile(outbox, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, text in _XLSX_PARTS.items():
            archive.writestr(name, text)
        yield outbox.take()
        large = rows is None or rows >= ZIP64_ROWS
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=large) as sheet:
            sheet.write((_SHEET_START + _cells(HEADER)).encode())
            with connection.chunked_cursor() as cursor:
                cursor.execute(sql, params)
                while batch := cursor.fetchmany(CHUNK):
                    sheet.write("".join(row[0] for row in batch).encode())
                    if piece := outbox.take():
                        yield piece
            sheet.write(_SHEET_END.encode())
    yield outbox.take()


def write_xlsx_postgresql(people, handle, *, rows: int | None = None) -> None:
    """The same file, written to `handle`."""
    for piece in xlsx_chunks_postgresql(people, rows=rows):
        handle.write(piece)
