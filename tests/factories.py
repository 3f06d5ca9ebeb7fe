"""factory_boy factories for the whole suite. Grades and professions come from the seed migration."""

from __future__ import annotations

import factory
from allauth.account.models import EmailAddress
from factory.django import DjangoModelFactory

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
    """An active employee without an account; `EmployeeFactory(with_user=True)` also gives them one."""

    class Meta:
        model = Employee
        skip_postgeneration_save = True

    class Params:
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
    department = factory.SubFactory(DepartmentFactory)
    profession = factory.SubFactory(ProfessionFactory)
    line_manager = None
    is_active = True
