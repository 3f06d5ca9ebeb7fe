"""HR import, applying: writes, idempotence, leavers, promotions, the lock, the command and its dry run."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from enrolment.assignment import assign_requirement
from enrolment.models import Enrolment
from enrolment.progress import complete_module, start_course
from people.hr_import import ImportFailed, ImportRefused, apply_plan, plan_file
from people.import_runs import (
    ImportInProgress,
    apply_import,
    changes_file,
    check_import,
    discard_import,
    receive_file,
    rejected_rows_file,
    release_stale_imports,
    start_applying,
)
from people.models import Department, Employee, EmployeeImport
from tests.factories import EmployeeFactory, RequirementFactory, UserFactory
from tests.pages import make_course

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 1)
HEADER = "staff_number,email,given_name,family_name,grade,department,line_manager,grade_since,start_date,end_date"


def row(staff, grade="EO", department="DSIT", manager="", grade_since="", start="", end="", email=None, name="Ada"):
    email = f"p{staff}@example.gov.uk" if email is None else email
    return ",".join([staff, email, name, "Lovelace", grade, department, manager, grade_since, start, end])


def csv_bytes(*lines: str, header: str = HEADER) -> bytes:
    return ("\r\n".join([header, *lines]) + "\r\n").encode()


def run(*lines: str, full_sync: bool = False, header: str = HEADER, today: date = TODAY):
    plan = plan_file(io.BytesIO(csv_bytes(*lines, header=header)), today=today, full_sync=full_sync)
    outcome = apply_plan(plan)
    return plan, outcome


def state() -> list[tuple]:
    return list(
        Employee.objects.order_by("staff_number").values_list(
            "staff_number",
            "email",
            "given_name",
            "grade__code",
            "department__code",
            "line_manager__staff_number",
            "grade_since",
            "is_active",
            "user_id",
        )
    )


@pytest.fixture
def dsit(department, grades):
    return department


# Applying ----------------------------------------------------------------------


def test_first_load_creates_people_departments_and_managers_named_later_in_the_file(dsit):
    _plan, outcome = run(
        row("0003", manager="0002", department="Government Digital Service"),
        row("0002", grade="G7", manager="0001"),
        row("0001", grade="SCS1", grade_since="2025-05-01"),
    )
    assert outcome.summary == {
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "leavers": 0,
        "rejected": 0,
        "departments_created": 1,
    }
    gds = Department.objects.get(name="Government Digital Service")
    assert gds.code == "GDS"
    assert state() == [
        ("0001", "p0001@example.gov.uk", "Ada", "SCS1", "DSIT", None, date(2025, 5, 1), True, None),
        ("0002", "p0002@example.gov.uk", "Ada", "G7", "DSIT", "0001", None, True, None),
        ("0003", "p0003@example.gov.uk", "Ada", "EO", "GDS", "0002", None, True, None),
    ]
    assert sorted(outcome.changed_ids) == sorted(Employee.objects.values_list("pk", flat=True))


def organisation() -> list[str]:
    """Twelve people in four levels under a permanent secretary, listed top down as an HR export would."""
    return [
        row("PS01", grade="PS"),
        row("DG01", grade="SCS3", manager="PS01"),
        row("DG02", grade="SCS3", manager="PS01"),
        row("DD01", grade="SCS2", manager="DG01"),
        row("DD02", grade="SCS2", manager="DG02"),
        *(row(f"G7{n:02d}", grade="G7", manager="DD01" if n < 4 else "DD02") for n in range(7)),
    ]


def test_a_first_load_with_a_duplicated_line_at_the_bottom_stores_everyone(dsit):
    people = organisation()
    plan, outcome = run(*people, people[0])
    assert plan.rejected_rows == [14]
    assert outcome.summary["created"] == 12
    managers = dict(Employee.objects.values_list("staff_number", "line_manager__staff_number"))
    assert len(managers) == 12
    assert managers["PS01"] is None
    assert managers["DG01"] == managers["DG02"] == "PS01"
    assert managers["G700"] == "DD01"


def test_a_rejected_manager_with_ten_reports_has_all_ten_applied(dsit, grades):
    boss = EmployeeFactory(staff_number="0800", department=dsit, grade=grades["G6"])
    for n in range(5):
        EmployeeFactory(staff_number=f"R{n:03d}", email=f"pR{n:03d}@example.gov.uk", department=dsit, line_manager=boss)
    reports = [row(f"R{n:03d}", grade="HEO", manager="M001") for n in range(10)]
    plan, outcome = run(row("M001", grade="XX"), *reports)
    assert plan.rejected_rows == [2]
    assert len(plan.row_warnings) == 10
    assert (outcome.summary["created"], outcome.summary["updated"]) == (5, 5)
    people = Employee.objects.filter(staff_number__startswith="R")
    assert {p.staff_number: (p.grade.code, p.line_manager_id) for p in people.select_related("grade")} == {
        f"R{n:03d}": ("HEO", boss.pk if n < 5 else None) for n in range(10)
    }
    assert not Employee.objects.filter(staff_number="M001").exists()


def test_a_full_sync_with_duplicates_and_a_rejected_manager(dsit, grades):
    """The later copies are rejected, the first stand; the rejected manager's reports are applied; a full sync
    makes a leaver of no one written in the file, and of everyone else."""
    for staff_number in ("PS01", "DG01", "G700"):
        EmployeeFactory(staff_number=staff_number, email=f"p{staff_number}@example.gov.uk", department=dsit)
    gone = EmployeeFactory(staff_number="0999", department=dsit)
    people = organisation()
    people[3] = row("DD01", grade="NOPE", manager="DG01")  # DD01 is rejected: G700 to G703 report to them
    lines = [people[1], *people, row("G706", email="other@example.gov.uk"), row("X001", email="pPS01@example.gov.uk")]
    assert lines[0] == lines[2]  # DG01, at the start and again in its place
    plan, outcome = run(*lines, full_sync=True)
    # the later copy of DG01 (first at row 2), DD01, the later copy of G706 and of PS01's email (row 3)
    assert {r.row: r.column for r in plan.rejections} == {
        4: "staff_number",
        6: "grade",
        15: "staff_number",
        16: "email",
    }
    assert [(w.row, w.column) for w in plan.row_warnings] == [(n, "line_manager") for n in range(8, 12)]
    assert outcome.summary["created"] + outcome.summary["updated"] + outcome.summary["unchanged"] == 11
    assert outcome.summary["leavers"] == 1
    gone.refresh_from_db()
    assert not gone.is_active
    active = set(Employee.objects.filter(is_active=True).values_list("staff_number", flat=True))
    assert active == {"PS01", "DG01", "DG02", "DD02", *(f"G7{n:02d}" for n in range(7))}
    managers = dict(Employee.objects.values_list("staff_number", "line_manager__staff_number"))
    assert [managers[f"G7{n:02d}"] for n in range(7)] == [None, None, None, None, "DD02", "DD02", "DD02"]


def test_importing_the_same_file_again_changes_nothing(dsit):
    lines = [row("0001", grade="SCS1"), row("0002", manager="0001", department="New Unit", end="2026-01-31")]
    run(*lines)
    before = state()
    _plan, outcome = run(*lines)
    assert outcome.summary["unchanged"] == 2
    assert outcome.summary["created"] == outcome.summary["updated"] == outcome.summary["leavers"] == 0
    assert outcome.changed_ids == []
    assert state() == before
    assert Department.objects.filter(name="New Unit").count() == 1


def test_updates_change_exactly_the_fields_that_differ(dsit, grades):
    boss = EmployeeFactory(staff_number="0009", department=dsit, grade=grades["G6"])
    person = EmployeeFactory(
        staff_number="0001",
        email="p0001@example.gov.uk",
        given_name="Ada",
        family_name="Lovelace",
        department=dsit,
        grade=grades["EO"],
    )
    plan, outcome = run(row("0001", grade="HEO", manager="0009", grade_since="2026-02-01", name="Augusta"))
    person.refresh_from_db()
    assert (person.grade.code, person.line_manager, person.grade_since, person.given_name) == (
        "HEO",
        boss,
        date(2026, 2, 1),
        "Augusta",
    )
    boss.refresh_from_db()
    assert boss.grade.code == "G6"  # not in the file, not touched
    assert {change.field for change in plan.updated[0].changes} == {
        "grade",
        "line_manager",
        "grade_since",
        "given_name",
    }
    assert outcome.changed_ids == [person.pk]


def test_a_name_change_is_saved_but_does_not_reassess_training(dsit, grades):
    EmployeeFactory(staff_number="0001", email="p0001@example.gov.uk", given_name="Ada", department=dsit)
    _plan, outcome = run(row("0001", name="Augusta"))
    assert outcome.summary["updated"] == 1
    assert outcome.changed_ids == []


def test_a_column_absent_from_the_file_leaves_the_field_as_recorded(dsit, grades, professions):
    person = EmployeeFactory(
        staff_number="0001", profession=professions["policy"], end_date=None, department=dsit, grade=grades["EO"]
    )
    header = "staff_number,email,given_name,family_name,grade,department"
    run(f"0001,{person.email},Ada,Lovelace,HEO,DSIT", header=header)
    person.refresh_from_db()
    assert person.profession == professions["policy"]
    assert person.grade.code == "HEO"


def test_clearing_the_line_manager(dsit, grades):
    boss = EmployeeFactory(staff_number="0009", department=dsit)
    EmployeeFactory(staff_number="0001", email="p0001@example.gov.uk", line_manager=boss, department=dsit)
    run(row("0001"), row("0009", email=boss.email))
    assert Employee.objects.get(staff_number="0001").line_manager is None


def test_rejected_rows_change_nothing_and_the_rest_are_applied(dsit, grades):
    kept = EmployeeFactory(staff_number="0001", email="p0001@example.gov.uk", department=dsit, grade=grades["EO"])
    _plan, outcome = run(row("0001", grade="XX"), row("0002", grade="G7"), row("0003", email="not-an-email"))
    kept.refresh_from_db()
    assert kept.grade.code == "EO"
    assert outcome.summary["rejected"] == 2
    assert list(Employee.objects.order_by("staff_number").values_list("staff_number", flat=True)) == ["0001", "0002"]


def test_a_past_end_date_makes_a_leaver_who_keeps_their_learning(dsit, grades):
    person = EmployeeFactory(staff_number="0001", email="p0001@example.gov.uk", department=dsit, grade=grades["EO"])
    course = make_course(modules=2)
    enrolment = start_course(employee=person, course=course)
    complete_module(enrolment=enrolment, module=course.get_children().specific().first())
    _plan, outcome = run(row("0001", end="2026-02-27"))
    person.refresh_from_db()
    assert not person.is_active
    assert person.end_date == date(2026, 2, 27)
    assert outcome.summary["leavers"] == 1
    assert Enrolment.objects.filter(employee=person).count() == 1
    assert enrolment.module_completions.count() == 1


def test_full_sync_deactivates_people_absent_from_the_file_and_deletes_no_one(dsit, grades):
    EmployeeFactory(staff_number="0001", email="p0001@example.gov.uk", department=dsit)
    gone = EmployeeFactory(staff_number="0002", department=dsit)
    already_left = EmployeeFactory(staff_number="0003", department=dsit, is_active=False)
    _plan, outcome = run(row("0001"), full_sync=True)
    gone.refresh_from_db()
    assert not gone.is_active
    assert outcome.summary["leavers"] == 1
    assert gone.pk in outcome.changed_ids
    assert already_left.pk not in outcome.changed_ids
    assert Employee.objects.count() == 3


def test_without_full_sync_absent_people_stay(dsit):
    absent = EmployeeFactory(staff_number="0002", department=dsit)
    run(row("0001"))
    absent.refresh_from_db()
    assert absent.is_active


def test_someone_coming_back_is_active_again(dsit, grades):
    person = EmployeeFactory(
        staff_number="0001", email="p0001@example.gov.uk", department=dsit, is_active=False, end_date=date(2025, 1, 1)
    )
    _plan, outcome = run(row("0001"))
    person.refresh_from_db()
    assert person.is_active
    assert person.end_date is None
    assert outcome.changed_ids == [person.pk]


def test_a_promotion_to_scs_assigns_the_scs_requirement_due_from_grade_since(
    dsit, grades, django_capture_on_commit_callbacks
):
    course = make_course(modules=1, title="Technology policy for senior leaders")
    rule = RequirementFactory(
        name="SCS technology policy",
        course=course,
        minimum_grade=grades["SCS1"],
        due_within_days=90,
        starts_on=date(2020, 1, 1),
    )
    person = EmployeeFactory(
        staff_number="0001", email="p0001@example.gov.uk", department=dsit, grade=grades["G6"], start_date=None
    )
    with django_capture_on_commit_callbacks(execute=True):
        run(row("0001", grade="SCS1", grade_since="2026-02-01"))
    enrolment = Enrolment.objects.open().get(employee=person, requirement=rule)
    assert enrolment.due_on == date(2026, 2, 1) + timedelta(days=90)


def test_a_demotion_withdraws_the_scs_requirement(dsit, grades, django_capture_on_commit_callbacks):
    course = make_course(modules=1)
    rule = RequirementFactory(
        name="SCS", course=course, minimum_grade=grades["SCS1"], due_within_days=90, starts_on=date(2020, 1, 1)
    )
    person = EmployeeFactory(staff_number="0001", email="p0001@example.gov.uk", department=dsit, grade=grades["SCS1"])
    assign_requirement(requirement=rule, today=TODAY)
    assert Enrolment.objects.open().filter(employee=person, requirement=rule).exists()
    with django_capture_on_commit_callbacks(execute=True):
        run(row("0001", grade="G6"))
    assert not Enrolment.objects.open().filter(employee=person, requirement=rule).exists()
    assert Enrolment.objects.filter(employee=person, requirement=rule).count() == 1  # withdrawn, kept


def test_new_people_are_linked_to_accounts_with_their_verified_email(dsit):
    verified = UserFactory(email="p0001@example.gov.uk")
    unverified = UserFactory(email="p0002@example.gov.uk", verified_email=False)
    EmailAddress.objects.create(user=unverified, email=unverified.email, verified=False, primary=True)
    run(row("0001", email="P0001@Example.gov.uk"), row("0002"))
    assert Employee.objects.get(staff_number="0001").user == verified
    assert Employee.objects.get(staff_number="0002").user is None


def test_an_account_already_linked_to_someone_else_is_left_alone(dsit):
    user = UserFactory(email="p0001@example.gov.uk")
    owner = EmployeeFactory(staff_number="0009", user=user, department=dsit)
    run(row("0001"))
    assert Employee.objects.get(staff_number="0001").user is None
    owner.refresh_from_db()
    assert owner.user == user


@pytest.mark.parametrize("size", [5, 60])
def test_applying_takes_the_same_number_of_queries_whatever_the_number_of_rows(dsit, size):
    lines = [row(f"{n:04}", manager="" if n == 0 else "0000") for n in range(size)]
    plan = plan_file(io.BytesIO(csv_bytes(*lines)), today=TODAY)
    with CaptureQueriesContext(connection) as queries:
        apply_plan(plan)
    assert len(queries) <= 12
    update = [row(f"{n:04}", grade="HEO", manager="" if n == 0 else "0000") for n in range(size)]
    plan = plan_file(io.BytesIO(csv_bytes(*update)), today=TODAY)
    with CaptureQueriesContext(connection) as queries:
        apply_plan(plan)
    assert len(queries) <= 12
    assert set(Employee.objects.values_list("grade__code", flat=True)) == {"HEO"}


# Import records, the lock ---------------------------------------------------------


def received(*lines: str, full_sync: bool = False, user=None) -> EmployeeImport:
    return receive_file(stream=io.BytesIO(csv_bytes(*lines)), file_name="hr.csv", full_sync=full_sync, user=user)


def test_checking_records_the_summary_and_rejected_rows_and_writes_no_people(dsit):
    employee_import = check_import(received(row("0001"), row("0002", grade="XX")), today=TODAY)
    assert employee_import.status == EmployeeImport.Status.CHECKED
    assert employee_import.summary["created"] == 1
    assert list(employee_import.problems.values_list("row", "column")) == [(3, "grade")]
    assert not Employee.objects.exists()
    assert employee_import.rows_total == 2
    assert "".join(rejected_rows_file(employee_import)).splitlines()[1].startswith("3,grade,")


def test_a_file_that_cannot_be_read_fails_with_its_reason(dsit):
    employee_import = receive_file(stream=io.BytesIO(b"name,email\nx,y\n"), file_name="wrong.csv")
    check_import(employee_import, today=TODAY)
    assert employee_import.status == EmployeeImport.Status.FAILED
    assert "no columns for: staff_number" in employee_import.error


def test_applying_records_what_changed_and_releases_the_lock(dsit, hr_user):
    employee_import = check_import(received(row("0001"), row("0002", grade="G7")), today=TODAY)
    start_applying(employee_import, user=hr_user)
    apply_import(employee_import, today=TODAY)
    employee_import.refresh_from_db()
    assert employee_import.status == EmployeeImport.Status.APPLIED
    assert employee_import.applying is None
    assert employee_import.content is None  # the file is not kept once applied
    assert employee_import.applied_by == hr_user
    assert Employee.objects.filter(staff_number__in=["0001", "0002"]).count() == 2
    lines = b"".join(changes_file(employee_import)).decode().splitlines()
    assert lines == [
        "row,staff_number,change,field,old,new",
        "2,0001,created,name,,Ada Lovelace",
        "3,0002,created,name,,Ada Lovelace",
    ]
    assert employee_import.changes_preview[0]["staff_number"] == "0001"


def test_a_second_import_is_refused_while_one_is_applying(dsit, hr_user):
    first = start_applying(check_import(received(row("0001")), today=TODAY), user=hr_user)
    second = check_import(received(row("0002")), today=TODAY)
    expected = rf"Another import is already being applied: “hr.csv”, started by {re.escape(hr_user.email)} on "
    with pytest.raises(ImportInProgress, match=expected):
        start_applying(second, user=hr_user)
    second.refresh_from_db()
    assert second.status == EmployeeImport.Status.CHECKED
    apply_import(first, today=TODAY)
    start_applying(second, user=hr_user)  # the lock is free again
    apply_import(second, today=TODAY)
    assert Employee.objects.filter(staff_number__in=["0001", "0002"]).count() == 2


def test_an_import_whose_worker_stopped_long_ago_no_longer_blocks(dsit):
    stuck = start_applying(check_import(received(row("0001")), today=TODAY))
    EmployeeImport.objects.filter(pk=stuck.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    fresh = start_applying(check_import(received(row("0002")), today=TODAY))
    stuck.refresh_from_db()
    assert stuck.status == EmployeeImport.Status.FAILED
    assert "no progress" in stuck.error
    apply_import(stuck, today=TODAY)  # a late worker does nothing
    apply_import(fresh, today=TODAY)
    assert list(Employee.objects.values_list("staff_number", flat=True)) == ["0002"]


def test_a_discarded_import_cannot_be_applied(dsit):
    employee_import = check_import(received(row("0001")), today=TODAY)
    discard_import(employee_import)
    employee_import.refresh_from_db()
    assert employee_import.status == EmployeeImport.Status.DISCARDED
    assert employee_import.content is None
    with pytest.raises(ValueError, match="discarded"):
        start_applying(employee_import)


# The command ---------------------------------------------------------------------


def write(tmp_path, *lines: str):
    path = tmp_path / "hr.csv"
    path.write_bytes(b"\xef\xbb\xbf" + csv_bytes(*lines))
    return path


def test_command_imports_and_reports(dsit, tmp_path, capsys):
    path = write(tmp_path, row("0001"), row("0002", grade="XX"))
    call_command("import_employees", str(path))
    out, err = capsys.readouterr()
    assert "Created                      1" in out
    assert "Rejected rows                1" in out
    assert "Row 3, grade: “XX” is not a grade" in err
    assert EmployeeImport.objects.get().source == EmployeeImport.Source.COMMAND
    assert Employee.objects.count() == 1


def test_command_dry_run_writes_nothing(dsit, tmp_path, capsys):
    path = write(tmp_path, row("0001", department="Brand New"), row("0002"))
    call_command("import_employees", str(path), "--dry-run", "--full-sync")
    out, _ = capsys.readouterr()
    assert "Created                      2" in out
    assert "New department: Brand New (BN)" in out
    assert "Dry run: nothing was written." in out
    assert not Employee.objects.exists()
    assert not EmployeeImport.objects.exists()
    assert not Department.objects.filter(name="Brand New").exists()


def test_command_full_sync_and_changes_listed(dsit, tmp_path, capsys):
    EmployeeFactory(staff_number="0009", department=dsit)
    EmployeeFactory(staff_number="0001", email="p0001@example.gov.uk", department=dsit, grade__code="EO")
    call_command("import_employees", str(write(tmp_path, row("0001", grade="HEO"))), "--full-sync", verbosity=2)
    out, _ = capsys.readouterr()
    assert "row 2, 0001 updated grade: EO → HEO" in out
    assert "0009 leaver is_active: yes → no (not in the file)" in out
    assert not Employee.objects.get(staff_number="0009").is_active


def test_command_refuses_while_another_import_applies(dsit, tmp_path):
    start_applying(check_import(received(row("0001")), today=TODAY))
    with pytest.raises(CommandError, match="Only one import can run at a time"):
        call_command("import_employees", str(write(tmp_path, row("0002"))))
    assert not Employee.objects.exists()
    assert EmployeeImport.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty"),
        (b"staff_number,email\n1,a@b.gov.uk\n", "no columns for: given_name, family_name, grade, department"),
        (b"\xff\xfe" + "staff_number".encode("utf-16-le"), "saved as UTF-16"),
    ],
)
def test_command_rejects_an_unreadable_file_and_writes_nothing(dsit, tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("import_employees", str(path))
    assert not Employee.objects.exists()
    assert EmployeeImport.objects.get().status == EmployeeImport.Status.FAILED


def test_command_names_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match=r"Cannot open .*missing.csv: No such file"):
        call_command("import_employees", str(tmp_path / "missing.csv"))


def test_a_check_whose_worker_stopped_is_marked_failed_and_a_recent_one_is_not(dsit):
    stuck, recent = received(row("0001")), received(row("0002"))
    EmployeeImport.objects.filter(pk=stuck.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    release_stale_imports()
    stuck.refresh_from_db()
    recent.refresh_from_db()
    assert stuck.status == EmployeeImport.Status.FAILED
    assert stuck.content is None
    assert recent.status == EmployeeImport.Status.CHECKING


def test_a_new_person_can_report_to_someone_on_record_or_someone_new(dsit, grades):
    boss = EmployeeFactory(staff_number="0009", department=dsit)
    run(row("0002", manager="0001"), row("0001", manager="0009"))
    assert Employee.objects.get(staff_number="0001").line_manager == boss
    assert Employee.objects.get(staff_number="0002").line_manager.staff_number == "0001"


# Nothing that passes the check fails on apply; the database's refusals are named --------


def test_a_database_error_is_reported_with_its_reason_and_nothing_is_written(dsit, grades):
    plan = plan_file(io.BytesIO(csv_bytes(row("0001"), row("0002", department="New Unit"))), today=TODAY)
    # Between the check and the writing, someone else takes the address 0001 is given.
    EmployeeFactory(staff_number="0009", email="p0001@example.gov.uk", department=dsit, grade=grades["EO"])
    with pytest.raises(ImportFailed) as error:
        apply_plan(plan)
    message = str(error.value)
    assert message.startswith("The database refused the changes (two people would have the same email address): ")
    assert "employee_email_unique_ci" in message
    assert "Nothing was changed" in message
    assert list(Employee.objects.values_list("staff_number", flat=True)) == ["0009"]
    assert not Department.objects.filter(name="New Unit").exists()
    run(row("0002"))  # the connection is usable and the staging table gone
    assert Employee.objects.filter(staff_number="0002").exists()


def test_an_import_failing_in_the_database_records_why(dsit, grades, monkeypatch):
    def plan_then_clash(*args, **kwargs):
        plan = plan_file(*args, **kwargs)
        EmployeeFactory(staff_number="0009", email="p0001@example.gov.uk", department=dsit, grade=grades["EO"])
        return plan

    employee_import = start_applying(check_import(received(row("0001")), today=TODAY))
    monkeypatch.setattr("people.import_runs.plan_file", plan_then_clash)
    apply_import(employee_import, today=TODAY)
    assert employee_import.status == EmployeeImport.Status.FAILED
    assert employee_import.error.startswith("The database refused the changes (two people would have the same email")
    assert employee_import.applying is None
    assert not Employee.objects.filter(staff_number="0001").exists()


def test_values_the_database_would_refuse_are_rejected_at_the_check(dsit, grades):
    EmployeeFactory(
        staff_number="0001",
        email="p0001@example.gov.uk",
        department=dsit,
        grade=grades["EO"],
        start_date=date(2022, 9, 5),
    )
    EmployeeFactory(
        staff_number="0002",
        email="p0002@example.gov.uk",
        department=dsit,
        grade=grades["EO"],
        start_date=date(2022, 9, 5),
    )
    header = "staff_number,email,given_name,family_name,grade,department,end_date"
    plan, outcome = run(
        "0001,p0001@example.gov.uk,Ada,Lovelace,EO,DSIT,2020-01-01",  # before the recorded start
        "0002,p0002@example.gov.uk,Ada,Lovelace,EO,DSIT,2026-01-31",
        "0003,p0003@example.gov.uk,A\x00da,Lovelace,EO,DSIT,",  # NUL: PostgreSQL cannot store it
        "0004,p0004@example.gov.uk,Ada,Lovelace,EO,DSIT,",
        header=header,
    )
    assert [(r.row, r.column) for r in plan.rejections] == [(2, "end_date"), (4, "given_name")]
    assert outcome.summary["leavers"] == 1
    assert Employee.objects.get(staff_number="0002").end_date == date(2026, 1, 31)
    assert Employee.objects.get(staff_number="0001").end_date is None
    assert sorted(Employee.objects.values_list("staff_number", flat=True)) == ["0001", "0002", "0004"]


# Full sync: refused when it would make leavers by mistake --------------------------------


def people(count: int, dsit, grades) -> None:
    for n in range(count):
        EmployeeFactory(staff_number=f"{n:04d}", email=f"p{n:04d}@example.gov.uk", department=dsit, grade=grades["EO"])


def test_a_full_sync_without_an_accepted_row_is_never_applied(dsit, grades):
    people(3, dsit, grades)
    plan = plan_file(io.BytesIO(csv_bytes(row("0001", grade="XX"))), today=TODAY, full_sync=True)
    with pytest.raises(
        ImportRefused,
        match=r"none of its 1 row is accepted, so all it would do is make 2 of the 3 active people leavers",
    ):
        apply_plan(plan, allow_many_leavers=True)
    assert Employee.objects.filter(is_active=True).count() == 3


def test_a_full_sync_making_many_leavers_is_applied_only_when_allowed(dsit, grades):
    people(30, dsit, grades)
    plan = plan_file(io.BytesIO(csv_bytes(row("0000"))), today=TODAY, full_sync=True)
    with pytest.raises(ImportRefused) as refusal:
        apply_plan(plan)
    assert str(refusal.value).startswith("This full sync would make 29 of the 30 active people leavers (97%), more ")
    assert refusal.value.leavers == 29
    assert Employee.objects.filter(is_active=True).count() == 30
    outcome = apply_plan(plan, allow_many_leavers=True)
    assert outcome.summary["leavers"] == 29
    assert list(Employee.objects.filter(is_active=True).values_list("staff_number", flat=True)) == ["0000"]


def test_an_uploaded_full_sync_applies_as_many_leavers_as_were_confirmed(dsit, grades):
    people(30, dsit, grades)
    employee_import = check_import(received(row("0000"), full_sync=True), today=TODAY)
    assert employee_import.summary["leavers_to_confirm"] == 29
    assert "29 of the 30 active people" in employee_import.summary["leavers_warning"]
    apply_import(start_applying(employee_import), today=TODAY)  # not confirmed
    assert employee_import.status == EmployeeImport.Status.FAILED
    assert "upload the file again and, on its page, confirm the 29 leavers before applying it" in employee_import.error
    assert Employee.objects.filter(is_active=True).count() == 30

    confirmed_fewer = check_import(received(row("0000"), full_sync=True), today=TODAY)
    apply_import(start_applying(confirmed_fewer, leavers_confirmed=20), today=TODAY)
    assert confirmed_fewer.status == EmployeeImport.Status.FAILED
    assert "Only 20 leavers were confirmed" in confirmed_fewer.error

    confirmed = check_import(received(row("0000"), full_sync=True), today=TODAY)
    apply_import(start_applying(confirmed, leavers_confirmed=29), today=TODAY)
    assert confirmed.status == EmployeeImport.Status.APPLIED
    assert confirmed.summary["leavers"] == 29
    assert confirmed.summary["leavers_confirmed"] == 29
    assert Employee.objects.filter(is_active=True).count() == 1


def test_command_refuses_a_full_sync_making_many_leavers_unless_allowed(dsit, grades, tmp_path, capsys):
    people(30, dsit, grades)
    path = write(tmp_path, row("0000"))
    call_command("import_employees", str(path), "--dry-run", "--full-sync")
    _out, err = capsys.readouterr()
    assert "Applying this file would be refused: This full sync would make 29 of the 30 active people" in err
    assert "apply it with --allow-many-leavers" in err
    with pytest.raises(CommandError) as error:
        call_command("import_employees", str(path), "--full-sync")
    assert "This full sync would make 29 of the 30 active people leavers (97%)" in str(error.value)
    assert "run the command again with --allow-many-leavers" in str(error.value)
    assert Employee.objects.filter(is_active=True).count() == 30
    call_command("import_employees", str(path), "--full-sync", "--allow-many-leavers")
    assert Employee.objects.filter(is_active=True).count() == 1


def test_command_refuses_a_full_sync_without_an_accepted_row(dsit, grades, tmp_path):
    people(3, dsit, grades)
    with pytest.raises(CommandError, match=r"cannot be applied: none of its 1 row is accepted.*--dry-run to list"):
        call_command("import_employees", str(write(tmp_path, row("0001", grade="XX"))), "--full-sync")
    assert Employee.objects.filter(is_active=True).count() == 3


# Downloads a spreadsheet opens safely ------------------------------------------------------


def test_downloads_neutralise_values_a_spreadsheet_would_run(dsit, grades):
    EmployeeFactory(staff_number="0001", email="p0001@example.gov.uk", given_name="=1+1", department=dsit)
    employee_import = check_import(
        received(row("0001"), row("0002", email="=x@example.gov.uk"), row("0003", email="=X@example.gov.uk")),
        today=TODAY,
    )
    changes = list(csv.reader(io.StringIO(b"".join(changes_file(employee_import)).decode())))
    assert ["2", "0001", "updated", "given_name", "'=1+1", "Ada"] in changes
    problems = list(csv.reader(io.StringIO("".join(rejected_rows_file(employee_import)))))
    assert problems[1][2].startswith("'=x@example.gov.uk is already in row 3")
    [given_name] = [c for c in employee_import.changes_preview if c["field"] == "given_name"]
    assert given_name["old"] == "=1+1"  # the page shows it as it is


def test_a_file_in_other_capitals_updates_the_record_and_keeps_its_staff_number(dsit, grades):
    boss = EmployeeFactory(staff_number="MGR01", email="pmgr01@example.gov.uk", department=dsit, grade=grades["G7"])
    person = EmployeeFactory(staff_number="AB123", email="pab123@example.gov.uk", department=dsit)
    plan, outcome = run(row("ab123", grade="HEO", manager="mgr01"), row("new01", manager="AB123"))
    assert plan.rejections == []
    assert (outcome.summary["created"], outcome.summary["updated"]) == (1, 1)
    person.refresh_from_db()
    assert (person.staff_number, person.grade.code, person.line_manager_id) == ("AB123", "HEO", boss.pk)
    assert Employee.objects.get(staff_number="new01").line_manager_id == person.pk
    assert Employee.objects.count() == 3
