"""The compulsory-training engine: audiences, due dates, idempotence, leaving and coming back, renewal."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from enrolment.assignment import assign_requirement, assign_requirements
from enrolment.models import Enrolment, ModuleCompletion, Requirement
from enrolment.progress import complete_module, start_course
from people.models import Department
from people.signals import announce_employees_changed
from tests.factories import (
    DepartmentFactory,
    EmployeeFactory,
    EnrolmentFactory,
    ExemptionFactory,
    ProfessionFactory,
    RequirementFactory,
)
from tests.pages import make_course

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 26)
LONG_AGO = date(2010, 4, 1)


@pytest.fixture
def course():
    return make_course(modules=2, title="Technology policy for senior leaders")


def requirement(course, **fields) -> Requirement:
    """RequirementFactory with this module's defaults: "Rule N", due within 90 days, counting from 1 January 2026."""
    defaults = {"name": f"Rule {Requirement.objects.count() + 1}", "due_within_days": 90, "starts_on": date(2026, 1, 1)}
    return RequirementFactory(course=course, **{**defaults, **fields})


def person(grades, code="EO", **fields):
    defaults = {"start_date": LONG_AGO, "grade_since": LONG_AGO}
    return EmployeeFactory(grade=grades[code], **{**defaults, **fields})


def open_enrolment(employee, course) -> Enrolment | None:
    return Enrolment.objects.open().filter(employee=employee, course=course).first()


# Audiences ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("audience", "in_audience"),
    [
        ({}, {"eo", "g7", "scs1", "scs2", "gds_eo", "ps"}),
        ({"minimum_grade": "SCS1"}, {"scs1", "scs2", "ps"}),
        ({"grades": ["EO", "G7"]}, {"eo", "g7", "gds_eo"}),
        ({"departments": ["DSIT"]}, {"eo", "g7", "scs1", "gds_eo"}),
        ({"departments": ["GDS"]}, {"gds_eo"}),
        ({"departments": ["DSIT"], "minimum_grade": "G7"}, {"g7", "scs1"}),
        ({"professions": ["ddat"]}, {"g7", "gds_eo"}),
        ({"professions": ["ddat", "policy"], "departments": ["HMT"]}, {"scs2", "ps"}),
        ({"grades": ["EO"], "departments": ["HMT"]}, set()),
    ],
)
def test_audience_rules(course, grades, audience, in_audience):
    dsit = DepartmentFactory(code="DSIT", name="Department for Science, Innovation and Technology")
    gds = DepartmentFactory(code="GDS", name="Government Digital Service", parent=dsit)
    hmt = DepartmentFactory(code="HMT", name="HM Treasury")
    ddat, policy = ProfessionFactory(code="ddat"), ProfessionFactory(code="policy")
    people = {
        "eo": person(grades, "EO", department=dsit, profession=policy),
        "g7": person(grades, "G7", department=dsit, profession=ddat),
        "scs1": person(grades, "SCS1", department=dsit, profession=policy),
        "scs2": person(grades, "SCS2", department=hmt, profession=policy),
        "ps": person(grades, "PS", department=hmt, profession=policy),
        "gds_eo": person(grades, "EO", department=gds, profession=ddat),
    }
    person(grades, "SCS3", department=dsit, is_active=False, end_date=date(2026, 3, 1))  # a leaver: never

    rule = requirement(
        course,
        minimum_grade=grades[audience["minimum_grade"]] if "minimum_grade" in audience else None,
        grades=[grades[code] for code in audience.get("grades", [])],
        departments=list(Department.objects.filter(code__in=audience.get("departments", []))),
        professions=[ProfessionFactory(code=code) for code in audience.get("professions", [])],
    )
    assign_requirement(requirement=rule, today=TODAY)

    assigned = set(Enrolment.objects.filter(requirement=rule).values_list("employee_id", flat=True))
    assert assigned == {people[name].pk for name in in_audience}
    assert rule.audience().count() == len(in_audience)


# Due dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start_date", "grade_since", "starts_on", "expected_due", "why"),
    [
        (LONG_AGO, LONG_AGO, date(2026, 1, 1), TODAY + timedelta(days=90), "in the audience for years: from today"),
        (LONG_AGO, date(2026, 10, 1), date(2026, 1, 1), date(2026, 12, 30), "promotion: from the grade-since date"),
        (date(2026, 11, 2), date(2026, 11, 2), date(2026, 1, 1), date(2027, 1, 31), "new starter: from start date"),
        (LONG_AGO, date(2026, 10, 1), date(2026, 11, 1), date(2027, 2, 24), "promoted before the rule began: today"),
        (LONG_AGO, date(2026, 10, 1), date(2026, 12, 1), date(2027, 3, 1), "never before the rule's own start"),
        (LONG_AGO, LONG_AGO, date(2027, 1, 1), date(2027, 4, 1), "a rule that starts later counts from then"),
        (None, None, date(2026, 1, 1), TODAY + timedelta(days=90), "no dates known: from today"),
        (date(2024, 2, 29), date(2024, 2, 29), date(2024, 1, 1), date(2024, 5, 29), "leap day start"),
    ],
)
def test_due_dates(course, grades, start_date, grade_since, starts_on, expected_due, why):
    scs = person(grades, "SCS1", start_date=start_date, grade_since=grade_since)
    rule = requirement(course, minimum_grade=grades["SCS1"], starts_on=starts_on)
    assign_requirement(requirement=rule, today=TODAY)
    assert open_enrolment(scs, course).due_on == expected_due, why


def test_an_audience_not_about_grade_ignores_promotions(course, grades):
    promoted = person(grades, "G7", grade_since=date(2026, 10, 1))
    rule = requirement(course, starts_on=date(2026, 1, 1))
    assign_requirement(requirement=rule, today=TODAY)
    assert open_enrolment(promoted, course).due_on == TODAY + timedelta(days=90)


# Idempotence ---------------------------------------------------------------------


def test_running_again_changes_nothing(course, grades, django_assert_max_num_queries):
    for _ in range(5):
        person(grades, "SCS1")
    rule = requirement(course, minimum_grade=grades["SCS1"])
    first = assign_requirements(today=TODAY)
    assert first.assigned == 5
    before = list(Enrolment.objects.order_by("pk").values())

    again = assign_requirements(today=TODAY)
    later = assign_requirements(today=TODAY + timedelta(days=3))

    assert again.changed == 0
    assert later.changed == 0
    assert list(Enrolment.objects.order_by("pk").values()) == before
    assert Enrolment.objects.filter(requirement=rule).count() == 5


@pytest.mark.parametrize("people", [1, 40])
def test_assignment_queries_do_not_grow_with_people(course, grades, people, django_assert_max_num_queries):
    for _ in range(people):
        person(grades, "SCS1")
    rule = requirement(course, minimum_grade=grades["SCS1"], renewal_months=12)
    with django_assert_max_num_queries(16):
        assert assign_requirement(requirement=rule, today=TODAY).assigned == people


# Leaving and coming back -------------------------------------------------------------


def test_leaving_the_audience_withdraws_but_keeps_progress_and_coming_back_resumes(course, grades):
    scs = person(grades, "SCS1")
    rule = requirement(course, minimum_grade=grades["SCS1"])
    assign_requirement(requirement=rule, today=TODAY)
    enrolment = open_enrolment(scs, course)
    complete_module(enrolment=enrolment, module=course.modules().first())

    scs.grade = grades["G6"]  # moved to a grade outside the audience
    scs.save()
    result = assign_requirements(today=TODAY)
    enrolment.refresh_from_db()
    assert result.withdrawn == 1
    assert enrolment.withdrawn_at is not None
    assert ModuleCompletion.objects.filter(enrolment=enrolment).count() == 1

    scs.grade, scs.grade_since = grades["SCS1"], TODAY
    scs.save()
    result = assign_requirements(today=TODAY + timedelta(days=1))
    enrolment.refresh_from_db()
    assert result.resumed == 1
    assert enrolment.is_open
    assert enrolment.due_on == TODAY + timedelta(days=90)
    assert Enrolment.objects.filter(employee=scs, course=course).count() == 1


def test_leavers_are_withdrawn_never_deleted(course, grades):
    scs = person(grades, "SCS1")
    rule = requirement(course, minimum_grade=grades["SCS1"])
    assign_requirement(requirement=rule, today=TODAY)
    scs.is_active, scs.end_date = False, TODAY
    scs.save()
    assign_requirements(today=TODAY)
    assert Enrolment.objects.get(employee=scs).withdrawn_at is not None


def test_a_still_valid_completion_counts_when_coming_back(course, grades):
    scs = person(grades, "SCS1")
    rule = requirement(course, minimum_grade=grades["SCS1"], renewal_months=12)
    assign_requirement(requirement=rule, today=TODAY)
    enrolment = open_enrolment(scs, course)
    for module in course.modules():
        complete_module(enrolment=enrolment, module=module)
    scs.is_active = False
    scs.save()
    assign_requirements(today=TODAY)
    scs.is_active = True
    scs.save()
    result = assign_requirements(today=TODAY + timedelta(days=10))
    assert result.assigned == result.resumed == result.renewals == 0
    assert open_enrolment(scs, course) is None


def test_retiring_a_requirement_withdraws_its_open_enrolments(course, grades):
    person(grades, "SCS1")
    rule = requirement(course, minimum_grade=grades["SCS1"])
    assign_requirement(requirement=rule, today=TODAY)
    rule.is_active = False
    rule.save()
    assert assign_requirements(today=TODAY).withdrawn == 1
    assert not Enrolment.objects.open().exists()


def test_self_enrolment_becomes_compulsory_keeping_its_progress(course, grades):
    scs = person(grades, "SCS1")
    mine = start_course(employee=scs, course=course)
    complete_module(enrolment=mine, module=course.modules().first())
    rule = requirement(course, minimum_grade=grades["SCS1"])
    result = assign_requirement(requirement=rule, today=TODAY)
    mine.refresh_from_db()
    assert result.adopted == 1
    assert result.assigned == 0
    assert mine.requirement == rule
    assert mine.due_on == TODAY + timedelta(days=90)
    assert ModuleCompletion.objects.filter(enrolment=mine).count() == 1


def test_people_changed_signal_reassigns_just_them(course, grades, django_capture_on_commit_callbacks):
    rule = requirement(course, minimum_grade=grades["SCS1"])
    promoted = person(grades, "G6")
    bystander = person(grades, "SCS1")
    promoted.grade, promoted.grade_since = grades["SCS1"], timezone.localdate()
    promoted.save()
    with django_capture_on_commit_callbacks(execute=True):
        announce_employees_changed([promoted.pk])
    assert open_enrolment(promoted, course).requirement == rule
    assert open_enrolment(bystander, course) is None  # not named, so not touched until the nightly run


def test_exempt_people_get_no_enrolment(course, grades):
    scs = person(grades, "SCS1")
    rule = requirement(course, minimum_grade=grades["SCS1"])
    ExemptionFactory(employee=scs, requirement=rule, until=TODAY + timedelta(days=30), reason="Parental leave")
    assign_requirement(requirement=rule, today=TODAY)
    assert open_enrolment(scs, course) is None
    assign_requirement(requirement=rule, today=TODAY + timedelta(days=31))
    assert open_enrolment(scs, course).due_on == TODAY + timedelta(days=31 + 90)


# Renewal ---------------------------------------------------------------------


def complete(enrolment, on: date):
    at = datetime(on.year, on.month, on.day, 12, tzinfo=UTC)
    Enrolment.objects.filter(pk=enrolment.pk).update(enrolled_at=at - timedelta(days=1))
    enrolment.refresh_from_db()
    for module in enrolment.course.modules():
        complete_module(enrolment=enrolment, module=module, now=at)
    enrolment.refresh_from_db()
    return enrolment


def test_renewal_opens_when_the_window_opens_and_is_due_on_the_expiry(course, grades):
    scs = person(grades, "SCS1")
    rule = requirement(course, minimum_grade=grades["SCS1"], renewal_months=12, recertification_window_days=30)
    assign_requirement(requirement=rule, today=date(2026, 1, 10))
    first = complete(open_enrolment(scs, course), date(2026, 2, 1))
    assert first.expires_on == date(2027, 2, 1)

    assert assign_requirements(today=date(2027, 1, 1)).renewals == 0  # window opens 2 January 2027
    assert assign_requirements(today=date(2027, 1, 2)).renewals == 1
    renewal = open_enrolment(scs, course)
    assert renewal.due_on == date(2027, 2, 1)
    assert assign_requirements(today=date(2027, 1, 3)).changed == 0

    second = complete(renewal, date(2027, 1, 20))  # inside the window: extends from the old expiry
    assert second.expires_on == date(2028, 2, 1)


def test_a_renewal_completed_after_expiry_runs_from_its_own_date(course, grades):
    scs = person(grades, "SCS1")
    rule = requirement(course, minimum_grade=grades["SCS1"], renewal_months=12, recertification_window_days=30)
    assign_requirement(requirement=rule, today=date(2026, 1, 10))
    complete(open_enrolment(scs, course), date(2026, 2, 1))
    assign_requirements(today=date(2027, 1, 15))
    late = complete(open_enrolment(scs, course), date(2027, 3, 10))
    assert late.expires_on == date(2028, 3, 10)


def test_a_completion_before_the_rule_existed_counts_and_gets_an_expiry(course, grades):
    scs = person(grades, "SCS1")
    early = complete(start_course(employee=scs, course=course), date(2026, 5, 31))
    assert early.expires_on is None
    rule = requirement(course, minimum_grade=grades["SCS1"], renewal_months=12)
    result = assign_requirement(requirement=rule, today=date(2026, 11, 26))
    early.refresh_from_db()
    assert result.expiries_set == 1
    assert early.expires_on == date(2027, 5, 31)
    assert open_enrolment(scs, course) is None


def test_a_lapsed_completion_is_renewed_at_once_and_is_already_overdue(course, grades):
    scs = person(grades, "SCS1")
    complete(start_course(employee=scs, course=course), date(2024, 1, 31))
    rule = requirement(course, minimum_grade=grades["SCS1"], renewal_months=12, starts_on=date(2024, 1, 1))
    result = assign_requirement(requirement=rule, today=TODAY)
    assert result.renewals == 1
    assert open_enrolment(scs, course).due_on == date(2025, 1, 31)


def test_assigning_for_no_one_changes_nothing(course, grades):
    requirement(course)
    person(grades)
    result = assign_requirements(employee_ids=[], today=TODAY)
    assert result.changed == 0
    assert not Enrolment.objects.exists()


def on_record(employee, course, rule, history) -> None:
    """Enrolments as they stand: ("done", days) completed, expiring `days` from TODAY (None: no expiry);
    ("open",) still to do; ("withdrawn",) stopped before completing."""
    for index, (kind, *days) in enumerate(history):
        began = datetime(2020, 1, 1, 9, tzinfo=UTC) + timedelta(days=index)
        EnrolmentFactory(
            employee=employee,
            course=course,
            source=Enrolment.Source.REQUIREMENT,
            requirement=rule,
            enrolled_at=began,
            due_on=None,
            completed_at=began + timedelta(hours=1) if kind == "done" else None,
            expires_on=TODAY + timedelta(days=days[0]) if kind == "done" and days[0] is not None else None,
            withdrawn_at=began + timedelta(hours=2) if kind == "withdrawn" else None,
        )


@pytest.mark.parametrize(
    ("history", "renewal_months", "due_in_days", "why"),
    [
        ([("done", 20)], 12, 20, "expires inside the 30-day window: renewed, due on the expiry"),
        ([("done", 31)], 12, None, "expires the day after the window: not yet"),
        ([("done", 30)], 12, 30, "the window's last day counts"),
        ([("done", -400)], 12, -400, "lapsed long ago: renewed, already overdue"),
        ([("done", -400), ("done", 200)], 12, None, "a later completion still counts: the latest decides"),
        ([("done", 200), ("done", -400)], 12, None, "the latest decides whatever the order of the rows"),
        ([("done", -400), ("done", 10)], 12, 10, "several completions in or past the window: due on the latest"),
        ([("done", -10), ("withdrawn",)], 12, -10, "a withdrawn enrolment does not stop a renewal"),
        ([("done", -10), ("open",)], 12, None, "one already open: nothing more"),
        ([("done", None)], None, None, "no renewal period: a completion never lapses"),
        ([("withdrawn",)], 12, "first", "never completed: a first assignment (resumed), not a renewal"),
    ],
)
def test_renewal_rules(course, grades, history, renewal_months, due_in_days, why):
    scs = person(grades, "SCS1")
    rule = requirement(course, minimum_grade=grades["SCS1"], renewal_months=renewal_months)
    on_record(scs, course, rule, history)
    result = assign_requirements(today=TODAY)
    if due_in_days == "first":
        assert (result.renewals, result.resumed) == (0, 1), why
        return
    assert result.renewals == (due_in_days is not None), why
    opened = Enrolment.objects.open().filter(employee=scs, course=course).exclude(enrolled_at__year=2020)
    assert [e.due_on for e in opened] == ([] if due_in_days is None else [TODAY + timedelta(days=due_in_days)]), why
    assert assign_requirements(today=TODAY).changed == 0, why


def test_renewal_leaves_exempt_people_alone(course, grades):
    scs = person(grades, "SCS1")
    rule = requirement(course, minimum_grade=grades["SCS1"], renewal_months=12)
    on_record(scs, course, rule, [("done", -5)])
    ExemptionFactory(employee=scs, requirement=rule, until=TODAY + timedelta(days=30), reason="Secondment")
    assert assign_requirements(today=TODAY).renewals == 0


def test_renewal_for_named_people_renews_only_them(course, grades):
    named, other = person(grades, "SCS1"), person(grades, "SCS1")
    rule = requirement(course, minimum_grade=grades["SCS1"], renewal_months=12)
    on_record(named, course, rule, [("done", -5)])
    on_record(other, course, rule, [("done", -5)])
    assert assign_requirements(today=TODAY, employee_ids=[named.pk]).renewals == 1
    assert open_enrolment(named, course).due_on == TODAY - timedelta(days=5)
    assert open_enrolment(other, course) is None
