"""Demo learning: progress for the demo learner, and the two compulsory courses govlearn exists for.

Every demo person ends up with a status against each requirement, and between them
every status can be seen: compliant, expiring, due, overdue and exempt. Loading again
changes nothing: the progress is skipped for anyone who already has an enrolment on
that course, and the requirements' states are set up only when the requirement is new.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from courses.models import CoursePage
from enrolment.assignment import assign_requirements
from enrolment.models import Enrolment, Exemption, Requirement
from enrolment.progress import complete_module
from people.models import Employee, Grade, User

# (work email, course slug, how many modules done; None means all of them). They started the course
# PROGRESS_STARTED_DAYS_AGO days before the load and did a module a day.
PROGRESS_STARTED_DAYS_AGO = 14
DEMO_PROGRESS = [
    ("learner@example.gov.uk", "open-data-essentials", 2),
    ("learner@example.gov.uk", "social-media-in-government", None),
    ("scs@example.gov.uk", "information-management-crash-course", None),
    ("manager@example.gov.uk", "analysing-data-for-policy", 1),
]

HR_OFFICER_EMAIL = "hr@example.gov.uk"


@dataclass(frozen=True)
class DemoRequirement:
    name: str
    course_slug: str
    minimum_grade: str | None
    due_within_days: int
    renewal_months: int
    window_days: int = 30
    started_days_ago: int = 120


TECHNOLOGY_POLICY = DemoRequirement(
    name="Technology policy for the Senior Civil Service",
    course_slug="technology-policy-for-senior-leaders",
    minimum_grade="SCS1",
    due_within_days=90,
    renewal_months=12,
    started_days_ago=150,
)
INFORMATION_MANAGEMENT = DemoRequirement(
    name="Information management for everyone",
    course_slug="information-management-crash-course",
    minimum_grade=None,
    due_within_days=60,
    renewal_months=24,
)
DEMO_REQUIREMENTS = [TECHNOLOGY_POLICY, INFORMATION_MANAGEMENT]


# What demo people have done about each requirement, by staff number. Everyone else in the
# audience is simply due: assignment gives them a due date counted from today.
# ("completed", days ago) - completed that long ago, every module done;
# ("overdue", days) - their due date passed that many days ago;
# ("exempt", days, reason) - exempt for that many more days.
DEMO_STATES: dict[str, dict[str, tuple]] = {
    TECHNOLOGY_POLICY.name: {
        "00900004": ("completed", 120),  # Owen Davies (SCS2): compliant
        "00900005": ("completed", 350),  # Charlotte Ellis (SCS2): 12 months less 15 days ago, so expiring
        "00900007": ("overdue", 12),  # Marcus Oyelaran (SCS1)
        "00900056": ("overdue", 40),  # Alexandra Grey (SCS1)
        "00900002": ("exempt", 150, "Parental leave until the spring."),  # Rajesh Nair (SCS3)
        # scs@example.gov.uk (Catriona Murray, SCS1) is due, like the rest of the SCS.
    },
    INFORMATION_MANAGEMENT.name: {
        "00900011": ("completed", 150),  # Connor Brady: compliant
        "00900012": ("completed", 710),  # Priya Raman: expiring (manager@'s team)
        "00900013": ("overdue", 15),  # Tomasz Nowak (manager@'s team)
        "00900014": ("exempt", 90, "Secondment to HMRC until the spring."),  # Ellie Robertson (manager@'s team)
        "00900018": ("completed", 715),  # Mei Chen: 24 months less 15 days ago, so expiring
        "00900009": ("overdue", 9),  # Nadia Hussain, manager@example.gov.uk
        "00900019": ("overdue", 20),  # Kwame Mensah
        "00900040": ("overdue", 45),  # Leanne Carr
        "00900035": ("exempt", 120, "Parental leave; the course is due when they return."),  # Siobhan Kelly
        # scs@example.gov.uk completed it through DEMO_PROGRESS (compliant); the rest are due.
    },
}


def load_demo_progress() -> int:
    """Demo progress, then the demo requirements with a spread of statuses; returns new enrolments."""
    created = _load_progress()
    created += load_demo_requirements()
    return created


def _load_progress() -> int:
    """Give demo people the progress above unless they already have some on that course; returns new enrolments."""
    created = 0
    started_at = timezone.now() - timedelta(days=PROGRESS_STARTED_DAYS_AGO)
    people = {e.email: e for e in Employee.objects.filter(email__in={email for email, *_ in DEMO_PROGRESS})}
    courses = {c.slug: c for c in CoursePage.objects.live().filter(slug__in={slug for _, slug, _ in DEMO_PROGRESS})}
    for email, slug, done in DEMO_PROGRESS:
        employee, course = people.get(email), courses.get(slug)
        if employee is None or course is None or course.enrolments.filter(employee=employee).exists():
            continue
        enrolment = Enrolment.objects.create(
            employee=employee, course=course, source=Enrolment.Source.SELF, enrolled_at=started_at
        )
        created += 1
        modules = list(course.modules())
        for index, module in enumerate(modules if done is None else modules[:done], start=1):
            complete_module(enrolment=enrolment, module=module, now=started_at + timedelta(days=index))
    return created


@transaction.atomic
def load_demo_requirements(*, today: date | None = None) -> int:
    """Install the demo requirements that are not there yet and give the demo people their states.

    A requirement that already exists (by name) is left exactly as it is, with its enrolments.
    Returns how many enrolments were created.
    """
    today = today or timezone.localdate()
    existing = set(
        Requirement.objects.filter(name__in=[d.name for d in DEMO_REQUIREMENTS]).values_list("name", flat=True)
    )
    courses = {c.slug: c for c in CoursePage.objects.live().filter(slug__in=[d.course_slug for d in DEMO_REQUIREMENTS])}
    granted_by = User.objects.filter(email=HR_OFFICER_EMAIL).first()
    created = 0
    for definition in DEMO_REQUIREMENTS:
        course = courses.get(definition.course_slug)
        if definition.name in existing or course is None:
            continue
        requirement = Requirement.objects.create(
            name=definition.name,
            course=course,
            minimum_grade=Grade.objects.filter(code=definition.minimum_grade).first()
            if definition.minimum_grade
            else None,
            due_within_days=definition.due_within_days,
            renewal_months=definition.renewal_months,
            recertification_window_days=definition.window_days,
            starts_on=today - timedelta(days=definition.started_days_ago),
        )
        created += _give_states(requirement, DEMO_STATES[definition.name], today=today, granted_by=granted_by)
    return created


def _give_states(requirement: Requirement, states: dict[str, tuple], *, today: date, granted_by: User | None) -> int:
    people = {
        e.staff_number: e for e in Employee.objects.active().filter(staff_number__in=states).select_related("grade")
    }
    audience = set(requirement.audience().filter(pk__in=[e.pk for e in people.values()]).values_list("pk", flat=True))
    people = {number: e for number, e in people.items() if e.pk in audience}
    created = 0
    # Exemptions and past completions first, so assignment leaves those people alone or renews them.
    for number, (kind, *details) in states.items():
        employee = people.get(number)
        if employee is None:
            continue
        if kind == "exempt" and granted_by is not None:
            days, reason = details
            Exemption.objects.create(
                employee=employee,
                requirement=requirement,
                until=today + timedelta(days=days),
                reason=reason,
                granted_by=granted_by,
            )
        elif kind == "completed" and not requirement.course.enrolments.filter(employee=employee).exists():
            _complete_in_the_past(employee, requirement, completed_on=today - timedelta(days=details[0]))
            created += 1
    assigned = assign_requirements(today=today, requirements=[requirement])
    created += assigned.assigned + assigned.renewals
    # Some were found by the engine when the requirement started, and their due date has passed.
    for number, (kind, *details) in states.items():
        if kind == "overdue" and number in people:
            (
                Enrolment.objects.open()
                .filter(employee=people[number], requirement=requirement)
                .update(
                    enrolled_at=_moment(today - timedelta(days=requirement.due_within_days + details[0])),
                    due_on=today - timedelta(days=details[0]),
                    updated_at=timezone.now(),
                )
            )
    return created


def _complete_in_the_past(employee: Employee, requirement: Requirement, *, completed_on: date) -> None:
    """An assigned enrolment completed on that day, module by module, as if the person had done it then."""
    completed_at = _moment(completed_on)
    enrolment = Enrolment.objects.create(
        employee=employee,
        course=requirement.course,
        source=Enrolment.Source.REQUIREMENT,
        requirement=requirement,
        enrolled_at=completed_at - timedelta(days=requirement.due_within_days // 2),
        due_on=completed_on + timedelta(days=requirement.due_within_days // 2),
    )
    for index, module in enumerate(requirement.course.modules()):
        complete_module(enrolment=enrolment, module=module, now=completed_at + timedelta(minutes=20 * index))


def _moment(day: date) -> datetime:
    """Ten in the morning, London time, on that day."""
    return timezone.make_aware(datetime.combine(day, time(10, 0)))
