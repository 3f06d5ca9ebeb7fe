"""The quiz report in the Wagtail admin, for editors and HR (registered in wagtail_hooks.py; HR's workplace
adjustments screens are in admin_views.py).

"Quiz results" in the Reports menu lists the quizzes the user may see with their attempts and pass rate;
each quiz's report (/admin/quizzes/<page id>/report/) shows the figures of `assessments.report`, and
downloads them as CSV (/admin/quizzes/<page id>/report.csv). The quiz pages in the page explorer link to
their report too. Who may see what is `assessments.permissions.quiz_report_policy`: someone it refuses
altogether gets Wagtail's "no permission" answer; a quiz outside what they may see, or an id that is not a
quiz, is a 404. Every screen fetches what it shows in a fixed number of queries, and names no learner.
"""

from __future__ import annotations

import csv
import io

from django.db.models import Avg, Count, F, FloatField, Q
from django.db.models.functions import Cast
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem as AdminMenuItem
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.models import Page

from assessments.models import Attempt, QuizPage
from assessments.permissions import VIEW, quiz_report_policy
from assessments.report import (
    DISCRIMINATION_BELOW,
    EASY_ABOVE,
    GROUP_SHARE_PERCENT,
    HARD_BELOW,
    QuizReport,
    quiz_report,
)
from content.spreadsheets import spreadsheet_safe

INDEX_URL = "quiz_reports:index"
REPORT_URL = "quiz_reports:report"
CSV_URL = "quiz_reports:csv"


class QuizReportPermissionMixin(PermissionCheckedMixin):
    permission_policy = quiz_report_policy
    permission_required = VIEW

    # The quiz is read after the permission check (in dispatch): whatever the id, someone refused gets the
    # same answer. Within what the policy lets the user see, any other id is a 404.
    @cached_property
    def quiz(self) -> QuizPage:
        quizzes = quiz_report_policy.instances_user_has_permission_for(self.request.user, VIEW)
        return get_object_or_404(quizzes, pk=self.kwargs["pk"])


# The list of quizzes ---------------------------------------------------------------


class QuizResultsView(QuizReportPermissionMixin, ReportView):
    """Every quiz the user may see, in the catalogue's order, with how its finished attempts went."""

    page_title = "Quiz results"
    header_icon = "tasks"
    results_template_name = "assessments/admin/quiz_results_results.html"
    index_url_name = INDEX_URL
    paginate_by = 50

    def get_queryset(self):
        return (
            quiz_report_policy.instances_user_has_permission_for(self.request.user, VIEW)
            .defer("questions", "introduction")
            .order_by("path")
        )

    def decorate_paginated_queryset(self, object_list):
        """The page's quizzes with their course and figures: two queries whatever the number of quizzes."""
        quizzes = list(object_list)
        results = {
            row["quiz_id"]: row
            for row in Attempt.objects.finished()
            .filter(quiz__in=[quiz.pk for quiz in quizzes])
            .values("quiz_id")
            .annotate(
                attempts=Count("pk"),
                learners=Count("employee", distinct=True),
                passed=Count("pk", filter=Q(passed=True)),
                average=Avg(Cast("score", FloatField()) / F("out_of")),
            )
            .order_by()
        }
        courses = dict(
            Page.objects.filter(path__in={quiz.path[: -quiz.steplen] for quiz in quizzes}).values_list("path", "title")
        )
        for quiz in quizzes:
            row = results.get(quiz.pk, {})
            quiz.course_title = courses.get(quiz.path[: -quiz.steplen], "")
            quiz.finished_attempts = row.get("attempts", 0)
            quiz.learners = row.get("learners", 0)
            quiz.pass_rate = row["passed"] / row["attempts"] if row else None
            quiz.average_percent = 100 * row["average"] if row else None
            quiz.report_url = reverse(REPORT_URL, args=[quiz.pk])
        return quizzes


# One quiz's report ----------------------------------------------------------------


class QuizReportView(QuizReportPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "assessments/admin/quiz_report.html"
    page_title = "Quiz report"
    header_icon = "tasks"

    def get_page_subtitle(self):
        return self.quiz.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(INDEX_URL), "label": "Quiz results"},
            {"url": "", "label": self.quiz.title, "sublabel": "Quiz report"},
        ]

    @cached_property
    def header_buttons(self):
        buttons = [
            HeaderButton("Download CSV", url=reverse(CSV_URL, args=[self.quiz.pk]), icon_name="download", priority=10)
        ]
        if self.quiz.permissions_for_user(self.request.user).can_edit():
            buttons.append(
                HeaderButton("Edit quiz", url=reverse("wagtailadmin_pages:edit", args=[self.quiz.pk]), icon_name="edit")
            )
        return buttons

    def get_context_data(self, **kwargs):
        report = quiz_report(self.quiz)
        return super().get_context_data(
            quiz=self.quiz,
            course=self.quiz.get_parent(),
            report=report,
            hinted=sum(1 for question in report.questions if question.hints),
            in_quiz=sum(1 for question in report.questions if question.in_quiz),
            removed=sum(1 for question in report.questions if not question.in_quiz),
            group_percent=GROUP_SHARE_PERCENT,
            easy_above_percent=round(EASY_ABOVE * 100),
            hard_below_percent=round(HARD_BELOW * 100),
            discrimination_below=DISCRIMINATION_BELOW,
            **kwargs,
        )


# The report as CSV ----------------------------------------------------------------

CSV_HEADER = [
    "row",
    "question number",
    "question key",
    "question type",
    "question",
    "in the quiz now",
    "choice key",
    "choice",
    "correct choice",
    "times answered",
    "left blank",
    "answered correctly",
    "facility",
    "upper group answered",
    "upper group correct",
    "lower group answered",
    "lower group correct",
    "discrimination",
    "times picked",
    "share picked",
    "hints",
]


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _decimal(value: float | None, places: int = 3):
    return "" if value is None else round(value, places)


def report_rows(report: QuizReport):
    """A row for each question with its figures, then one for each of its choices."""
    for question in report.questions:
        yield [
            "question",
            question.number,
            question.key,
            question.type,
            question.text,
            _yes_no(question.in_quiz),
            "",
            "",
            "",
            question.answered,
            question.left_blank,
            question.correct,
            _decimal(question.facility),
            question.upper_answered,
            question.upper_correct,
            question.lower_answered,
            question.lower_correct,
            _decimal(question.discrimination),
            "",
            "",
            " ".join(hint.text for hint in question.hints),
        ]
        for choice in question.choices:
            yield [
                "choice",
                question.number,
                question.key,
                question.type,
                question.text,
                _yes_no(choice.in_quiz),
                choice.key,
                choice.text,
                _yes_no(choice.correct),
                question.answered,
                *[""] * 8,
                choice.picked,
                _decimal(choice.share),
                "",
            ]


def report_csv(report: QuizReport) -> str:
    """The per-question and per-choice figures as CSV; every value through `spreadsheet_safe`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    writer.writerows([spreadsheet_safe(value) for value in row] for row in report_rows(report))
    return buffer.getvalue()


class QuizReportCSVView(QuizReportPermissionMixin, View):
    def get(self, request, *args, **kwargs):
        response = HttpResponse(report_csv(quiz_report(self.quiz)), content_type="text/csv; charset=utf-8")
        name = f"{slugify(self.quiz.title)[:60] or 'quiz'}-{self.quiz.pk}-report-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = content_disposition_header(True, name)
        return response


# Links to the report ----------------------------------------------------------------


class QuizResultsMenuItem(AdminMenuItem):
    """ "Quiz results" in the Reports menu, for whoever may see some quiz's report."""

    def is_shown(self, request):
        return quiz_report_policy.user_has_permission(request.user, VIEW)


class QuizReportButton(MenuItem):
    """ "Quiz report" on a quiz page in the page explorer (its "more" menu and its header)."""

    def __init__(self, page, *, priority: int):
        super().__init__("Quiz report", reverse(REPORT_URL, args=[page.pk]), icon_name="tasks", priority=priority)
        self.page = page

    def is_shown(self, user):
        return quiz_report_policy.user_has_permission_for_instance(user, VIEW, self.page)


def is_quiz(page) -> bool:
    """Whether an explorer's page is a quiz, from its content type (Wagtail keeps those in memory)."""
    return page.specific_class is QuizPage


class QuizReportViewSet(ViewSet):
    """The report screens at /admin/quizzes/ (no menu item of their own: "Quiz results" is under Reports)."""

    icon = "tasks"
    url_prefix = "quizzes"
    url_namespace = "quiz_reports"

    def get_urlpatterns(self):
        return [
            path("", QuizResultsView.as_view(), name="index"),
            path("<int:pk>/report/", QuizReportView.as_view(), name="report"),
            path("<int:pk>/report.csv", QuizReportCSVView.as_view(), name="csv"),
        ]
