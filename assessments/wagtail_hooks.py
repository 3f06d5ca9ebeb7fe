"""Every Wagtail hook and admin registration of the assessments app (see content/hooks.py for govlearn's own hooks)."""

from django.urls import reverse
from wagtail import hooks

from assessments.admin_views import QuizReportButton, QuizReportViewSet, QuizResultsMenuItem, is_quiz
from assessments.models import Attempt, QuizPage
from content import hooks as govlearn_hooks


@hooks.register(govlearn_hooks.COURSE_COMPLETION_CONDITIONS)
def quiz_passed(*, enrolment) -> bool:
    """A course with a published quiz is complete only once that quiz is passed in this enrolment."""
    quiz_ids = (
        QuizPage.objects.live()
        .filter(path__startswith=enrolment.course.path, depth=enrolment.course.depth + 1)
        .values("pk")
    )
    if not quiz_ids.exists():
        return True
    return Attempt.objects.filter(enrolment=enrolment, quiz_id__in=quiz_ids, passed=True).exists()


@hooks.register("register_admin_viewset")
def register_quiz_reports():
    return QuizReportViewSet()


@hooks.register("register_reports_menu_item")
def quiz_results_menu_item():
    return QuizResultsMenuItem(
        "Quiz results", reverse("quiz_reports:index"), name="quiz-results", icon_name="tasks", order=650
    )


@hooks.register("register_page_listing_more_buttons")
def quiz_report_listing_button(page, user, next_url=None):
    if is_quiz(page):
        yield QuizReportButton(page, priority=45)


@hooks.register("register_page_header_buttons")
def quiz_report_header_button(page, user, view_name, next_url=None):
    if is_quiz(page):
        yield QuizReportButton(page, priority=62)
