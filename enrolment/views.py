from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from content.sites import is_hidden
from courses.models import CoursePage, ModulePage
from enrolment.progress import complete_module, remaining_modules, start_course
from people.roles import employee_for


def _employee_or_explain(request):
    employee = employee_for(request.user)
    if employee is None:
        messages.error(
            request,
            "Your account is not linked to an HR record yet, so your progress cannot be recorded. "
            "Ask your HR team to add your work email address to your record.",
        )
    return employee


@require_POST
@login_required
def start(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    if is_hidden(course, request):
        raise Http404
    employee = _employee_or_explain(request)
    if employee is None:
        return redirect(course.url)
    enrolment = start_course(employee=employee, course=course)
    next_module = remaining_modules(enrolment).first()
    return redirect(next_module.url if next_module else course.url)


@require_POST
@login_required
def complete(request, module_id: int):
    module = get_object_or_404(ModulePage.objects.live().specific(), pk=module_id)
    course = module.course
    if not course.live or is_hidden(module, request):
        raise Http404
    employee = _employee_or_explain(request)
    if employee is None:
        return redirect(module.url)
    enrolment = start_course(employee=employee, course=course)
    result = complete_module(enrolment=enrolment, module=module)
    if result.course_completed:
        messages.success(request, f"You have completed {course.title}.")
        return redirect(course.url)
    next_module = _next_after(module, course)
    return redirect(next_module.url if next_module else course.url)


def _next_after(module: ModulePage, course: CoursePage) -> ModulePage | None:
    return course.modules().filter(path__gt=module.path).first()
