"""HR import, first slice: reading the file and planning the changes (nothing is written)."""

from __future__ import annotations

import gzip
import io
import re
from datetime import date

import pytest
from django.db import connection

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
        line("0002", given='"Ann\r\nMarie"'),  # read as one value, but a name cannot hold a line break
        line("0003", given="Zoë", family="Ó Briain"),
    ]
    result = plan(*lines, newline="\r\n", bom=True)
    assert reasons(result) == [(4, "given_name", "contains a line break (carriage return), which is not allowed")]
    created = {row.staff_number: row for row in result.created}
    assert created["0001"].family_name == "Smith, Jones"
    assert created["0003"].family_name == "Ó Briain"
    assert [created[s].number for s in ("0001", "0003")] == [2, 6]  # blank line 3; 0002 spans 4-5


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


def test_a_report_of_a_rejected_manager_not_on_record_is_applied_without_that_manager(dsit):
    result = plan(line("0001", manager="0002"), line("0002", grade="X"))
    assert [(r, c) for r, c, _ in reasons(result)] == [(3, "grade")]
    [created] = result.created
    assert (created.staff_number, created.line_manager) == ("0001", None)
    assert [(w.row, w.column, w.reason) for w in result.row_warnings] == [
        (2, "line_manager", "0001 is imported without a line manager: the row for 0002 (row 3) is rejected")
    ]
    assert "Row 2: 0001 is imported without a line manager: the row for 0002 (row 3) is rejected." in result.warnings


def test_a_rejected_manager_with_ten_reports_costs_none_of_them(dsit, grades):
    """Reports on record keep their recorded line manager; new ones have none; each is named in a warning."""
    boss = EmployeeFactory(staff_number="0800", department=dsit, grade=grades["G6"])
    for n in range(5):
        EmployeeFactory(staff_number=f"R{n:03d}", email=f"pR{n:03d}@example.gov.uk", department=dsit, line_manager=boss)
    reports = [line(f"R{n:03d}", manager="M001") for n in range(10)]  # R000 to R004 on record, R005 to R009 new
    result = plan(line("M001", grade="X"), *reports)
    assert result.rejected_rows == [2]
    assert sorted(row.staff_number for row in result.created) == [f"R{n:03d}" for n in range(5, 10)]
    assert all(row.line_manager is None for row in result.created)
    assert sorted(update.row.staff_number for update in result.updated) == [f"R{n:03d}" for n in range(5)]
    assert all(row.line_manager == "0800" for row in (update.row for update in result.updated))
    assert "line_manager" not in {change.field for update in result.updated for change in update.changes}
    assert [(w.row, w.reason) for w in result.row_warnings] == [
        (3 + n, f"R{n:03d} keeps line manager 0800, as on record: the row for M001 (row 2) is rejected")
        for n in range(5)
    ] + [
        (3 + n, f"R{n:03d} is imported without a line manager: the row for M001 (row 2) is rejected")
        for n in range(5, 10)
    ]


def test_only_the_rows_directly_under_a_rejected_manager_are_warned_about(dsit):
    result = plan(line("0001", grade="X"), line("0002", manager="0001"), line("0003", manager="0002"))
    assert result.rejected_rows == [2]
    assert {row.staff_number: row.line_manager for row in result.created} == {"0002": None, "0003": "0002"}
    assert [w.row for w in result.row_warnings] == [3]


def test_an_unknown_manager_rejects_the_row_and_its_reports_are_applied(dsit):
    result = plan(line("0001", manager="NOSUCH"), line("0002", manager="0001"))
    assert reasons(result) == [(2, "line_manager", "no one with staff number NOSUCH is in this file or on record")]
    assert [(row.staff_number, row.line_manager) for row in result.created] == [("0002", None)]
    assert [w.row for w in result.row_warnings] == [3]


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
    assert [(r, c) for r, c, _ in reasons(result)] == [(row, "line_manager") for row in range(2, 2 + len(managers))]
    assert all("management cycle: " in reason for _, _, reason in reasons(result))
    # 0009 reports into the cycle and its manager is not on record: applied without a line manager
    assert [(row.staff_number, row.line_manager) for row in result.created] == [("0009", None)]
    assert [w.row for w in result.row_warnings] == [2 + len(managers)]


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
    assert result.unchanged == 1  # 0002: counted, not listed (an unchanged person is not held in memory)
    assert "0002" not in {update.row.staff_number for update in result.updated}
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
    assert (result.unchanged, result.updated, result.created) == (1, [], [])


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
    """Nothing but the planning's own temporary table of the file's rows, which is gone afterwards."""
    with django_assert_max_num_queries(40) as captured:
        plan(line("0001", department="Brand New Office"), full_sync=True)
    writes = [q["sql"] for q in captured if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes
    into_the_table = re.compile(r'\s*(INSERT INTO|UPDATE|DELETE FROM) "?hr_import_rows\b', re.IGNORECASE)
    assert all(into_the_table.match(sql) for sql in writes)
    assert "hr_import_rows" not in connection.introspection.table_names(include_views=True)
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
    # The rows' table (made, filled, indexed, dropped), grades, departments, professions, then the steps'
    # statements: a constant number, plus two a level of management above the rows whose manager changes.
    # PostgreSQL: and three line-manager statements planned as hash joins (SET LOCAL before and after each),
    # and the comparing steps' transaction (a savepoint and its release, here inside the test's).
    with django_assert_num_queries(30 + (8 if connection.vendor == "postgresql" else 0)):
        result = plan(*lines, full_sync=True)
    assert result.summary()["rejected"] == 0
    assert result.summary()["updated"] == size // 2


# Files that cannot be read, and files read in other shapes ---------------------


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        # An unclosed quote would otherwise swallow every row after it into one value.
        ([line("0001"), line("0002", family='"Smith'), line("0003"), line("0004")], "Row 3: a quoted value opened"),
        ([line("0001", family='"Smith')], "Row 2: a quoted value opened here is never closed"),
        # … or run on until the next quotation mark, several lines down
        (
            [line("0001", family='"Smith'), line("0002"), line("0003", family='"Jones"')],
            "Row 2: a quoted value opened here runs on to line 4",
        ),
        ([line("0001", family='"Smith"Jones')], "Row 2: a quoted value is followed by more text"),
    ],
)
def test_a_quoting_error_refuses_the_whole_file_naming_its_row(dsit, lines, message):
    with pytest.raises(HrFileError, match=re.escape(message)) as error:
        plan(*lines)
    assert "cannot be read" in str(error.value)


def test_an_unclosed_quote_in_a_large_file_names_the_row_it_opened(dsit):
    lines = [line(f"{n:05d}") for n in range(3000)]
    lines[4] = line("00004", family='"Smith')
    with pytest.raises(HrFileError, match=r"^Row 6: a value here runs on for more than 131,072 characters, so a "):
        plan(*lines)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (("\ufeff" + HEADER + "\r\n").encode("utf-16-le"), "saved as UTF-16 (Excel's “Unicode text”)"),
        ((HEADER + "\r\n").encode("utf-16-be"), "saved as UTF-16"),  # no byte-order mark: told by its NULs
        (b"PK\x03\x04\x14\x00\x06\x00rest of a workbook", "This is an Excel workbook (.xlsx)"),
        (gzip.compress(f"{HEADER}\n{line()}\n".encode()), "This is a compressed (gzip) file"),
        (f"{HEADER}\n{line(given='Zoë')}\n".encode("cp1252"), "0xEB, which would be “ë” in the Windows character"),
    ],
    ids=["utf-16", "utf-16-without-bom", "xlsx", "gzip", "windows-1252"],
)
def test_files_in_other_formats_are_refused_saying_what_they_are(data, message):
    with pytest.raises(HrFileError, match=re.escape(message)) as error:
        list(read_rows(io.BytesIO(data)))
    assert "CSV UTF-8" in str(error.value)


def test_old_mac_line_endings_are_read(dsit):
    result = plan(line("0001"), "", line("0002", family='"Smith\rJones"'), line("0003"), newline="\r")
    assert [(row.staff_number, row.number) for row in result.created] == [("0001", 2), ("0003", 6)]
    assert reasons(result) == [(4, "family_name", "contains a line break (carriage return), which is not allowed")]


@pytest.mark.parametrize(
    ("delimiter", "first", "warning"),
    [
        (";", "", "separated by semicolons"),
        ("\t", "", "separated by tabs"),
        (";", "sep=;", "separated by semicolons"),  # Excel's hint: not a row
    ],
    ids=["semicolons", "tabs", "excel-sep-line"],
)
def test_semicolon_and_tab_separated_files_are_read(dsit, delimiter, first, warning):
    rows = [line("0001", department="#").replace(",", delimiter), line("0002").replace(",", delimiter)]
    rows[0] = rows[0].replace("#", '"Science, Innovation"')  # a comma is just text here
    header = HEADER.replace(",", delimiter)
    if first:
        header = f"{first}\n{header}"
    result = plan(*rows, header=header)
    assert result.rejections == []
    offset = 1 if first else 0
    assert [(row.staff_number, row.number) for row in result.created] == [("0001", 2 + offset), ("0002", 3 + offset)]
    assert result.new_departments[0].name == "Science, Innovation"
    assert warning in result.warnings[0]


def test_a_file_with_a_header_and_no_rows_says_so(dsit):
    result = plan()
    assert result.warnings == ["The file has a header row but no data rows: there is nothing to import."]
    assert result.summary()["created"] == 0


# Rows of the wrong shape, and values that cannot be stored ------------------------


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("0001,p0001@example.gov.uk,Ada,Lovelace,EO,DSIT", "has 6 values but the header has 10 columns: the row may"),
        (line() + ",extra", "has 11 values but the header has 10 columns: a value may contain a comma that is not"),
        # an unquoted comma shifting values into the empty last column: looks like one empty value too many
        (
            "0001,p0001@example.gov.uk,Ada,Lovelace,EO,Department for Environment, Food and Rural Affairs,,,,",
            "has 11 values but the header has 10 columns (the last 1 empty): a value may contain a comma",
        ),
    ],
    ids=["short", "long", "long-empty"],
)
def test_a_row_with_more_or_fewer_values_than_the_header_is_rejected(dsit, row, reason):
    result = plan(row, line("0002"))
    [(number, column, text)] = reasons(result)
    assert (number, column) == (2, "")
    assert text.startswith(reason)
    assert [row.staff_number for row in result.created] == ["0002"]


def test_a_shifted_value_may_not_land_in_an_ignored_last_column(dsit):
    header = "staff_number,email,given_name,family_name,grade,department,notes"
    shifted = "0001,p0001@example.gov.uk,Ada,Lovelace,EO,Department for Environment, Food and Rural Affairs,"
    result = plan(shifted, "0002,p0002@example.gov.uk,Ada,Lovelace,EO,DSIT,part-time", header=header)
    assert [(r, c) for r, c, _ in reasons(result)] == [(2, "")]
    assert result.new_departments == []


def test_rows_may_stop_before_unnamed_columns_at_the_end_of_the_header(dsit):
    header = HEADER + ",,"
    result = plan(line("0001"), line("0002") + ",,", line("0003") + ",,oops", header=header)
    assert [row.staff_number for row in result.created] == ["0001", "0002"]
    assert reasons(result) == [
        (
            4,
            "",
            "has a value in column 12, which the header does not name: a value may contain a comma that is not "
            "in quotation marks",
        ),
    ]


@pytest.mark.parametrize(
    ("values", "column", "reason"),
    [
        ({"given": "Ada\x00"}, "given_name", "contains a NUL character, which is not allowed"),
        ({"family": "Love\tlace"}, "family_name", "contains a tab, which is not allowed"),
        ({"given": '"Ada\nMarie"'}, "given_name", "contains a line break, which is not allowed"),
        ({"department": "Cabinet\x0bOffice"}, "department", "contains a control character (U+000B), which is not"),
        ({"email": "ada\x1b@example.gov.uk"}, "email", "contains a control character (U+001B)"),
        ({"staff": "00\x0701", "email": "x@example.gov.uk"}, "staff_number", "contains a control character (U+0007)"),
        ({"given": "Ada\x85"}, "given_name", "contains a control character (U+0085)"),
    ],
)
def test_control_characters_reject_the_row_naming_the_field(dsit, values, column, reason):
    result = plan(line(**values), line("0002"))
    [(number, rejected_column, text)] = reasons(result)
    assert (number, rejected_column) == (2, column)
    assert text.startswith(reason)
    assert [row.staff_number for row in result.created] == ["0002"]


@pytest.mark.parametrize(
    ("values", "column"),
    [
        ({"given": '=HYPERLINK("http://x")'}, "given_name"),
        ({"family": "+SUM(1)"}, "family_name"),
        ({"family": "-"}, "family_name"),
        ({"given": "@me"}, "given_name"),
        ({"department": "=cmd|' /C calc'!A0"}, "department"),  # a department it would create
    ],
)
def test_names_a_spreadsheet_would_run_as_formulas_are_rejected(dsit, values, column):
    [(row, rejected_column, reason)] = reasons(plan(line(**values)))
    assert (row, rejected_column) == (2, column)
    assert "which a spreadsheet would run as a formula" in reason


@pytest.mark.parametrize("staff", ["-", "---"])
def test_a_staff_number_needs_a_letter_or_digit(dsit, staff):
    [(row, column, reason)] = reasons(plan(line(staff)))
    assert (row, column) == (2, "staff_number")
    assert reason.startswith(f"“{staff}” is not a staff number")


@pytest.mark.parametrize(
    ("grade", "code"),
    [("Grade 7", "G7"), ("grade7", "G7"), ("Senior Executive Officer", "SEO"), ("Deputy Director (SCS1)", "SCS1")],
)
def test_a_grade_may_be_given_by_its_name(dsit, grades, grade, code):
    [row] = plan(line(grade=grade)).created
    assert row.grade_id == grades[code].pk


# Duplicates ---------------------------------------------------------------------


def test_a_later_row_with_the_same_staff_number_is_rejected_naming_the_earlier_one(dsit):
    result = plan(
        line("0001", email="a@example.gov.uk"),
        line("0002"),
        line("0001", email="b@example.gov.uk"),
        line("0001", email="c@example.gov.uk", grade="XX"),
    )
    assert [(row.staff_number, row.email) for row in result.created] == [
        ("0001", "a@example.gov.uk"),
        ("0002", "p0002@example.gov.uk"),
    ]
    assert reasons(result) == [
        (
            4,
            "staff_number",
            "0001 is already in row 2: only the first row with this staff number counts, so this one is not imported",
        ),
        (
            5,
            "staff_number",
            "0001 is already in row 2: only the first row with this staff number counts, so this one is not imported",
        ),
        (5, "grade", "“XX” is not a grade (known: AA, AO, EO, HEO, SEO, G7, G6, SCS1, SCS2, SCS3, PS)"),
    ]


@pytest.mark.parametrize("where", ["start", "end"])
def test_a_duplicated_line_costs_only_itself(dsit, where):
    """A line repeated at the start or the end of the file: the first copy stands, the second is rejected."""
    people = [line(f"{n:04d}", manager="" if n == 0 else "0000") for n in range(12)]
    lines = [people[0], *people] if where == "start" else [*people, people[0]]
    result = plan(*lines)
    assert sorted(row.staff_number for row in result.created) == [f"{n:04d}" for n in range(12)]
    assert all(row.line_manager == "0000" for row in result.created if row.staff_number != "0000")
    repeated = 3 if where == "start" else 14
    assert reasons(result) == [
        (
            repeated,
            "staff_number",
            "0000 is already in row 2: only the first row with this staff number counts, so this one is not imported",
        )
    ]  # named once, by its staff number, though its email is repeated too
    assert result.row_warnings == []


def test_a_later_row_with_the_same_email_whatever_its_capitals_is_rejected(dsit):
    result = plan(line("0001", email="Ada@Example.gov.uk"), line("0002", email="ada@example.GOV.uk"))
    assert [row.staff_number for row in result.created] == ["0001"]
    assert reasons(result) == [
        (
            3,
            "email",
            "ada@example.gov.uk is already in row 2: only the first row with this email address counts, so this one "
            "is not imported",
        ),
    ]


def test_the_earlier_row_stands_even_when_it_is_rejected_itself(dsit):
    """HR is told to correct the first record: a later one never takes its place unannounced."""
    result = plan(line("0001", grade="XX"), line("0001"))
    assert result.created == []
    assert [(r, c) for r, c, _ in reasons(result)] == [(2, "grade"), (3, "staff_number")]


def test_a_staff_number_used_by_many_rows_rejects_all_but_the_first(dsit):
    result = plan(*(line("0001", email=f"p{n}@example.gov.uk") for n in range(40)))
    assert [row.number for row in result.created] == [2]
    assert result.rejected_rows == list(range(3, 42))
    assert {reason for _, _, reason in reasons(result)} == {
        "0001 is already in row 2: only the first row with this staff number counts, so this one is not imported"
    }


# Dates that the file does not carry ----------------------------------------------


@pytest.mark.parametrize(
    ("recorded", "column", "text", "expected"),
    [
        (
            {"start_date": date(2022, 9, 5)},
            "end_date",
            "2020-01-01",
            "2020-01-01 is before the start date on record (2022-09-05); add a start_date column to change that too",
        ),
        (
            {"start_date": date(2020, 1, 1), "end_date": date(2025, 6, 30)},
            "start_date",
            "01/01/2026",
            "2026-01-01 is after the end date on record (2025-06-30); add an end_date column (blank to clear it) to "
            "change that too",
        ),
    ],
    ids=["end-before-recorded-start", "start-after-recorded-end"],
)
def test_a_date_is_checked_against_the_other_one_on_record(dsit, grades, recorded, column, text, expected):
    """The file has one of start_date and end_date: the other stays as recorded, and they must still agree."""
    EmployeeFactory(staff_number="0001", email="p0001@example.gov.uk", department=dsit, grade=grades["EO"], **recorded)
    header = f"staff_number,email,given_name,family_name,grade,department,{column}"
    result = plan(f"0001,p0001@example.gov.uk,Ada,Lovelace,EO,DSIT,{text}", header=header)
    assert reasons(result) == [(2, column, expected)]


def test_a_date_that_agrees_with_the_one_on_record_is_accepted(dsit, grades):
    EmployeeFactory(
        staff_number="0001",
        email="p0001@example.gov.uk",
        department=dsit,
        grade=grades["EO"],
        start_date=date(2022, 9, 5),
    )
    header = "staff_number,email,given_name,family_name,grade,department,end_date"
    result = plan("0001,p0001@example.gov.uk,Ada,Lovelace,EO,DSIT,2026-01-31", header=header)
    assert result.rejections == []
    assert result.leaving == ["0001"]


# Full sync: who may become a leaver ------------------------------------------------


def test_full_sync_never_makes_someone_whose_row_was_rejected_a_leaver(dsit, grades):
    for staff_number in ("0001", "0002", "AB12", "0003", "0004", "0005", "0006", "0007", "0008"):
        EmployeeFactory(staff_number=staff_number, department=dsit, grade=grades["EO"])
    gone = EmployeeFactory(staff_number="0009", department=dsit, grade=grades["EO"])
    result = plan(
        line("0001"),
        line("0002", grade="XX"),  # a bad value
        line("ab 12"),  # not a valid staff number, but plainly AB12
        "0004,p0004@example.gov.uk,Ada",  # cut short
        line("0005", given="Ada\x00"),  # a control character
        line("00\x0003", email="x@example.gov.uk"),  # … even in the staff number
        line("0006", email="twice@example.gov.uk"),
        line("0007", email="twice@example.gov.uk"),  # a duplicated email: the later row is rejected
        line("0008"),
        line("0008", email="other@example.gov.uk"),  # a duplicated staff number
        full_sync=True,
    )
    assert result.absent_ids == [gone.pk]
    assert result.summary()["leavers"] == 1


@pytest.mark.parametrize(
    ("lines", "what"),
    [([line("0001", grade="XX"), line("0002", email="bad")], "none of its 2 rows are accepted"), ([], "no data rows")],
    ids=["all-rejected", "header-only"],
)
def test_a_full_sync_without_an_accepted_row_is_refused(dsit, grades, lines, what):
    EmployeeFactory(staff_number="0009", department=dsit, grade=grades["EO"])
    result = plan(*lines, full_sync=True)
    assert what in result.refusal
    assert "so all it would do is make 1 of the 1 active people leavers" in result.refusal
    assert not plan(*lines).refusal  # not a full sync: it changes nothing, so nothing to refuse


@pytest.mark.parametrize(
    ("active", "in_file", "to_confirm"),
    [
        (30, 1, 29),  # 29 leavers: more than 20, and more than 10%
        (21, 1, 0),  # 20 leavers: not more than 20, so small files are not held up
        (300, 270, 0),  # 30 leavers of 300: exactly 10%
        (300, 269, 31),  # 31 of 300: more than 10%
    ],
)
def test_a_full_sync_making_many_leavers_must_be_confirmed(dsit, grades, active, in_file, to_confirm):
    for n in range(active):
        EmployeeFactory(staff_number=f"{n:04d}", email=f"p{n:04d}@example.gov.uk", department=dsit, grade=grades["EO"])
    result = plan(*(line(f"{n:04d}") for n in range(in_file)), full_sync=True)
    assert result.leavers_to_confirm == to_confirm
    assert result.active_on_record == active
    if to_confirm:
        assert result.many_leavers_warning().startswith(
            f"This full sync would make {to_confirm} of the {active} active people leavers ("
        )
    assert plan(*(line(f"{n:04d}") for n in range(in_file))).leavers_to_confirm == 0  # only a full sync


# Management chains, long ones ------------------------------------------------------


def test_a_long_chain_under_a_missing_manager_loses_only_its_top(dsit):
    size = 3000
    lines = [line(f"C{n:05d}", manager=f"C{n + 1:05d}" if n < size - 1 else "NOSUCH") for n in range(size)]
    result = plan(*lines, line("OK001"))
    assert reasons(result) == [
        (size + 1, "line_manager", "no one with staff number NOSUCH is in this file or on record")
    ]
    assert len(result.created) == size
    assert [(w.row, w.reason) for w in result.row_warnings] == [
        (
            size,
            f"C{size - 2:05d} is imported without a line manager: "
            f"the row for C{size - 1:05d} (row {size + 1}) is rejected",
        )
    ]


def test_a_long_management_cycle_is_named_briefly_from_each_member(dsit):
    size = 50
    lines = [line(f"C{n:03d}", manager=f"C{(n + 1) % size:03d}") for n in range(size)]
    result = plan(*lines)
    assert result.summary()["rejected"] == size
    by_row = {row: reason for row, _, reason in reasons(result)}
    assert by_row[2] == "management cycle of 50 people: C000 → C001 → C002 → … (46 more) → C049 → C000"
    assert by_row[12] == "management cycle of 50 people: C010 → C011 → C012 → … (46 more) → C009 → C010"


def test_the_rows_under_a_rejected_cycle_are_applied_without_it(dsit):
    result = plan(line("0001", manager="0002"), line("0002", manager="0001"), line("0003", manager="0002"))
    assert reasons(result) == [
        (2, "line_manager", "management cycle: 0001 → 0002 → 0001"),
        (3, "line_manager", "management cycle: 0001 → 0002 → 0001"),
    ]
    assert [(row.staff_number, row.line_manager) for row in result.created] == [("0003", None)]
    assert [(w.row, w.reason) for w in result.row_warnings] == [
        (4, "0003 is imported without a line manager: the row for 0002 (row 3) is rejected")
    ]


def test_keeping_the_recorded_manager_may_close_a_cycle_which_is_then_rejected(dsit, grades):
    """0001 is on record under 0002; the file puts 0001 under a rejected new row, so 0001 keeps its recorded
    manager 0002, whom the file puts under 0001: a cycle."""
    top = EmployeeFactory(staff_number="0002", email="p0002@example.gov.uk", department=dsit)
    EmployeeFactory(staff_number="0001", email="p0001@example.gov.uk", department=dsit, line_manager=top)
    result = plan(line("0009", grade="X"), line("0001", manager="0009"), line("0002", manager="0001"))
    assert [(r, c) for r, c, _ in reasons(result)] == [(2, "grade"), (3, "line_manager"), (4, "line_manager")]
    assert reasons(result)[1][2] == "management cycle: 0001 → 0002 → 0001"


@pytest.mark.parametrize("spellings", [("t0001", "T0001"), ("T0001", "t0001"), ("t0001", "t0001", "T0001")])
def test_a_staff_number_written_in_other_capitals_is_the_same_person(dsit, spellings):
    lines = [line(staff, email=f"p{n}@example.gov.uk") for n, staff in enumerate(spellings)]
    result = plan(*lines)
    assert [row.staff_number for row in result.created] == [spellings[0]]
    rows = range(3, 2 + len(spellings))
    assert [(row, column) for row, column, _ in reasons(result)] == [(row, "staff_number") for row in rows]
    assert reasons(result)[0][2].startswith(f"{spellings[1]} is already in row 2: ")


def test_a_full_sync_with_rows_of_every_kind(dsit, grades):
    """Rejections, a kept manager, a new department and absent people, together."""
    boss = EmployeeFactory(staff_number="0900", email="p0900@example.gov.uk", department=dsit, grade=grades["G6"])
    EmployeeFactory(staff_number="0001", email="p0001@example.gov.uk", department=dsit, line_manager=boss)
    EmployeeFactory(staff_number="0002", email="taken@example.gov.uk", department=dsit)
    EmployeeFactory(staff_number="0003", department=dsit)  # absent from the file
    lines = (
        line("0001", manager="0004", end="2026-01-31"),
        line("0004", grade="X"),
        line("0005", email="taken@example.gov.uk"),
        line("0006", manager="0900", department="New Unit"),
        line("0006"),
    )

    def planned():
        result = plan(*lines, full_sync=True)
        changes = [(u.row.staff_number, u.changes) for u in result.updated]
        warnings = [(w.row, w.reason) for w in result.row_warnings]
        created = [(row.staff_number, row.line_manager) for row in result.created]
        absent = sorted(result.absent)
        return result.summary(), reasons(result), changes, warnings, created, absent, result.active_on_record

    summary, rejected, _changes, warnings, created, absent, active = planned()
    assert summary["leavers"] == 4  # 0001 by end date; 0002, 0003 and 0900 absent from the file
    assert absent == ["0002", "0003", "0900"]
    assert [(row, column) for row, column, _ in rejected] == [(3, "grade"), (4, "email"), (6, "staff_number")]
    assert warnings == [(2, "0001 keeps line manager 0900, as on record: the row for 0004 (row 3) is rejected")]
    assert created == [("0006", "0900")]
    assert active == 4


# Staff numbers whatever their capitals ----------------------------------------------------------


def test_a_staff_number_in_other_capitals_updates_the_record(dsit, grades):
    EmployeeFactory(staff_number="AB123", email="pab123@example.gov.uk", department=dsit, grade=grades["EO"])
    result = plan(line("ab123", email="pab123@example.gov.uk", grade="HEO"))
    assert result.created == []
    [update] = result.updated
    assert update.row.staff_number == "AB123"  # as on record
    assert [(c.field, c.old, c.new) for c in update.changes if c.field == "grade"] == [("grade", "EO", "HEO")]


def test_a_line_manager_in_other_capitals_is_the_person_on_record_or_in_the_file(dsit, grades):
    EmployeeFactory(staff_number="MGR01", email="pmgr01@example.gov.uk", department=dsit, grade=grades["G7"])
    result = plan(line("0001", manager="mgr01"), line("0002", manager="n0003"), line("N0003"))
    assert result.rejections == []
    assert {row.staff_number: row.line_manager for row in result.created} == {
        "0001": "MGR01",
        "0002": "N0003",
        "N0003": None,
    }


def test_a_full_sync_in_other_capitals_makes_no_leaver(dsit, grades):
    EmployeeFactory(staff_number="AB123", email="pab123@example.gov.uk", department=dsit)
    result = plan(line("ab123", email="pab123@example.gov.uk"), full_sync=True)
    assert result.absent == []
    assert len(result.updated) + result.unchanged == 1


def test_the_database_refuses_two_staff_numbers_differing_only_in_capitals(dsit, grades):
    from django.db import IntegrityError, transaction

    EmployeeFactory(staff_number="AB123", department=dsit)
    with pytest.raises(IntegrityError), transaction.atomic():
        EmployeeFactory(staff_number="ab123", department=dsit)


# The rows' table ----------------------------------------------------------------------------------


def test_a_cycle_already_on_record_rejects_no_row_that_keeps_it(dsit, grades):
    """The import never records a cycle; one put in the database by other means is not this file's doing."""
    first = EmployeeFactory(staff_number="0001", email="p0001@example.gov.uk", department=dsit, grade=grades["EO"])
    second = EmployeeFactory(
        staff_number="0002", email="p0002@example.gov.uk", department=dsit, grade=grades["EO"], line_manager=first
    )
    Employee.objects.filter(pk=first.pk).update(line_manager=second)
    result = plan(line("0001", manager="0002"), line("0002", manager="0001", grade="HEO"))
    assert result.rejections == []
    changes = {update.row.staff_number: {c.field for c in update.changes} for update in result.updated}
    assert "grade" in changes["0002"]
    assert all("line_manager" not in fields for fields in changes.values())


def test_a_failed_planning_leaves_no_table_behind(dsit, monkeypatch):
    def broken(planning):
        raise RuntimeError("stop")

    monkeypatch.setattr("people.hr_import.planning._classify", broken)
    with pytest.raises(RuntimeError, match="stop"):
        plan(line("0001"))
    assert "hr_import_rows" not in connection.introspection.table_names()
    monkeypatch.undo()
    assert [row.staff_number for row in plan(line("0001")).created] == ["0001"]  # and the next one works


def test_many_rows_plan_in_batches_as_few_do(dsit, grades, monkeypatch):
    """Rows go into the table a batch at a time; a small batch size exercises the joins between batches."""
    monkeypatch.setattr("people.hr_import.planning.BATCH_SIZE", 3)
    EmployeeFactory(staff_number="M001", email="pm001@example.gov.uk", department=dsit, grade=grades["G7"])
    lines = [line(f"{n:04d}", manager="M001" if n % 2 else f"{n - 1:04d}") for n in range(1, 12)]
    lines.append(line("0003", email="other@example.gov.uk"))  # a duplicate in a later batch
    result = plan(*lines)
    assert [(r, c) for r, c, _ in reasons(result)] == [(13, "staff_number")]
    assert len(result.created) == 11
    assert {row.line_manager for row in result.created} == {"M001", *(f"{n:04d}" for n in range(1, 11, 2))}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps the grades the migrations made
def test_the_progress_of_a_planning_is_written_outside_any_transaction(grades, department, monkeypatch):
    """So that the import's page, in another process, sees the rows counted while the check runs."""
    monkeypatch.setattr("people.hr_import.planning.BATCH_SIZE", 2)
    seen = []

    def progress(rows):
        seen.append((rows, connection.in_atomic_block))

    lines = [line(f"{n:04d}", department=department.code) for n in range(1, 6)]
    result = plan_file(as_file(*lines), today=TODAY, progress=progress)
    assert len(result.created) == 5
    assert seen == [(2, False), (4, False)]
    assert "hr_import_rows" not in connection.introspection.table_names()
