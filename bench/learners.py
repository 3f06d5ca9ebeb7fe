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


MY_LEARNING_EMAIL = "bench.mylearning@example.gov.uk"


def my_learning_person(*, enrolments: int = 40):
    """A senior civil servant from the bench population, signed up, with `enrolments` enrolments.

    Their compulsory training comes from the population; chosen courses (some completed, some in
    progress) are added on bench courses until they have `enrolments`. Returns the user.
    """
    from datetime import timedelta

    from django.utils import timezone

    from bench.population import SELF_COURSES, bench_course_ids, bench_employees
    from enrolment.models import Enrolment

    employee = (
        bench_employees()
        .filter(is_active=True, grade__code="SCS1", department__code="B-DSIT")
        .order_by("staff_number")
        .first()
    ) or bench_employees().filter(is_active=True, grade__code="SCS1").order_by("staff_number").first()
    if employee is None:
        raise RuntimeError("No bench population: run `manage.py bench_populate` first.")
    user, _ = get_user_model().objects.get_or_create(
        email=MY_LEARNING_EMAIL, defaults={"first_name": employee.given_name, "last_name": employee.family_name}
    )
    Employee.objects.filter(user=user).exclude(pk=employee.pk).update(user=None)
    if employee.user_id != user.pk:
        employee.user = user
        employee.save(update_fields=["user"])
    courses = bench_course_ids()
    taken = set(Enrolment.objects.filter(employee=employee).values_list("course_id", flat=True))
    missing = enrolments - Enrolment.objects.filter(employee=employee).count()
    now = timezone.now()
    new = []
    for number in SELF_COURSES:
        if len(new) >= missing:
            break
        if courses[number] in taken:
            continue
        completed = now - timedelta(days=number) if len(new) % 3 else None
        new.append(
            Enrolment(
                employee=employee,
                course_id=courses[number],
                enrolled_at=now - timedelta(days=number + 10),
                completed_at=completed,
            )
        )
    Enrolment.objects.bulk_create(new)
    return user, Enrolment.objects.filter(employee=employee).count()
