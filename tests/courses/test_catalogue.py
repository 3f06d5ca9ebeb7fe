import pytest

from courses.models import Topic
from tests.pages import add_module, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def topics():
    return {
        "open-data": Topic.objects.create(name="Open data", slug="open-data"),
        "security": Topic.objects.create(name="Security", slug="security"),
    }


def titles(response) -> list[str]:
    return [course.title for course in response.context["courses"]]


def test_lists_published_courses_by_title(client):
    make_course(title="Open data essentials", modules=0)
    make_course(title="Analysing data for policy", modules=0)
    make_course(title="Draft course", modules=0, publish=False)
    response = client.get("/courses/")
    assert response.status_code == 200
    assert titles(response) == ["Analysing data for policy", "Open data essentials"]
    assert "2 courses" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("topic=open-data", ["Open data essentials", "Publishing datasets"]),
        ("topic=open-data&topic=security", ["Open data essentials", "Protective security", "Publishing datasets"]),
        ("level=expert", ["Publishing datasets"]),
        ("duration=under-1-hour", ["Protective security"]),
        ("duration=1-to-3-hours", ["Open data essentials"]),
        ("duration=over-3-hours", ["Publishing datasets"]),
        ("duration=under-1-hour&duration=over-3-hours", ["Protective security", "Publishing datasets"]),
        ("topic=open-data&level=awareness", ["Open data essentials"]),
        ("level=nonsense&duration=forever", ["Open data essentials", "Protective security", "Publishing datasets"]),
        ("topic=no-such-topic", []),
    ],
)
def test_filters_by_topic_level_and_duration(client, topics, query, expected):
    make_course(title="Open data essentials", modules=0, topics=[topics["open-data"]], duration_minutes=90)
    make_course(
        title="Publishing datasets", modules=0, topics=[topics["open-data"]], level="expert", duration_minutes=240
    )
    make_course(title="Protective security", modules=0, topics=[topics["security"]], duration_minutes=30)
    assert titles(client.get(f"/courses/?{query}")) == expected


def test_search_finds_courses_and_ranks_the_better_match_first(client):
    make_course(
        title="Freedom of information requests",
        modules=0,
        summary="Information rights: answering requests for information within 20 working days.",
    )
    make_course(title="Records management", modules=0, summary="Keeping records so information can be found.")
    make_course(title="Live chat", modules=0, summary="Running a chat service.")
    response = client.get("/courses/?q=information")
    assert titles(response)[0] == "Freedom of information requests"
    assert set(titles(response)) == {"Freedom of information requests", "Records management"}
    assert "matching “information”" in response.content.decode()


def test_search_finds_a_course_through_its_module_text(client):
    course = make_course(title="Publishing", modules=0)
    add_module(course, text="The motivated intruder test checks re-identification risk.")
    make_course(title="Unrelated", modules=1)
    assert titles(client.get("/courses/?q=intruder")) == ["Publishing"]


def test_search_combines_with_filters(client, topics):
    make_course(title="Open data licences", modules=0, topics=[topics["open-data"]])
    make_course(title="Security licences", modules=0, topics=[topics["security"]])
    assert titles(client.get("/courses/?q=licences&topic=security")) == ["Security licences"]


def test_search_with_no_results_says_what_to_try(client):
    make_course(title="Open data", modules=0)
    html = client.get("/courses/?q=zebra").content.decode()
    assert "No courses match “zebra”" in html
    assert "searching for fewer or different words" in html


def test_unpublished_courses_and_modules_never_appear_in_search(client):
    draft = make_course(title="Secret plans", modules=0, publish=False)
    add_module(draft, text="confidential")
    live = make_course(title="Public course", modules=0)
    add_module(live, text="confidential", publish=False)
    assert titles(client.get("/courses/?q=confidential")) == []
    assert titles(client.get("/courses/?q=secret")) == []


def test_paginates_twelve_to_a_page_keeping_the_filters(client, topics):
    for number in range(14):
        make_course(title=f"Course {number:02}", modules=0, topics=[topics["open-data"]])
    first = client.get("/courses/?topic=open-data")
    assert len(titles(first)) == 12
    html = first.content.decode()
    assert 'href="?topic=open-data&amp;page=2"' in html
    assert 'aria-current="page"' in html
    second = client.get("/courses/?topic=open-data&page=2")
    assert titles(second) == ["Course 12", "Course 13"]
    assert "(page 2 of 2)" in second.content.decode()
    assert client.get("/courses/?page=99").status_code == 200


@pytest.mark.parametrize("count", [1, 30])
def test_catalogue_query_budget_does_not_grow_with_courses(client, topics, count, django_assert_max_num_queries):
    for _ in range(count):
        make_course(modules=0, topics=[topics["open-data"], topics["security"]])
    with django_assert_max_num_queries(13):
        assert client.get("/courses/").status_code == 200


@pytest.mark.parametrize("count", [1, 30])
def test_catalogue_search_query_budget(client, count, django_assert_max_num_queries):
    for _ in range(count):
        add_module(make_course(modules=0, summary="Open data for everyone"), text="open data")
    with django_assert_max_num_queries(14):
        assert client.get("/courses/?q=open+data&level=awareness").status_code == 200


@pytest.mark.parametrize("count", [1, 30])
def test_course_page_query_budget_does_not_grow_with_modules(
    client, learner_user, count, django_assert_max_num_queries
):
    course = make_course(modules=count)
    client.force_login(learner_user)
    client.post(f"/learning/courses/{course.pk}/start/")
    # 14: the content generation (no Redis), the site and a content type read cold, the session, the page.
    with django_assert_max_num_queries(14):
        response = client.get(course.url)
    assert response.status_code == 200
    assert "Start course" in response.content.decode()  # started, no module done yet


@pytest.mark.parametrize("count", [1, 30])
def test_module_page_query_budget_does_not_grow_with_modules(
    client, learner_user, count, django_assert_max_num_queries
):
    course = make_course(modules=count)
    client.force_login(learner_user)
    module = course.modules().last()
    client.post(f"/learning/courses/{course.pk}/start/")
    with django_assert_max_num_queries(11):
        assert client.get(module.url).status_code == 200
