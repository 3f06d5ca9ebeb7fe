"""A signed-in learner part-way through a benchmark course."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from bench.catalogue import PREFIX
from courses.models import CoursePage
from enrolment.models import ModuleCompletion
from enrolment.progress import start_course
from people.models import Department, Employee, Grade

EMAIL = "bench.learner@example.gov.uk"


def bench_learner(*, modules_done: int):
    """The bench learner, enrolled on the middle bench course with `modules_done` modules complete."""
    user, _ = get_user_model().objects.get_or_create(email=EMAIL, defaults={"first_name": "Bench"})
    department = Department.objects.order_by("pk").first() or Department.objects.create(code="BENCH", name="Bench")
    employee, _ = Employee.objects.update_or_create(
        staff_number="BENCH-0001",
        defaults={
            "user": user,
            "given_name": "Bench",
            "family_name": "Learner",
            "email": EMAIL,
            "grade": Grade.objects.get(code="EO"),
            "department": department,
        },
    )
    courses = CoursePage.objects.filter(slug__startswith=PREFIX).order_by("path")
    course = courses[courses.count() // 2]
    enrolment = start_course(employee=employee, course=course)
    modules = list(course.modules())
    ModuleCompletion.objects.bulk_create(
        [ModuleCompletion(enrolment=enrolment, module=m) for m in modules[:modules_done]], ignore_conflicts=True
    )
    return employee, course, modules[min(modules_done, len(modules) - 1)]
