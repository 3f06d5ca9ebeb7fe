"""The bare references `manage.py bench` prints beside each hot path do the same work, and only that."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client, override_settings

from bench import reference
from bench.engine import reference as engine_reference
from bench.engine import reference_sql
from enrolment.models import Enrolment
from people.models import Employee
from tests.enrolment.test_my_learning import fill_learning
from tests.pages import make_course

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [1, 40])
def test_my_learning_s_reference_is_one_table_of_the_enrolments_in_three_queries(
    learner, learner_user, count, django_assert_num_queries
):
    fill_learning(learner, count)
    with override_settings(ROOT_URLCONF="bench.reference", MIDDLEWARE=reference.MIDDLEWARE):
        client = Client()
        client.force_login(learner_user)
        with django_assert_num_queries(3):  # the session, the user with their roles, the enrolments
            response = client.get(reference.URL)
    assert response.status_code == 200
    rows = BeautifulSoup(response.content, "html.parser").select("tbody tr")
    assert len(rows) == Enrolment.objects.filter(employee=learner).count() >= count


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the engine's reference is PostgreSQL SQL")
@pytest.mark.parametrize("scs_only", [False, True])
def test_the_engine_s_reference_inserts_one_row_per_person_in_the_audience_and_keeps_none(
    department, grades, learner, scs_only
):
    from tests.factories import EmployeeFactory

    EmployeeFactory(department=department, grade=grades["SCS1"])
    EmployeeFactory(department=department, grade=grades["SCS2"])
    EmployeeFactory(department=department, grade=grades["EO"], is_active=False)
    course = make_course(modules=1)
    sql, params = reference_sql(course_id=course.pk, scs_rank=grades["SCS1"].rank if scs_only else None)
    _seconds, rows = engine_reference(sql, params)
    audience = Employee.objects.filter(is_active=True)
    if scs_only:
        audience = audience.filter(grade__rank__gte=grades["SCS1"].rank)
    assert rows == audience.count()
    assert not Enrolment.objects.filter(course=course).exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the engine's reference is PostgreSQL SQL")
@pytest.mark.parametrize("scope", ["everyone", "SCS in one department and below"])
def test_the_re_evaluation_reference_changes_the_rows_the_engine_changes_and_keeps_none(grades, scope):
    from datetime import UTC, date, datetime, timedelta

    from django.utils import timezone

    from bench.engine import reevaluate_reference_sql, reference_statements
    from enrolment.assignment import assign_requirements
    from tests.factories import (
        DepartmentFactory,
        EmployeeFactory,
        EnrolmentFactory,
        ExemptionFactory,
        RequirementFactory,
    )

    today = date(2026, 11, 26)
    parent = DepartmentFactory(code="PARENT")
    child = DepartmentFactory(code="CHILD", parent=parent)
    course = make_course(modules=1)
    rule = RequirementFactory(
        name="Rule", course=course, due_within_days=30, renewal_months=12, starts_on=date(2020, 1, 1)
    )
    if scope != "everyone":
        rule.minimum_grade = grades["SCS1"]
        rule.save()
        rule.departments.set([parent])
    retired = RequirementFactory(
        name="Retired", course=make_course(modules=1), due_within_days=30, starts_on=date(2020, 1, 1), is_active=False
    )
    long_ago = datetime(2023, 5, 2, 10, tzinfo=UTC)

    def someone(**fields):
        return EmployeeFactory(department=child, grade=grades["SCS1"], **fields)

    def enrolment(employee, **fields):
        # The model's defaults, not the factory's: chosen (source "self") even with a requirement, no due date.
        fields = {"requirement": None, "source": Enrolment.Source.SELF, "due_on": None, **fields}
        return EnrolmentFactory(employee=employee, course=course, enrolled_at=long_ago, **fields)

    someone()  # new: assigned
    enrolment(someone(), source="self")  # chose it: adopted
    enrolment(someone(), withdrawn_at=long_ago)  # came back: resumed
    enrolment(someone(), requirement=rule, completed_at=long_ago, expires_on=today - timedelta(days=3))  # renewed
    enrolment(someone(), completed_at=long_ago)  # completed before the rule: an expiry, then a renewal
    enrolment(someone(is_active=False, end_date=today), requirement=rule, due_on=today)  # left: withdrawn
    exempt = someone()
    ExemptionFactory(employee=exempt, requirement=rule, until=today, reason="Leave")
    EmployeeFactory(department=DepartmentFactory(code="ELSEWHERE"), grade=grades["EO"])  # everyone's only
    EnrolmentFactory(  # retired: withdrawn
        employee=someone(), requirement=retired, source=Enrolment.Source.SELF, enrolled_at=timezone.now(), due_on=None
    )
    before = list(Enrolment.objects.order_by("pk").values())

    _seconds, rows, _checks = reference_statements(reevaluate_reference_sql([rule, retired], today=today))

    assert list(Enrolment.objects.order_by("pk").values()) == before
    result = assign_requirements(today=today, requirements=[rule, retired])
    assert rows == result.changed
    # Every kind of change is there: the reference is checked against each of the engine's statements.
    assert (result.assigned, result.adopted, result.resumed, result.renewals, result.expiries_set) == (
        2 + (scope == "everyone"),  # the new person, the one whose only enrolment is elsewhere (and EO elsewhere)
        1,
        1,
        2,
        1,
    )
    assert result.withdrawn == 2


def test_a_reference_client_and_a_site_client_are_timed_one_request_of_each_in_turn(learner, learner_user):
    from bench.timing import time_in_turn

    fill_learning(learner, 3)
    site = Client()
    site.force_login(learner_user)
    with override_settings(ROOT_URLCONF="bench.reference", MIDDLEWARE=reference.MIDDLEWARE):
        bare = Client()
        bare.force_login(learner_user)
        assert bare.get(reference.URL).status_code == 200  # its first request loads the reference's middleware
    served: list[str] = []

    class Recording:
        def __init__(self, client):
            self.client = client

        def get(self, url):
            response = self.client.get(url)
            served.append(f"{url} {response.status_code} {'<title>My learning</title>' in response.content.decode()}")
            return response

    medians = time_in_turn([(Recording(site), "/"), (Recording(bare), reference.URL)], requests=3, warmup=1)
    assert len(medians) == 2
    assert all(median > 0 for median in medians)
    # Outside override_settings the reference still answers with its own page, the site with its home page.
    assert served == ["/ 200 False", f"{reference.URL} 200 True"] * 4
