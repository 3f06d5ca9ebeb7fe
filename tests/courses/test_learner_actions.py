"""What the course page offers a signed-in learner: start, continue, or completed."""

import pytest

from enrolment.models import ModuleCompletion
from tests.factories import EnrolmentFactory, RequirementFactory
from tests.pages import make_course

pytestmark = pytest.mark.django_db


def test_an_untouched_compulsory_course_offers_start_course(client, learner, learner_user):
    course = make_course(modules=5)
    EnrolmentFactory(employee=learner, requirement=RequirementFactory(course=course))  # open, due in 30 days
    client.force_login(learner_user)
    html = client.get(course.url).content.decode()
    assert "Start course" in html
    assert f'href="{course.modules().first().url}" role="button"' in html
    assert "0 of 5 modules complete" not in html
    assert ">Continue<" not in html
    assert "You must complete this course by" in html


def test_a_compulsory_course_with_a_module_done_offers_continue(client, learner, learner_user):
    course = make_course(modules=5)
    enrolment = EnrolmentFactory(employee=learner, requirement=RequirementFactory(course=course))
    first, second, *_ = course.modules()
    ModuleCompletion.objects.create(enrolment=enrolment, module=first)
    client.force_login(learner_user)
    html = client.get(course.url).content.decode()
    assert "1 of 5 modules complete" in html
    assert f'href="{second.url}" role="button"' in html
    assert ">Continue<" in html
    assert "Start course" not in html
