"""HR imports as records: the file is kept, checked (a dry run), applied under a lock, and its results kept.

The same steps serve the upload page (large files in a background task) and `manage.py import_employees`:

- `receive_file` stores an uploaded file, compressed, as an `EmployeeImport`;
- `check_import` plans it and records what it would change (nothing else is written);
- `start_applying` takes the lock, or refuses with `ImportInProgress` naming the import that holds it;
- `apply_import` plans again (the records may have moved on since the check), applies the plan and
  records what it did in one transaction (so the import says "applied" exactly when the people changed),
  and releases the lock;
- `reassign_training` then, after the commit and in a task, tells the apps above who changed
  (`people.signals.employees_changed`: enrolment re-assigns compulsory training). It can fail without
  undoing the import: it is tried again later when the task backend can defer, and otherwise the import
  keeps the people's ids and its page shows a warning with a button (`rerun_reassignment`) to run it again.

A full sync that would make many people leavers (see `ImportPlan.leavers_to_confirm`) is applied only when
that is confirmed: on the command line by `--allow-many-leavers`; in the admin by ticking a box on the
import's page, which `start_applying` records with the number confirmed (in the summary, under
LEAVERS_CONFIRMED) so that a task worker applying it later knows. A full sync with no accepted row is never
applied. Either way the check records why, in the summary, for the import's page to say.

The CSV files written here (changes, rejected rows) neutralise values a spreadsheet would run as formulas
(`content.spreadsheets.spreadsheet_safe`, as every export of the site does).

Only one import applies at a time: the lock is a unique column that one row can hold, so it works on
every database and across worker machines. An import whose heartbeat (`updated_at`) has not moved for
`STALE_AFTER` has lost its worker; the next import to start marks it failed and goes ahead.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import logging
from collections.abc import Iterator
from datetime import date, timedelta
from functools import partial
from typing import BinaryIO

from django.db import IntegrityError, transaction
from django.utils import timezone

from content.spreadsheets import spreadsheet_safe
from people.hr_import import HrFileError, ImportPlan, ImportRefused, apply_plan, batches, plan_file
from people.models import EmployeeImport, EmployeeImportProblem
from people.signals import held_announcements, send_employees_changed

logger = logging.getLogger(__name__)

STALE_AFTER = timedelta(minutes=30)
PREVIEW_CHANGES = 100
CHANGES_HEADER = ("row", "staff_number", "change", "field", "old", "new")
# Keys of EmployeeImport.summary besides the plan's figures:
CHANGE_LINES = "change_lines"  # the number of lines of the changes file
REFUSAL = "refusal"  # why this import can never be applied (a full sync with no accepted row)
LEAVERS_TO_CONFIRM = "leavers_to_confirm"  # a full sync making this many leavers must be confirmed to apply
LEAVERS_WARNING = "leavers_warning"  # … and why
LEAVERS_CONFIRMED = "leavers_confirmed"  # the number of leavers the person applying it confirmed
_CHUNK = 1 << 20
# How long to wait before the second and the third try at re-assigning training, if the task backend can defer.
REASSIGN_RETRY_AFTER = (timedelta(minutes=1), timedelta(minutes=10))


class ImportInProgress(Exception):
    """Another import is applying; this one was refused and nothing was written."""


def receive_file(
    *,
    stream: BinaryIO,
    file_name: str,
    full_sync: bool = False,
    user=None,
    source: str = EmployeeImport.Source.UPLOAD,
) -> EmployeeImport:
    """Keep an HR file, compressed, ready to be checked. Reads it in chunks, never whole into memory."""
    packed = io.BytesIO()
    size = lines = 0
    last = b""
    with gzip.GzipFile(fileobj=packed, mode="wb", compresslevel=1, mtime=0) as archive:
        while chunk := stream.read(_CHUNK):
            archive.write(chunk)
            size += len(chunk)
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    if last and last != b"\n":
        lines += 1
    return EmployeeImport.objects.create(
        file_name=file_name[:255],
        file_size=size,
        content=packed.getvalue(),
        full_sync=full_sync,
        source=source,
        created_by=user,
        rows_total=max(lines - 1, 0),
        step="Waiting to be checked",
    )


def _open(employee_import: EmployeeImport) -> BinaryIO:
    return gzip.GzipFile(fileobj=io.BytesIO(bytes(employee_import.content)), mode="rb")


def _plan(employee_import: EmployeeImport, *, today: date, step: str) -> ImportPlan:
    pk = employee_import.pk

    def progress(rows: int) -> None:
        EmployeeImport.objects.filter(pk=pk).update(rows_done=rows, updated_at=timezone.now())

    EmployeeImport.objects.filter(pk=pk).update(step=step, rows_done=0, updated_at=timezone.now())
    with _open(employee_import) as stream:
        return plan_file(stream, today=today, full_sync=employee_import.full_sync, progress=progress)


def check_import(employee_import: EmployeeImport, *, today: date | None = None) -> EmployeeImport:
    """Plan the import and record what it would change: a dry run. Nothing but the record is written."""
    today = today or timezone.localdate()
    employee_import.status = EmployeeImport.Status.CHECKING
    try:
        plan = _plan(employee_import, today=today, step="Checking rows")
    except HrFileError as exc:
        return _fail(employee_import, str(exc))
    except Exception:
        logger.exception("HR import %s could not be checked", employee_import.pk)
        return _fail(employee_import, "The file could not be checked because of an unexpected error. Nothing changed.")
    _record(employee_import, plan, status=EmployeeImport.Status.CHECKED)
    return employee_import


def start_applying(
    employee_import: EmployeeImport, *, user=None, leavers_confirmed: int | None = None
) -> EmployeeImport:
    """Take the lock for this import, or raise ImportInProgress naming the one that holds it.

    `leavers_confirmed`: the number of leavers the person applying it has confirmed, kept for `apply_import`.
    Raises ValueError if the import is past applying (applied, failed, discarded) or already applying, even
    when this object was read before that changed: a form submitted twice applies the file once.
    """
    ready = (EmployeeImport.Status.CHECKED, EmployeeImport.Status.CHECKING)
    if employee_import.status not in ready:
        raise ValueError(f"An import that is {employee_import.get_status_display().lower()} cannot be applied.")
    release_stale_imports()
    confirmed = {}
    if leavers_confirmed is not None:
        confirmed["summary"] = {**(employee_import.summary or {}), LEAVERS_CONFIRMED: leavers_confirmed}
    try:
        with transaction.atomic():
            taken = EmployeeImport.objects.filter(
                pk=employee_import.pk, applying__isnull=True, status__in=ready
            ).update(
                applying=True,
                status=EmployeeImport.Status.APPLYING,
                applied_by=user,
                step="Waiting to start",
                rows_done=0,
                updated_at=timezone.now(),
                **confirmed,
            )
    except IntegrityError:
        raise ImportInProgress(_in_progress_message()) from None
    if not taken:
        employee_import.refresh_from_db()
        raise ValueError(f"An import that is {employee_import.get_status_display().lower()} cannot be applied.")
    employee_import.refresh_from_db()
    return employee_import


def apply_import(
    employee_import: EmployeeImport,
    *,
    today: date | None = None,
    allow_many_leavers: bool = False,
    reassign_now: bool = False,
) -> EmployeeImport:
    """Plan again and apply, recording the outcome in the same transaction; release the lock. Needs the lock.

    A full sync making many leavers is applied if `allow_many_leavers`, or if no more leavers than were
    confirmed through `start_applying`; otherwise the import fails saying how many and how to go on.
    Compulsory training is then re-assigned (`reassign_training`) by a task after the commit, or at once,
    without retries, if `reassign_now` (the command line, which may run without a task worker).
    """
    employee_import.refresh_from_db()
    if not employee_import.applying or employee_import.status != EmployeeImport.Status.APPLYING:
        return employee_import  # released as stale, or already done: nothing to do
    today = today or timezone.localdate()
    confirmed = (employee_import.summary or {}).get(LEAVERS_CONFIRMED)
    try:
        plan = _plan(employee_import, today=today, step="Checking rows")
        allowed = allow_many_leavers or (confirmed is not None and plan.leavers_to_confirm <= confirmed)
        EmployeeImport.objects.filter(pk=employee_import.pk).update(
            step="Saving changes", rows_done=employee_import.rows_total or 0, updated_at=timezone.now()
        )
        with transaction.atomic():
            with held_announcements() as changed_ids:  # sent by reassign_training, which records the outcome
                apply_plan(plan, allow_many_leavers=allowed)
            employee_import.applied_at = timezone.now()
            _record(
                employee_import,
                plan,
                status=EmployeeImport.Status.APPLIED,
                leavers_confirmed=confirmed,
                changed_ids=changed_ids,
            )
    except ImportRefused as exc:
        return _fail(employee_import, _refusal_message(employee_import, exc, confirmed))
    except HrFileError as exc:
        return _fail(employee_import, str(exc))
    except Exception:
        logger.exception("HR import %s could not be applied", employee_import.pk)
        return _fail(employee_import, "The import stopped because of an unexpected error. Nothing changed; try again.")
    if employee_import.reassignment == EmployeeImport.Reassignment.PENDING:
        if reassign_now:
            reassign_training(import_id=employee_import.pk, retry=False)
            employee_import.refresh_from_db()
        else:
            transaction.on_commit(partial(_enqueue_reassignment, employee_import.pk))
    return employee_import


def reassign_training(*, import_id: int, attempt: int = 1, retry: bool = True) -> str:
    """Tell the apps above who an applied import changed, so that their compulsory training is re-assigned.

    The import stays applied whatever happens here: its changes are committed. On success it forgets the
    people's ids; on failure it records the error, and is tried again later (up to REASSIGN_RETRY_AFTER) if
    `retry` and the task backend can defer, or else waits for someone to run it again from its page.
    Returns the outcome: done, retrying, failed, or nothing to do (not applied, or not waiting).
    """
    waiting = EmployeeImport.objects.filter(
        pk=import_id, status=EmployeeImport.Status.APPLIED, reassignment=EmployeeImport.Reassignment.PENDING
    )
    employee_import = waiting.only("pk", "reassign_ids").first()
    if employee_import is None:
        return "nothing to do"
    ids = _unpack_ids(employee_import.reassign_ids)
    try:
        send_employees_changed(ids)
    except Exception:
        logger.exception("HR import %s: compulsory training could not be re-assigned (try %s)", import_id, attempt)
        people = f"{len(ids):,} {'person' if len(ids) == 1 else 'people'}"
        failure = (
            f"The people records were changed, but compulsory training could not be re-assigned for the {people} "
            "this import changed, because of an unexpected error (the details are in govlearn's log)."
        )
        if retry and attempt <= len(REASSIGN_RETRY_AFTER) and _backend_can_defer():
            when = timezone.now() + REASSIGN_RETRY_AFTER[attempt - 1]
            waiting.update(
                reassignment_error=f"{failure} It will be tried again at {timezone.localtime(when):%H:%M}.",
                updated_at=timezone.now(),
            )
            transaction.on_commit(partial(_enqueue_reassignment, import_id, attempt=attempt + 1, run_after=when))
            return "retrying"
        waiting.update(
            reassignment=EmployeeImport.Reassignment.FAILED,
            reassignment_error=f"{failure} Re-assign it when the problem is fixed.",
            updated_at=timezone.now(),
        )
        return "failed"
    done = EmployeeImport.Reassignment.DONE
    waiting.update(reassignment=done, reassignment_error="", reassign_ids=None, updated_at=timezone.now())
    return "done"


def rerun_reassignment(employee_import: EmployeeImport) -> bool:
    """Queue the re-assignment of an import whose re-assignment failed; False if it had not (or no longer has)."""
    queued = EmployeeImport.objects.filter(
        pk=employee_import.pk, status=EmployeeImport.Status.APPLIED, reassignment=EmployeeImport.Reassignment.FAILED
    ).update(reassignment=EmployeeImport.Reassignment.PENDING, updated_at=timezone.now())
    if queued:
        transaction.on_commit(partial(_enqueue_reassignment, employee_import.pk))
    return bool(queued)


def _enqueue_reassignment(import_id: int, *, attempt: int = 1, run_after=None) -> None:
    from people.tasks import reassign_employee_import  # the tasks module imports this one

    task = reassign_employee_import if run_after is None else reassign_employee_import.using(run_after=run_after)
    task.enqueue(import_id, attempt)


def _backend_can_defer() -> bool:
    from people.tasks import reassign_employee_import

    return reassign_employee_import.get_backend().supports_defer


def _pack_ids(ids: list[int]) -> bytes:
    return gzip.compress(json.dumps(sorted(set(ids)), separators=(",", ":")).encode(), compresslevel=1, mtime=0)


def _unpack_ids(packed) -> list[int]:
    return json.loads(gzip.decompress(bytes(packed))) if packed else []


def _refusal_message(employee_import: EmployeeImport, refusal: ImportRefused, confirmed: int | None) -> str:
    """The refusal, and how to go on from where the import was started."""
    if not refusal.leavers:
        if employee_import.source == EmployeeImport.Source.COMMAND:
            return f"{refusal} Run the command with --dry-run to list the rejected rows."
        return str(refusal)
    if employee_import.source == EmployeeImport.Source.COMMAND:
        how = "If they really have left, run the command again with --allow-many-leavers."
    else:
        how = (
            f"If they really have left, upload the file again and, on its page, confirm the {refusal.leavers:,} "
            "leavers before applying it."
        )
    if confirmed is not None:
        how = f"Only {confirmed:,} leavers were confirmed: the records have changed since the file was checked. {how}"
    return f"{refusal} {how}"


def discard_import(employee_import: EmployeeImport) -> None:
    """Drop a checked import that will not be applied; its file goes, its record stays."""
    EmployeeImport.objects.filter(pk=employee_import.pk, status=EmployeeImport.Status.CHECKED).update(
        status=EmployeeImport.Status.DISCARDED, content=None, step="", updated_at=timezone.now()
    )


def release_stale_imports() -> None:
    """Fail imports whose worker stopped (no heartbeat for STALE_AFTER): a stuck apply releases the lock,
    a stuck check stops its page waiting. Nothing was half-written: changes are saved in one transaction."""
    now = timezone.now()
    minutes = int(STALE_AFTER.total_seconds() // 60)
    EmployeeImport.objects.filter(
        status__in=(EmployeeImport.Status.CHECKING, EmployeeImport.Status.APPLYING), updated_at__lt=now - STALE_AFTER
    ).update(
        applying=None,
        status=EmployeeImport.Status.FAILED,
        error=(
            f"Stopped: no progress for {minutes} minutes, so the task worker has probably stopped. "
            "Changes are saved all at once, so nothing was half-written; upload the file again."
        ),
        content=None,
        finished_at=now,
    )


def _in_progress_message() -> str:
    holder = EmployeeImport.objects.filter(applying=True).select_related("applied_by").first()
    if holder is None:
        return "Another import started at the same moment. Wait for it to finish, then try again."
    who = holder.applied_by.email if holder.applied_by else "the command line"
    when = timezone.localtime(holder.applied_at or holder.updated_at).strftime("%-d %B %Y at %H:%M")
    return (
        f"Another import is already being applied: “{holder.file_name}”, started by {who} on {when}. "
        "Only one import can run at a time; try again when it has finished."
    )


def _fail(employee_import: EmployeeImport, message: str) -> EmployeeImport:
    EmployeeImport.objects.filter(pk=employee_import.pk).update(
        status=EmployeeImport.Status.FAILED,
        error=message,
        applying=None,
        content=None,
        step="",
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )
    employee_import.refresh_from_db()
    return employee_import


def _record(
    employee_import: EmployeeImport,
    plan: ImportPlan,
    *,
    status: str,
    leavers_confirmed: int | None = None,
    changed_ids: list[int] | None = None,
) -> None:
    """Keep what the plan says (would change, or changed), its rejected rows, and release the lock."""
    changes = io.BytesIO()
    preview: list[dict[str, str]] = []
    lines = 0
    with gzip.GzipFile(fileobj=changes, mode="wb", compresslevel=1, mtime=0) as archive:
        text = io.TextIOWrapper(archive, encoding="utf-8", newline="")
        writer = csv.writer(text)
        writer.writerow(CHANGES_HEADER)
        for line in change_lines(plan):
            writer.writerow([spreadsheet_safe(value) for value in line])
            lines += 1
            if len(preview) < PREVIEW_CHANGES:
                preview.append(dict(zip(CHANGES_HEADER, line, strict=True)))
        text.flush()
        text.detach()
    finished = status == EmployeeImport.Status.APPLIED
    with transaction.atomic():
        employee_import.problems.all().delete()
        EmployeeImportProblem.objects.bulk_create(
            (
                EmployeeImportProblem(employee_import=employee_import, row=r.row, column=r.column, reason=r.reason)
                for r in plan.rejections
            ),
            batch_size=5000,
        )
        employee_import.status = status
        # The lines of the changes file too, so a page showing the preview can say how many more there are.
        summary: dict[str, object] = {**plan.summary(), CHANGE_LINES: lines}
        if plan.refusal:
            summary[REFUSAL] = plan.refusal
        elif plan.leavers_to_confirm:
            summary[LEAVERS_TO_CONFIRM] = plan.leavers_to_confirm
            summary[LEAVERS_WARNING] = plan.many_leavers_warning()
        if leavers_confirmed is not None:
            summary[LEAVERS_CONFIRMED] = leavers_confirmed
        employee_import.summary = summary
        employee_import.warnings = plan.warnings
        employee_import.new_departments = [{"code": d.code, "name": d.name} for d in plan.new_departments]
        employee_import.changes_csv = changes.getvalue()
        employee_import.changes_preview = preview
        employee_import.error = ""
        employee_import.step = ""
        employee_import.rows_done = employee_import.rows_total or 0
        fields = [
            "status",
            "summary",
            "warnings",
            "new_departments",
            "changes_csv",
            "changes_preview",
            "error",
            "step",
            "rows_done",
            "updated_at",
        ]
        if finished:
            employee_import.applying = None
            employee_import.content = None
            employee_import.finished_at = timezone.now()
            employee_import.reassignment = (
                EmployeeImport.Reassignment.PENDING if changed_ids else EmployeeImport.Reassignment.DONE
            )
            employee_import.reassignment_error = ""
            employee_import.reassign_ids = _pack_ids(changed_ids) if changed_ids else None
            fields += ["applying", "content", "finished_at", "applied_at", "reassignment", "reassignment_error"]
            fields += ["reassign_ids"]
        employee_import.save(update_fields=fields)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def change_lines(plan: ImportPlan) -> Iterator[tuple[str, ...]]:
    """One line per change: created people (with their name), each changed field of updated people,
    full-sync leavers."""
    for row in plan.created:
        yield (str(row.number), row.staff_number, "created", "name", "", f"{row.given_name} {row.family_name}".strip())
    for update in plan.updated:
        leaving = any(c.field == "is_active" and c.old and not c.new for c in update.changes)
        kind = "leaver" if leaving else "updated"
        for change in update.changes:
            yield (
                str(update.row.number),
                update.row.staff_number,
                kind,
                change.field,
                _text(change.old),
                _text(change.new),
            )
    for staff_number in plan.absent:
        yield ("", staff_number, "leaver", "is_active", "yes", "no (not in the file)")


def changes_stream(employee_import: EmployeeImport) -> BinaryIO:
    """The recorded changes as a CSV byte stream, decompressed as it is read."""
    if not employee_import.changes_csv:
        return io.BytesIO((",".join(CHANGES_HEADER) + "\r\n").encode())
    return gzip.GzipFile(fileobj=io.BytesIO(bytes(employee_import.changes_csv)), mode="rb")


def changes_file(employee_import: EmployeeImport) -> Iterator[bytes]:
    """The recorded changes as CSV bytes in chunks, for a streaming download."""
    with changes_stream(employee_import) as stream:
        while chunk := stream.read(_CHUNK):
            yield chunk


def rejected_rows_file(employee_import: EmployeeImport) -> Iterator[str]:
    """The rejected rows as CSV text: row, column and reason, one line per problem."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["row", "column", "reason"])
    yield buffer.getvalue()
    for problems in batches(employee_import.problems.values_list("row", "column", "reason").iterator(5000)):
        buffer.seek(0)
        buffer.truncate()
        writer.writerows([spreadsheet_safe(value) for value in problem] for problem in problems)
        yield buffer.getvalue()
