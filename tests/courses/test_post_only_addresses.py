"""Opening a button's address (a POST-only view) shows a GOV.UK page, not an empty 405."""

import pytest

from tests.pages import make_course

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("address", ["/learning/courses/{course}/start/", "/learning/modules/{module}/complete/"])
def test_opening_a_post_only_address_shows_a_page(client, learner_user, address):
    course = make_course(modules=1)
    client.force_login(learner_user)
    response = client.get(address.format(course=course.pk, module=course.modules().first().pk))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    html = response.content.decode()
    assert "This page cannot be opened directly" in html
    assert 'class="govuk-template' in html
