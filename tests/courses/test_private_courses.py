"""A private course (a Wagtail view restriction) is out of reach of those it is not for, everywhere."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from enrolment.models import Enrolment
from tests.pages import add_module, make_course

pytestmark = pytest.mark.django_db


def restrict(page, *, to_group: str | None = None) -> PageViewRestriction:
    if to_group is None:
        return PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get_or_create(name=to_group)[0])
    return restriction


@pytest.fixture
def hr_only_course():
    course = make_course(modules=0, title="Restricted redundancy programme", summary="Confidential summary")
    add_module(course, text="zanzibarquokka")
    restrict(course, to_group="HR officers")
    return course


def test_the_catalogue_neither_lists_nor_searches_a_course_you_may_not_see(client, learner_user, hr_only_course):
    make_course(modules=0, title="Open data for everyone")
    for who in (None, learner_user):
        if who:
            client.force_login(who)
        listing = client.get("/courses/").content.decode()
        assert "Open data for everyone" in listing
        assert "Restricted redundancy programme" not in listing
        assert "Confidential summary" not in listing
        assert "Restricted redundancy programme" not in client.get("/courses/?q=zanzibarquokka").content.decode()
        assert "Restricted redundancy programme" not in client.get("/courses/?q=redundancy").content.decode()


def test_those_it_is_for_find_it(client, hr_user, hr_only_course):
    client.force_login(hr_user)
    assert "Restricted redundancy programme" in client.get("/courses/").content.decode()
    assert "Restricted redundancy programme" in client.get("/courses/?q=zanzibarquokka").content.decode()


def test_a_course_for_signed_in_people_is_listed_once_signed_in(client, learner_user):
    restrict(make_course(modules=0, title="Staff only course"))
    assert "Staff only course" not in client.get("/courses/").content.decode()
    client.force_login(learner_user)
    assert "Staff only course" in client.get("/courses/").content.decode()


def test_you_cannot_start_or_complete_a_course_you_may_not_see(client, learner, hr_only_course):
    module = hr_only_course.modules().first()
    client.force_login(learner.user)
    assert client.get(hr_only_course.url).status_code == 302
    assert client.post(f"/learning/courses/{hr_only_course.pk}/start/").status_code == 404
    assert client.post(f"/learning/modules/{module.pk}/complete/").status_code == 404
    assert not Enrolment.objects.filter(employee=learner, course=hr_only_course).exists()


def test_a_private_prerequisite_is_named_only_to_those_it_is_for(client, learner_user, hr_user, hr_only_course):
    course = make_course(modules=1, title="Managing change")
    course.prerequisites.add(hr_only_course)
    course.save()
    client.force_login(learner_user)
    page = client.get(course.url).content.decode()
    assert "Managing change" in page
    assert "Restricted redundancy programme" not in page
    client.force_login(hr_user)
    assert "Restricted redundancy programme" in client.get(course.url).content.decode()
