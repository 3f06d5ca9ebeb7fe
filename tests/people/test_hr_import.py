"""HR import, first slice: reading the file and planning the changes (nothing is written)."""

from __future__ import annotations

import io
from datetime import date

import pytest

from people.hr_import import FieldChange, HrFileError, plan_file, read_rows
from people.models import Department, Employee
from tests.factories import DepartmentFactory, EmployeeFactory

TODAY = date(2026, 3, 1)
HEADER = "staff_number,email,given_name,family_name,grade,department,profession,line_manager,start_date,end_date"


def line(
    staff="0001",
    email=None,
    given="Ada",
    family="Lovelace",
    grade="EO",
    department="DSIT",
    profession="",
    manager="",
    start="",
    end="",
):
    email = f"p{staff}@example.gov.uk" if email is None else email
    return ",".join([staff, email, given, family, grade, department, profession, manager, start, end])


def as_file(*lines: str, header: str = HEADER, newline: str = "\n", bom: bool = False) -> io.BytesIO:
    data = newline.join([header, *lines]).encode() + newline.encode()
    return io.BytesIO((b"\xef\xbb\xbf" if bom else b"") + data)


def plan(*lines: str, full_sync: bool = False, **kwargs):
    return plan_file(as_file(*lines, **kwargs), today=TODAY, full_sync=full_sync)


def reasons(result) -> list[tuple[int, str, str]]:
    return [(r.row, r.column, r.reason) for r in result.rejections]


@pytest.fixture
def dsit(department, grades):
    return department


# Reading the file ------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        HEADER,
        HEADER.upper(),
        HEADER.replace("_", " "),
        " " + HEADER.replace(",", " ,  ").replace("_", " ").title(),
        "end_date,department,grade,family_name,given_name,email,staff_number,profession,line_manager,start_date",
    ],
    ids=["plain", "upper", "spaces", "padded-title", "reordered"],
)
def test_header_variations(header):
    columns = [c.strip().lower().replace(" ", "_") for c in header.split(",")]
    values = {"staff_number": "007", "email": "Ada@Example.gov.uk", "given_name": "Ada", "family_name": "Lovelace"}
    values |= {"grade": "eo"}
    values |= {"department": "DSIT", "end_date": "", "profession": "", "line_manager": "", "start_date": ""}
    file = read_rows(io.BytesIO(f"{header}\n{','.join(values[c] for c in columns)}\n".encode()))
    [row] = list(file)
    assert row.number == 2
    assert row.values["staff_number"] == "007"
    assert row.values["email"] == "Ada@Example.gov.uk"
    assert file.warnings == []


def test_bom_crlf_blank_lines_and_quoted_fields(dsit):
    lines = [
        line("0001", family='"Smith, Jones"'),
        "",
        line("0002", given='"Ann\r\nMarie"'),
        line("0003", given="Zoë", family="Ó Briain"),
    ]
    result = plan(*lines, newline="\r\n", bom=True)
    assert result.rejections == []
    created = {row.staff_number: row for row in result.created}
    assert created["0001"].family_name == "Smith, Jones"
    assert created["0002"].given_name == "Ann\r\nMarie"
    assert created["0003"].family_name == "Ó Briain"
    assert [created[s].number for s in ("0001", "0002", "0003")] == [2, 4, 6]  # blank line 3; 0002 spans 4-5


def test_unknown_columns_are_ignored_with_a_warning(dsit):
    result = plan(line("0001") + ",blue", header=HEADER + ",Favourite Colour")
    assert result.summary()["created"] == 1
    assert result.warnings == ["Ignored columns not used by the import: Favourite Colour."]


def test_missing_required_columns_are_named():
    with pytest.raises(HrFileError, match=r"no columns for: email, grade"):
        read_rows(io.BytesIO(b"staff_number,given_name,family_name,department\n1,A,B,DSIT\n"))


@pytest.mark.parametrize("data", [b"", b"\n\n"])
def test_empty_file_is_refused(data):
    with pytest.raises(HrFileError, match="empty"):
        read_rows(io.BytesIO(data))


def test_invalid_utf8_is_refused_with_its_position(dsit):
    data = f"{HEADER}\n{line('0001')}\n".encode() + b"0002,x@example.gov.uk,Ren" + b"\xe9e,A\n"
    with pytest.raises(HrFileError, match=r"line 3, byte 26 of that line \(byte \d+ of the file\)") as error:
        plan_file(io.BytesIO(data), today=TODAY)
    offset = data.index(b"\xe9") + 1
    assert f"byte {offset} of the file" in str(error.value)


# Bad rows --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([line(grade="G99")], (2, "grade", "“G99” is not a grade")),
        ([line(email="not-an-email")], (2, "email", "not a valid email")),
        ([line(given="")], (2, "given_name", "is missing")),
        ([line(staff="")], (2, "staff_number", "is missing")),
        ([line(department=" ")], (2, "department", "is missing")),
        ([line(start="31/02/2026")], (2, "start_date", "“31/02/2026” is not a real date")),
        ([line(end="2026-13-01")], (2, "end_date", "not a real date")),
        ([line(end="1st March")], (2, "end_date", "use YYYY-MM-DD or DD/MM/YYYY")),
        ([line(start="2026-02-01", end="2026-01-01")], (2, "end_date", "before start_date")),
        ([line(profession="Astrology")], (2, "profession", "“Astrology” is not a profession")),
        ([line(manager="9999")], (2, "line_manager", "no one with staff number 9999")),
        ([line(manager="0001")], (2, "line_manager", "own line manager")),
        ([line("0001"), line("0001", email="other@example.gov.uk")], (3, "staff_number", "already used by row 2")),
        ([line("0001", email="a@x.gov.uk"), line("0002", email="A@X.gov.uk")], (3, "email", "already used by row 2")),
    ],
)
def test_bad_rows_are_rejected_with_row_column_and_reason(dsit, lines, expected):
    result = plan(*lines)
    row, column, text = expected
    assert [(r, c) for r, c, _ in reasons(result)] == [(row, column)]
    assert text in reasons(result)[0][2]
    assert result.summary()["rejected"] == 1
    assert result.summary()["created"] == len(lines) - 1  # the earlier row stands


def test_every_problem_of_a_row_is_reported_once_per_column(dsit):
    result = plan(line(email="bad", grade="X", start="30/02/2026"))
    assert [(r, c) for r, c, _ in reasons(result)] == [(2, "email"), (2, "grade"), (2, "start_date")]
    assert result.summary()["rejected"] == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2026-02-28", date(2026, 2, 28)), ("28/02/2026", date(2026, 2, 28)), ("1/2/2024", date(2024, 2, 1))],
)
def test_date_formats(dsit, text, expected):
    [row] = plan(line(start=text)).created
    assert row.start_date == expected


@pytest.mark.parametrize("grade", ["eo", " EO ", "S C S1", "scs1"])
def test_grade_ignores_case_and_spaces(dsit, grade):
    assert plan(line(grade=grade)).rejections == []


def test_department_and_profession_match_code_or_name_ignoring_case(dsit, professions):
    result = plan(
        line("0001", department="dsit", profession="DDAT"),
        line("0002", department='" department for science, innovation and technology "', profession="policy"),
    )
    assert result.rejections == []
    assert {row.department_id for row in result.created} == {dsit.pk}
    assert [row.profession_id for row in result.created] == [professions["ddat"].pk, professions["policy"].pk]
    assert result.new_departments == []


def test_unknown_department_is_listed_for_creation_once(dsit):
    result = plan(
        line("0001", department="Office for Tea"),
        line("0002", department="office for TEA"),
        line("0003", department="OFT2"),
        line("0004", department="Ministry of Nothing", grade="X"),  # rejected rows create nothing
    )
    assert [(d.code, d.name, d.first_row) for d in result.new_departments] == [
        ("OFT", "Office for Tea", 2),
        ("OFT2", "OFT2", 4),
    ]
    assert [row.new_department for row in result.created] == ["OFT", "OFT", "OFT2"]
    assert result.summary()["departments_created"] == 2
    assert not Department.objects.filter(code__in=["OFT", "OFT2"]).exists()


# Managers --------------------------------------------------------------------


def test_manager_later_in_the_file(dsit):
    result = plan(line("0001", manager="0002"), line("0002"))
    assert result.rejections == []
    assert result.summary()["created"] == 2


def test_manager_already_on_record(dsit, grades):
    boss = EmployeeFactory(staff_number="0900", department=dsit, grade=grades["G7"])
    result = plan(line("0001", manager=boss.staff_number))
    assert result.rejections == []
    assert result.created[0].line_manager == "0900"


def test_reports_of_a_rejected_manager_not_on_record_are_rejected(dsit):
    result = plan(line("0001", manager="0002"), line("0002", grade="X"))
    assert [(r, c) for r, c, _ in reasons(result)] == [(2, "line_manager"), (3, "grade")]
    assert "row 3" in reasons(result)[0][2]


@pytest.mark.parametrize(
    "managers",
    [
        {"0001": "0002", "0002": "0001"},
        {"0001": "0002", "0002": "0003", "0003": "0001"},
    ],
    ids=["cycle-of-2", "cycle-of-3"],
)
def test_management_cycles_reject_every_row_in_them(dsit, managers):
    lines = [line(staff, manager=manager) for staff, manager in managers.items()]
    result = plan(*lines, line("0009", manager="0001"))
    rejected = {(r, c) for r, c, _ in reasons(result)}
    assert {(row, "line_manager") for row in range(2, 2 + len(managers))} <= rejected
    assert all("management cycle: " in reason for _, _, reason in reasons(result)[: len(managers)])
    # 0009 reports into the cycle and its manager is not on record: rejected too
    assert (2 + len(managers), "line_manager") in rejected
    assert result.created == []


def test_cycle_through_a_manager_on_record(dsit, grades):
    top = EmployeeFactory(staff_number="0001", department=dsit, grade=grades["G6"])
    EmployeeFactory(staff_number="0800", department=dsit, grade=grades["G7"], line_manager=top)
    # the file puts 0001 under 0800, who is (on record) under 0001
    result = plan(line("0001", manager="0800"))
    [(row, column, reason)] = reasons(result)
    assert (row, column) == (2, "line_manager")
    assert reason == "management cycle: 0001 → 0800 (on record) → 0001"


# Classification against the records ------------------------------------------


def test_created_updated_unchanged_with_field_changes(dsit, grades, professions):
    other = DepartmentFactory(code="HMRC", name="HM Revenue and Customs")
    boss = EmployeeFactory(staff_number="0100", email="p0100@example.gov.uk", department=dsit, grade=grades["G7"])
    EmployeeFactory(
        staff_number="0001",
        email="p0001@example.gov.uk",
        given_name="Ada",
        family_name="Lovelace",
        department=dsit,
        grade=grades["EO"],
        profession=professions["policy"],
        line_manager=boss,
    )
    EmployeeFactory(
        staff_number="0002",
        email="p0002@example.gov.uk",
        given_name="Ada",
        family_name="Lovelace",
        department=dsit,
        grade=grades["EO"],
        profession=professions["policy"],
    )
    result = plan(
        line("0001", grade="HEO", department="hmrc", profession="policy", manager="", start="01/04/2020"),
        line("0002", profession="Policy"),
        line("0003"),
    )
    assert result.summary() == {
        "created": 1,
        "updated": 1,
        "unchanged": 1,
        "leavers": 0,
        "rejected": 0,
        "departments_created": 0,
    }
    assert [row.staff_number for row in result.created] == ["0003"]
    assert result.unchanged == ["0002"]
    [update] = result.updated
    assert update.row.department_id == other.pk
    assert update.changes == (
        FieldChange("grade", "EO", "HEO"),
        FieldChange("department", "DSIT", "HMRC"),
        FieldChange("line_manager", "0100", None),
        FieldChange("start_date", None, date(2020, 4, 1)),
    )
    assert not Employee.objects.filter(staff_number="0003").exists()


def test_absent_optional_column_leaves_the_field_alone(dsit, grades, professions):
    EmployeeFactory(
        staff_number="0001",
        email="p0001@example.gov.uk",
        given_name="Ada",
        family_name="Lovelace",
        department=dsit,
        grade=grades["EO"],
        profession=professions["policy"],
    )
    header = "staff_number,email,given_name,family_name,grade,department"
    result = plan("0001,p0001@example.gov.uk,Ada,Lovelace,EO,DSIT", header=header)
    assert result.unchanged == ["0001"]


def test_email_of_another_person_on_record_is_rejected(dsit, grades):
    EmployeeFactory(staff_number="0500", email="taken@example.gov.uk", department=dsit, grade=grades["EO"])
    result = plan(line("0001", email="Taken@example.gov.uk"))
    assert reasons(result) == [(2, "email", "taken@example.gov.uk belongs to staff number 0500 on record")]


def test_leavers_by_end_date(dsit, grades):
    EmployeeFactory(staff_number="0001", email="p0001@example.gov.uk", department=dsit, grade=grades["EO"])
    EmployeeFactory(staff_number="0002", email="p0002@example.gov.uk", department=dsit, grade=grades["EO"])
    result = plan(
        line("0001", end="2026-02-28"),  # passed: leaves
        line("0002", end="2026-03-01"),  # their last day is today: still here
        line("0003", end="01/01/2026"),  # new, already gone: created inactive
    )
    assert result.leaving == ["0001"]
    assert result.summary()["leavers"] == 1
    [created] = result.created
    assert created.is_active is False
    changes = {update.row.staff_number: update.changes for update in result.updated}
    assert FieldChange("is_active", True, False) in changes["0001"]
    assert FieldChange("is_active", True, True) not in changes["0002"]


def test_full_sync_lists_active_people_absent_from_the_file(dsit, grades):
    stays = EmployeeFactory(staff_number="0001", email="p0001@example.gov.uk", department=dsit, grade=grades["EO"])
    gone = EmployeeFactory(staff_number="0002", department=dsit, grade=grades["EO"])
    EmployeeFactory(staff_number="0003", department=dsit, grade=grades["EO"], is_active=False)
    badly_written = EmployeeFactory(staff_number="0004", department=dsit, grade=grades["EO"])
    lines = [line("0001"), line("0004", grade="??")]
    assert plan(*lines).absent_ids == []
    result = plan(*lines, full_sync=True)
    assert result.absent_ids == [gone.pk]  # a rejected row still shows the person is in the file
    assert result.summary()["leavers"] == 1
    assert stays.pk not in result.absent_ids
    assert badly_written.pk not in result.absent_ids


def test_planning_writes_nothing(dsit, django_assert_max_num_queries, django_capture_on_commit_callbacks):
    with django_assert_max_num_queries(20) as captured:
        plan(line("0001", department="Brand New Office"), full_sync=True)
    assert not any(q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")) for q in captured)
    assert not Department.objects.filter(name="Brand New Office").exists()


@pytest.mark.parametrize("size", [10, 200])
def test_query_count_does_not_grow_with_the_file(dsit, grades, django_assert_num_queries, size):
    boss = EmployeeFactory(staff_number="B001", department=dsit, grade=grades["G6"])
    EmployeeFactory(staff_number="B002", department=dsit, grade=grades["G7"], line_manager=boss)
    on_record = [
        EmployeeFactory(staff_number=f"{n:05d}", department=dsit, grade=grades["EO"], line_manager=boss)
        for n in range(size // 2)
    ]
    lines = [line(f"{n:05d}", grade="HEO", manager="B002") for n in range(size)]
    lines.append(line("X0001", department="New Office", manager="00001"))
    assert len(on_record) == size // 2
    # grades, departments, professions; records; emails; named managers; chains above; full sync
    with django_assert_num_queries(8):
        result = plan(*lines, full_sync=True)
    assert result.summary()["rejected"] == 0
    assert result.summary()["updated"] == size // 2
