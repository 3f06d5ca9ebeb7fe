"""Whatever a person types into the catalogue's search, they get results or "no results", never an error."""

import pytest

from tests.pages import add_module, make_course

pytestmark = pytest.mark.django_db

AWKWARD = [
    '"open',
    'open"',
    '"open data"',
    "a\x00b",
    "\x00",
    "open (data",
    "open) data",
    "()",
    "AND",
    "OR",
    "NOT",
    "open AND",
    "OR data",
    "NOT open",
    "NEAR(open data)",
    "*",
    "open*",
    "*data",
    "-",
    "-open",
    "open -data",
    "+open",
    "^open",
    "open:data",
    "title:open",
    "{open}",
    "[open]",
    "open & data | !x",
    "open <-> data",
    "'open'",
    "o'neill",
    "%",
    "_",
    "\\",
    "open\\",
    '\\"open',
    "   ",
    "\t\n",
    "🙂",
    "open 🙂 data",
    "ﬁle",
    "ǅ",
    "x" * 10_000,
    "open " * 500,
    "; DROP TABLE courses_coursepage; --",
    "\u202eatad nepo",
    "open\u200bdata",
]


@pytest.mark.parametrize("text", AWKWARD, ids=lambda text: repr(text[:20]))
def test_any_search_text_answers_a_page(client, text):
    course = make_course(title="Open data essentials", modules=0)
    add_module(course, title="Publishing open data", text="Councils publish open data.")
    response = client.get("/courses/", {"q": text})
    assert response.status_code == 200
    assert all(course.title == "Open data essentials" for course in response.context["courses"])


def test_a_quote_does_not_stop_the_search_finding_what_it_names(client):
    make_course(title="Open data essentials", modules=0)
    make_course(title="Protective security", modules=0)
    for text in ('"open', 'open"', '"open data"', "open (data", "open*"):
        titles = [course.title for course in client.get("/courses/", {"q": text}).context["courses"]]
        assert titles == ["Open data essentials"], text
