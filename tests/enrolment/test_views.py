import pytest

from enrolment.models import Enrolment, ModuleCompletion
from tests.factories import UserFactory
from tests.pages import make_course

pytestmark = pytest.mark.django_db


def test_visitors_read_courses_and_are_invited_to_sign_in(client):
    course = make_course(modules=2)
    html = client.get(course.url).content.decode()
    assert "Sign in</a> to record your progress" in html
    assert "Start course" not in html
    assert client.get(course.modules().first().url).status_code == 200


def test_visitors_cannot_record_progress(client):
    course = make_course(modules=1)
    response = client.post(f"/learning/courses/{course.pk}/start/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert not Enrolment.objects.exists()


def test_starting_only_accepts_post(client, learner_user):
    course = make_course(modules=1)
    client.force_login(learner_user)
    assert client.get(f"/learning/courses/{course.pk}/start/").status_code == 405


def test_start_course_then_continue_from_the_first_incomplete_module(client, learner, learner_user):
    course = make_course(modules=3)
    first, second, third = course.modules()
    client.force_login(learner_user)
    assert "Start course" in client.get(course.url).content.decode()

    response = client.post(f"/learning/courses/{course.pk}/start/")
    assert response.url == first.url

    response = client.post(f"/learning/modules/{first.pk}/complete/")
    assert response.url == second.url
    response = client.post(f"/learning/modules/{second.pk}/complete/")
    assert response.url == third.url

    html = client.get(course.url).content.decode()
    assert "2 of 3 modules complete" in html
    assert 'aria-valuenow="2"' in html
    assert f'href="{third.url}" role="button"' in html
    assert ">Continue<" in html
    assert Enrolment.objects.get(employee=learner).completed_at is None


def test_completing_the_last_module_completes_the_course(client, learner, learner_user):
    course = make_course(modules=2, title="Open data essentials")
    first, second = course.modules()
    client.force_login(learner_user)
    client.post(f"/learning/modules/{first.pk}/complete/")
    response = client.post(f"/learning/modules/{second.pk}/complete/", follow=True)
    assert response.redirect_chain[-1][0] == course.url
    html = response.content.decode()
    assert "You have completed Open data essentials." in html
    assert "You completed this course on" in html
    assert Enrolment.objects.get(employee=learner).completed_at is not None


def test_marking_complete_twice_changes_nothing(client, learner_user):
    course = make_course(modules=2)
    first = course.modules().first()
    client.force_login(learner_user)
    client.post(f"/learning/modules/{first.pk}/complete/")
    client.post(f"/learning/modules/{first.pk}/complete/")
    assert ModuleCompletion.objects.count() == 1
    assert Enrolment.objects.count() == 1


def test_module_page_offers_mark_as_complete_and_shows_the_learners_place(client, learner_user):
    course = make_course(modules=3)
    first, second, _third = course.modules()
    client.force_login(learner_user)
    client.post(f"/learning/modules/{first.pk}/complete/")
    html = client.get(second.url).content.decode()
    assert "module 2 of 3" in html
    assert "Mark as complete and continue" in html
    assert f'action="/learning/modules/{second.pk}/complete/"' in html
    assert "(complete)" in html
    assert "Complete</strong> You have completed this module." in client.get(first.url).content.decode()


def test_an_account_without_an_hr_record_is_told_why_progress_is_not_recorded(client):
    user = UserFactory()
    course = make_course(modules=1)
    client.force_login(user)
    assert "not linked to an HR record" in client.get(course.url).content.decode()
    response = client.post(f"/learning/courses/{course.pk}/start/", follow=True)
    assert "not linked to an HR record" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_unpublished_courses_cannot_be_started(client, learner_user):
    course = make_course(modules=1, publish=False)
    client.force_login(learner_user)
    assert client.post(f"/learning/courses/{course.pk}/start/").status_code == 404
    module = course.get_children().first()
    assert module.live
    assert client.post(f"/learning/modules/{module.pk}/complete/").status_code == 404
    assert client.get(module.url).status_code == 404
    assert not Enrolment.objects.exists()


def test_unpublished_modules_cannot_be_completed(client, learner_user):
    course = make_course(modules=2)
    module = course.modules().last()
    module.unpublish()
    client.force_login(learner_user)
    assert client.post(f"/learning/modules/{module.pk}/complete/").status_code == 404


def test_a_deployment_can_require_sign_in_to_read_courses(client, settings, learner_user):
    settings.COURSES_REQUIRE_SIGN_IN = True
    course = make_course(modules=1)
    for url in ("/courses/", course.url, course.modules().first().url):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/?next=")
    client.force_login(learner_user)
    assert client.get(course.url).status_code == 200
