"""factory_boy factories for the whole suite. Grades and professions come from the seed migration.

Course pages are built with wagtail-factories under the catalogue the migrations create. Enrolments
have traits for the states the rules care about: `EnrolmentFactory(overdue=True)`, `expiring=True`,
`completed=True`, `withdrawn=True`, each relative to `today` (a parameter, Europe/London date), and
`completed_on=day` for a completion on a given day. `EmployeeFactory(reports_to=manager)` puts someone
in a manager's team; `ExemptionFactory(revoked=True)` gives an exemption HR has revoked.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.utils import timezone
from factory.django import DjangoModelFactory

from assessments.models import QuizPage, WorkplaceAdjustment
from courses.models import CataloguePage, CoursePage, ModulePage
from enrolment.models import Enrolment, Exemption, Extension, Requirement
from people.models import Department, Employee, Grade, Profession, User

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(DjangoModelFactory):
    """An account. `verified_email=True` (the default) gives it a verified primary allauth address,
    so it can sign in through the real sign-in form; the password is TEST_PASSWORD."""

    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.gov.uk")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    password = factory.django.Password(TEST_PASSWORD)
    is_active = True

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        """UserFactory(verified_email=False) leaves the account without an email address record."""
        if create and extracted is not False:
            EmailAddress.objects.update_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )


class DepartmentFactory(DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"TD{n:03d}")
    name = factory.Sequence(lambda n: f"Test Department {n}")
    parent = None


class GradeFactory(DjangoModelFactory):
    """By default the seeded Executive Officer grade; pass code="G7" etc. for another seeded grade."""

    class Meta:
        model = Grade
        django_get_or_create = ("code",)

    code = "EO"
    name = factory.LazyAttribute(lambda grade: f"Grade {grade.code}")
    rank = factory.Sequence(lambda n: 1000 + n)


class ProfessionFactory(DjangoModelFactory):
    """By default the seeded Policy profession."""

    class Meta:
        model = Profession
        django_get_or_create = ("code",)

    code = "policy"
    name = factory.LazyAttribute(lambda profession: profession.code.replace("-", " ").capitalize())


class EmployeeFactory(DjangoModelFactory):
    """An active employee without an account; `EmployeeFactory(with_user=True)` also gives them one.

    `EmployeeFactory(reports_to=manager)` reports to the manager, in the manager's department (an EO,
    as every employee is unless given another grade).
    """

    class Meta:
        model = Employee
        skip_postgeneration_save = True

    class Params:
        reports_to = None
        with_user = factory.Trait(
            user=factory.SubFactory(
                UserFactory,
                email=factory.SelfAttribute("..email"),
                first_name=factory.SelfAttribute("..given_name"),
                last_name=factory.SelfAttribute("..family_name"),
            )
        )

    staff_number = factory.Sequence(lambda n: f"{n:08d}")
    given_name = factory.Faker("first_name", locale="en_GB")
    family_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttributeSequence(
        lambda e, n: f"{e.given_name}.{e.family_name}.{n}@example.gov.uk".lower().replace(" ", "").replace("'", "")
    )
    grade = factory.SubFactory(GradeFactory)
    department = factory.Maybe(
        "reports_to",
        yes_declaration=factory.SelfAttribute("reports_to.department"),
        no_declaration=factory.SubFactory(DepartmentFactory),
    )
    profession = factory.SubFactory(ProfessionFactory)
    line_manager = factory.SelfAttribute("reports_to")
    is_active = True


# Courses ---------------------------------------------------------------------------


def at_noon(day: date) -> datetime:
    """A moment on a Europe/London day that is the same day in UTC, whatever the time of year."""
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


class ModulePageFactory(wagtail_factories.PageFactory):
    """A live module; pass `parent=course`."""

    class Meta:
        model = ModulePage

    title = factory.Sequence(lambda n: f"Module {n}")
    slug = factory.Sequence(lambda n: f"module-{n}")
    body = factory.LazyAttribute(lambda module: [{"type": "text", "value": f"<p>Lesson text for {module.title}.</p>"}])
    estimated_minutes = 15
    live = True


class CoursePageFactory(wagtail_factories.PageFactory):
    """A live course in the catalogue; `CoursePageFactory(modules=3)` adds three live modules."""

    class Meta:
        model = CoursePage
        skip_postgeneration_save = True

    parent = factory.LazyFunction(CataloguePage.objects.get)
    title = factory.Sequence(lambda n: f"Factory course {n}")
    slug = factory.Sequence(lambda n: f"factory-course-{n}")
    summary = "A course for civil servants."
    learning_outcomes = "<ul><li>explain what the course covers</li></ul>"
    duration_minutes = 60
    audience = "All civil servants"
    live = True

    @factory.post_generation
    def modules(course, create, extracted, **kwargs):
        for _ in range(extracted or 0):
            ModulePageFactory(parent=course)


# Quizzes -------------------------------------------------------------------------------


def choice_question(text: str, choices: list[tuple[str, bool]], *, many: bool = False, key: str | None = None) -> dict:
    """A single (or, with `many=True`, multiple) choice question as StreamField data; choice ids are text-based."""
    slug = key or uuid.uuid4().hex[:8]
    return {
        "type": "multiple_choice" if many else "single_choice",
        "id": slug,
        "value": {
            "question": text,
            "choices": [
                {
                    "type": "item",
                    "id": f"{slug}-{n}",
                    "value": {"text": label, "correct": right, "feedback": f"Feedback on {label}."},
                }
                for n, (label, right) in enumerate(choices, start=1)
            ],
            "explanation": f"<p>Explanation of {text}</p>",
        },
    }


def true_false_question(statement: str, answer: bool, *, key: str | None = None) -> dict:
    return {
        "type": "true_false",
        "id": key or uuid.uuid4().hex[:8],
        "value": {
            "statement": statement,
            "correct_answer": "true" if answer else "false",
            "feedback_true": "Feedback on true.",
            "feedback_false": "Feedback on false.",
            "explanation": f"<p>Explanation of {statement}</p>",
        },
    }


class QuizPageFactory(wagtail_factories.PageFactory):
    """A live quiz; pass `parent=course`. `QuizPageFactory(parent=course, pool=10)` has ten single choice questions."""

    class Meta:
        model = QuizPage
        skip_postgeneration_save = True

    class Params:
        pool = 4

    title = "Quiz"
    slug = factory.Sequence(lambda n: f"quiz-{n}")
    questions = factory.LazyAttribute(
        lambda quiz: [
            choice_question(f"Question {n}", [("Right", True), ("Wrong", False), ("Also wrong", False)], key=f"q{n}")
            for n in range(1, quiz.pool + 1)
        ]
    )
    pass_mark = 80
    shuffle_choices = False
    live = True

    @factory.post_generation
    def published(quiz, create, extracted, **kwargs):
        """Give it a published revision, as learners only ever take one."""
        if create:
            quiz.save_revision().publish()


class WorkplaceAdjustmentFactory(DjangoModelFactory):
    class Meta:
        model = WorkplaceAdjustment

    employee = factory.SubFactory(EmployeeFactory)
    extra_time_percent = 25
    reason = "Recorded in a workplace adjustment passport."
    recorded_at = factory.LazyFunction(timezone.now)


# Compulsory training ------------------------------------------------------------------


class RequirementFactory(DjangoModelFactory):
    """Everyone must complete a one-module course within 60 days; `renewal_months=12` etc. for renewals."""

    class Meta:
        model = Requirement
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Compulsory training {n}")
    course = factory.SubFactory(CoursePageFactory, modules=1)
    due_within_days = 60
    renewal_months = None
    recertification_window_days = 30
    starts_on = date(2024, 1, 1)

    @factory.post_generation
    def grades(requirement, create, extracted, **kwargs):
        if create and extracted:
            requirement.grades.set(extracted)

    @factory.post_generation
    def departments(requirement, create, extracted, **kwargs):
        if create and extracted:
            requirement.departments.set(extracted)

    @factory.post_generation
    def professions(requirement, create, extracted, **kwargs):
        if create and extracted:
            requirement.professions.set(extracted)


class EnrolmentFactory(DjangoModelFactory):
    """An open compulsory enrolment due in 30 days; traits give the other states relative to `today`.

    `requirement=None` makes it a course the person chose (pass `course=`), with no due date.
    `completed_on=day` completes it at noon that day, with no due date and no expiry unless given
    (`expires_on=`). It was enrolled 400 days before `today`, or before `completed_on` if that is earlier.
    """

    class Meta:
        model = Enrolment

    class Params:
        today = factory.LazyFunction(timezone.localdate)
        completed_on = None
        overdue = factory.Trait(due_on=factory.LazyAttribute(lambda e: e.today - timedelta(days=10)))
        completed = factory.Trait(completed_on=factory.LazyAttribute(lambda e: e.today - timedelta(days=100)))
        # Completed, and the renewal window (30 days by default) has opened: it expires in 14 days.
        expiring = factory.Trait(
            completed_on=factory.LazyAttribute(lambda e: e.today - timedelta(days=350)),
            expires_on=factory.LazyAttribute(lambda e: e.today + timedelta(days=14)),
        )
        withdrawn = factory.Trait(withdrawn_at=factory.LazyAttribute(lambda e: at_noon(e.today - timedelta(days=1))))

    employee = factory.SubFactory(EmployeeFactory)
    requirement = factory.SubFactory(RequirementFactory)
    course = factory.LazyAttribute(lambda e: e.requirement.course if e.requirement else CoursePageFactory())
    source = factory.LazyAttribute(lambda e: Enrolment.Source.REQUIREMENT if e.requirement else Enrolment.Source.SELF)
    enrolled_at = factory.LazyAttribute(
        lambda e: at_noon(min(e.today, e.completed_on or e.today) - timedelta(days=400))
    )
    due_on = factory.LazyAttribute(
        lambda e: e.today + timedelta(days=30) if e.requirement and not e.completed_on else None
    )
    completed_at = factory.LazyAttribute(lambda e: at_noon(e.completed_on) if e.completed_on else None)


class ExemptionFactory(DjangoModelFactory):
    """An exemption in force for 30 days from `today`; `revoked=True` for one HR revoked that day."""

    class Meta:
        model = Exemption

    class Params:
        today = factory.LazyFunction(timezone.localdate)
        revoked = factory.Trait(
            revoked_at=factory.LazyAttribute(lambda x: at_noon(x.today)),
            revoked_by=factory.SelfAttribute("granted_by"),
            revoke_reason="Back at work early",
        )

    employee = factory.SubFactory(EmployeeFactory)
    requirement = factory.SubFactory(RequirementFactory)
    until = factory.LazyAttribute(lambda x: x.today + timedelta(days=30))
    reason = "Long-term sick leave"
    granted_by = factory.SubFactory(UserFactory)


class ExtensionFactory(DjangoModelFactory):
    """A record of an extension by HR (`by_line_manager=True` for a manager's); it does not move the enrolment."""

    class Meta:
        model = Extension

    enrolment = factory.SubFactory(EnrolmentFactory)
    previous_due_on = factory.LazyAttribute(lambda x: x.enrolment.due_on)
    due_on = factory.LazyAttribute(lambda x: (x.enrolment.due_on or timezone.localdate()) + timedelta(days=30))
    reason = "Long-term sick leave"
    granted_by = factory.SubFactory(UserFactory)
    by_line_manager = False
