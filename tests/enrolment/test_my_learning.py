"""My learning on the signed-in home page: compulsory courses first with their status, then in progress, then done."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from enrolment.models import Enrolment, ModuleCompletion, Requirement
from enrolment.my_learning import my_learning
from enrolment.status import Status
from tests.factories import EnrolmentFactory, ExemptionFactory, RequirementFactory, UserFactory, at_noon
from tests.pages import add_module, make_course

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 26)
ONE = timedelta(days=1)


# The status of one compulsory course, from all of the person's enrolments on it --------------------

OPEN = "open"
DONE = "done"
D = TODAY


@pytest.mark.parametrize(
    ("rows", "exempt_until", "status", "label", "colour", "due_on"),
    [
        pytest.param([(OPEN, D + timedelta(10), None)], None, Status.DUE, "Due", "blue", D + timedelta(10), id="due"),
        pytest.param([(OPEN, D, None)], None, Status.DUE, "Due", "blue", D, id="due-today"),
        pytest.param(
            [(OPEN, D - timedelta(1), None)], None, Status.OVERDUE, "Overdue by 1 day", "red", D - timedelta(1),
            id="overdue-by-one-day",
        ),
        pytest.param(
            [(OPEN, D - timedelta(3), None)], None, Status.OVERDUE, "Overdue by 3 days", "red", D - timedelta(3),
            id="overdue-by-3-days",
        ),
        pytest.param(
            [(DONE, D - timedelta(350), D + timedelta(15))], None, Status.EXPIRING, "Expiring", "orange",
            D + timedelta(15), id="expiring",
        ),
        pytest.param(
            [(DONE, D - timedelta(350), D + timedelta(15)), (OPEN, D + timedelta(15), None)], None,
            Status.EXPIRING, "Expiring", "orange", D + timedelta(15), id="expiring-with-renewal-open",
        ),
        pytest.param(
            [(DONE, D - timedelta(100), D + timedelta(265))], None, Status.COMPLIANT, "Compliant", "green", None,
            id="compliant",
        ),
        pytest.param(
            [(DONE, D - timedelta(100), None)], None, Status.COMPLIANT, "Compliant", "green", None,
            id="compliant-for-good",
        ),
        pytest.param(
            [(DONE, D - timedelta(400), D - timedelta(5)), (OPEN, D - timedelta(5), None)], None, Status.OVERDUE,
            "Overdue by 5 days", "red", D - timedelta(5), id="renewal-overdue",
        ),
        pytest.param(
            [(DONE, D - timedelta(800), D - timedelta(435)), (DONE, D - timedelta(20), D + timedelta(345))], None,
            Status.COMPLIANT, "Compliant", "green", None, id="renewed",
        ),
        pytest.param(
            [(OPEN, D - timedelta(10), None)], D + timedelta(30), Status.EXEMPT, "Exempt", "grey", None,
            id="exempt-while-overdue",
        ),
        pytest.param([], D + timedelta(30), Status.EXEMPT, "Exempt", "grey", None, id="exempt-never-assigned"),
    ],
)  # fmt: skip
def test_one_row_per_compulsory_course_says_the_persons_status(
    employee, rows, exempt_until, status, label, colour, due_on
):
    course = make_course(modules=2)
    requirement = RequirementFactory(course=course)
    for kind, day, expires_on in rows:
        if kind == OPEN:
            EnrolmentFactory(employee=employee, requirement=requirement, due_on=day)
        else:
            EnrolmentFactory(employee=employee, requirement=requirement, completed_on=day, expires_on=expires_on)
    if exempt_until:
        ExemptionFactory(employee=employee, requirement=requirement, until=exempt_until)

    learning = my_learning(employee, today=TODAY)

    [row] = learning.compulsory
    assert (row.status, row.tag.label, row.tag.colour, row.due_on) == (status, label, colour, due_on)
    assert row.course.pk == course.pk
    assert row.exempt_until == exempt_until
    assert learning.in_progress == learning.completed == []


def test_expiring_and_compliant_rows_carry_their_expiry(employee):
    soon, later = make_course(title="Soon"), make_course(title="Later")
    EnrolmentFactory(
        employee=employee,
        requirement=RequirementFactory(course=soon),
        completed_on=D - timedelta(350),
        expires_on=D + 15 * ONE,
    )
    EnrolmentFactory(
        employee=employee,
        requirement=RequirementFactory(course=later),
        completed_on=D - timedelta(30),
        expires_on=D + 300 * ONE,
    )
    rows = {row.course.title: row for row in my_learning(employee, today=TODAY).compulsory}
    assert rows["Soon"].expires_on == D + 15 * ONE
    assert rows["Later"].expires_on == D + 300 * ONE
    assert rows["Later"].completed_at == at_noon(D - timedelta(30))


def test_a_completion_from_before_the_course_was_compulsory_counts_once_the_engine_dated_it(employee):
    course = make_course(modules=1)
    RequirementFactory(course=course)
    # Chosen by the person, then given an expiry by the engine.
    EnrolmentFactory(
        employee=employee, course=course, requirement=None, completed_on=D - timedelta(40), expires_on=D + 325 * ONE
    )
    [row] = my_learning(employee, today=TODAY).compulsory
    assert row.status == Status.COMPLIANT


def test_the_renewal_window_is_the_requirements(employee):
    course = make_course(modules=1)
    requirement = RequirementFactory(course=course, recertification_window_days=60)
    EnrolmentFactory(
        employee=employee, requirement=requirement, completed_on=D - timedelta(300), expires_on=D + 50 * ONE
    )
    [row] = my_learning(employee, today=TODAY).compulsory
    assert row.status == Status.EXPIRING


@pytest.mark.parametrize(
    "case",
    ["lapsed-with-nothing-open", "requirement-retired", "exemption-revoked", "exemption-ended", "withdrawn"],
)
def test_when_a_course_is_not_compulsory_for_the_person_now(employee, case):
    course = make_course(modules=1, title="Information management")
    requirement = RequirementFactory(course=course)
    if case == "lapsed-with-nothing-open":
        # The engine opens a renewal for everyone still in the audience: with nothing open, they have left it.
        EnrolmentFactory(
            employee=employee, requirement=requirement, completed_on=D - timedelta(400), expires_on=D - 35 * ONE
        )
    elif case == "requirement-retired":
        EnrolmentFactory(
            employee=employee, requirement=requirement, completed_on=D - timedelta(20), expires_on=D + 345 * ONE
        )
        Requirement.objects.filter(pk=requirement.pk).update(is_active=False)
    elif case == "exemption-revoked":
        ExemptionFactory(employee=employee, requirement=requirement, until=D + 30 * ONE, revoked=True)
    elif case == "exemption-ended":
        ExemptionFactory(employee=employee, requirement=requirement, until=D - ONE)
    else:
        EnrolmentFactory(employee=employee, requirement=requirement, due_on=D + 10 * ONE, withdrawn=True)

    learning = my_learning(employee, today=TODAY)

    assert learning.compulsory == []
    assert learning.in_progress == []
    completed = [row.course.title for row in learning.completed]
    assert completed == (
        ["Information management"] if case in {"lapsed-with-nothing-open", "requirement-retired"} else []
    )


def test_compulsory_courses_most_urgent_first(employee):
    req = {
        title: RequirementFactory(course__title=title)
        for title in ["Exempt", "Compliant", "Due later", "Due soon", "Expiring", "Overdue"]
    }
    ExemptionFactory(employee=employee, requirement=req["Exempt"], until=D + 10 * ONE)
    EnrolmentFactory(
        employee=employee,
        requirement=req["Compliant"],
        completed_on=D - 10 * ONE,
        expires_on=D + 355 * ONE,
    )
    EnrolmentFactory(employee=employee, requirement=req["Due later"], due_on=D + 50 * ONE)
    EnrolmentFactory(employee=employee, requirement=req["Due soon"], due_on=D + 5 * ONE)
    EnrolmentFactory(employee=employee, requirement=req["Expiring"], completed_on=D - 350 * ONE, expires_on=D + 3 * ONE)
    EnrolmentFactory(employee=employee, requirement=req["Overdue"], due_on=D - 2 * ONE)

    titles = [row.course.title for row in my_learning(employee, today=TODAY).compulsory]

    assert titles == ["Overdue", "Due soon", "Due later", "Expiring", "Compliant", "Exempt"]


# In progress and completed ------------------------------------------------------------------------


def test_in_progress_counts_published_modules_and_continues_at_the_first_not_done(employee):
    course = make_course(modules=3, title="Open data essentials")
    first, second, third = course.modules()
    add_module(course, publish=False)  # a draft counts for nobody
    enrolment = EnrolmentFactory(employee=employee, course=course, requirement=None)
    ModuleCompletion.objects.create(enrolment=enrolment, module=first)
    ModuleCompletion.objects.create(enrolment=enrolment, module=third)
    ModuleCompletion.objects.create(
        enrolment=EnrolmentFactory(employee=employee, course=make_course(modules=1), requirement=None, completed_on=D),
        module=second,
    )

    [row] = my_learning(employee, today=TODAY).in_progress

    assert (row.completed_modules, row.total_modules) == (2, 3)
    assert row.url == course.url
    assert row.continue_url == second.url


def test_completed_courses_most_recent_first_with_the_latest_completion(employee):
    older, newer = make_course(modules=1, title="Older"), make_course(modules=1, title="Newer")
    EnrolmentFactory(employee=employee, course=older, requirement=None, completed_on=D - 200 * ONE)
    EnrolmentFactory(employee=employee, course=older, requirement=None, completed_on=D - 100 * ONE)
    EnrolmentFactory(employee=employee, course=newer, requirement=None, completed_on=D - 10 * ONE)

    completed = my_learning(employee, today=TODAY).completed

    assert [(row.course.title, row.completed_at) for row in completed] == [
        ("Newer", at_noon(D - 10 * ONE)),
        ("Older", at_noon(D - 100 * ONE)),
    ]


def test_a_course_started_again_is_in_progress_not_completed(employee):
    course = make_course(modules=2)
    EnrolmentFactory(employee=employee, course=course, requirement=None, completed_on=D - 100 * ONE)
    EnrolmentFactory(employee=employee, course=course, requirement=None)
    learning = my_learning(employee, today=TODAY)
    assert [row.course.pk for row in learning.in_progress] == [course.pk]
    assert learning.completed == []


# The home page --------------------------------------------------------------------------------------


def home(client, user) -> BeautifulSoup:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def cells(table) -> list[list[str]]:
    return [
        [" ".join(cell.get_text(" ").split()) for cell in row.find_all(["th", "td"])]
        for row in table.find("tbody").find_all("tr")
    ]


def test_home_shows_compulsory_then_in_progress_then_completed(client, learner, learner_user):
    today = timezone.localdate()
    overdue = make_course(modules=1, title="Information management crash course")
    due = make_course(modules=1, title="Technology policy for senior leaders")
    expiring = make_course(modules=1, title="Security and you")
    compliant = make_course(modules=1, title="Fraud awareness")
    exempt_from = make_course(modules=1, title="Diversity and inclusion")
    started = make_course(modules=3, title="Open data essentials")
    done = make_course(modules=1, title="Using social media")
    EnrolmentFactory(employee=learner, requirement=RequirementFactory(course=overdue), due_on=today - 3 * ONE)
    EnrolmentFactory(employee=learner, requirement=RequirementFactory(course=due), due_on=today + 40 * ONE)
    EnrolmentFactory(
        employee=learner,
        requirement=RequirementFactory(course=expiring),
        completed_on=today - 350 * ONE,
        expires_on=today + 15 * ONE,
    )
    EnrolmentFactory(
        employee=learner,
        requirement=RequirementFactory(course=compliant),
        completed_on=today - 30 * ONE,
        expires_on=today + 335 * ONE,
    )
    ExemptionFactory(employee=learner, requirement=RequirementFactory(course=exempt_from), until=today + 60 * ONE)
    progress = EnrolmentFactory(employee=learner, course=started, requirement=None)
    ModuleCompletion.objects.create(enrolment=progress, module=started.modules().first())
    EnrolmentFactory(employee=learner, course=done, requirement=None, completed_on=today - 5 * ONE)

    page = home(client, learner_user)

    headings = [h2.get_text(strip=True) for h2 in page.find("main").find_all("h2")]
    assert headings[:3] == ["Compulsory training", "In progress", "Completed"]
    fmt = "{:%-d %B %Y}".format
    assert cells(page.find(id="compulsory-training")) == [
        ["Information management crash course", fmt(today - 3 * ONE), "Overdue by 3 days"],
        ["Technology policy for senior leaders", fmt(today + 40 * ONE), "Due"],
        ["Security and you", fmt(today + 15 * ONE), f"Expiring Expires {fmt(today + 15 * ONE)}"],
        ["Fraud awareness", "No action needed", f"Compliant Valid until {fmt(today + 335 * ONE)}"],
        ["Diversity and inclusion", "No action needed", f"Exempt Until {fmt(today + 60 * ONE)}"],
    ]
    tags = [tag["class"] for tag in page.find(id="compulsory-training").select(".govuk-tag")]
    assert tags == [
        ["govuk-tag", "govuk-tag--red"],
        ["govuk-tag"],
        ["govuk-tag", "govuk-tag--orange"],
        ["govuk-tag", "govuk-tag--green"],
        ["govuk-tag", "govuk-tag--grey"],
    ]
    assert (
        page.find(id="compulsory-training").find("a", string="Technology policy for senior leaders")["href"] == due.url
    )
    assert cells(page.find(id="courses-in-progress")) == [
        ["Open data essentials", "1 of 3 modules complete", "Continue Open data essentials"]
    ]
    [continue_link] = page.find(id="courses-in-progress").select("tbody td a")
    assert continue_link["href"] == list(started.modules())[1].url
    assert cells(page.find(id="completed-courses")) == [["Using social media", fmt(today - 5 * ONE)]]


def test_each_empty_section_says_so_and_links_to_the_catalogue(client, learner, learner_user):
    main = home(client, learner_user).find("main")
    for heading, message in [
        ("Compulsory training", "You have no compulsory training to do."),
        ("In progress", "You have no courses in progress."),
        ("Completed", "You have not completed any courses yet."),
    ]:
        section = main.find("h2", string=heading).find_parent("section")
        assert message in section.get_text()
        assert section.find("a", href="/courses/") is not None
        assert section.find("table") is None


def test_someone_without_an_hr_record_is_sent_to_their_details_not_shown_empty_learning(client):
    page = home(client, UserFactory())
    assert page.find("h2", string="Compulsory training") is None
    assert page.find("h2", string="Your details") is not None


def test_visitors_see_no_learning(client, db):
    page = BeautifulSoup(client.get("/").content, "html.parser")
    assert page.find("h2", string="Compulsory training") is None


def fill_learning(employee, count: int) -> None:
    """`count` enrolments of every kind: renewed compulsory courses, exemptions, progress, completions."""
    today = timezone.localdate()
    made = 0
    while made < count:
        course = make_course(modules=2)
        kind = made % 4
        if kind == 0 and made + 2 <= count:
            requirement = RequirementFactory(course=course)
            EnrolmentFactory(
                employee=employee, requirement=requirement, completed_on=today - 370 * ONE, expires_on=today - 5 * ONE
            )
            EnrolmentFactory(employee=employee, requirement=requirement, due_on=today - 5 * ONE)
            ExemptionFactory(
                employee=employee, requirement=RequirementFactory(course=make_course(modules=1)), until=today + 9 * ONE
            )
            made += 2
            continue
        if kind == 1:
            enrolment = EnrolmentFactory(employee=employee, course=course, requirement=None)
            ModuleCompletion.objects.create(enrolment=enrolment, module=course.modules().first())
        elif kind == 2:
            EnrolmentFactory(employee=employee, course=course, requirement=None, completed_on=today - made * ONE)
        else:
            EnrolmentFactory(
                employee=employee, requirement=RequirementFactory(course=course), due_on=today + made * ONE
            )
        made += 1


@pytest.mark.parametrize("count", [1, 40])
def test_home_query_budget_does_not_grow_with_enrolments(
    client, learner, learner_user, count, django_assert_max_num_queries
):
    fill_learning(learner, count)
    assert Enrolment.objects.filter(employee=learner).count() == count
    client.force_login(learner_user)
    client.get("/")  # the session is cached from here on, as it is for someone using the site
    with django_assert_max_num_queries(8):
        response = client.get("/")
    assert response.status_code == 200
    assert b"Compulsory training" in response.content


# Course pages ---------------------------------------------------------------------------------------


def test_course_page_tags_an_overdue_compulsory_course(client, learner, learner_user):
    course = make_course(modules=2, title="Technology policy for senior leaders")
    due_on = timezone.localdate() - 3 * ONE
    EnrolmentFactory(employee=learner, requirement=RequirementFactory(course=course), due_on=due_on)
    client.force_login(learner_user)
    page = BeautifulSoup(client.get(course.url).content, "html.parser")
    tag = page.select_one("main .govuk-tag")
    assert tag.get_text(strip=True) == "Overdue by 3 days"
    assert "govuk-tag--red" in tag["class"]
    assert f"You must complete this course by {due_on:%-d %B %Y}." in page.get_text()


def test_learner_state_gives_status_and_tag_of_an_open_compulsory_enrolment(rf, learner, learner_user):
    from enrolment.learner import learner_state

    course = make_course(modules=1)
    due_on = timezone.localdate() + 10 * ONE
    EnrolmentFactory(employee=learner, requirement=RequirementFactory(course=course), due_on=due_on)
    request = rf.get("/")
    request.user = learner_user
    state = learner_state(request, course=course, modules=list(course.modules()))
    assert (state["status"], state["due_label"], state["due_colour"], state["due_on"]) == (
        Status.DUE,
        "Due",
        "blue",
        due_on,
    )
    request.user = AnonymousUser()
    assert learner_state(request, course=course, modules=[]) is None


def test_completed_section_points_to_compulsory_completions_when_there_are_no_others(client, learner, learner_user):
    course = make_course(modules=1, title="Information management crash course")
    today = timezone.localdate()
    EnrolmentFactory(
        employee=learner,
        requirement=RequirementFactory(course=course),
        completed_on=today - timedelta(days=10),
        expires_on=today + timedelta(days=700),
    )
    section = home(client, learner_user).find("h2", string="Completed").find_parent("section")
    assert "Compulsory courses you have completed are listed under Compulsory training." in section.get_text()
