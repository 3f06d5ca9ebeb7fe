"""The quiz report for editors and HR: its figures against a hand count, who may see it, its CSV, its queries."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from assessments.attempts import save_answer, start_attempt, submit_attempt
from assessments.models import Attempt, Selection
from assessments.report import Hint, group_size, hints, quiz_report
from tests.factories import (
    CoursePageFactory,
    EmployeeFactory,
    QuizPageFactory,
    UserFactory,
    choice_question,
    true_false_question,
)

pytestmark = pytest.mark.django_db

T0 = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)


def take(quiz, picks: dict[str, list[str]], *, minutes: float = 5, employee=None, submit: bool = True) -> Attempt:
    """One attempt with these choices by question key (a question not listed is left blank), finished after
    `minutes`. Each attempt starts a day after the one before, so their order is the order they were made."""
    employee = employee or EmployeeFactory()
    started = T0 + timedelta(days=Attempt.objects.count())
    attempt = start_attempt(employee=employee, quiz=quiz, now=started)
    for position, question in enumerate(attempt.questions, start=1):
        if picks.get(question["key"]):
            save_answer(attempt=attempt, position=position, choice_keys=picks[question["key"]], now=started)
    if submit:
        attempt = submit_attempt(attempt=attempt, now=started + timedelta(minutes=minutes))
    return attempt


@pytest.fixture
def course():
    return CoursePageFactory(title="Handling information", modules=1)


# Q1 single choice (A right, C never picked), Q2 true or false (true), Q3 select all that apply (X and Y
# right, Z wrong) that nobody gets right.
@pytest.fixture
def quiz(course):
    return QuizPageFactory(
        parent=course,
        title="Information quiz",
        pass_mark=60,
        questions=[
            choice_question("Which classification?", [("A", True), ("B", False), ("C", False)], key="q1"),
            true_false_question("Records are kept by schedule.", True, key="q2"),
            choice_question("Which are lawful bases?", [("X", True), ("Y", True), ("Z", False)], many=True, key="q3"),
        ],
    )


@pytest.fixture
def six_attempts(quiz):
    """Six finished attempts by five learners, whose answers the hand count below follows."""
    repeat = EmployeeFactory()
    attempts = [
        take(quiz, {"q1": ["q1-1"], "q2": ["true"], "q3": ["q3-1"]}, minutes=2),  # A1 2/3 pass
        take(quiz, {"q1": ["q1-1"], "q2": ["true"], "q3": ["q3-1", "q3-2", "q3-3"]}, minutes=4),  # A2 2/3 pass
        take(quiz, {"q1": ["q1-1"], "q2": ["false"], "q3": ["q3-3"]}, minutes=6),  # A3 1/3
        take(quiz, {"q1": ["q1-2"], "q2": ["true"]}, minutes=8),  # A4 1/3, Q3 blank
        take(quiz, {"q1": ["q1-2"], "q2": ["true"], "q3": ["q3-2"]}, minutes=10, employee=repeat),  # A5 1/3
        take(quiz, {"q2": ["false"], "q3": ["q3-3"]}, minutes=30, employee=repeat),  # A6 0/3, Q1 blank
    ]
    take(quiz, {"q1": ["q1-1"]}, submit=False)  # in progress: counted nowhere
    take(QuizPageFactory(parent=CoursePageFactory(modules=1)), {}, minutes=1)  # another quiz's
    return attempts


def by_key(report):
    return {question.key: question for question in report.questions}


def picks(question):
    return {choice.key: (choice.picked, choice.share) for choice in question.choices}


def test_summary_against_a_hand_count(quiz, six_attempts):
    summary = quiz_report(quiz).summary
    assert summary.attempts == 6
    assert summary.learners == 5
    assert summary.passed_attempts == 2
    assert summary.learners_passed == 2
    assert summary.pass_rate == pytest.approx(2 / 6)
    # (2 + 2 + 1 + 1 + 1 + 0) of 18 questions, as the average of each attempt's percentage.
    assert summary.average_percent == pytest.approx(100 * 7 / 18)
    assert summary.average_time == timedelta(minutes=10)  # (2 + 4 + 6 + 8 + 10 + 30) / 6
    assert summary.median_time == timedelta(minutes=7)  # (6 + 8) / 2
    assert summary.closed_at_time_limit == 0


def test_each_question_against_a_hand_count(quiz, six_attempts):
    report = quiz_report(quiz)
    assert [question.key for question in report.questions] == ["q1", "q2", "q3"]
    assert report.group_size == 2  # 27% of 6, rounded up: upper A1 and A2, lower A6 and A5
    q1, q2, q3 = report.questions

    assert (q1.answered, q1.left_blank, q1.correct) == (6, 1, 3)
    assert q1.facility == pytest.approx(0.5)
    assert (q1.upper_answered, q1.upper_correct, q1.lower_answered, q1.lower_correct) == (2, 2, 2, 0)
    assert q1.discrimination == pytest.approx(1.0)
    assert picks(q1) == {"q1-1": (3, pytest.approx(3 / 6)), "q1-2": (2, pytest.approx(2 / 6)), "q1-3": (0, 0)}
    assert [choice.text for choice in q1.choices] == ["A", "B", "C"]
    assert [choice.correct for choice in q1.choices] == [True, False, False]

    # A5 and A4 both have 1 of 3, as does A3: of equal scores the later attempt falls in the lower group.
    assert (q2.answered, q2.left_blank, q2.correct) == (6, 0, 4)
    assert q2.facility == pytest.approx(4 / 6)
    assert (q2.upper_answered, q2.upper_correct, q2.lower_answered, q2.lower_correct) == (2, 2, 2, 1)
    assert q2.discrimination == pytest.approx(0.5)
    assert picks(q2) == {"true": (4, pytest.approx(4 / 6)), "false": (2, pytest.approx(2 / 6))}
    assert q2.text == "Records are kept by schedule."

    # Nobody gets the "select all that apply" question right: A2 picks every choice, the others one each.
    assert (q3.answered, q3.left_blank, q3.correct) == (6, 1, 0)
    assert q3.facility == 0
    assert q3.discrimination == 0
    assert picks(q3) == {
        "q3-1": (2, pytest.approx(2 / 6)),
        "q3-2": (2, pytest.approx(2 / 6)),
        "q3-3": (3, pytest.approx(3 / 6)),
    }
    assert q3.left_blank_share == pytest.approx(1 / 6)
    assert all(question.in_quiz for question in report.questions)
    assert not any(question.hints for question in report.questions)  # 6 answers are too few to say


def test_a_quiz_nobody_has_finished_has_no_figures(quiz, django_assert_num_queries):
    take(quiz, {"q1": ["q1-1"]}, submit=False)
    with django_assert_num_queries(1):
        report = quiz_report(quiz)
    assert report.summary.attempts == 0
    assert report.summary.pass_rate is None
    assert report.summary.average_percent is None
    assert report.summary.median_time is None
    assert [(q.key, q.answered, q.facility, q.discrimination) for q in report.questions] == [
        ("q1", 0, None, None),
        ("q2", 0, None, None),
        ("q3", 0, None, None),
    ]


def test_times_answered_are_the_times_drawn(course):
    quiz = QuizPageFactory(parent=course, pool=4, draw_count=2)
    for _ in range(5):
        take(quiz, {})
    report = quiz_report(quiz)
    drawn = dict(quiz.question_uses.values_list("question_key", "times_drawn"))
    assert {question.key: question.answered for question in report.questions} == drawn
    assert sum(drawn.values()) == 10
    assert all(question.left_blank == question.answered for question in report.questions)
    assert all(question.facility == 0 for question in report.questions if question.answered)


def test_times_taken_with_an_odd_number_and_the_time_limit(course):
    quiz = QuizPageFactory(parent=course, pool=2, time_limit_minutes=10)
    take(quiz, {}, minutes=1)
    take(quiz, {}, minutes=2)
    late = take(quiz, {}, minutes=25)  # submitted after the deadline: finished at it, ten minutes in
    assert late.finished_by == Attempt.FinishedBy.TIME_LIMIT
    summary = quiz_report(quiz).summary
    assert summary.median_time == timedelta(minutes=2)
    assert summary.average_time == timedelta(minutes=13 / 3)
    assert summary.closed_at_time_limit == 1


def test_one_attempt_separates_nobody(quiz):
    take(quiz, {"q1": ["q1-1"], "q2": ["true"]})
    report = quiz_report(quiz)
    assert report.summary.attempts == 1
    assert [q.facility for q in report.questions] == [1, 1, 0]
    assert [q.discrimination for q in report.questions] == [None, None, None]


def test_each_selection_names_its_attempt_and_question(quiz):
    attempt = take(quiz, {"q1": ["q1-2"], "q3": ["q3-1", "q3-3"]})
    assert sorted(Selection.objects.values_list("attempt_id", "question_key", "choice_key")) == [
        (attempt.pk, "q1", "q1-2"),
        (attempt.pk, "q3", "q3-1"),
        (attempt.pk, "q3", "q3-3"),
    ]


# Discrimination on a designed case: ten attempts at five true-or-false questions (all "true"). The three
# strongest get P1, P2, G and E right; the four in the middle P1, P2 and E; the three weakest R and E.
@pytest.fixture
def ten_attempts(course):
    quiz = QuizPageFactory(
        parent=course,
        pass_mark=50,
        questions=[true_false_question(f"Statement {key}", True, key=key) for key in ("p1", "p2", "g", "r", "e")],
    )

    def answers(right):
        return {key: ["true" if key in right else "false"] for key in ("p1", "p2", "g", "r", "e")}

    for _ in range(3):
        take(quiz, answers({"p1", "p2", "g", "e"}))
    for _ in range(4):
        take(quiz, answers({"p1", "p2", "e"}))
    for _ in range(3):
        take(quiz, answers({"r", "e"}))
    return quiz


def test_discrimination_on_a_designed_case(ten_attempts):
    report = quiz_report(ten_attempts, min_answers_for_hints=10)
    assert report.group_size == 3
    questions = by_key(report)
    figures = {key: (q.facility, q.discrimination) for key, q in questions.items()}
    assert figures == {
        "p1": (pytest.approx(0.7), pytest.approx(1.0)),
        "p2": (pytest.approx(0.7), pytest.approx(1.0)),
        "g": (pytest.approx(0.3), pytest.approx(1.0)),  # only the strongest get it right
        "r": (pytest.approx(0.3), pytest.approx(-1.0)),  # only the weakest get it right
        "e": (1.0, 0.0),  # everyone gets it right: it tells nobody apart
    }
    codes = {key: [hint.code for hint in q.hints] for key, q in questions.items()}
    assert codes == {
        "p1": [],
        "p2": [],
        "g": [],  # a facility of exactly 0.3 is not "too hard"
        "r": ["negative_discrimination"],
        "e": ["too_easy", "low_discrimination"],
    }
    # By default hints wait for 20 answers.
    assert not any(question.hints for question in quiz_report(ten_attempts).questions)


@pytest.mark.parametrize(
    ("answered", "facility", "discrimination", "codes", "why"),
    [
        (20, 0.95, 0.4, ["too_easy"], "above 0.9"),
        (20, 0.9, 0.4, [], "0.9 is not above 0.9"),
        (20, 0.25, 0.4, ["too_hard"], "below 0.3"),
        (20, 0.5, 0.1, ["low_discrimination"], "below 0.2"),
        (20, 0.5, 0.2, [], "0.2 is not below 0.2"),
        (20, 0.5, -0.1, ["negative_discrimination"], "below 0"),
        (20, 0.1, -0.3, ["too_hard", "negative_discrimination"], "both at once"),
        (20, 0.5, None, [], "no discrimination yet"),
        (19, 0.95, -0.5, [], "too few answers to say"),
    ],
)
def test_hints(answered, facility, discrimination, codes, why):
    found = hints(answered=answered, facility=facility, discrimination=discrimination, min_answers=20)
    assert [hint.code for hint in found] == codes, why
    assert all(isinstance(hint, Hint) and hint.text for hint in found)


@pytest.mark.parametrize(("attempts", "size"), [(0, 0), (1, 1), (3, 1), (6, 2), (10, 3), (100, 27), (101, 28)])
def test_the_groups_are_27_percent_rounded_up(attempts, size):
    assert group_size(attempts) == size


def test_removed_questions_and_choices_keep_their_figures_and_texts(quiz, six_attempts, django_assert_num_queries):
    q1 = choice_question("Which classification is right?", [("A", True), ("C", False)], key="q1")
    q1["value"]["choices"][1]["id"] = "q1-3"  # C keeps its key; B (q1-2) and the whole of Q3 are removed
    quiz.questions = [q1, true_false_question("Records are kept by schedule.", True, key="q2")]
    quiz.save_revision().publish()
    with django_assert_num_queries(6):  # the five of every report, and the snapshots that still have them
        report = quiz_report(quiz)
    q1, q2, q3 = report.questions
    assert (q1.text, q1.in_quiz) == ("Which classification is right?", True)
    assert (q2.key, q2.in_quiz) == ("q2", True)
    assert [(c.key, c.text, c.in_quiz, c.picked) for c in q1.choices] == [
        ("q1-1", "A", True, 3),
        ("q1-3", "C", True, 0),
        ("q1-2", "B", False, 2),  # removed since, with its text as the attempts had it
    ]
    assert (q3.key, q3.text, q3.in_quiz, q3.answered, q3.correct) == ("q3", "Which are lawful bases?", False, 6, 0)
    assert [(c.text, c.picked) for c in q3.choices] == [("X", 2), ("Y", 2), ("Z", 3)]


def test_the_report_page_marks_what_was_removed(client, editor_user, quiz, six_attempts):
    quiz.questions = [true_false_question("Records are kept by schedule.", True, key="q2")]
    quiz.save_revision().publish()
    client.force_login(editor_user)
    html = client.get(report_url(quiz)).content.decode()
    assert "1 question in the quiz, and 2 since removed that earlier attempts drew" in html
    assert html.count("No longer in the quiz") == 2
    assert "Which are lawful bases?" in html


# The admin screens ---------------------------------------------------------------------


def report_url(page) -> str:
    return f"/admin/quizzes/{page.pk}/report/"


def csv_url(page) -> str:
    return f"/admin/quizzes/{page.pk}/report.csv"


@pytest.fixture
def admin_only_user():
    """Someone who may use the Wagtail admin but neither edits pages nor works in HR."""
    user = UserFactory()
    group = Group.objects.create(name="Admin access only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


@pytest.fixture
def other_course_editor(course):
    """An editor who may edit another course only."""
    other = CoursePageFactory(modules=1)
    group = Group.objects.create(name="Other course's editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=other, permission=Permission.objects.get(codename="change_page")
    )
    user = UserFactory()
    user.groups.add(group)
    return user


@pytest.mark.parametrize("who", ["editor_user", "hr_user"])
def test_editors_and_hr_officers_see_the_report_without_names(client, request, who, quiz, six_attempts, learner):
    take(quiz, {"q1": ["q1-1"]}, employee=learner)
    client.force_login(request.getfixturevalue(who))
    response = client.get(report_url(quiz))
    assert response.status_code == 200
    html = response.content.decode()
    # The report itself (not the admin's chrome, which names the signed-in user, who may share a first name).
    report = html[html.index("<main") :]
    assert "Which are lawful bases?" in report
    assert learner.family_name not in report
    assert learner.given_name not in report
    assert "What the figures mean" in html
    assert "3 questions in the quiz" in html
    assert "since removed" not in html


@pytest.mark.parametrize("url", [report_url, csv_url])
def test_learners_and_strangers_are_refused(client, learner_user, admin_only_user, quiz, six_attempts, url):
    response = client.get(url(quiz))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")

    client.force_login(learner_user)  # no admin access: the site's 403 page (content.middleware)
    response = client.get(url(quiz))
    assert response.status_code == 403
    assert "Which are lawful bases?" not in response.content.decode()

    client.force_login(admin_only_user)  # admin access but no role here: Wagtail's "no permission"
    response = client.get(url(quiz))
    assert (response.status_code, response["Location"]) == (302, "/admin/")


@pytest.mark.parametrize("url", [report_url, csv_url])
def test_a_quiz_the_editor_cannot_edit_is_not_found(client, other_course_editor, quiz, url):
    client.force_login(other_course_editor)
    assert client.get(url(quiz)).status_code == 404


@pytest.mark.parametrize("url", [report_url, csv_url])
def test_an_id_that_is_not_a_quiz_is_not_found(client, hr_user, course, url):
    client.force_login(hr_user)
    assert client.get(url(course)).status_code == 404
    assert client.get(url(course.get_parent())).status_code == 404
    missing = type("Missing", (), {"pk": 999999})
    assert client.get(url(missing)).status_code == 404


def test_the_report_flags_questions_as_hints(client, editor_user, course):
    quiz = QuizPageFactory(
        parent=course,
        pass_mark=50,
        questions=[true_false_question(f"Statement {key}", True, key=key) for key in ("easy", "hard")],
    )
    for n in range(20):
        take(quiz, {"easy": ["true"], "hard": ["true" if n < 4 else "false"]})
    client.force_login(editor_user)
    html = client.get(report_url(quiz)).content.decode()
    assert 'data-hint="too_easy"' in html
    assert 'data-hint="too_hard"' in html
    assert "2 questions have hints." in html


# The session, the user with their roles, their permissions and admin profile, their page permissions, the
# quiz; the report's four queries; on the page, the course, and what Wagtail's menus and header need.
REPORT_QUERIES = 16
CSV_QUERIES = 12


@pytest.mark.parametrize("attempts", [3, 30])
def test_the_report_takes_the_same_queries_however_many_attempts(
    client, editor_user, quiz, attempts, django_assert_num_queries
):
    for n in range(attempts):
        take(quiz, {"q1": ["q1-1" if n % 2 else "q1-2"], "q2": ["true"], "q3": ["q3-1", "q3-2"]}, minutes=n + 1)
    client.force_login(editor_user)
    assert client.get(report_url(quiz)).status_code == 200  # Wagtail keeps some things after the first request
    with django_assert_num_queries(REPORT_QUERIES):
        assert client.get(report_url(quiz)).status_code == 200
    with django_assert_num_queries(CSV_QUERIES):
        assert client.get(csv_url(quiz)).status_code == 200


def read_csv(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_csv_has_every_question_and_choice(client, hr_user, quiz, six_attempts):
    client.force_login(hr_user)
    response = client.get(csv_url(quiz))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="information-quiz-')
    rows = read_csv(response)
    assert [(row["row"], row["question key"], row["choice key"]) for row in rows] == [
        ("question", "q1", ""),
        ("choice", "q1", "q1-1"),
        ("choice", "q1", "q1-2"),
        ("choice", "q1", "q1-3"),
        ("question", "q2", ""),
        ("choice", "q2", "true"),
        ("choice", "q2", "false"),
        ("question", "q3", ""),
        ("choice", "q3", "q3-1"),
        ("choice", "q3", "q3-2"),
        ("choice", "q3", "q3-3"),
    ]
    q2 = rows[4]
    assert {name: q2[name] for name in ("times answered", "left blank", "answered correctly", "facility")} == {
        "times answered": "6",
        "left blank": "0",
        "answered correctly": "4",
        "facility": "0.667",
    }
    assert (q2["upper group correct"], q2["lower group correct"], q2["discrimination"]) == ("2", "1", "0.5")
    never = rows[3]
    assert (never["choice"], never["correct choice"], never["times picked"], never["share picked"]) == (
        "C",
        "no",
        "0",
        "0.0",
    )
    assert (rows[1]["choice"], rows[1]["correct choice"], rows[1]["share picked"]) == ("A", "yes", "0.5")


def test_the_csv_neutralises_formulas_in_editors_text(client, editor_user, course):
    link = '=HYPERLINK("https://example.com","Click")'
    quiz = QuizPageFactory(
        parent=course,
        title="=1+1",
        questions=[
            choice_question(link, [("+SUM(A1:A9)", True), ("-1", False)], key="f"),
            choice_question("@cmd|' /c calc'!A0", [("  =1+1", True), ("Plain", False)], key="g"),
        ],
    )
    take(quiz, {"f": ["f-1"], "g": ["g-2"]})
    client.force_login(editor_user)
    rows = read_csv(client.get(csv_url(quiz)))
    texts = {(row["question"], row["choice"]) for row in rows}
    assert texts == {
        (f"'{link}", ""),
        (f"'{link}", "'+SUM(A1:A9)"),
        (f"'{link}", "-1"),  # a plain number stays a number
        ("'@cmd|' /c calc'!A0", ""),
        ("'@cmd|' /c calc'!A0", "'  =1+1"),
        ("'@cmd|' /c calc'!A0", "Plain"),
    }


def test_quiz_results_lists_the_quizzes_each_user_may_see(client, editor_user, hr_user, other_course_editor, quiz):
    six = [take(quiz, {"q1": ["q1-1"], "q2": ["true"]}) for _ in range(3)]  # 2 of 3: each passes
    take(quiz, {})
    assert all(attempt.passed for attempt in six)
    for user in (editor_user, hr_user):
        client.force_login(user)
        response = client.get("/admin/quizzes/")
        assert response.status_code == 200
        html = response.content.decode()
        assert f'href="{report_url(quiz)}"' in html
        assert "Handling information" in html  # the course
        assert "<td>4</td>" in html  # finished attempts, and learners
        assert "<td>75%</td>" in html  # pass rate
        assert 'scope="col"' in html
        assert "<caption" in html
    client.force_login(other_course_editor)
    html = client.get("/admin/quizzes/").content.decode()
    assert report_url(quiz) not in html
    assert "There are no quizzes whose results you can see." in html


# The session, the user with their roles, permissions and admin profile, their page permissions; the count
# and the page of quizzes, their figures and their courses; what Wagtail's menus need (one of them the HR
# officer's scope, for the HR imports item).
RESULTS_QUERIES = 13


@pytest.mark.parametrize("quizzes", [1, 6])
def test_quiz_results_takes_the_same_queries_however_many_quizzes(client, hr_user, quizzes, django_assert_num_queries):
    for _ in range(quizzes):
        quiz = QuizPageFactory(parent=CoursePageFactory(modules=1))
        take(quiz, {})
        take(quiz, {})
    client.force_login(hr_user)
    assert client.get("/admin/quizzes/").status_code == 200
    with django_assert_num_queries(RESULTS_QUERIES):
        assert client.get("/admin/quizzes/").status_code == 200


@pytest.mark.parametrize(("who", "shown"), [("editor_user", True), ("hr_user", True), ("admin_only_user", False)])
def test_quiz_results_is_in_the_reports_menu(client, request, who, shown):
    client.force_login(request.getfixturevalue(who))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert ("/admin/quizzes/" in response.content.decode()) is shown


def test_the_page_explorer_links_a_quiz_to_its_report(client, editor_user, course, quiz):
    client.force_login(editor_user)
    explorer = client.get(f"/admin/pages/{course.pk}/").content.decode()
    assert explorer.count(report_url(quiz)) == 1  # in the quiz's "more" menu; modules have none
    editing = client.get(f"/admin/pages/{quiz.pk}/edit/").content.decode()
    assert report_url(quiz) in editing
    module = course.get_children().first()
    assert "/report/" not in client.get(f"/admin/pages/{module.pk}/edit/").content.decode()
