"""Quizzes: the quiz page editors write, learners' attempts at it, their answers, and extra time.

An attempt is fixed when it starts: the questions drawn, their text, choices, order and correct
answers are copied from the quiz's published revision into `Attempt.questions`, so editing or
unpublishing the quiz never changes an attempt in progress or a past result.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Func, Q
from django.http import Http404
from django.utils.cache import add_never_cache_headers
from django.utils.functional import cached_property
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from assessments.blocks import QuestionsBlock
from content.blocks import INLINE_FEATURES
from content.sites import CachedPrivacyMixin
from courses.models import CoursePage, CoursePageMixin


class Review(models.TextChoices):
    IMMEDIATELY = "immediately", "Immediately after submitting"
    ONCE_PASSED_OR_OUT_OF_ATTEMPTS = "once_done", "Only once they have passed or used every attempt"
    NEVER = "never", "Never"


class QuizPageForm(WagtailAdminPageForm):
    """A quiz that cannot be passed as configured may be saved as a draft but never submitted or published."""

    def clean(self):
        cleaned_data = super().clean()
        if self.is_deferred_validation or self.errors:
            return cleaned_data
        pool = len(cleaned_data.get("questions") or [])
        for field, message in settings_problems(
            pool=pool, draw_count=cleaned_data.get("draw_count"), pass_mark=cleaned_data.get("pass_mark")
        ):
            self.add_error(field, message)
        return cleaned_data


def settings_problems(*, pool: int, draw_count: int | None, pass_mark: int | None) -> list[tuple[str, str]]:
    """Why a quiz with this many questions and these settings cannot be taken and passed: (field, reason)."""
    problems = []
    if pool == 0:
        problems.append(("questions", "Add at least one question."))
    if draw_count is not None and draw_count > pool:
        problems.append(
            (
                "draw_count",
                f"An attempt cannot draw {draw_count} questions from a pool of {pool}: add questions or draw fewer.",
            )
        )
    if pass_mark is None or not 1 <= pass_mark <= 100:
        problems.append(("pass_mark", "Enter a pass mark between 1% and 100%."))
    return problems


class QuizPage(CachedPrivacyMixin, CoursePageMixin, Page):
    """The quiz of a course: at most one per course. Passing it is part of completing the course."""

    introduction = RichTextField(blank=True, features=INLINE_FEATURES)
    questions = StreamField(QuestionsBlock(), blank=True, help_text="The pool of questions attempts draw from.")
    pass_mark = models.PositiveSmallIntegerField(
        "pass mark (%)", default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    draw_count = models.PositiveSmallIntegerField(
        "questions per attempt",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="How many questions each attempt draws at random from the pool. Leave empty to use them all.",
    )
    shuffle_choices = models.BooleanField("shuffle the order of choices", default=True)
    max_attempts = models.PositiveSmallIntegerField(
        "maximum attempts", default=0, help_text="0 means learners may try as often as they need."
    )
    wait_after_fail_minutes = models.PositiveIntegerField(
        "waiting time after a failed attempt (minutes)", default=0, validators=[MaxValueValidator(60 * 24 * 30)]
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        "time limit (minutes)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text="Leave empty for no time limit.",
    )
    review = models.CharField(
        "learners see the correct answers and feedback",
        max_length=20,
        choices=Review.choices,
        default=Review.IMMEDIATELY,
    )

    base_form_class = QuizPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("questions"),
    ]
    settings_panels = [
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("draw_count"),
                FieldPanel("shuffle_choices"),
                FieldPanel("max_attempts"),
                FieldPanel("wait_after_fail_minutes"),
                FieldPanel("time_limit_minutes"),
                FieldPanel("review"),
            ],
            heading="Quiz settings",
        ),
        *Page.settings_panels,
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "assessments/quiz_page.html"

    class Meta:
        verbose_name = "quiz"

    @property
    def questions_per_attempt(self) -> int:
        return self.draw_count or len(self.questions)

    def problems(self) -> list[tuple[str, str]]:
        """Why this (published) quiz cannot be taken and passed; empty when it can."""
        return settings_problems(pool=len(self.questions), draw_count=self.draw_count, pass_mark=self.pass_mark)

    @cached_property
    def course(self) -> CoursePage:
        """The course this quiz belongs to (its parent page)."""
        return CoursePage.objects.get(path=self.path[: -self.steplen])

    def serve(self, request, *args, **kwargs):
        # A published quiz of an unpublished course is not published to learners.
        if not Page.objects.filter(path=self.path[: -self.steplen], live=True).exists():
            raise Http404
        response = super().serve(request, *args, **kwargs)
        add_never_cache_headers(response)  # it shows the learner's own attempts
        return response

    def get_context(self, request, *args, **kwargs):
        from assessments.learner import start_page_context  # the learner's pages build on these models

        context = super().get_context(request, *args, **kwargs)
        context.update(start_page_context(request, self))
        return context


class QuestionUse(models.Model):
    """How many attempts have drawn each question of a quiz, so draws can favour the least used."""

    quiz = models.ForeignKey(QuizPage, on_delete=models.CASCADE, related_name="question_uses")
    question_key = models.CharField(max_length=64)
    times_drawn = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["quiz", "question_key"], name="one_use_count_per_question")]

    def __str__(self) -> str:
        return f"{self.question_key}: drawn {self.times_drawn} times"


class JSONArrayLength(Func):
    """How many items a JSON array holds (json_array_length on SQLite, jsonb_array_length on PostgreSQL)."""

    function = "JSON_ARRAY_LENGTH"
    output_field = models.PositiveSmallIntegerField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSONB_ARRAY_LENGTH", **extra_context)


class AttemptQuerySet(models.QuerySet):
    def in_progress(self):
        return self.filter(state=Attempt.State.IN_PROGRESS)

    def finished(self):
        return self.filter(state=Attempt.State.FINISHED)

    def of_user(self, user):
        """Only this account's own attempts: every learner-facing look-up goes through here."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(employee__user_id=user.pk)


class Attempt(models.Model):
    """One try at a quiz by one learner, fixed at its start and scored on the server when it finishes."""

    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        FINISHED = "finished", "Finished"

    class FinishedBy(models.TextChoices):
        LEARNER = "learner", "Submitted by the learner"
        TIME_LIMIT = "time_limit", "Closed when the time ran out"

    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="attempts")
    enrolment = models.ForeignKey("enrolment.Enrolment", on_delete=models.CASCADE, related_name="attempts")
    quiz = models.ForeignKey(QuizPage, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveIntegerField(help_text="1 for a learner's first attempt at this quiz, then 2, 3 …")
    state = models.CharField(max_length=20, choices=State.choices, default=State.IN_PROGRESS)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The published revision of the quiz the questions were copied from.",
    )
    questions = models.JSONField(help_text="The questions drawn, in order, with choices and answers, as at the start.")
    pass_mark = models.PositiveSmallIntegerField()
    review = models.CharField(max_length=20, choices=Review.choices)
    time_limit_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    extra_time_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    started_at = models.DateTimeField()
    deadline = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    finished_by = models.CharField(max_length=20, choices=FinishedBy.choices, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Questions answered correctly.")
    # Kept by the database from `questions`, so the report can compare percentages over many attempts
    # without reading every snapshot.
    out_of = models.GeneratedField(
        expression=JSONArrayLength("questions"),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
        help_text="How many questions the attempt drew: its score is out of this many.",
    )
    passed = models.BooleanField(null=True)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ["quiz", "employee", "number"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "quiz", "number"], name="one_attempt_number_per_learner"),
            models.UniqueConstraint(
                fields=["employee", "quiz"], condition=Q(state="in_progress"), name="one_open_attempt_per_learner"
            ),
        ]
        indexes = [
            models.Index(fields=["state", "deadline"], name="attempt_open_deadline"),
            models.Index(fields=["enrolment", "state"], name="attempt_enrolment_state"),
            # Every column the quiz report reads from a quiz's attempts, so that it reads this index alone
            # (an index-only scan on PostgreSQL) rather than rows that carry the question snapshots.
            models.Index(
                fields=[
                    "quiz",
                    "state",
                    "score",
                    "out_of",
                    "id",
                    "employee",
                    "passed",
                    "started_at",
                    "finished_at",
                    "finished_by",
                ],
                name="attempt_report_figures",
            ),
        ]

    def __str__(self) -> str:
        return f"Attempt {self.number} at {self.quiz_id} by {self.employee_id}"

    @property
    def question_count(self) -> int:
        return len(self.questions)

    @property
    def is_open(self) -> bool:
        return self.state == self.State.IN_PROGRESS

    @property
    def percent(self):
        if self.score is None or not self.questions:
            return None
        return round(100 * self.score / len(self.questions), 1)


class Answer(models.Model):
    """The learner's answer to one question of an attempt; a row per question exists from the start."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    position = models.PositiveSmallIntegerField()
    question_key = models.CharField(max_length=64)
    answered_at = models.DateTimeField(null=True, blank=True)
    correct = models.BooleanField(null=True)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [models.UniqueConstraint(fields=["attempt", "position"], name="one_answer_per_position")]

    def __str__(self) -> str:
        return f"Answer {self.position} of attempt {self.attempt_id}"


class Selection(models.Model):
    """One choice a learner selected in an answer (a row each, so the report counts choices in SQL).

    The answer's attempt and question key are kept on the row as well, so the report counts a quiz's
    choices from this table and the attempts alone, without joining every answer (assessments/report.py).
    """

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="selections")
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="+", help_text="The answer's attempt.")
    question_key = models.CharField(max_length=64, help_text="The answer's question.")
    choice_key = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "choice_key"], name="one_selection_per_choice"),
            models.CheckConstraint(condition=~Q(question_key=""), name="selection_names_its_question"),
        ]

    def __str__(self) -> str:
        return self.choice_key


class WorkplaceAdjustment(models.Model):
    """Extra time in timed quizzes for one person, recorded by HR or their line manager.

    Rows are never changed: the latest for a person is their adjustment now, and the earlier ones are
    its history. Recording "no extra time" (0%) ends one.
    """

    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="workplace_adjustments")
    extra_time_percent = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(400)],
        help_text="Extra time as a share of each quiz's time limit. Empty means no time limit at all.",
    )
    reason = models.TextField(max_length=1000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["employee", "-recorded_at", "-pk"]
        get_latest_by = ["recorded_at", "pk"]

    def __str__(self) -> str:
        if self.no_time_limit:
            return "No time limit"
        return f"{self.extra_time_percent}% extra time" if self.extra_time_percent else "No extra time"

    @property
    def no_time_limit(self) -> bool:
        return self.extra_time_percent is None
