"""HR officers' scopes: the rule (people.scopes), the administrators' screens, and every HR address.

`RULES` lists every address of HR's screens (every admin URL that is not Wagtail's own, and any other
view built on HRScreenMixin) with the rule it follows for an HR officer whose scope is one department.
`test_every_hr_address_has_a_scope_rule` fails when an address is added without one, and
`test_each_hr_address_keeps_its_rule` checks each rule against an officer for the whole civil service
(who must get the same address served, so a 404 is the scope's doing, not a missing record).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from openpyxl import load_workbook

from certificates.actions import revoke
from certificates.issuing import issue_certificate
from compliance.snapshot import refresh
from enrolment.models import Exemption
from people.hr_screens import HRScreenMixin
from people.models import Department, Employee, EmployeeImport, HRScope, HRScopeChange
from people.roles import HR_OFFICERS
from people.scopes import EVERYONE, NOBODY, Scope, hr_scope, scope_of, set_scope
from tests.factories import (
    EmployeeFactory,
    EnrolmentFactory,
    ExemptionFactory,
    RequirementFactory,
    UserFactory,
    WorkplaceAdjustmentFactory,
)
from tests.pdf_rendering import needs_pdf_rendering

pytestmark = pytest.mark.django_db

INSIDER, OUTSIDER = "Insidewell", "Outsideford"


# The rule -----------------------------------------------------------------------------------


@pytest.fixture
def tree(db):
    """A department with a body under it, and another department."""
    top = Department.objects.create(code="TOP", name="Top department")
    body = Department.objects.create(code="BODY", name="Body under top", parent=top)
    other = Department.objects.create(code="ELSE", name="Another department")
    return top, body, other


def test_a_departmental_scope_reaches_its_bodies_and_nobody_else(tree):
    top, body, other = tree
    in_top, in_body, elsewhere = (EmployeeFactory(department=d) for d in (top, body, other))
    scope = Scope(department_ids=frozenset({top.pk}))
    assert set(scope.employees()) == {in_top, in_body}
    assert scope.includes(in_body)
    assert not scope.includes(elsewhere)
    assert set(scope.departments()) == {top, body}
    assert scope.describe() == "Top department"


def test_the_whole_service_reaches_everyone_and_no_scope_nobody(tree):
    people = [EmployeeFactory(department=d) for d in tree]
    assert set(EVERYONE.employees()) == set(people)
    assert not NOBODY.employees().exists()
    assert not NOBODY.includes(people[0])


def test_an_hr_officer_without_a_scope_reaches_nobody_and_an_administrator_everyone(tree):
    officer = UserFactory()
    officer.groups.add(Group.objects.get(name=HR_OFFICERS))
    assert hr_scope(officer) == NOBODY
    assert hr_scope(UserFactory(is_superuser=True)) == EVERYONE
    assert hr_scope(UserFactory()) == NOBODY  # not HR at all


def test_setting_a_scope_records_who_when_and_what_changed(tree, admin_user):
    top, _body, other = tree
    officer = UserFactory()
    change = set_scope(officer, whole_service=False, departments=[top, other], changed_by=admin_user)
    assert (change.before, change.after, change.changed_by) == (
        "Nobody (no scope set)",
        "Another department, Top department",
        admin_user,
    )
    assert set_scope(officer, whole_service=False, departments=[other, top], changed_by=admin_user) is None
    change = set_scope(officer, whole_service=True, departments=[top], changed_by=admin_user)
    assert change.after == "The whole civil service"
    assert scope_of(officer) == EVERYONE
    assert HRScopeChange.objects.filter(user=officer).count() == 2


# The administrators' screens ----------------------------------------------------------------


def test_administrators_set_a_scope_and_see_its_history(client, admin_user, departmental_hr_user, department):
    client.force_login(admin_user)
    index = client.get(reverse("people_scopes:index")).content.decode()
    assert "Other department" in index
    url = reverse("people_scopes:edit", args=[departmental_hr_user.pk])
    response = client.post(url, {"departments": [department.pk]})
    assert response.status_code == 302
    assert scope_of(departmental_hr_user).department_ids == {department.pk}
    page = client.get(url).content.decode()
    assert "Department for Science, Innovation and Technology" in page
    assert str(admin_user) in page  # who changed it


def test_a_scope_is_the_whole_service_or_departments_not_both(client, admin_user, departmental_hr_user, department):
    client.force_login(admin_user)
    url = reverse("people_scopes:edit", args=[departmental_hr_user.pk])
    response = client.post(url, {"whole_service": "on", "departments": [department.pk]})
    assert response.status_code == 200
    assert "not both" in response.content.decode()
    assert not scope_of(departmental_hr_user).whole_service


# Every HR address ---------------------------------------------------------------------------


@dataclass
class World:
    insider: object
    outsider: object
    requirement: object
    enrolment: dict
    exemption: dict
    certificate: dict
    employee_import: object


@pytest.fixture
def world(departmental_hr_user, hr_user, department, grades) -> World:
    """One person in the departmental officer's scope (in a body under their department) and one outside it."""
    own = Department.objects.get(code="OTHER")
    body = Department.objects.create(code="OTHER-BODY", name="Body of the other department", parent=own)
    insider = EmployeeFactory(given_name="Samename", family_name=INSIDER, department=body, grade=grades["EO"])
    outsider = EmployeeFactory(given_name="Samename", family_name=OUTSIDER, department=department, grade=grades["EO"])
    requirement = RequirementFactory(name="Everyone's training")
    enrolment, exemption, certificate = {}, {}, {}
    other_requirement = RequirementFactory(name="Another training")
    for person in (insider, outsider):
        enrolment[person.family_name] = EnrolmentFactory(employee=person, requirement=requirement)
        exemption[person.family_name] = ExemptionFactory(employee=person, requirement=other_requirement)
        WorkplaceAdjustmentFactory(employee=person)
        completion = EnrolmentFactory(employee=person, requirement=None, completed_on=date(2026, 3, 2))
        certificate[person.family_name] = issue_certificate(completion.pk)
    employee_import = EmployeeImport.objects.create(file_name="hr.csv", status=EmployeeImport.Status.CHECKED)
    refresh()  # the compliance figures and lists
    return World(insider, outsider, requirement, enrolment, exemption, certificate, employee_import)


def shows(response, name: str) -> bool:
    if not hasattr(response, "_read_once"):  # a streamed body can be read only once
        response._read_once = response.getvalue() if response.streaming else response.content
    content = response._read_once
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        workbook = load_workbook(io.BytesIO(content), read_only=True)
        return any(name in str(cell) for row in workbook.active.iter_rows(values_only=True) for cell in row)
    return name.encode() in content


@dataclass(frozen=True)
class Rule:
    """How an address answers an HR officer whose scope is one department, given the World."""

    kind: str  # lists | hidden | whole_service | refused | same | administrators | not_served
    url: object = None  # World -> address
    method: str = "get"

    def check(self, client, world, departmental, whole):
        url = self.url(world)
        ask = getattr(client, self.method)
        client.force_login(whole)
        for_whole = ask(url)
        client.force_login(departmental)
        for_departmental = ask(url)
        if self.kind == "lists":
            assert for_whole.status_code == for_departmental.status_code == 200, url
            assert shows(for_departmental, INSIDER), url
            assert not shows(for_departmental, OUTSIDER), url
            assert shows(for_whole, OUTSIDER), url
        elif self.kind == "hidden":
            assert for_departmental.status_code == 404, url
            assert for_whole.status_code != 404, url
            assert not shows(for_departmental, OUTSIDER), url
        elif self.kind == "whole_service":
            assert for_departmental.status_code == 404, url
            assert for_whole.status_code != 404, url
        elif self.kind == "refused":
            assert for_departmental.status_code in (302, 403), url
            assert not shows(for_departmental, OUTSIDER), url
        elif self.kind == "same":
            assert for_departmental.status_code == for_whole.status_code, url
            assert not shows(for_departmental, OUTSIDER), url
        elif self.kind == "administrators":
            assert for_departmental.status_code in (302, 403), url
            assert for_whole.status_code in (302, 403), url
        elif self.kind == "not_served":
            assert for_departmental.status_code == for_whole.status_code == 404, url
        else:  # pragma: no cover - a typo in RULES
            raise AssertionError(self.kind)


def admin(name, *args):
    return lambda world: reverse(name, args=[arg(world) if callable(arg) else arg for arg in args])


OUT = lambda world: world.outsider.pk  # noqa: E731
IN_DEPARTMENT = lambda world: world.insider.department_id  # noqa: E731
OUT_ENROLMENT = lambda world: world.enrolment[OUTSIDER].pk  # noqa: E731
OUT_EXEMPTION = lambda world: world.exemption[OUTSIDER].pk  # noqa: E731
OUT_CERTIFICATE = lambda world: world.certificate[OUTSIDER].pk  # noqa: E731
REQUIREMENT = lambda world: world.requirement.pk  # noqa: E731
IMPORT = lambda world: world.employee_import.pk  # noqa: E731
GRADE = lambda world: world.insider.grade_id  # noqa: E731
PROFESSION = lambda world: world.insider.profession_id  # noqa: E731
OFFICER = lambda world: HRScope.objects.first().user_id  # noqa: E731


def with_query(name, query):
    return lambda world: reverse(name) + query


RULES: dict[str, Rule] = {
    # People: the records themselves.
    "people_employees:index": Rule("lists", admin("people_employees:index")),
    "people_employees:index_results": Rule("lists", admin("people_employees:index_results")),
    "people_employees:add": Rule("same", admin("people_employees:add")),  # its department choices: a test below
    "people_employees:edit": Rule("hidden", admin("people_employees:edit", OUT)),
    "people_employees:delete": Rule("refused", admin("people_employees:delete", OUT)),  # nobody in HR deletes people
    "people_employees:history": Rule("hidden", admin("people_employees:history", OUT)),
    "people_employees:history_results": Rule("hidden", admin("people_employees:history_results", OUT)),
    "people_employees:usage": Rule("hidden", admin("people_employees:usage", OUT)),
    "people_employees:inspect": Rule("hidden", admin("people_employees:inspect", OUT)),
    "people_employee_chooser:choose": Rule("lists", with_query("people_employee_chooser:choose", "?q=Samename")),
    "people_employee_chooser:choose_results": Rule(
        "lists", with_query("people_employee_chooser:choose_results", "?q=Samename")
    ),
    "people_employee_chooser:chosen": Rule("hidden", admin("people_employee_chooser:chosen", OUT)),
    "people_employee_chooser:chosen_multiple": Rule(
        "lists",
        lambda world: (
            reverse("people_employee_chooser:chosen_multiple") + f"?id={world.insider.pk}&id={world.outsider.pk}"
        ),
    ),
    "people_employee_chooser:create": Rule("not_served", admin("people_employee_chooser:create")),
    # The structure is the whole civil service's: everyone in HR may look, only the whole service changes it.
    "people_departments:index": Rule("same", admin("people_departments:index")),
    "people_departments:index_results": Rule("same", admin("people_departments:index_results")),
    "people_departments:inspect": Rule("same", admin("people_departments:inspect", IN_DEPARTMENT)),
    "people_departments:history": Rule("refused", admin("people_departments:history", IN_DEPARTMENT)),
    "people_departments:history_results": Rule("refused", admin("people_departments:history_results", IN_DEPARTMENT)),
    "people_departments:usage": Rule("refused", admin("people_departments:usage", IN_DEPARTMENT)),
    "people_departments:add": Rule("refused", admin("people_departments:add")),
    "people_departments:edit": Rule("refused", admin("people_departments:edit", IN_DEPARTMENT)),
    "people_departments:delete": Rule("refused", admin("people_departments:delete", IN_DEPARTMENT)),
    # Grades and professions: reference data, the same for every HR officer.
    **{
        f"people_{kind}:{view}": Rule("same", admin(f"people_{kind}:{view}", *([key] if key else [])))
        for kind, key in (("grades", GRADE), ("professions", PROFESSION))
        for view, key in (
            ("index", None),
            ("index_results", None),
            ("add", None),
            ("edit", key),
            ("delete", key),
            ("history", key),
            ("history_results", key),
            ("usage", key),
            ("inspect", key),
        )
    },
    # HR imports change anyone: the whole service only.
    **{
        f"people_imports:{view}": Rule("whole_service", admin(f"people_imports:{view}", *([IMPORT] if on else [])))
        for view, on in (
            ("index", False),
            ("upload", False),
            ("detail", True),
            ("status", True),
            ("rejected_rows", True),
            ("changes", True),
        )
    },
    **{
        f"people_imports:{view}": Rule("whole_service", admin(f"people_imports:{view}", IMPORT), method="post")
        for view in ("apply", "discard", "reassign")
    },
    # Scopes are set by administrators.
    "people_scopes:index": Rule("administrators", admin("people_scopes:index")),
    "people_scopes:edit": Rule("administrators", admin("people_scopes:edit", OFFICER)),
    # Compulsory training: requirements apply across departments; their people are scoped.
    "enrolment_requirements:index": Rule("same", admin("enrolment_requirements:index")),  # counts: a test below
    "enrolment_requirements:index_results": Rule("same", admin("enrolment_requirements:index_results")),
    "enrolment_requirements:add": Rule("refused", admin("enrolment_requirements:add")),
    "enrolment_requirements:edit": Rule("refused", admin("enrolment_requirements:edit", REQUIREMENT)),
    "enrolment_requirements:delete": Rule("refused", admin("enrolment_requirements:delete", REQUIREMENT)),
    "enrolment_requirements:history": Rule("refused", admin("enrolment_requirements:history", REQUIREMENT)),
    "enrolment_requirements:history_results": Rule(
        "refused", admin("enrolment_requirements:history_results", REQUIREMENT)
    ),
    "enrolment_requirements:usage": Rule("refused", admin("enrolment_requirements:usage", REQUIREMENT)),
    "enrolment_requirements:people": Rule("lists", admin("enrolment_requirements:people", REQUIREMENT)),
    "enrolment_requirements:extend": Rule("hidden", admin("enrolment_requirements:extend", REQUIREMENT, OUT_ENROLMENT)),
    "enrolment_requirements:exempt": Rule("hidden", admin("enrolment_requirements:exempt", REQUIREMENT, OUT)),
    "enrolment_requirements:revoke": Rule(
        "hidden",
        lambda world: reverse(
            "enrolment_requirements:revoke", args=[world.exemption[OUTSIDER].requirement_id, OUT_EXEMPTION(world)]
        ),
    ),
    # Workplace adjustments.
    "assessments_adjustments:index": Rule("lists", admin("assessments_adjustments:index")),
    "assessments_adjustments:find": Rule("lists", with_query("assessments_adjustments:find", "?q=Samename")),
    "assessments_adjustments:person": Rule("hidden", admin("assessments_adjustments:person", OUT)),
    # Certificates.
    "certificates_admin:index": Rule("lists", admin("certificates_admin:index")),
    "certificates_admin:certificate": Rule("hidden", admin("certificates_admin:certificate", OUT_CERTIFICATE)),
    "certificates_admin:bulk": Rule("whole_service", admin("certificates_admin:bulk")),
    # Quiz reports are about questions: anonymous figures, no person in them (tests/assessments/test_report.py).
    "quiz_reports:index": Rule("same", admin("quiz_reports:index")),
    "quiz_reports:report": Rule("same", admin("quiz_reports:report", 999999)),
    "quiz_reports:csv": Rule("same", admin("quiz_reports:csv", 999999)),
}
RULES.update(
    {
        # Compliance: figures (counts within the scope: tests/compliance/test_dashboard.py), people, exports.
        "compliance_admin:index": Rule("same", admin("compliance_admin:index")),
        "compliance_admin:breakdown": Rule("same", admin("compliance_admin:breakdown", "department")),
        "compliance_admin:people": Rule("lists", admin("compliance_admin:people")),
        "compliance_admin:people_csv": Rule("lists", admin("compliance_admin:people_csv")),
        "compliance_admin:people_xlsx": Rule("lists", admin("compliance_admin:people_xlsx")),
        "compliance_admin:person": Rule("hidden", admin("compliance_admin:person", OUT)),
    }
)
# Outside the admin: a certificate's PDF.
RULES["certificates:download"] = Rule(
    "hidden", lambda world: reverse("certificates:download", args=[world.certificate[OUTSIDER].code])
)


def addresses():
    """(name, view class) of every admin address that is not Wagtail's own or the Django admin's, and of any
    other view built on HRScreenMixin."""

    def walk(resolver, namespace, prefix):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or namespace
                if namespace and pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}"
                yield from walk(pattern, inner, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                yield name, prefix + str(pattern.pattern), getattr(pattern.callback, "view_class", None)

    for name, path, view_class in walk(get_resolver(), None, ""):
        in_admin = path.startswith("admin/") and not name.startswith("wagtail")
        hr_screen = isinstance(view_class, type) and issubclass(view_class, HRScreenMixin)
        if in_admin or hr_screen:
            yield name


def test_every_hr_address_has_a_scope_rule():
    missing = sorted(set(addresses()) - RULES.keys())
    assert not missing, f"Say how these follow an HR officer's scope, in RULES: {missing}"


@needs_pdf_rendering
@pytest.mark.parametrize("name", sorted(RULES))
def test_each_hr_address_keeps_its_rule(client, name, world, departmental_hr_user, hr_user):
    RULES[name].check(client, world, departmental_hr_user, hr_user)


# What the rules above do not show ------------------------------------------------------------


def test_a_departmental_officer_adds_people_only_to_their_own_departments(client, departmental_hr_user, department):
    client.force_login(departmental_hr_user)
    page = client.get(reverse("people_employees:add")).content.decode()
    assert "Other department" in page
    assert "Department for Science, Innovation and Technology" not in page
    response = client.post(
        reverse("people_employees:add"),
        {
            "staff_number": "X1",
            "given_name": "New",
            "family_name": "Person",
            "email": "new.person@example.gov.uk",
            "grade": 1,
            "department": department.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert not department.employees.filter(staff_number="X1").exists()


def test_requirement_counts_cover_only_the_scope(client, world, departmental_hr_user, hr_user):
    def covered(user) -> int:
        client.force_login(user)
        rows = client.get(reverse("enrolment_requirements:index")).context["object_list"]
        return {row.pk: row.people_covered for row in rows}[world.requirement.pk]

    assert covered(departmental_hr_user) == 2  # the insider and the officer, in the officer's department
    assert covered(hr_user) == Employee.objects.active().count()


@needs_pdf_rendering
def test_a_revocation_reason_shows_only_to_hr_in_scope(client, world, departmental_hr_user, hr_user):
    certificate = world.certificate[OUTSIDER]
    revoke(certificate, by=hr_user, reason="Shared account misuse")
    url = reverse("certificates:verify", args=[certificate.code])
    client.force_login(departmental_hr_user)
    assert b"Shared account misuse" not in client.get(url).content
    client.force_login(hr_user)
    assert b"Shared account misuse" in client.get(url).content


def test_departmental_officers_actions_on_outsiders_change_nothing(client, world, departmental_hr_user):
    client.force_login(departmental_hr_user)
    exemption = world.exemption[OUTSIDER]
    response = client.post(
        reverse("enrolment_requirements:revoke", args=[exemption.requirement_id, exemption.pk]),
        {"reason": "Trying it on"},
    )
    assert response.status_code == 404
    assert Exemption.objects.get(pk=exemption.pk).revoked_at is None


def test_wagtails_site_history_names_nobody_outside_the_scope(client, world, departmental_hr_user, hr_user):
    client.force_login(hr_user)
    edit = reverse("people_employees:edit", args=[world.outsider.pk])
    form = client.get(edit).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(given_name="Samename", family_name=OUTSIDER, is_active="on")
    assert client.post(edit, data).status_code == 302
    client.force_login(hr_user)
    assert shows(client.get("/admin/reports/site-history/"), OUTSIDER)
    client.force_login(departmental_hr_user)
    response = client.get("/admin/reports/site-history/")
    assert not shows(response, OUTSIDER)
