"""My learning is kept rendered per person, and whatever changes what it shows is seen on the next visit.

Each test visits the home page (the sections are built and kept), changes something the way the
service does, and visits again: the page must show the change, and an unchanged page must come
from the cache.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.cache.backends.dummy import DummyCache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from freezegun import freeze_time

import enrolment.home
import enrolment.my_learning
from enrolment.assignment import assign_requirements
from enrolment.extensions import grant_exemption, grant_extension, revoke_exemption
from enrolment.models import Enrolment, Exemption, ModuleCompletion
from enrolment.progress import complete_module, mark_complete, start_course
from tests.enrolment.test_my_learning import cells, fill_learning
from tests.factories import EmployeeFactory, EnrolmentFactory, ExemptionFactory, RequirementFactory
from tests.pages import add_module, make_course

pytestmark = pytest.mark.django_db

ONE = timedelta(days=1)


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def builds(monkeypatch) -> list[int]:
    """One entry each time the sections are built rather than taken from the cache."""
    made: list[int] = []
    build = enrolment.home.my_learning

    def counting(employee, **kwargs):
        made.append(employee.pk)
        return build(employee, **kwargs)

    monkeypatch.setattr(enrolment.home, "my_learning", counting)
    return made


@pytest.fixture
def visit(client, learner_user):
    client.force_login(learner_user)

    def visit() -> BeautifulSoup:
        response = client.get("/")
        assert response.status_code == 200
        return BeautifulSoup(response.content, "html.parser")

    return visit


def table(page: BeautifulSoup, table_id: str) -> list[list[str]]:
    found = page.find(id=table_id)
    return cells(found) if found else []


def compulsory(page) -> list[list[str]]:
    return table(page, "compulsory-training")


def in_progress(page) -> list[list[str]]:
    return table(page, "courses-in-progress")


def completed(page) -> list[list[str]]:
    return table(page, "completed-courses")


def day(value: date) -> str:
    return f"{value:%-d %B %Y}"


# Kept, and the same as built ------------------------------------------------------------------------


def test_an_unchanged_page_comes_from_the_cache(visit, learner, builds):
    fill_learning(learner, 8)
    first = visit()
    second = visit()
    assert len(builds) == 1
    assert str(second.find("main")) == str(first.find("main"))


def test_the_kept_sections_are_exactly_what_building_them_gives(client, learner, learner_user, monkeypatch):
    fill_learning(learner, 12)
    client.force_login(learner_user)
    client.get("/")
    kept = client.get("/").content
    monkeypatch.setattr(enrolment.home, "cache", DummyCache("none", {}))
    assert client.get("/").content == kept
    # Byte for byte the page of the section templates included in it, as without a fingerprint.
    monkeypatch.setattr(enrolment.my_learning, "_version_sql", lambda vendor: None)
    assert client.get("/").content == kept


def test_each_person_sees_their_own_learning(client, learner, learner_user, department, grades, builds):
    other = EmployeeFactory(department=department, grade=grades["EO"], with_user=True)
    EnrolmentFactory(employee=learner, course=make_course(modules=1, title="Open data essentials"), requirement=None)
    EnrolmentFactory(employee=other, course=make_course(modules=1, title="Using social media"), requirement=None)
    client.force_login(learner_user)
    mine = BeautifulSoup(client.get("/").content, "html.parser")
    client.force_login(other.user)
    theirs = BeautifulSoup(client.get("/").content, "html.parser")
    assert [row[0] for row in in_progress(mine)] == ["Open data essentials"]
    assert [row[0] for row in in_progress(theirs)] == ["Using social media"]
    assert len(builds) == 2


# Progress -----------------------------------------------------------------------------------------


def test_completing_a_module_shows_at_once(visit, learner, builds):
    course = make_course(modules=3, title="Open data essentials")
    enrolment = start_course(employee=learner, course=course)
    assert in_progress(visit())[0][1] == "0 of 3 modules complete"
    complete_module(enrolment=enrolment, module=course.modules().first())
    assert in_progress(visit())[0][1] == "1 of 3 modules complete"
    assert len(builds) == 2


def test_completing_the_last_module_moves_the_course_to_completed(visit, learner):
    course = make_course(modules=1, title="Open data essentials")
    enrolment = start_course(employee=learner, course=course)
    assert [row[0] for row in in_progress(visit())] == ["Open data essentials"]
    complete_module(enrolment=enrolment, module=course.modules().first())
    page = visit()
    assert in_progress(page) == []
    assert [row[0] for row in completed(page)] == ["Open data essentials"]


def test_starting_a_course_shows_at_once(visit, learner):
    assert in_progress(visit()) == []
    start_course(employee=learner, course=make_course(modules=2, title="Open data essentials"))
    assert [row[0] for row in in_progress(visit())] == ["Open data essentials"]


def test_completing_compulsory_training_makes_the_person_compliant(visit, learner):
    course = make_course(modules=1, title="Security and you")
    enrolment = EnrolmentFactory(
        employee=learner, requirement=RequirementFactory(course=course), due_on=timezone.localdate() + 10 * ONE
    )
    assert compulsory(visit())[0][2] == "Due"
    mark_complete(enrolment=enrolment)
    assert compulsory(visit())[0][2].startswith("Compliant")


# The engine: assignment, adoption, withdrawal, missing expiries (set-based statements) ----------------


def test_a_new_requirement_assigned_by_the_engine_shows_at_once(visit, learner):
    assert compulsory(visit()) == []
    RequirementFactory(course=make_course(modules=1, title="Security and you"))
    assign_requirements()
    assert [row[0] for row in compulsory(visit())] == ["Security and you"]


def test_a_chosen_course_the_engine_makes_compulsory_moves_to_compulsory_training(visit, learner):
    course = make_course(modules=2, title="Security and you")
    start_course(employee=learner, course=course)
    assert [row[0] for row in in_progress(visit())] == ["Security and you"]
    RequirementFactory(course=course)
    assert assign_requirements().adopted == 1
    page = visit()
    assert in_progress(page) == []
    assert [row[0] for row in compulsory(page)] == ["Security and you"]


def test_leaving_the_audience_withdraws_the_compulsory_course(visit, learner, grades):
    course = make_course(modules=1, title="Security and you")
    rule = RequirementFactory(course=course)
    assign_requirements()
    assert [row[0] for row in compulsory(visit())] == ["Security and you"]
    rule.grades.set([grades["SCS1"]])
    assert assign_requirements().withdrawn == 1
    assert compulsory(visit()) == []


def test_an_expiry_the_engine_sets_on_an_old_completion_shows_at_once(visit, learner):
    course = make_course(modules=1, title="Security and you")
    today = timezone.localdate()
    EnrolmentFactory(employee=learner, course=course, requirement=None, completed_on=today - 30 * ONE)
    assert [row[0] for row in completed(visit())] == ["Security and you"]
    RequirementFactory(course=course, renewal_months=12)
    assert assign_requirements().expiries_set == 1
    [row] = compulsory(visit())
    assert row[0] == "Security and you"
    assert row[2].startswith("Compliant Valid until")


def test_a_change_made_without_touching_updated_at_is_still_seen(visit, learner):
    course = make_course(modules=1, title="Security and you")
    today = timezone.localdate()
    enrolment = EnrolmentFactory(
        employee=learner, requirement=RequirementFactory(course=course), due_on=today + 10 * ONE
    )
    assert compulsory(visit())[0][1] == day(today + 10 * ONE)
    Enrolment.objects.filter(pk=enrolment.pk).update(due_on=today + 20 * ONE)  # no updated_at
    assert compulsory(visit())[0][1] == day(today + 20 * ONE)


# Extensions and exemptions --------------------------------------------------------------------------


def test_an_extension_moves_the_date_at_once(visit, learner, hr_user):
    course = make_course(modules=1, title="Security and you")
    today = timezone.localdate()
    enrolment = EnrolmentFactory(
        employee=learner, requirement=RequirementFactory(course=course), due_on=today - 3 * ONE
    )
    assert compulsory(visit())[0][1:] == [day(today - 3 * ONE), "Overdue by 3 days"]
    grant_extension(enrolment=enrolment, due_on=today + 30 * ONE, reason="Long-term sick leave", granted_by=hr_user)
    assert compulsory(visit())[0][1:] == [day(today + 30 * ONE), "Due"]


def test_an_exemption_and_its_revocation_show_at_once(visit, learner, hr_user):
    course = make_course(modules=1, title="Security and you")
    today = timezone.localdate()
    rule = RequirementFactory(course=course)
    EnrolmentFactory(employee=learner, requirement=rule, due_on=today - 3 * ONE)
    assert compulsory(visit())[0][2] == "Overdue by 3 days"
    exemption = grant_exemption(
        employee=learner, requirement=rule, until=today + 60 * ONE, reason="Parental leave", granted_by=hr_user
    )
    assert compulsory(visit())[0][2] == f"Exempt Until {day(today + 60 * ONE)}"
    grant_exemption(employee=learner, requirement=rule, until=today + 90 * ONE, reason="Longer", granted_by=hr_user)
    assert compulsory(visit())[0][2] == f"Exempt Until {day(today + 90 * ONE)}"
    revoke_exemption(exemption=Exemption.objects.in_force(on=today).get(), revoked_by=hr_user, reason="Back early")
    assert exemption.pk != Exemption.objects.latest("pk").pk
    assert compulsory(visit())[0][2] == "Overdue by 3 days"


def test_an_exemption_from_a_course_never_assigned_shows_its_course(visit, learner):
    course = make_course(modules=1, title="Diversity and inclusion")
    assert compulsory(visit()) == []
    ExemptionFactory(
        employee=learner, requirement=RequirementFactory(course=course), until=timezone.localdate() + 9 * ONE
    )
    page = visit()
    assert compulsory(page)[0][0] == "Diversity and inclusion"
    assert page.find(id="compulsory-training").find("a", string="Diversity and inclusion")["href"] == course.url


def test_a_changed_renewal_window_changes_the_status(visit, learner):
    course = make_course(modules=1, title="Security and you")
    today = timezone.localdate()
    rule = RequirementFactory(course=course, recertification_window_days=30)
    EnrolmentFactory(employee=learner, requirement=rule, completed_on=today - 300 * ONE, expires_on=today + 60 * ONE)
    assert compulsory(visit())[0][2].startswith("Compliant")
    rule.recertification_window_days = 90
    rule.save()
    assert compulsory(visit())[0][2].startswith("Expiring")


# Courses and modules changed in Wagtail -------------------------------------------------------------


def test_a_course_renamed_and_published_shows_its_new_title(visit, learner):
    course = make_course(modules=2, title="Open data essentials")
    start_course(employee=learner, course=course)
    assert in_progress(visit())[0][0] == "Open data essentials"
    course.title = "Open data: the essentials"
    course.save_revision().publish()
    assert in_progress(visit())[0][0] == "Open data: the essentials"


def test_an_unpublished_course_is_no_longer_a_link(visit, learner):
    course = make_course(modules=2, title="Open data essentials")
    start_course(employee=learner, course=course)
    assert visit().find(id="courses-in-progress").find("a", string="Open data essentials") is not None
    course.unpublish()
    page = visit()
    assert in_progress(page)[0][0] == "Open data essentials"
    assert page.find(id="courses-in-progress").find("a", string="Open data essentials") is None


def test_modules_unpublished_or_added_change_the_count(visit, learner):
    course = make_course(modules=3, title="Open data essentials")
    start_course(employee=learner, course=course)
    assert in_progress(visit())[0][1] == "0 of 3 modules complete"
    course.modules().last().unpublish()
    assert in_progress(visit())[0][1] == "0 of 2 modules complete"
    add_module(course)
    add_module(course)
    assert in_progress(visit())[0][1] == "0 of 4 modules complete"


def continue_link(page) -> str:
    links = page.find(id="courses-in-progress").find_all("a")
    return next(link["href"] for link in links if "Continue" in link.get_text())


def test_publishing_a_page_the_person_does_not_see_keeps_their_sections(visit, learner, builds):
    start_course(employee=learner, course=make_course(modules=2, title="Open data essentials"))
    other = make_course(modules=2, title="Using social media")
    visit()
    other.title = "Social media at work"
    other.save_revision().publish()
    other.modules().first().save_revision().publish()
    add_module(other)
    page = visit()
    assert [row[0] for row in in_progress(page)] == ["Open data essentials"]
    assert len(builds) == 1, "a publish elsewhere must not rebuild everyone's My learning"


def test_publishing_a_module_of_their_course_renamed_shows_at_once(visit, learner, builds):
    course = make_course(modules=2, title="Open data essentials")
    start_course(employee=learner, course=course)
    module = course.modules().first()
    assert continue_link(visit()).endswith(f"/{module.slug}/")
    module.slug = "what-open-data-is"
    module.save_revision().publish()
    assert continue_link(visit()).endswith("/what-open-data-is/")
    assert len(builds) == 2


def test_a_new_address_for_the_catalogue_moves_every_course_link(visit, learner):
    course = make_course(modules=1, title="Open data essentials")
    start_course(employee=learner, course=course)
    before = visit().find(id="courses-in-progress").find("a", string="Open data essentials")["href"]
    catalogue = course.get_parent().specific
    catalogue.slug = "learning-catalogue"
    catalogue.save_revision().publish()
    after = visit().find(id="courses-in-progress").find("a", string="Open data essentials")["href"]
    assert before != after
    assert "/learning-catalogue/" in after


# The day --------------------------------------------------------------------------------------------


def test_the_next_day_counts_one_more_day_overdue(client, learner, learner_user):
    london = ZoneInfo("Europe/London")
    with freeze_time(datetime(2026, 11, 26, 23, 50, tzinfo=london)) as clock:
        course = make_course(modules=1, title="Security and you")
        EnrolmentFactory(employee=learner, requirement=RequirementFactory(course=course), due_on=date(2026, 11, 23))
        client.force_login(learner_user)
        first = BeautifulSoup(client.get("/").content, "html.parser")
        clock.move_to(datetime(2026, 11, 27, 0, 5, tzinfo=london))
        second = BeautifulSoup(client.get("/").content, "html.parser")
    assert compulsory(first)[0][2] == "Overdue by 3 days"
    assert compulsory(second)[0][2] == "Overdue by 4 days"


# Queries --------------------------------------------------------------------------------------------


class StatementsSent:
    """The SQL of each statement, as sent (installed with connection.execute_wrapper)."""

    def __init__(self):
        self.sqls: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        self.sqls.append(sql)
        return execute(sql, params, many, context)


@pytest.mark.parametrize("count", [1, 40])
def test_query_budget_whether_kept_or_built(client, learner, learner_user, count, builds):
    fill_learning(learner, count)
    client.force_login(learner_user)
    client.get("/")  # the session and the sections are cached from here on
    with CaptureQueriesContext(connection) as kept, connection.execute_wrapper(record := StatementsSent()):
        assert client.get("/").status_code == 200
    enrolment = Enrolment.objects.filter(employee=learner, completed_at__isnull=True).first()
    ModuleCompletion.objects.create(enrolment=enrolment, module=enrolment.course.specific.modules().first())
    with CaptureQueriesContext(connection) as built:
        assert client.get("/").status_code == 200
    assert len(builds) == 2
    # Without a shared cache (as here): the content generation and the session from the database, then
    # the user with their roles, and My learning's fingerprint. With Redis the first two are not queries.
    # (On PostgreSQL Django records the prepared ones without their SQL: it is taken as sent.)
    sqls = record.sqls
    assert len(kept) == len(sqls) == 4
    assert '"content_contentgeneration"' in sqls[0]
    assert '"django_session"' in sqls[1]
    assert len(built) == len(kept) + 1  # the enrolments; the exemptions come with the fingerprint


def test_without_a_fingerprint_nothing_is_kept(visit, learner, builds, monkeypatch):
    monkeypatch.setattr(enrolment.my_learning, "_version_sql", lambda vendor: None)
    start_course(employee=learner, course=make_course(modules=2, title="Open data essentials"))
    assert in_progress(visit())[0][0] == "Open data essentials"
    assert in_progress(visit())[0][0] == "Open data essentials"
    assert len(builds) == 2


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL plan")
def test_the_fingerprint_finds_the_persons_courses_by_id_not_by_reading_every_page(learner):
    """With 40 courses of 30 modules an OR of two INs read all the site's pages on every visit."""
    course = make_course(modules=2, title="Open data essentials")
    start_course(employee=learner, course=course)
    ExemptionFactory(
        employee=learner,
        requirement=RequirementFactory(course=make_course(modules=1, title="Diversity")),
        until=timezone.localdate() + ONE,
    )
    sql = enrolment.my_learning._version_sql(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # what a large site's planner chooses anyway
        cursor.execute(f"EXPLAIN {sql}", {"employee": learner.pk, "today": timezone.localdate()})
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Seq Scan on wagtailcore_page" not in plan, plan
