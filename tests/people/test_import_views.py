"""HR imports in the Wagtail admin: upload, dry run, apply once, discard, background work, downloads, who may."""

from __future__ import annotations

import csv
import io
import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from content.spreadsheets import spreadsheet_safe
from people.import_runs import check_import, reassign_training, receive_file, start_applying
from people.models import Employee, EmployeeImport
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/hr-imports/"
UPLOAD = "/admin/hr-imports/upload/"
HEADER = "staff_number,email,given_name,family_name,grade,department,line_manager"
BAD_GRADE = "“XX” is not a grade"


def row(staff: str, grade: str = "EO", department: str = "DSIT", manager: str = "", name: str = "Ada") -> str:
    return ",".join([staff, f"p{staff}@example.gov.uk", name, "Lovelace", grade, department, manager])


def csv_bytes(*lines: str) -> bytes:
    return ("\r\n".join([HEADER, *lines]) + "\r\n").encode()


def upload(client, content: bytes, *, name: str = "hr-2026-03-01.csv", full_sync: bool = False, follow=True):
    data = {"file": SimpleUploadedFile(name, content, content_type="text/csv")}
    if full_sync:
        data["full_sync"] = "on"
    return client.post(UPLOAD, data, follow=follow)


def text(response) -> str:
    """The page's text as a person reads it: tags dropped, spaces collapsed."""
    html = response.content.decode()
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.DOTALL)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def detail(employee_import: EmployeeImport) -> str:
    return f"/admin/hr-imports/{employee_import.pk}/"


def received(*lines: str, user=None) -> EmployeeImport:
    return receive_file(stream=io.BytesIO(csv_bytes(*lines)), file_name="other.csv", user=user)


@pytest.fixture
def hr(client, hr_user, department):
    client.force_login(hr_user)
    return client


# Upload, check, apply ----------------------------------------------------------------


def test_uploading_a_small_file_shows_its_dry_run_with_the_rejected_rows(hr):
    response = upload(hr, csv_bytes(row("0001"), row("0002", grade="XX"), row("0003", department="New Unit")))
    employee_import = EmployeeImport.objects.get()
    assert response.redirect_chain == [(detail(employee_import), 302)]
    assert employee_import.status == EmployeeImport.Status.CHECKED
    page = text(response)
    assert "Nothing has changed yet." in page
    assert "What applying this file will do" in page
    for sentence in (
        "Create 2 people.",
        "Update 0 people.",
        "Leave 0 people unchanged.",
        "Mark 0 people as leavers",
        "Reject 1 row: rejected rows change nothing.",
        "Create 1 department.",
    ):
        assert sentence in page
    assert "New Unit (NU)" in page
    assert f"3 grade {BAD_GRADE}" in page  # row, column, reason
    assert "Apply these changes" in page
    assert "Discard" in page
    assert "2 0001 created" in page  # the preview of changes
    assert not Employee.objects.filter(staff_number__in=["0001", "0003"]).exists()


def test_the_dry_run_names_the_people_it_would_create(hr):
    response = upload(hr, csv_bytes(row("0001", name="Grace"), row("0002", name="Ada")))
    page = text(response)
    assert "2 0001 created name — Grace Lovelace" in page
    assert "3 0002 created name — Ada Lovelace" in page


def test_applying_creates_the_people_and_the_page_says_what_it_did(hr, hr_user):
    upload(hr, csv_bytes(row("0001"), row("0002", grade="XX"), row("0003", manager="0001")))
    employee_import = EmployeeImport.objects.get()
    response = hr.post(f"{detail(employee_import)}apply/", follow=True)
    assert response.redirect_chain == [(detail(employee_import), 302)]
    employee_import.refresh_from_db()
    assert employee_import.status == EmployeeImport.Status.APPLIED
    assert employee_import.applied_by == hr_user
    imported = Employee.objects.filter(staff_number__in=["0001", "0002", "0003"])
    assert sorted(imported.values_list("staff_number", flat=True)) == ["0001", "0003"]
    page = text(response)
    assert "Applied “hr-2026-03-01.csv”." in page
    assert "What this import did" in page
    assert "Created 2 people." in page
    assert "Rejected 1 row, which changed nothing." in page
    assert f"Applied by {hr_user.email} on" in page
    assert BAD_GRADE in page  # the rejected rows stay viewable
    assert "Download rejected rows (CSV)" in page
    assert "Download all changes (CSV)" in page
    assert "Apply these changes" not in page


def test_an_import_is_applied_once_however_often_the_button_is_pressed(hr):
    upload(hr, csv_bytes(row("0001")))
    employee_import = EmployeeImport.objects.get()
    hr.post(f"{detail(employee_import)}apply/")
    response = hr.post(f"{detail(employee_import)}apply/", follow=True)
    assert "This import has already been applied. An import is applied once only." in text(response)
    employee_import.refresh_from_db()
    assert employee_import.summary["created"] == 1  # what it did is kept, not replaced by a second run


def test_a_request_that_read_the_import_before_it_was_applied_cannot_apply_it_again(hr, hr_user):
    upload(hr, csv_bytes(row("0001")))
    employee_import = EmployeeImport.objects.get()
    read_earlier = EmployeeImport.objects.get(pk=employee_import.pk)  # a second click, in another request
    hr.post(f"{detail(employee_import)}apply/")
    with pytest.raises(ValueError, match="applied cannot be applied"):
        start_applying(read_earlier, user=hr_user)
    employee_import.refresh_from_db()
    assert employee_import.summary["created"] == 1


def test_applying_is_refused_while_another_import_applies(hr, hr_user):
    holder = start_applying(check_import(received(row("0009"))), user=hr_user)
    upload(hr, csv_bytes(row("0001")))
    employee_import = EmployeeImport.objects.exclude(pk=holder.pk).get()
    response = hr.post(f"{detail(employee_import)}apply/", follow=True)
    page = text(response)
    assert "Another import is already being applied: “other.csv”" in page
    assert "Only one import can run at a time" in page
    assert "Nothing has been applied." in page
    employee_import.refresh_from_db()
    assert employee_import.status == EmployeeImport.Status.CHECKED
    assert not Employee.objects.filter(staff_number="0001").exists()
    assert "Apply these changes" in page  # it can be applied once the other has finished


def test_discarding_changes_nothing_and_the_import_cannot_be_applied_after(hr):
    upload(hr, csv_bytes(row("0001")))
    employee_import = EmployeeImport.objects.get()
    response = hr.post(f"{detail(employee_import)}discard/", follow=True)
    assert response.redirect_chain == [(INDEX, 302)]
    assert "Discarded “hr-2026-03-01.csv”: nothing was changed." in text(response)
    employee_import.refresh_from_db()
    assert employee_import.status == EmployeeImport.Status.DISCARDED
    response = hr.post(f"{detail(employee_import)}apply/", follow=True)
    assert "This import was discarded, so it cannot be applied." in text(response)
    assert "This import was discarded: nothing was changed." in text(response)
    assert not Employee.objects.filter(staff_number="0001").exists()


def test_an_applied_import_cannot_be_discarded(hr):
    upload(hr, csv_bytes(row("0001")))
    employee_import = EmployeeImport.objects.get()
    hr.post(f"{detail(employee_import)}apply/")
    response = hr.post(f"{detail(employee_import)}discard/", follow=True)
    assert "Only an import that has been checked and not applied can be discarded." in text(response)
    employee_import.refresh_from_db()
    assert employee_import.status == EmployeeImport.Status.APPLIED


def test_full_sync_is_recorded_and_its_leavers_shown(hr, department, grades):
    EmployeeFactory(staff_number="0099", department=department, grade=grades["EO"])
    upload(hr, csv_bytes(row("0001")), full_sync=True)
    employee_import = EmployeeImport.objects.get()
    assert employee_import.full_sync
    page = text(hr.get(detail(employee_import)))
    assert "full sync" in page
    assert "Mark 2 people as leavers" in page  # 0099, and the HR officer's own record, are not in the file
    assert "0099 leaver is_active yes no (not in the file)" in page


def test_the_files_warnings_are_shown(hr):
    content = csv_bytes(row("0001")).replace(HEADER.encode(), f"{HEADER},nickname".encode())
    upload(hr, content)
    page = text(hr.get(detail(EmployeeImport.objects.get())))
    assert "Ignored columns not used by the import: nickname." in page


def test_a_file_that_cannot_be_read_fails_with_its_reason_shown(hr):
    upload(hr, b"name,email\r\nAda,ada@example.gov.uk\r\n", name="wrong.csv")
    employee_import = EmployeeImport.objects.get()
    assert employee_import.status == EmployeeImport.Status.FAILED
    page = text(hr.get(detail(employee_import)))
    assert "This import failed" in page
    assert "The file has no columns for: staff_number" in page
    assert "Apply these changes" not in page


def test_the_preview_says_how_many_more_changes_the_download_holds(hr):
    upload(hr, csv_bytes(*(row(f"{n:04}") for n in range(1, 106))))
    page = text(hr.get(detail(EmployeeImport.objects.get())))
    assert "The first 100 of 105 changes: 5 more are in the download." in page


# Large files: the task worker, and progress ---------------------------------------------


def test_large_files_are_checked_and_applied_by_the_task_worker(hr, settings, monkeypatch):
    settings.HR_IMPORT_BACKGROUND_BYTES = 0

    def not_in_the_request(*args, **kwargs):
        raise AssertionError("a large file must be handled by the task worker")

    # The tasks run at once in the tests (TASK_BACKEND=immediate); the views must not call the work themselves.
    monkeypatch.setattr("people.import_views.check_import", not_in_the_request)
    monkeypatch.setattr("people.import_views.apply_import", not_in_the_request)
    upload(hr, csv_bytes(row("0001"), row("0002", grade="XX")))
    employee_import = EmployeeImport.objects.get()
    assert employee_import.status == EmployeeImport.Status.CHECKED
    response = hr.post(f"{detail(employee_import)}apply/", follow=True)
    assert "Applying “hr-2026-03-01.csv”. This page shows its progress." in text(response)
    employee_import.refresh_from_db()
    assert employee_import.status == EmployeeImport.Status.APPLIED
    assert Employee.objects.filter(staff_number="0001").exists()


def test_while_checking_the_page_shows_progress_and_refreshes_itself(hr, hr_user):
    employee_import = received(row("0001"), row("0002"), row("0003"), row("0004"), user=hr_user)
    EmployeeImport.objects.filter(pk=employee_import.pk).update(step="Checking rows", rows_done=1)
    response = hr.get(detail(employee_import))
    html = response.content.decode()
    assert '<progress id="import-progress-bar" max="100" value="25"' in html
    assert 'role="status" aria-live="polite"' in html
    assert f'data-status-url="{detail(employee_import)}status/"' in html
    assert f'<a href="{detail(employee_import)}">Refresh</a>' in html
    page = text(response)
    assert "Checking the file" in page
    assert "Checking rows: 25% done (1 of 4 rows)." in page
    assert "Apply these changes" not in page


def test_while_applying_the_page_shows_progress(hr, hr_user):
    employee_import = start_applying(check_import(received(row("0001"))), user=hr_user)
    page = text(hr.get(detail(employee_import)))
    assert "Applying the changes" in page
    assert "Waiting to start: 0% done (0 of 1 rows)." in page


def test_the_status_endpoint_reports_progress(hr, hr_user):
    employee_import = received(row("0001"), row("0002"), user=hr_user)
    EmployeeImport.objects.filter(pk=employee_import.pk).update(step="Checking rows", rows_done=1)
    response = hr.get(f"{detail(employee_import)}status/")
    assert "no-store" in response["Cache-Control"]
    assert response.json() == {
        "status": "checking",
        "status_label": "Checking",
        "busy": True,
        "step": "Checking rows",
        "percent_done": 50,
        "rows_done": 1,
        "rows_total": 2,
    }
    check_import(employee_import)
    assert hr.get(f"{detail(employee_import)}status/").json()["busy"] is False


def test_applying_an_import_still_being_checked_is_refused(hr, hr_user):
    employee_import = received(row("0001"), user=hr_user)
    response = hr.post(f"{detail(employee_import)}apply/", follow=True)
    assert "This import is still being checked" in text(response)
    employee_import.refresh_from_db()
    assert employee_import.status == EmployeeImport.Status.CHECKING


# Downloads -------------------------------------------------------------------------


def test_rejected_rows_download(hr):
    upload(hr, csv_bytes(row("0001"), row("0002", grade="XX"), "0003,bad-email,A,B,EO,DSIT,"))
    response = hr.get(f"{detail(EmployeeImport.objects.get())}rejected-rows.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="hr-2026-03-01-rejected-rows.csv"'
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")  # so that Excel reads it as UTF-8
    lines = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    assert lines[0] == ["row", "column", "reason"]
    assert lines[1][:2] == ["3", "grade"]
    assert lines[1][2].startswith(BAD_GRADE)
    assert lines[2] == ["4", "email", "“bad-email” is not a valid email address"]


def test_changes_download(hr):
    EmployeeFactory(staff_number="0002", email="p0002@example.gov.uk", given_name="Ada", family_name="Lovelace")
    upload(hr, csv_bytes(row("0001"), row("0002", grade="HEO")))
    response = hr.get(f"{detail(EmployeeImport.objects.get())}changes.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="hr-2026-03-01-changes.csv"'
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == "row,staff_number,change,field,old,new"
    assert "2,0001,created,name,,Ada Lovelace" in lines
    assert any(line.startswith("3,0002,updated,grade,") and line.endswith(",HEO") for line in lines)


def test_downloads_show_values_a_spreadsheet_would_run_as_text(hr):
    EmployeeFactory(staff_number="0002", email="p0002@example.gov.uk", given_name="=1+1", family_name="-A1-B2")
    upload(hr, csv_bytes(row("0002", name="Ada"), row("0003", grade="-1")))
    employee_import = EmployeeImport.objects.get()
    changes = list(
        csv.reader(
            io.StringIO(b"".join(hr.get(f"{detail(employee_import)}changes.csv").streaming_content).decode("utf-8-sig"))
        )
    )
    assert ["2", "0002", "updated", "given_name", "'=1+1", "Ada"] in changes
    assert ["2", "0002", "updated", "family_name", "'-A1-B2", "Lovelace"] in changes
    rejected = b"".join(hr.get(f"{detail(employee_import)}rejected-rows.csv").streaming_content).decode("utf-8-sig")
    (problem,) = list(csv.reader(io.StringIO(rejected)))[1:]
    assert problem[:2] == ["3", "grade"]
    assert all(spreadsheet_safe(cell) == cell for cell in problem)  # nothing in it would run


def test_download_names_fall_back_when_the_file_name_has_no_letters(hr):
    upload(hr, csv_bytes(row("0001")), name="---.csv")
    employee_import = EmployeeImport.objects.get()
    response = hr.get(f"{detail(employee_import)}changes.csv")
    assert response["Content-Disposition"] == f'attachment; filename="hr-import-{employee_import.pk}-changes.csv"'


# Bad uploads --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose the HR file to upload."),
        ({"file": SimpleUploadedFile("hr.csv", b"")}, "The file is empty."),
        ({"file": SimpleUploadedFile("people.xlsx", b"PK\x03\x04")}, "“people.xlsx” is not a CSV file."),
    ],
)
def test_bad_uploads_are_refused_with_a_clear_message(hr, data, message):
    response = hr.post(UPLOAD, data)
    assert response.status_code == 200
    page = text(response)
    assert "The file cannot be imported: see the error below." in page
    assert message in page
    assert not EmployeeImport.objects.exists()


def test_a_file_over_the_size_limit_is_refused_saying_how_large_it_may_be(hr, settings):
    content = csv_bytes(row("0001"))
    settings.HR_IMPORT_MAX_BYTES = len(content) - 1
    response = upload(hr, content)
    assert response.status_code == 200
    page = text(response)
    assert "The file cannot be imported: see the error below." in page
    size, limit = len(content), len(content) - 1
    assert f"“hr-2026-03-01.csv” is {size} bytes: the largest file that can be imported is {limit} bytes." in page
    assert not EmployeeImport.objects.exists()
    settings.HR_IMPORT_MAX_BYTES = len(content)  # up to the limit is taken
    assert upload(hr, content, follow=False).status_code == 302
    assert EmployeeImport.objects.get().file_size == len(content)


def test_the_upload_form_says_how_large_a_file_may_be(hr, settings):
    assert "The largest file it takes is 100.0 MB." in text(hr.get(UPLOAD))
    settings.HR_IMPORT_MAX_BYTES = 5 * 1024 * 1024
    assert "The largest file it takes is 5.0 MB." in text(hr.get(UPLOAD))


def test_files_larger_than_djangos_in_memory_limits_are_received(hr, settings):
    """DATA_UPLOAD_MAX_MEMORY_SIZE and FILE_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) must not refuse a file under the limit."""
    settings.HR_IMPORT_BACKGROUND_BYTES = 10 * 1024 * 1024  # checked in the request, but the check is not the point
    content = csv_bytes(row("0001", name="A" * (3 * 1024 * 1024)))
    assert len(content) > max(settings.DATA_UPLOAD_MAX_MEMORY_SIZE, settings.FILE_UPLOAD_MAX_MEMORY_SIZE)
    assert upload(hr, content, follow=False).status_code == 302
    assert EmployeeImport.objects.get().file_size == len(content)


def test_the_upload_form(hr):
    page = text(hr.get(UPLOAD))
    assert "HR file (CSV)" in page
    assert "Full sync: mark active people who are not in the file as leavers" in page
    assert "will be made inactive" in page
    assert "you will be asked to confirm that before it is applied" in page
    assert "staff_number, email, given_name, family_name, grade, department" in page


# The list ---------------------------------------------------------------------------


def test_the_list_shows_imports_newest_first_with_their_figures(hr, hr_user):
    upload(hr, csv_bytes(row("0001"), row("0002", grade="XX")), name="first.csv")
    upload(hr, csv_bytes(row("0003")), name="second.csv")
    hr.post(f"{detail(EmployeeImport.objects.get(file_name='second.csv'))}apply/")
    response = hr.get(INDEX)
    page = text(response)
    assert page.index("second.csv") < page.index("first.csv")
    assert f"second.csv {hr_user.email}" in page
    assert "Applied 1 0 0 0" in page  # created, updated, leavers, rejected
    assert "Checked, not applied 1 0 0 1" in page
    assert "Upload an HR file" in page


def test_the_list_is_paginated(hr, hr_user):
    for n in range(27):
        received(row(f"{n:04}"), user=hr_user)
    assert text(hr.get(INDEX)).count("other.csv") == 25
    assert text(hr.get(f"{INDEX}?p=2")).count("other.csv") == 2


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_list_queries_do_not_grow_with_imports(hr, hr_user):
    received(row("0001"), user=hr_user)
    one = count_queries(hr, INDEX)
    for n in range(20):
        received(row(f"{n:04}"), user=hr_user)
    assert count_queries(hr, INDEX) == one


def test_detail_queries_do_not_grow_with_rejected_rows(hr):
    upload(hr, csv_bytes(row("0001"), row("0002", grade="XX")), name="one.csv")
    upload(hr, csv_bytes(row("0001"), *(row(f"{n:04}", grade="XX") for n in range(2, 122))), name="many.csv")
    one, many = EmployeeImport.objects.get(file_name="one.csv"), EmployeeImport.objects.get(file_name="many.csv")
    assert many.problems.count() == 120
    assert count_queries(hr, detail(one)) == count_queries(hr, detail(many))
    page = text(hr.get(detail(many)))
    assert page.count(BAD_GRADE) == 50  # a page of them
    assert "120 problems." in page
    assert "Page 1 of 3" in page
    assert text(hr.get(f"{detail(many)}?p=3")).count(BAD_GRADE) == 20


# Who may ------------------------------------------------------------------------------


def every_url(employee_import: EmployeeImport) -> list[tuple[str, str]]:
    base = detail(employee_import)
    return [
        ("get", INDEX),
        ("get", UPLOAD),
        ("post", UPLOAD),
        ("get", base),
        ("get", f"{base}status/"),
        ("get", f"{base}rejected-rows.csv"),
        ("get", f"{base}changes.csv"),
        ("post", f"{base}apply/"),
        ("post", f"{base}discard/"),
        ("post", f"{base}reassign/"),
    ]


@pytest.mark.parametrize("who", ["editor_user", "learner_user", "manager_user"])
def test_everyone_but_hr_officers_and_administrators_is_refused(client, request, who, hr_user):
    employee_import = check_import(received(row("0001"), user=hr_user))
    client.force_login(request.getfixturevalue(who))
    for method, url in every_url(employee_import):
        assert getattr(client, method)(url).status_code == 403, (method, url)
    employee_import.refresh_from_db()
    assert employee_import.status == EmployeeImport.Status.CHECKED
    assert not Employee.objects.filter(staff_number="0001").exists()


def test_an_unknown_import_is_hidden_from_others_too(client, editor_user):
    client.force_login(editor_user)
    assert client.get("/admin/hr-imports/999/").status_code == 403


def test_visitors_are_asked_to_sign_in(client, hr_user):
    employee_import = check_import(received(row("0001"), user=hr_user))
    for method, url in every_url(employee_import):
        response = getattr(client, method)(url)
        assert response.status_code == 302, (method, url)
        assert response.url.startswith("/accounts/login/"), (method, url)


@pytest.mark.parametrize("who", ["hr_user", "admin_user"])
def test_hr_officers_and_administrators_may(client, request, who, department):
    client.force_login(request.getfixturevalue(who))
    assert client.get(INDEX).status_code == 200
    upload(client, csv_bytes(row("0001")))
    employee_import = EmployeeImport.objects.get()
    assert client.get(detail(employee_import)).status_code == 200
    client.post(f"{detail(employee_import)}apply/")
    assert Employee.objects.filter(staff_number="0001").exists()


def test_the_menu_item_is_shown_to_hr_officers_only(client, hr_user, editor_user):
    client.force_login(hr_user)
    assert INDEX in client.get("/admin/").content.decode()
    client.force_login(editor_user)
    assert INDEX not in client.get("/admin/").content.decode()


def test_buttons_post_with_the_csrf_token(hr_user, department):
    employee_import = check_import(received(row("0001"), user=hr_user))
    client = Client(enforce_csrf_checks=True)
    client.force_login(hr_user)
    assert client.post(f"{detail(employee_import)}apply/").status_code == 403
    assert client.get(f"{detail(employee_import)}apply/").status_code == 405
    assert 'name="csrfmiddlewaretoken"' in client.get(detail(employee_import)).content.decode()
    employee_import.refresh_from_db()
    assert employee_import.status == EmployeeImport.Status.CHECKED


# After the commit: compulsory training is re-assigned by a task, and a failure can be run again ----------


@pytest.fixture
def assignments(monkeypatch):
    """enrolment's re-assignment, replaced: records the people it is asked about, or fails while `broken`."""

    class Assignments:
        broken = False
        calls: list[list[int]] = []

        def __call__(self, *, employee_ids=None, **kwargs):
            if self.broken:
                raise RuntimeError("the database went away")
            self.calls.append(sorted(employee_ids))

    fake = Assignments()
    monkeypatch.setattr("enrolment.assignment.assign_requirements", fake)
    return fake


def applied_through_the_page(hr, capture, *lines: str):
    upload(hr, csv_bytes(*lines))
    employee_import = EmployeeImport.objects.get()
    with capture(execute=True):
        applying = hr.post(f"{detail(employee_import)}apply/", follow=True)
    assert "Applied “hr-2026-03-01.csv”." in text(applying)
    employee_import.refresh_from_db()
    return employee_import, hr.get(detail(employee_import))  # the page as it is once the callbacks ran


def test_applying_re_assigns_training_for_the_people_it_changed_after_the_commit(
    hr, assignments, django_capture_on_commit_callbacks
):
    employee_import, response = applied_through_the_page(
        hr, django_capture_on_commit_callbacks, row("0001"), row("0002")
    )
    imported = sorted(Employee.objects.filter(staff_number__in=["0001", "0002"]).values_list("pk", flat=True))
    assert assignments.calls == [imported]
    assert employee_import.reassignment == EmployeeImport.Reassignment.DONE
    assert employee_import.reassign_ids is None
    assert "Compulsory training was not re-assigned" not in text(response)


def test_a_failed_re_assignment_leaves_the_import_applied_and_offers_to_run_it_again(
    hr, assignments, django_capture_on_commit_callbacks
):
    assignments.broken = True
    employee_import, response = applied_through_the_page(
        hr, django_capture_on_commit_callbacks, row("0001"), row("0002", grade="XX")
    )
    # The people were committed, so the import says applied, keeps what it did and does not say "nothing changed".
    assert employee_import.status == EmployeeImport.Status.APPLIED
    assert employee_import.error == ""
    assert Employee.objects.filter(staff_number="0001").exists()
    assert employee_import.reassignment == EmployeeImport.Reassignment.FAILED
    page = text(response)
    assert "Created 1 person." in page
    assert "Nothing changed" not in page
    assert "Compulsory training was not re-assigned" in page
    assert "could not be re-assigned for the 1 person this import changed" in page
    assert f'action="{detail(employee_import)}reassign/"' in response.content.decode()

    assignments.broken = False
    with django_capture_on_commit_callbacks(execute=True):
        response = hr.post(f"{detail(employee_import)}reassign/", follow=True)
    assert response.redirect_chain == [(detail(employee_import), 302)]
    assert assignments.calls == [[Employee.objects.get(staff_number="0001").pk]]
    employee_import.refresh_from_db()
    assert employee_import.reassignment == EmployeeImport.Reassignment.DONE
    assert employee_import.reassignment_error == ""
    page = text(response)
    assert "Re-assigning compulsory training for the people “hr-2026-03-01.csv” changed." in page
    assert "Compulsory training was not re-assigned" not in page
    assert "Re-assign compulsory training" not in page


def test_re_assigning_again_is_refused_unless_it_failed(hr, assignments, django_capture_on_commit_callbacks):
    employee_import, _ = applied_through_the_page(hr, django_capture_on_commit_callbacks, row("0001"))
    with django_capture_on_commit_callbacks(execute=True):
        response = hr.post(f"{detail(employee_import)}reassign/", follow=True)
    assert "Compulsory training for this import is not waiting to be re-assigned." in text(response)
    assert len(assignments.calls) == 1


def test_a_failed_re_assignment_is_tried_again_later_when_the_backend_can_wait(
    hr, assignments, monkeypatch, django_capture_on_commit_callbacks
):
    assignments.broken = True
    queued = []
    monkeypatch.setattr("people.import_runs._backend_can_defer", lambda: True)
    monkeypatch.setattr(
        "people.import_runs._enqueue_reassignment",
        lambda import_id, *, attempt=1, run_after=None: queued.append((attempt, run_after)),
    )
    employee_import, _ = applied_through_the_page(hr, django_capture_on_commit_callbacks, row("0001"))
    assert [attempt for attempt, _ in queued] == [1]  # after the commit
    for attempt in (1, 2):
        with django_capture_on_commit_callbacks(execute=True):
            assert reassign_training(import_id=employee_import.pk, attempt=attempt) == "retrying"
        employee_import.refresh_from_db()
        assert employee_import.reassignment == EmployeeImport.Reassignment.PENDING
        assert "It will be tried again at" in employee_import.reassignment_error
        assert queued[-1][0] == attempt + 1
        assert queued[-1][1] is not None
    page = text(hr.get(detail(employee_import)))
    assert "is being re-assigned by the task worker" in page
    assert "It will be tried again at" in page
    assert reassign_training(import_id=employee_import.pk, attempt=3) == "failed"
    employee_import.refresh_from_db()
    assert employee_import.reassignment == EmployeeImport.Reassignment.FAILED
    assert len(queued) == 3


def test_the_command_line_re_assigns_at_once_and_says_when_it_failed(tmp_path, department, grades, assignments, capsys):
    assignments.broken = True
    path = tmp_path / "hr.csv"
    path.write_bytes(csv_bytes(row("0001")))
    call_command("import_employees", str(path))
    employee_import = EmployeeImport.objects.get()
    assert employee_import.status == EmployeeImport.Status.APPLIED
    assert employee_import.reassignment == EmployeeImport.Reassignment.FAILED
    assert "compulsory training could not be re-assigned for the 1 person" in capsys.readouterr().err


# Full sync: confirming many leavers, refusing a file with no accepted row -----------------------


def colleagues(count: int, department, grades) -> None:
    for n in range(count):
        EmployeeFactory(
            staff_number=f"{n:04d}", email=f"p{n:04d}@example.gov.uk", department=department, grade=grades["EO"]
        )


def test_a_full_sync_making_many_leavers_is_applied_only_once_they_are_confirmed(hr, department, grades):
    colleagues(30, department, grades)  # and the HR officer: 31 active people
    upload(hr, csv_bytes(row("0000")), full_sync=True)
    employee_import = EmployeeImport.objects.get()
    page = text(hr.get(detail(employee_import)))
    assert "Check the leavers before applying" in page
    assert "This full sync would make 30 of the 31 active people leavers (97%), more than 10% of them" in page
    assert "Yes, make these 30 people leavers" in page
    assert 'name="confirm_leavers" value="30"' in hr.get(detail(employee_import)).content.decode()

    response = hr.post(f"{detail(employee_import)}apply/", follow=True)  # not ticked
    page = text(response)
    assert "tick “Yes, make these 30 people leavers” and apply again; otherwise discard this import." in page
    assert "Nothing has been applied." in page
    employee_import.refresh_from_db()
    assert employee_import.status == EmployeeImport.Status.CHECKED
    assert Employee.objects.filter(is_active=True).count() == 31

    response = hr.post(f"{detail(employee_import)}apply/", {"confirm_leavers": "30"}, follow=True)
    assert "Applied “hr-2026-03-01.csv”." in text(response)
    assert "Marked 30 people as leavers" in text(response)
    assert Employee.objects.filter(is_active=True).count() == 1


def test_a_confirmed_full_sync_is_applied_by_the_task_worker_too(hr, department, grades, settings):
    settings.HR_IMPORT_BACKGROUND_BYTES = 0  # the tasks run at once in the tests
    colleagues(30, department, grades)
    upload(hr, csv_bytes(row("0000")), full_sync=True)
    employee_import = EmployeeImport.objects.get()
    hr.post(f"{detail(employee_import)}apply/", {"confirm_leavers": "30"})
    employee_import.refresh_from_db()
    assert employee_import.status == EmployeeImport.Status.APPLIED
    assert Employee.objects.filter(is_active=True).count() == 1


def test_a_full_sync_with_no_accepted_row_cannot_be_applied(hr, department, grades):
    colleagues(3, department, grades)
    upload(hr, csv_bytes(row("0001", grade="XX")), full_sync=True)
    employee_import = EmployeeImport.objects.get()
    page = text(hr.get(detail(employee_import)))
    assert "This file cannot be applied" in page
    assert "none of its 1 row is accepted, so all it would do is make 3 of the 4 active people leavers" in page
    assert BAD_GRADE in page  # the rejected rows are shown, to correct the file
    assert "Apply these changes" not in page
    assert "Discard" in page
    response = hr.post(f"{detail(employee_import)}apply/", {"confirm_leavers": "4"}, follow=True)
    assert "Nothing has been applied." in text(response)
    employee_import.refresh_from_db()
    assert employee_import.status == EmployeeImport.Status.CHECKED
    assert Employee.objects.filter(is_active=True).count() == 4
