"""The quiz report for editors and HR: how a quiz's finished attempts went, overall and question by question.

Every figure counts the quiz's finished attempts, whatever revision of the quiz they were drawn from, and
is computed by the database: five aggregate queries however many attempts there are (six when a question
or choice has since been removed), and nothing in Python loops over attempts, answers or selections. No
figure names a learner. `quiz_report(quiz)` returns plain dataclasses, for the admin page, the CSV file and
a bench alike.

What keeps it fast over 100,000 attempts: `Attempt.out_of` (the number of questions, kept by the database)
saves reading the snapshots; the index `attempt_report_figures` holds every attempt column read here; and
each selection names its attempt and question, so choices are counted without joining every answer.

The figures, in the words the page uses:

- Facility: the share of the attempts that drew a question in which it was answered correctly (a question
  left blank counts as not correct, as it scores). 0.9 means nine in ten got it right.
- Discrimination index, by the upper and lower groups method (Kelley's 27%): finished attempts are put in
  order of their score as a percentage (equal percentages in the order the attempts were made); the top
  27% of them form the upper group and the bottom 27% the lower group. For each question, D is the share
  of upper-group attempts that drew it and got it right, less the same share for the lower group. It runs
  from -1 to 1: 0.3 or more separates strong from weak learners well, below 0.2 poorly, and below 0 means
  weaker learners get it right more often than stronger ones (often a wrong answer marked correct, or an
  unclear question). The database counts each question's answers in the two groups, once a count of
  attempts by score has said where the groups end. D needs at least two attempts, and attempts in both
  groups that drew the question, so it is None until then.
- Choices: how many of the attempts that drew the question picked each choice, and that as a share of them
  (for "select all that apply" the shares add up to more than 1).
- Time taken: from the start to the finish of each attempt (an attempt closed when its time ran out
  finishes at its deadline). The average, and the median, found by ordering the times in the database
  (the same SQL on SQLite and PostgreSQL).

Question and choice texts are the live quiz's when it still has them; a question or choice since removed
is shown with its text in the most recent attempt that drew (or picked) it, marked as no longer in the quiz.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from fractions import Fraction

from django.db.models import (
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    FloatField,
    Max,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast
from django.db.models.lookups import Exact, GreaterThan, LessThan, LessThanOrEqual

from assessments.models import Answer, Attempt, QuizPage, Selection
from assessments.snapshot import pool

GROUP_SHARE_PERCENT = 27  # the upper and lower groups for the discrimination index
EASY_ABOVE = 0.9  # facility above this: a hint that the question may be too easy, or known
HARD_BELOW = 0.3  # facility below this: a hint that the question may be too hard, or unclear
DISCRIMINATION_BELOW = 0.2  # discrimination below this: a hint that the question separates learners poorly
MIN_ANSWERS_FOR_HINTS = 20  # fewer answers than this say too little to hint at anything


@dataclass(frozen=True)
class Summary:
    """The quiz's finished attempts as a whole."""

    attempts: int
    learners: int
    passed_attempts: int
    learners_passed: int
    closed_at_time_limit: int
    pass_rate: float | None  # share of attempts that passed, 0 to 1
    average_percent: float | None  # average score, 0 to 100
    average_time: timedelta | None
    median_time: timedelta | None


@dataclass(frozen=True)
class Hint:
    code: str  # too_easy, too_hard, low_discrimination, negative_discrimination
    label: str  # a few words for a table
    text: str  # what it may mean, to show with the question


@dataclass(frozen=True)
class ChoiceFigures:
    key: str
    text: str
    correct: bool
    picked: int
    share: float | None  # of the attempts that drew the question, 0 to 1
    in_quiz: bool  # still a choice of this question in the live quiz


@dataclass(frozen=True)
class QuestionFigures:
    number: int  # its place in the report: the live quiz's order, then questions since removed
    key: str
    type: str  # single_choice, multiple_choice, true_false
    text: str
    in_quiz: bool
    answered: int  # finished attempts that drew it
    left_blank: int
    correct: int
    facility: float | None
    upper_answered: int
    upper_correct: int
    lower_answered: int
    lower_correct: int
    discrimination: float | None
    choices: tuple[ChoiceFigures, ...]
    hints: tuple[Hint, ...]

    @property
    def left_blank_share(self) -> float | None:
        return _share(self.left_blank, self.answered)


@dataclass(frozen=True)
class QuizReport:
    quiz_id: int
    title: str
    summary: Summary
    group_size: int  # attempts in each of the upper and lower groups
    min_answers_for_hints: int
    questions: tuple[QuestionFigures, ...]


def finished_attempts(quiz: QuizPage) -> QuerySet[Attempt]:
    return Attempt.objects.finished().filter(quiz=quiz).order_by()


def _score_share():
    """The attempt's score as a share of its questions, 0 to 1."""
    return Cast("score", FloatField()) / F("out_of")


def _time_taken():
    return ExpressionWrapper(F("finished_at") - F("started_at"), output_field=DurationField())


def group_size(attempts: int) -> int:
    """How many attempts the upper and lower groups each hold: 27% of the attempts, rounded up."""
    return -(-attempts * GROUP_SHARE_PERCENT // 100)


@dataclass(frozen=True)
class _Place:
    """An attempt's place in the order of scores: its percentage as a fraction (score over out_of), and its id."""

    score: int
    out_of: int
    pk: int


@dataclass(frozen=True)
class _Groups:
    """The last attempt of the upper group and the first of the lower group, in the order of scores."""

    upper_last: _Place
    lower_first: _Place


def _boundary(shares: list[tuple[Fraction, int]], size: int) -> tuple[Fraction, int]:
    """Where the first `size` attempts end in this order of shares: the share, and how many attempts at it they take."""
    before = 0
    for share, count in shares:
        if before + count >= size:
            return share, size - before
        before += count
    raise ValueError(f"{size} is more attempts than there are")


def _places(quiz: QuizPage, *, attempts: int, size: int) -> tuple[_Groups, timedelta]:
    """Where the upper and lower groups end, and the median time taken: two queries, however many attempts.

    The order of scores is highest percentage first, equal percentages in the order the attempts were made.
    The first query counts attempts by score (a few rows); the second finds, at the two percentages where
    the groups end, the attempt each group ends with, and the middle of the times taken.
    """
    finished = finished_attempts(quiz)
    counts: dict[Fraction, int] = defaultdict(int)
    for score, out_of, count in finished.values_list("score", "out_of").annotate(count=Count("pk")):
        counts[Fraction(score, out_of)] += count
    highest_first = sorted(counts.items(), reverse=True)
    upper_share, upper_takes = _boundary(highest_first, size)
    lower_share, lower_takes = _boundary(highest_first[::-1], size)

    def scoring(share: Fraction):
        return finished.filter(Exact(F("score") * Value(share.denominator), F("out_of") * Value(share.numerator)))

    # Of equal percentages the earlier attempt comes first: the upper group ends with the upper_takes-th
    # earliest at its percentage, the lower group starts with the lower_takes-th latest at its own.
    upper_last = scoring(upper_share).order_by("pk").values("pk")[upper_takes - 1 : upper_takes]
    lower_first = scoring(lower_share).order_by("-pk").values("pk")[lower_takes - 1 : lower_takes]
    rows = list(
        finished.annotate(taken=_time_taken(), upper_last=Subquery(upper_last), lower_first=Subquery(lower_first))
        .order_by("taken")
        .values_list("taken", "upper_last", "lower_first")[(attempts - 1) // 2 : attempts // 2 + 1]
    )
    median = sum((row[0] for row in rows), timedelta()) / len(rows)
    groups = _Groups(
        upper_last=_Place(upper_share.numerator, upper_share.denominator, rows[0][1]),
        lower_first=_Place(lower_share.numerator, lower_share.denominator, rows[0][2]),
    )
    return groups, median


def _overall(quiz: QuizPage) -> tuple[Summary, _Groups | None]:
    attempts = finished_attempts(quiz)
    row = attempts.aggregate(
        attempts=Count("pk"),
        learners=Count("employee", distinct=True),
        passed_attempts=Count("pk", filter=Q(passed=True)),
        learners_passed=Count("employee", distinct=True, filter=Q(passed=True)),
        closed_at_time_limit=Count("pk", filter=Q(finished_by=Attempt.FinishedBy.TIME_LIMIT)),
        average_share=Avg(_score_share()),
        average_time=Avg(_time_taken()),
    )
    n = row["attempts"]
    groups, median_time = _places(quiz, attempts=n, size=group_size(n)) if n else (None, None)
    if n < 2:
        groups = None  # one attempt is both the strongest and the weakest: it separates nobody
    summary = Summary(
        attempts=n,
        learners=row["learners"],
        passed_attempts=row["passed_attempts"],
        learners_passed=row["learners_passed"],
        closed_at_time_limit=row["closed_at_time_limit"],
        pass_rate=row["passed_attempts"] / n if n else None,
        average_percent=100 * row["average_share"] if n else None,
        average_time=row["average_time"],
        median_time=median_time,
    )
    return summary, groups


def summary(quiz: QuizPage) -> Summary:
    """The attempts, learners, pass rate, average score and time taken (three queries; one with no attempts)."""
    return _overall(quiz)[0]


def _comes_before(place: _Place, *, or_is: bool):
    """Whether an answer's attempt comes before this place in the order of scores (or is the attempt at it).

    Percentages are compared exactly, in integers: score / out_of > place.score / place.out_of without dividing.
    """
    score, out_of, pk = F("attempt__score"), F("attempt__out_of"), F("attempt_id")
    mine, theirs = score * Value(place.out_of), out_of * Value(place.score)
    tie = LessThanOrEqual(pk, Value(place.pk)) if or_is else LessThan(pk, Value(place.pk))
    return GreaterThan(mine, theirs) | (Exact(mine, theirs) & tie)


def _answer_counts(quiz: QuizPage, *, groups: _Groups | None) -> list[dict]:
    """Answers of finished attempts by question, in the upper and lower groups too: one grouped query."""
    figures = {
        "answered": Count("pk"),
        # Named apart from the field `correct`, which the filters below refer to.
        "answered_correctly": Count("pk", filter=Q(correct=True)),
        "left_blank": Count("pk", filter=Q(answered_at__isnull=True)),
        "latest_attempt": Max("attempt_id"),
    }
    if groups is not None:
        upper = _comes_before(groups.upper_last, or_is=True)
        lower = ~_comes_before(groups.lower_first, or_is=False)
        figures |= {
            "upper_answered": Count("pk", filter=upper),
            "upper_correct": Count("pk", filter=upper & Q(correct=True)),
            "lower_answered": Count("pk", filter=lower),
            "lower_correct": Count("pk", filter=lower & Q(correct=True)),
        }
    return list(
        Answer.objects.filter(attempt__quiz=quiz, attempt__state=Attempt.State.FINISHED)
        .values("question_key")
        .annotate(**figures)
        .order_by()
    )


def _choice_counts(quiz: QuizPage) -> list[dict]:
    """How often each choice was picked in finished attempts: one grouped query (selections and attempts only)."""
    return list(
        Selection.objects.filter(attempt__quiz=quiz, attempt__state=Attempt.State.FINISHED)
        .values("question_key", "choice_key")
        .annotate(picked=Count("pk"), latest_attempt=Max("attempt_id"))
        .order_by()
    )


def _snapshots(attempt_ids: set[int]) -> dict[int, dict[str, dict]]:
    """The questions of these attempts as they were drawn, by attempt and question key (one query, or none)."""
    if not attempt_ids:
        return {}
    return {
        pk: {question["key"]: question for question in questions}
        for pk, questions in Attempt.objects.filter(pk__in=attempt_ids).values_list("pk", "questions")
    }


def hints(*, answered: int, facility: float | None, discrimination: float | None, min_answers: int) -> tuple[Hint, ...]:
    """What an editor may want to look at in a question, once it has enough answers to say so."""
    if answered < min_answers or facility is None:
        return ()
    found = []
    if facility > EASY_ABOVE:
        found.append(
            Hint(
                "too_easy",
                "Very easy",
                "Very easy: more than 90% get it right. It may give the answer away, or be known in advance.",
            )
        )
    elif facility < HARD_BELOW:
        found.append(
            Hint(
                "too_hard",
                "Very hard",
                "Very hard: fewer than 30% get it right. It may be unclear, have the wrong answer marked "
                "correct, or ask about something the course does not teach.",
            )
        )
    if discrimination is not None and discrimination < 0:
        found.append(
            Hint(
                "negative_discrimination",
                "Weaker learners do better",
                "Learners who do worse overall get it right more often than those who do better: check "
                "which answer is marked correct and whether the wording misleads.",
            )
        )
    elif discrimination is not None and discrimination < DISCRIMINATION_BELOW:
        found.append(
            Hint(
                "low_discrimination",
                "Separates learners poorly",
                "Does little to tell learners who know the course from those who do not: it may be "
                "ambiguous, or answerable by guessing.",
            )
        )
    return tuple(found)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class _Totals:
    """One question's answers in finished attempts (a row of `_answer_counts`)."""

    answered: int = 0
    answered_correctly: int = 0
    left_blank: int = 0
    latest_attempt: int = 0
    upper_answered: int = 0
    upper_correct: int = 0
    lower_answered: int = 0
    lower_correct: int = 0


def _texts(live: dict[str, dict], totals: dict[str, _Totals], picks: dict[tuple[str, str], dict]):
    """Each question's snapshot entry to show, and the choices picked that it does not list, with their texts.

    A question the live quiz no longer has is shown as the latest attempt that drew it had it; a choice
    the question no longer has, as the latest attempt that picked it had it. One query fetches those
    attempts' snapshots, none when nothing was removed.
    """
    removed = {key: total.latest_attempt for key, total in totals.items() if key not in live}
    live_choices = {key: {choice["key"] for choice in entry["choices"]} for key, entry in live.items()}
    old_choices = {
        (key, choice): row["latest_attempt"]
        for (key, choice), row in picks.items()
        if key not in live or choice not in live_choices[key]
    }
    snapshots = _snapshots(set(removed.values()) | set(old_choices.values()))
    entries = {
        **live,
        **{key: snapshots[attempt][key] for key, attempt in sorted(removed.items(), key=lambda item: -item[1])},
    }
    extra: dict[str, list[dict]] = {}
    for (key, choice_key), attempt in old_choices.items():
        if choice_key not in {choice["key"] for choice in entries[key]["choices"]}:
            old = next(choice for choice in snapshots[attempt][key]["choices"] if choice["key"] == choice_key)
            extra.setdefault(key, []).append(old)
    return entries, extra


def _question(
    number: int,
    entry: dict,
    *,
    in_quiz: bool,
    total: _Totals,
    picks: dict[tuple[str, str], dict],
    removed_choices: list[dict],
    min_answers: int,
) -> QuestionFigures:
    upper_answered, upper_correct = total.upper_answered, total.upper_correct
    lower_answered, lower_correct = total.lower_answered, total.lower_correct
    facility = _share(total.answered_correctly, total.answered)
    discrimination = None
    if upper_answered and lower_answered:
        discrimination = upper_correct / upper_answered - lower_correct / lower_answered

    def figures(choice: dict, *, choice_in_quiz: bool) -> ChoiceFigures:
        count = picks.get((entry["key"], choice["key"]), {}).get("picked", 0)
        return ChoiceFigures(
            key=choice["key"],
            text=choice["text"],
            correct=choice["correct"],
            picked=count,
            share=_share(count, total.answered),
            in_quiz=choice_in_quiz,
        )

    return QuestionFigures(
        number=number,
        key=entry["key"],
        type=entry["type"],
        text=entry["text"],
        in_quiz=in_quiz,
        answered=total.answered,
        left_blank=total.left_blank,
        correct=total.answered_correctly,
        facility=facility,
        upper_answered=upper_answered,
        upper_correct=upper_correct,
        lower_answered=lower_answered,
        lower_correct=lower_correct,
        discrimination=discrimination,
        choices=(
            *(figures(choice, choice_in_quiz=in_quiz) for choice in entry["choices"]),
            *(figures(choice, choice_in_quiz=False) for choice in removed_choices),
        ),
        hints=hints(answered=total.answered, facility=facility, discrimination=discrimination, min_answers=min_answers),
    )


def quiz_report(quiz: QuizPage, *, min_answers_for_hints: int = MIN_ANSWERS_FOR_HINTS) -> QuizReport:
    """Every figure of the quiz's report, in at most six queries whatever the number of attempts.

    Questions come in the live quiz's order (those never drawn yet with no figures), then the questions
    since removed, most recently drawn first.
    """
    overall, groups = _overall(quiz)
    totals = (
        {row.pop("question_key"): _Totals(**row) for row in _answer_counts(quiz, groups=groups)}
        if overall.attempts
        else {}
    )
    picks = {(row["question_key"], row["choice_key"]): row for row in _choice_counts(quiz)} if overall.attempts else {}
    live = pool(quiz, explanations=False)
    entries, removed_choices = _texts(live, totals, picks)
    questions = tuple(
        _question(
            number,
            entry,
            in_quiz=key in live,
            total=totals.get(key, _Totals()),
            picks=picks,
            removed_choices=removed_choices.get(key, []),
            min_answers=min_answers_for_hints,
        )
        for number, (key, entry) in enumerate(entries.items(), start=1)
    )
    return QuizReport(
        quiz_id=quiz.pk,
        title=quiz.title,
        summary=overall,
        group_size=group_size(overall.attempts),
        min_answers_for_hints=min_answers_for_hints,
        questions=questions,
    )
