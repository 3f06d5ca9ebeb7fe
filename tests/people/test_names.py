"""Names that display falsely or run in a spreadsheet: one rule (people.names), refused by the HR import and by
both admin forms that edit people."""

from __future__ import annotations

import io
from datetime import date

import pytest

from people.hr_import import plan_file
from people.models import Employee
from people.names import name_problem

pytestmark = pytest.mark.django_db

# (name, what the reason says, why it is refused)
REFUSED = [
    ("Ada\u202eecalevol", "a right-to-left override (U+202E)", "shows as 'Adalovelace' reversed in part"),
    ("\u202dAda", "a left-to-right override (U+202D)", "override at the start"),
    ("Ada\u202a", "a left-to-right embedding (U+202A)", "embedding"),
    ("Ada\u202c", "a pop directional formatting character (U+202C)", "pop"),
    ("Ada\u2066x\u2069", "a left-to-right isolate (U+2066)", "isolate"),
    ("\u2067Ada", "a right-to-left isolate (U+2067)", "isolate"),
    ("Ada\u2068", "a first strong isolate (U+2068)", "isolate"),
    ("Ada\u200f", "a right-to-left mark (U+200F)", "mark"),
    ("Ada\u200e", "a left-to-right mark (U+200E)", "mark"),
    ("Ada\u061c", "an Arabic letter mark (U+061C)", "mark"),
    ("A\u200bda", "a zero-width space (U+200B)", "two names that look alike"),
    ("A\u200cda", "a zero-width non-joiner (U+200C)", "zero-width"),
    ("A\u200dda", "a zero-width joiner (U+200D)", "zero-width"),
    ("A\u2060da", "a word joiner (U+2060)", "zero-width"),
    ("A\ufeffda", "a zero-width no-break space (byte order mark) (U+FEFF)", "zero-width"),
    ("Love\u00adlace", "a soft hyphen (U+00AD)", "invisible unless the line breaks there"),
    ("\u3164", "a Hangul filler (U+3164)", "a name that shows as nothing"),
    ("Ada\u2028Lovelace", "a line separator (U+2028)", "a line break by another name"),
    ("Ada\u2063", "an invisible formatting character (U+2063)", "any other format character"),
    ("Ada\ue000", "a character that cannot be shown (U+E000)", "private use"),
    ("Ada\x07", "a control character (U+0007)", "control"),
]
FORMULAS = ['=HYPERLINK("http://x")', "+SUM(1)", "-A1-B2", "@me"]
ALLOWED = ["Ada", "Zoë", "O'Brien", "Jean-Luc", "Nguyễn", "محمد", "李 小龙", "Ada\u00a0Lovelace", "Ṭ̣ālib"]


@pytest.mark.parametrize(("name", "what", "why"), REFUSED, ids=[why for _, _, why in REFUSED])
def test_the_rule_names_the_character(name, what, why):
    assert name_problem(name) == f"contains {what}, which is not allowed in a name"


@pytest.mark.parametrize("name", FORMULAS)
def test_the_rule_refuses_formulas(name):
    assert name_problem(name) == f"“{name}” starts with {name[0]}, which a spreadsheet would run as a formula"


@pytest.mark.parametrize("name", ALLOWED)
def test_names_of_every_script_are_allowed(name):
    assert name_problem(name) == ""


# The HR import ---------------------------------------------------------------------

HEADER = "staff_number,email,given_name,family_name,grade,department"


def imported(given: str, family: str = "Lovelace", department: str = "DSIT"):
    text = f"{HEADER}\n0001,ada@example.gov.uk,{given},{family},EO,{department}\n0002,bo@example.gov.uk,Bo,Li,EO,DSIT\n"
    return plan_file(io.BytesIO(text.encode()), today=date(2026, 3, 1))


# A department's spaces are made single before it is checked, so a line separator in one is read as a space.
IMPORT_CASES = [
    (column, argument, name)
    for column, argument in (("given_name", "given"), ("family_name", "family"), ("department", "department"))
    for name in [name for name, _, _ in REFUSED if name != "Ada\x07"] + FORMULAS
    if column != "department" or " ".join(name.split()) == name
]


@pytest.mark.parametrize(("column", "argument", "name"), IMPORT_CASES)
def test_the_import_rejects_the_row(department, grades, column, argument, name):
    """A department the import would create is named by the same rule."""
    quoted = '"' + name.replace('"', '""') + '"'
    result = imported(**{"given": "Ada", argument: quoted})
    assert [(r.row, r.column, r.reason) for r in result.rejections] == [(2, column, name_problem(name))]
    assert [row.staff_number for row in result.created] == ["0002"]
    assert result.new_departments == []


def test_the_import_rejects_a_control_character_as_it_does_in_every_field(department, grades):
    result = imported("Ada\x07")
    assert [(r.column, r.reason) for r in result.rejections] == [
        ("given_name", "contains a control character (U+0007), which is not allowed")
    ]


@pytest.mark.parametrize("name", ALLOWED)
def test_the_import_accepts_names_of_every_script(department, grades, name):
    result = imported(name, family=name, department=name)
    assert result.rejections == []


# The admin forms -------------------------------------------------------------------


def wagtail_form(employee: Employee, **changes) -> dict:
    return {
        "staff_number": employee.staff_number,
        "given_name": employee.given_name,
        "family_name": employee.family_name,
        "email": employee.email,
        "grade": employee.grade_id,
        "department": employee.department_id,
        "is_active": "on",
        **changes,
    }


BAD = [name for name, _, _ in REFUSED] + FORMULAS


@pytest.mark.parametrize("name", BAD)
@pytest.mark.parametrize("field", ["given_name", "family_name"])
def test_the_wagtail_employee_form_refuses_the_name(client, admin_user, learner, field, name):
    client.force_login(admin_user)
    response = client.post(f"/admin/people/employees/edit/{learner.pk}/", wagtail_form(learner, **{field: name}))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [f"This name {name_problem(name)}."]
    learner.refresh_from_db()
    assert (learner.given_name, learner.family_name) == ("Chloe", "Adebayo")


def test_the_wagtail_employee_form_accepts_a_good_name(client, admin_user, learner):
    client.force_login(admin_user)
    response = client.post(f"/admin/people/employees/edit/{learner.pk}/", wagtail_form(learner, given_name="Zoë"))
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.given_name == "Zoë"


@pytest.mark.parametrize("name", BAD)
def test_the_django_admin_employee_form_refuses_the_name(client, admin_user, learner, name):
    client.force_login(admin_user)
    data = {**wagtail_form(learner, family_name=name), "line_manager": "", "user": learner.user_id}
    response = client.post(f"/django-admin/people/employee/{learner.pk}/change/", data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["family_name"] == [f"This name {name_problem(name)}."]
    learner.refresh_from_db()
    assert learner.family_name == "Adebayo"


def test_the_django_admin_employee_form_accepts_a_good_name(client, admin_user, learner):
    client.force_login(admin_user)
    data = {**wagtail_form(learner, family_name="Nguyễn"), "line_manager": "", "user": learner.user_id}
    response = client.post(f"/django-admin/people/employee/{learner.pk}/change/", data)
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.family_name == "Nguyễn"
