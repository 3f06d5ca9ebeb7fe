from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from people.models import Department, Employee, Grade, Profession
from people.signals import announce_employees_changed, employees_changed
from tests.factories import DepartmentFactory, EmployeeFactory, ProfessionFactory

pytestmark = pytest.mark.django_db

# Seed data --------------------------------------------------------------------


def test_grades_are_seeded_lowest_to_highest():
    assert list(Grade.objects.values_list("code", flat=True)) == [
        "AA",
        "AO",
        "EO",
        "HEO",
        "SEO",
        "G7",
        "G6",
        "SCS1",
        "SCS2",
        "SCS3",
        "PS",
    ]
    ranks = list(Grade.objects.values_list("rank", flat=True))
    assert ranks == sorted(ranks)
    assert len(set(ranks)) == len(ranks)


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("AA", "Administrative Assistant"),
        ("EO", "Executive Officer"),
        ("HEO", "Higher Executive Officer"),
        ("G7", "Grade 7"),
        ("SCS1", "Deputy Director (SCS1)"),
        ("SCS3", "Director General (SCS3)"),
        ("PS", "Permanent Secretary"),
    ],
)
def test_grade_names(code, name):
    assert Grade.objects.get(code=code).name == name


def test_senior_civil_service_grades(grades):
    assert list(Grade.objects.senior_civil_service().values_list("code", flat=True)) == ["SCS1", "SCS2", "SCS3", "PS"]
    assert grades["SCS1"].is_senior_civil_service
    assert not grades["G6"].is_senior_civil_service


def test_grades_at_or_above_by_grade_or_code(grades):
    assert list(Grade.objects.at_or_above(grades["SCS2"]).values_list("code", flat=True)) == ["SCS2", "SCS3", "PS"]
    assert list(Grade.objects.at_or_above("SCS2")) == list(Grade.objects.at_or_above(grades["SCS2"]))


def test_professions_are_seeded():
    names = set(Profession.objects.values_list("name", flat=True))
    assert len(names) == 18
    assert {"Policy", "Digital, Data and Technology", "Knowledge and Information Management", "Planning"} <= names
    assert Profession.objects.get(code="ddat").name == "Digital, Data and Technology"


def test_profession_factory_reuses_the_seeded_profession():
    assert ProfessionFactory().pk == Profession.objects.get(code="policy").pk


# Departments ------------------------------------------------------------------


@pytest.fixture
def tree():
    """DSIT > GDS > GOV.UK team; MOJ > HMPPS; CO on its own."""
    dsit = DepartmentFactory(code="DSIT", name="Department for Science, Innovation and Technology")
    gds = DepartmentFactory(code="GDS", name="Government Digital Service", parent=dsit)
    govuk = DepartmentFactory(code="GOVUK", name="GOV.UK", parent=gds)
    moj = DepartmentFactory(code="MOJ", name="Ministry of Justice")
    hmpps = DepartmentFactory(code="HMPPS", name="HM Prison and Probation Service", parent=moj)
    co = DepartmentFactory(code="CO", name="Cabinet Office")
    return {d.code: d for d in (dsit, gds, govuk, moj, hmpps, co)}


def codes(departments) -> set[str]:
    return {d.code for d in departments}


def test_department_includes_every_body_under_it(tree, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert codes(tree["DSIT"].descendants()) == {"DSIT", "GDS", "GOVUK"}
    assert codes(tree["GDS"].descendants()) == {"GDS", "GOVUK"}
    assert codes(tree["GOVUK"].descendants()) == {"GOVUK"}
    assert codes(tree["DSIT"].descendants(include_self=False)) == {"GDS", "GOVUK"}


def test_with_descendants_of_several_departments_in_one_query(tree, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = codes(Department.objects.filter(code__in=["GDS", "MOJ"]).with_descendants())
    assert found == {"GDS", "GOVUK", "MOJ", "HMPPS"}
    assert not Department.objects.none().with_descendants().exists()


def test_department_cannot_sit_under_its_own_body(tree):
    dsit = tree["DSIT"]
    dsit.parent = tree["GOVUK"]
    with pytest.raises(ValidationError) as error:
        dsit.full_clean()
    assert "parent" in error.value.message_dict

    moj = tree["MOJ"]
    moj.parent = tree["CO"]
    moj.full_clean()  # moving under an unrelated department is fine


def test_department_cannot_be_its_own_parent_in_the_database(tree):
    co = tree["CO"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Department.objects.filter(pk=co.pk).update(parent=co)


def test_department_with_people_cannot_be_deleted(employee):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        employee.department.delete()


# Employee rules ---------------------------------------------------------------


def test_staff_number_is_unique_and_text(department, grades):
    EmployeeFactory(staff_number="00012345")
    EmployeeFactory(staff_number="12345")  # leading zeros make a different number
    assert Employee.objects.get(staff_number="00012345").staff_number == "00012345"
    with pytest.raises(IntegrityError), transaction.atomic():
        EmployeeFactory(staff_number="00012345")


def test_email_is_unique_whatever_its_capitals():
    EmployeeFactory(email="Jane.Smith@DWP.example.gov.uk")
    assert Employee.objects.get().email == "jane.smith@dwp.example.gov.uk"
    with pytest.raises(IntegrityError), transaction.atomic():
        EmployeeFactory(email="jane.smith@dwp.example.gov.uk")


def test_email_uniqueness_holds_for_bulk_writes_too(department, grades):
    # bulk_create skips save(), so only the database constraint on LOWER(email) stands in the way.
    Employee.objects.bulk_create(
        [
            Employee(
                staff_number="1",
                given_name="A",
                family_name="B",
                email="Same@example.gov.uk",
                grade=grades["EO"],
                department=department,
            )
        ]
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Employee.objects.bulk_create(
            [
                Employee(
                    staff_number="2",
                    given_name="C",
                    family_name="D",
                    email="same@EXAMPLE.gov.uk",
                    grade=grades["EO"],
                    department=department,
                )
            ]
        )


def test_nobody_is_their_own_line_manager(employee):
    employee.line_manager = employee
    with pytest.raises(ValidationError) as error:
        employee.full_clean()
    assert "line_manager" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        employee.save()


def test_end_date_cannot_be_before_start_date(employee):
    employee.start_date = date(2024, 4, 1)
    employee.end_date = date(2024, 3, 31)
    with pytest.raises(ValidationError) as error:
        employee.full_clean()
    assert "end_date" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        employee.save()


@pytest.mark.parametrize(
    ("start", "end"),
    [(None, date(2024, 1, 1)), (date(2024, 1, 1), None), (date(2024, 1, 1), date(2024, 1, 1))],
)
def test_open_or_same_day_employment_is_allowed(employee, start, end):
    employee.start_date, employee.end_date = start, end
    employee.full_clean()
    employee.save()


@pytest.fixture
def chain(department, grades):
    """SCS1 <- G7 <- EO: each manages the next."""
    director = EmployeeFactory(department=department, grade=grades["SCS1"])
    manager = EmployeeFactory(department=department, grade=grades["G7"], line_manager=director)
    officer = EmployeeFactory(department=department, grade=grades["EO"], line_manager=manager)
    return director, manager, officer


def test_management_chain_cannot_loop(chain):
    director, _manager, officer = chain
    director.line_manager = officer  # officer reports (indirectly) to director
    with pytest.raises(ValidationError) as error:
        director.full_clean()
    assert "loop" in error.value.message_dict["line_manager"][0]


def test_management_chain_may_change_without_a_loop(chain, department, grades):
    director, manager, officer = chain
    other = EmployeeFactory(department=department, grade=grades["G6"])
    manager.line_manager = other
    manager.full_clean()
    officer.line_manager = director
    officer.full_clean()


def test_new_employee_can_be_cleaned(department, grades, chain):
    Employee(
        staff_number="777",
        given_name="New",
        family_name="Starter",
        email="new.starter@example.gov.uk",
        grade=grades["AO"],
        department=department,
        line_manager=chain[2],
    ).full_clean()


def test_deleting_a_manager_leaves_their_reports_without_one(chain):
    _director, manager, officer = chain
    manager.delete()
    officer.refresh_from_db()
    assert officer.line_manager is None


def test_employee_outlives_their_account(learner):
    learner.user.delete()
    learner.refresh_from_db()
    assert learner.user is None


def test_names():
    person = EmployeeFactory(given_name="Siobhan", family_name="O'Neill")
    assert str(person) == person.full_name == "Siobhan O'Neill"


# Employee queries -------------------------------------------------------------


def test_active_and_leavers(department, grades):
    here = EmployeeFactory(department=department)
    gone = EmployeeFactory(department=department, is_active=False, end_date=date(2025, 3, 31))
    assert list(Employee.objects.active()) == [here]
    assert list(Employee.objects.leavers()) == [gone]
    assert gone.has_left(on=date(2025, 4, 1))
    assert not gone.has_left(on=date(2025, 3, 31))


def test_in_departments_includes_sub_departments_unless_told_not_to(tree, django_assert_num_queries):
    in_dsit = EmployeeFactory(department=tree["DSIT"])
    in_gds = EmployeeFactory(department=tree["GDS"])
    in_govuk = EmployeeFactory(department=tree["GOVUK"])
    in_moj = EmployeeFactory(department=tree["MOJ"])
    with django_assert_num_queries(1):
        assert set(Employee.objects.in_departments(tree["DSIT"])) == {in_dsit, in_gds, in_govuk}
    assert set(Employee.objects.in_departments(tree["DSIT"], include_sub_departments=False)) == {in_dsit}
    assert set(Employee.objects.in_departments([tree["GDS"], tree["MOJ"].pk])) == {in_gds, in_govuk, in_moj}
    assert set(Employee.objects.in_departments(Department.objects.filter(code="MOJ"))) == {in_moj}


def test_at_or_above_and_in_grades(department, grades):
    eo = EmployeeFactory(grade=grades["EO"])
    g7 = EmployeeFactory(grade=grades["G7"])
    scs = EmployeeFactory(grade=grades["SCS2"])
    assert set(Employee.objects.at_or_above(grades["G7"])) == {g7, scs}
    assert set(Employee.objects.at_or_above("SCS1")) == {scs}
    assert set(Employee.objects.in_grades(["EO", grades["SCS2"]])) == {eo, scs}


def test_in_professions(professions):
    analyst = EmployeeFactory(profession=professions["analysis"])
    EmployeeFactory(profession=professions["policy"])
    assert list(Employee.objects.in_professions([professions["analysis"]])) == [analyst]


def test_reports_and_management_chain(chain, department, grades, django_assert_num_queries):
    director, manager, officer = chain
    peer = EmployeeFactory(department=department, grade=grades["HEO"], line_manager=manager)
    assert set(Employee.objects.reports_of(manager)) == {officer, peer}
    with django_assert_num_queries(1):
        assert set(Employee.objects.filter(pk=director.pk).with_reports()) == {director, manager, officer, peer}
    with django_assert_num_queries(1):
        assert set(Employee.objects.filter(pk=officer.pk).with_managers()) == {officer, manager, director}


def test_for_user(learner, employee):
    assert list(Employee.objects.for_user(learner.user)) == [learner]
    from django.contrib.auth.models import AnonymousUser

    assert not Employee.objects.for_user(AnonymousUser()).exists()


# Signal -------------------------------------------------------------------------


def test_employees_changed_is_sent_after_commit(django_capture_on_commit_callbacks, employee):
    received = []

    def receiver(sender, employee_ids, **kwargs):
        received.append((sender, employee_ids))

    employees_changed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            announce_employees_changed([employee.pk, employee.pk])
            assert received == []  # nothing before the commit
        announce_employees_changed([])
    finally:
        employees_changed.disconnect(receiver)
    assert received == [(Employee, [employee.pk])]


def test_saving_an_employee_sends_nothing(django_capture_on_commit_callbacks, employee):
    received = []
    employees_changed.connect(received.append)
    try:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            employee.family_name = "Changed"
            employee.save()
    finally:
        employees_changed.disconnect(received.append)
    assert callbacks == []
