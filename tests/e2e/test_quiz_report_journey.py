"""An editor finds how the demo's quizzes are doing: Reports → Quiz results → one quiz's report → its CSV."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from assessments.models import QuizPage
from tests.e2e.journeys import sign_in

pytestmark = pytest.mark.e2e


def test_an_editor_reads_a_quiz_report_and_downloads_it(page: Page, visit, demo_data):
    quiz = QuizPage.objects.get(title__icontains="Information management")
    sign_in(page, visit, "editor@example.gov.uk")
    visit(page, "/admin/quizzes/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Quiz results")
    page.get_by_role("link", name=quiz.title).first.click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(quiz.title)
    expect(page.get_by_text(re.compile(r"[Ff]acility")).first).to_be_visible()
    expect(page.get_by_text(re.compile(r"[Dd]iscrimination")).first).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"Download CSV")).click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    first = quiz.questions[0].value
    assert first.get("question", first.get("statement")) in text
