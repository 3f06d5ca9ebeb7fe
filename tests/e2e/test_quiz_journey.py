"""A learner takes a course's quiz: fails, waits, retakes, passes and sees the course completed; and a
learner with extra time sees it on the start page and gets it in the attempt.

The quiz is made here (not the demo's) so the test knows its questions; the accounts are the demo's.
"""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from assessments.models import Attempt
from people.models import Employee
from tests.e2e.journeys import sign_in
from tests.factories import CoursePageFactory, QuizPageFactory, WorkplaceAdjustmentFactory, choice_question

pytestmark = pytest.mark.e2e

QUESTIONS = [
    choice_question(
        "Which licence do most UK government datasets use?",
        [("Open Government Licence", True), ("All rights reserved", False), ("No licence", False)],
        key="licence",
    ),
    choice_question(
        "Which date format should a CSV use?",
        [("2026-03-31", True), ("31/03/26", False), ("March 31st", False)],
        key="dates",
    ),
    choice_question(
        "Select the signs of a tidy CSV file",
        [("One header row", True), ("Plain numbers", True), ("A totals row", False)],
        many=True,
        key="tidy",
    ),
]


@pytest.fixture
def quiz_course(demo_data):
    course = CoursePageFactory(title="Publishing tidy data", slug="publishing-tidy-data", modules=1)
    quiz = QuizPageFactory(
        parent=course, title="Tidy data quiz", questions=QUESTIONS, pass_mark=100, wait_after_fail_minutes=30
    )
    return course, quiz


def answer(page: Page, *labels: str) -> None:
    for label in labels:
        page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name=re.compile(r"^(Continue|Save and check your answers)$")).click()


def answer_the_question_shown(page: Page, *, date_wrong: bool = False) -> None:
    """The attempt draws the questions in a random order: answer whichever is shown."""
    text = page.get_by_role("heading", level=1).inner_text()
    if "licence" in text:
        answer(page, "Open Government Licence")
    elif "date format" in text:
        answer(page, "31/03/26" if date_wrong else "2026-03-31")
    else:
        answer(page, "One header row", "Plain numbers")


def test_fail_wait_retake_pass_and_complete_the_course(page: Page, visit, quiz_course):
    course, quiz = quiz_course
    sign_in(page, visit, "learner@example.gov.uk")
    visit(page, course.url)
    page.get_by_role("button", name="Start course").click()
    page.get_by_role("button", name="Mark as complete and finish").click()
    expect(page.get_by_text("You have completed every module. Pass the quiz to complete the course.")).to_be_visible()
    page.get_by_role("button", name="Go to the quiz").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Tidy data quiz")
    expect(page.get_by_text("100% (3 of 3 correct)")).to_be_visible()
    page.get_by_role("button", name="Start quiz").click()

    # First attempt: one wrong answer.
    expect(page.get_by_text("Question 1 of 3")).to_be_visible()
    page.get_by_role("button", name="Continue").click()  # nothing selected
    expect(
        page.get_by_role("alert").get_by_text(re.compile(r"^Select (an answer|at least one answer)\.$"))
    ).to_be_visible()
    for _ in range(3):
        answer_the_question_shown(page, date_wrong=True)
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(page.get_by_text("31/03/26")).to_be_visible()
    page.get_by_role("button", name="Submit answers").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("You did not pass")
    expect(page.get_by_text(re.compile(r"You scored 2 out of 3"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"You can try again from \d\d:\d\d on"))).to_be_visible()
    expect(page.get_by_text("Explanation of Which date format should a CSV use?")).to_be_visible()

    # The waiting time passes (moved back in the records, as a clock would).
    attempt = Attempt.objects.get(quiz=quiz)
    Attempt.objects.filter(pk=attempt.pk).update(finished_at=attempt.finished_at - timedelta(minutes=31))
    page.get_by_role("link", name="Back to the quiz").click()
    page.get_by_role("button", name="Try again").click()

    # Second attempt: every answer right.
    expect(page.get_by_text("Question 1 of 3")).to_be_visible()
    for _ in range(3):
        answer_the_question_shown(page)
    page.get_by_role("button", name="Submit answers").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("You passed")
    expect(page.get_by_text("You have completed Publishing tidy data.")).to_be_visible()
    page.get_by_role("button", name="Go to the course").click()
    expect(page.get_by_role("heading", name="Completed")).to_be_visible()
    expect(page.get_by_text("Passed", exact=True)).to_be_visible()


def test_a_learner_with_extra_time_sees_and_gets_it(page: Page, visit, demo_data):
    timed = QuizPageFactory(
        parent=CoursePageFactory(title="Timed data course", modules=1), title="Timed quiz", time_limit_minutes=10
    )
    WorkplaceAdjustmentFactory(employee=Employee.objects.get(email="learner@example.gov.uk"), extra_time_percent=50)
    sign_in(page, visit, "learner@example.gov.uk")
    visit(page, timed.url)
    expect(page.locator("#time-limit")).to_have_text(
        "15 minutes: 10 minutes plus your 50% extra time (a workplace adjustment)"
    )
    page.get_by_role("button", name="Start quiz").click()
    timer = page.get_by_role("timer")
    expect(timer).to_have_text(re.compile(r"^1[45]:\d\d$"))  # counted down by the script
    attempt = Attempt.objects.get(quiz=timed)
    assert attempt.deadline == attempt.started_at + timedelta(minutes=15)
    answer(page, "Right")
    expect(page.get_by_text("Question 2 of 4")).to_be_visible()
