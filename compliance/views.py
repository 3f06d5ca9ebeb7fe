"""My team (a line manager's reports and their compulsory training), granting one of them an extension, and
recording their extra time in timed quizzes.

Only line managers may use these pages, and only for people in their own management
chain: every record is looked up through the signed-in manager, so an id changed in
the address finds nothing (404) rather than someone else's report.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from assessments.adjustments import current_adjustment, record_adjustment
from assessments.forms import OTHER
from assessments.models import WorkplaceAdjustment
from compliance.forms import TeamAdjustmentForm, TeamExtensionForm, long_date
from compliance.team import (
    NOTHING_REQUIRED,
    active_requirements,
    extendable_enrolments,
    has_indirect_reports,
    status_counts,
    team_of,
    team_rows,
    team_standing,
)
from content.pagination import pagination_links
from enrolment.extensions import MANAGER_EXTENSION_LIMIT_DAYS, grant_extension, line_managers_can_extend
from enrolment.forms import add_workflow_errors
from enrolment.models import Extension
from enrolment.status import URGENCY, enrolment_status, status_tag, with_status
from people.models import Employee
from people.roles import employee_for, is_line_manager

PER_PAGE = 25
EVERYONE = "everyone"


def manager_or_403(request) -> Employee:
    """The signed-in person's HR record, if they line manage anyone; otherwise they may not see these pages."""
    if not is_line_manager(request.user):
        raise PermissionDenied("Only line managers have a team to see.")
    manager = employee_for(request.user)
    if manager is None or not manager.is_active:
        raise PermissionDenied("Only line managers have a team to see.")
    return manager


@require_GET
@login_required
def my_team(request):
    """The manager's reports against each compulsory requirement that applies to them, most urgent first."""
    manager = manager_or_403(request)
    today = timezone.localdate()
    everyone = request.GET.get("show") == EVERYONE
    people = team_of(manager, everyone_below=everyone)
    requirements = active_requirements()

    counts = status_counts(people, requirements, today=today)
    paginator = Paginator(team_standing(people, requirements, today=today), PER_PAGE)
    # The counts by status already say how many rows there are: spare the database a second count.
    paginator.count = sum(counts.values())
    page_obj = paginator.get_page(request.GET.get("page"))
    summary = [
        {"status": status, "label": status.label.lower(), "count": counts[status]}
        for status in URGENCY
        if counts.get(status)
    ]
    return render(
        request,
        "compliance/my_team.html",
        {
            "manager": manager,
            "everyone": everyone,
            "has_indirect_reports": has_indirect_reports(manager),
            "people_count": people.count(),
            "summary": summary,
            "nothing_required": NOTHING_REQUIRED,
            "page_obj": page_obj,
            "rows": team_rows(page_obj.object_list, requirements, today=today),
            "pagination": pagination_links(
                page_obj, lambda number: "?" + urlencode({**({"show": EVERYONE} if everyone else {}), "page": number})
            ),
            "can_extend": line_managers_can_extend(),
            "limit_days": MANAGER_EXTENSION_LIMIT_DAYS,
        },
    )


def current_tag(enrolment, *, today):
    """Where the person stands on this requirement, as My team shows it (not only this enrolment's own state).

    A renewal whose window has opened is "Expiring" while the earlier completion still counts, as on My team.
    """
    if enrolment.requirement_id is None:
        return status_tag(enrolment_status(enrolment, today=today), due_on=enrolment.due_on, today=today)
    person = with_status(Employee.objects.filter(pk=enrolment.employee_id), enrolment.requirement, today=today).values(
        "status", "due_on"
    )[0]
    return status_tag(person["status"], due_on=person["due_on"], today=today)


@require_http_methods(["GET", "POST"])
@login_required
def extend(request, enrolment_id: int):
    """A new due date, with a reason, for an open compulsory enrolment of one of the manager's direct reports."""
    manager = manager_or_403(request)
    if not line_managers_can_extend():
        raise Http404("Line managers cannot grant extensions here.")
    enrolment = get_object_or_404(extendable_enrolments(manager), pk=enrolment_id)
    employee = enrolment.employee
    today = timezone.localdate()
    form = TeamExtensionForm(request.POST or None, enrolment=enrolment, today=today)
    if request.method == "POST" and form.is_valid():
        try:
            extension = grant_extension(
                enrolment=enrolment,
                due_on=form.cleaned_data["due_on"],
                reason=form.cleaned_data["reason"],
                granted_by=request.user,
                today=today,
            )
        except ValidationError as error:
            add_workflow_errors(form, error)
        else:
            messages.success(
                request,
                f"Extension granted: {employee.full_name} now has until {long_date(extension.due_on)} "
                f"to complete {enrolment.course.title}.",
            )
            return redirect("compliance:my_team")
    return render(
        request,
        "compliance/grant_extension.html",
        {
            "form": form,
            "enrolment": enrolment,
            "employee": employee,
            "current_tag": current_tag(enrolment, today=today),
            "extensions": Extension.objects.filter(enrolment=enrolment).select_related("granted_by"),
            "my_team_url": reverse("compliance:my_team"),
        },
    )


def recorded_message(employee: Employee, adjustment: WorkplaceAdjustment) -> str:
    name = employee.full_name
    if adjustment.extra_time_percent == 0:
        return f"Extra time ended: {name} has no extra time in timed quizzes."
    if adjustment.no_time_limit:
        return f"Extra time recorded: {name} now has no time limit in timed quizzes."
    return f"Extra time recorded: {name} now has {adjustment.extra_time_percent}% extra time in timed quizzes."


@require_http_methods(["GET", "POST"])
@login_required
def extra_time(request, employee_id: int):
    """One of the manager's direct reports: their extra time in timed quizzes now, its history, and recording it."""
    manager = manager_or_403(request)
    # The team My team lists by default; record_adjustment checks the same rule again.
    employee = get_object_or_404(team_of(manager).select_related("grade"), pk=employee_id)
    form = TeamAdjustmentForm(request.POST) if request.method == "POST" else TeamAdjustmentForm()
    if request.method == "POST" and form.is_valid():
        try:
            adjustment = record_adjustment(
                employee=employee,
                extra_time_percent=form.cleaned_data["extra_time_percent"],
                reason=form.cleaned_data["reason"],
                recorded_by=request.user,
            )
        except ValidationError as error:
            form.add_rule_errors(error)
        else:
            messages.success(request, recorded_message(employee, adjustment))
            return redirect("compliance:my_team")
    return render(
        request,
        "compliance/extra_time.html",
        {
            "form": form,
            "employee": employee,
            "current": current_adjustment(employee),
            "history": employee.workplace_adjustments.select_related("recorded_by"),
            "other": OTHER,
            "my_team_url": reverse("compliance:my_team"),
        },
    )
