"""Demo progress, so the demo learner's course pages show "Continue" and "Completed" states."""

from __future__ import annotations

from courses.models import CoursePage
from enrolment.progress import complete_module, start_course
from people.models import Employee

# (work email, course slug, how many modules done; None means all of them)
DEMO_PROGRESS = [
    ("learner@example.gov.uk", "open-data-essentials", 2),
    ("learner@example.gov.uk", "social-media-in-government", None),
    ("scs@example.gov.uk", "information-management-crash-course", None),
    ("manager@example.gov.uk", "analysing-data-for-policy", 1),
]


def load_demo_progress() -> int:
    """Give demo people the progress above unless they already have some on that course; returns new enrolments."""
    created = 0
    people = {e.email: e for e in Employee.objects.filter(email__in={email for email, *_ in DEMO_PROGRESS})}
    courses = {c.slug: c for c in CoursePage.objects.live().filter(slug__in={slug for _, slug, _ in DEMO_PROGRESS})}
    for email, slug, done in DEMO_PROGRESS:
        employee, course = people.get(email), courses.get(slug)
        if employee is None or course is None or course.enrolments.filter(employee=employee).exists():
            continue
        enrolment = start_course(employee=employee, course=course)
        created += 1
        modules = list(course.modules())
        for module in modules if done is None else modules[:done]:
            complete_module(enrolment=enrolment, module=module)
    return created
