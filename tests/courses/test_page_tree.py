import pytest
from wagtail.models import Page

from content.models import HomePage
from courses.models import CataloguePage, CoursePage, ModulePage
from tests.pages import catalogue, make_course

pytestmark = pytest.mark.django_db


def test_migrations_install_one_catalogue_under_the_home_page():
    the_catalogue = catalogue()
    assert the_catalogue.get_parent().specific_class is HomePage
    assert the_catalogue.live
    assert the_catalogue.url == "/courses/"


def test_only_one_catalogue_can_exist():
    assert not CataloguePage.can_create_at(HomePage.objects.get())


@pytest.mark.parametrize(
    ("page_type", "parent_type", "allowed"),
    [
        (CoursePage, CataloguePage, True),
        (CoursePage, HomePage, False),
        (CoursePage, CoursePage, False),
        (ModulePage, CoursePage, True),
        (ModulePage, CataloguePage, False),
        (ModulePage, HomePage, False),
        (ModulePage, ModulePage, False),
    ],
)
def test_page_types_go_only_where_they_belong(page_type, parent_type, allowed):
    parents = {
        HomePage: lambda: HomePage.objects.get(),
        CataloguePage: catalogue,
        CoursePage: lambda: make_course(modules=1),
        ModulePage: lambda: ModulePage.objects.first() or make_course(modules=1).get_children().first().specific,
    }
    assert page_type.can_create_at(parents[parent_type]()) is allowed


def test_modules_are_listed_in_the_order_editors_arranged_them():
    course = make_course(modules=3)
    first, second, third = course.modules()
    third.move(first, pos="left")
    assert [m.title for m in course.modules()] == [third.title, first.title, second.title]


def test_unpublished_modules_are_not_part_of_the_course():
    course = make_course(modules=2)
    course.modules().first().unpublish()
    assert course.modules().count() == 1


def test_duration_label_reads_naturally():
    assert make_course(modules=0, duration_minutes=90).duration_label == "1 hour 30 minutes"
    assert make_course(modules=0, duration_minutes=120).duration_label == "2 hours"
    assert make_course(modules=0, duration_minutes=45).duration_label == "45 minutes"


def test_learners_only_see_published_pages(client):
    course = make_course(modules=1, publish=False)
    assert client.get(f"/courses/{course.slug}/").status_code == 404
    assert course.slug not in client.get("/courses/").content.decode()
    assert Page.objects.filter(pk=course.pk, live=False).exists()
