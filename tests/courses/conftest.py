import pytest
from django.contrib.auth.models import Group

from tests.factories import UserFactory


@pytest.fixture
def course_editor():
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Course editors"))
    return user


@pytest.fixture
def course_reviewer():
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Course reviewers"))
    return user
