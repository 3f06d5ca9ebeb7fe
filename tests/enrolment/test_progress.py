from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from enrolment.models import Enrolment, ModuleCompletion
from enrolment.progress import complete_module, mark_complete, remaining_modules, start_course
from enrolment.signals import course_completed
from tests.factories import EmployeeFactory, EnrolmentFactory
from tests.pages import add_module, make_course

pytestmark = pytest.mark.django_db

NOON = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def completions(django_capture_on_commit_callbacks):
    """Enrolments announced as completed, after their transaction commits."""
    heard = []

    def listener(sender, enrolment, **kwargs):
        heard.append(enrolment.pk)

    course_completed.connect(listener)
    yield heard
    course_completed.disconnect(listener)


def test_starting_a_course_enrols_once(employee):
    course = make_course(modules=2)
    first = start_course(employee=employee, course=course)
    again = start_course(employee=employee, course=course)
    assert first == again
    assert Enrolment.objects.filter(employee=employee, course=course).count() == 1
    assert first.source == Enrolment.Source.SELF


def test_the_database_refuses_a_second_open_enrolment(employee):
    course = make_course(modules=1)
    EnrolmentFactory(employee=employee, course=course, requirement=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        EnrolmentFactory(employee=employee, course=course, requirement=None)


def test_a_completed_enrolment_does_not_block_a_new_cycle(employee):
    course = make_course(modules=1)
    EnrolmentFactory(employee=employee, course=course, requirement=None, completed_on=NOON.date())
    EnrolmentFactory(employee=employee, course=course, requirement=None)
    assert Enrolment.objects.filter(employee=employee, course=course).count() == 2


def test_marking_a_module_complete_twice_records_it_once(employee):
    course = make_course(modules=2)
    module = course.modules().first()
    enrolment = start_course(employee=employee, course=course)
    first = complete_module(enrolment=enrolment, module=module, now=NOON)
    second = complete_module(enrolment=enrolment, module=module)
    assert first.newly_recorded
    assert not second.newly_recorded
    assert ModuleCompletion.objects.get(enrolment=enrolment).completed_at == NOON


def test_resume_is_the_first_incomplete_module_in_course_order(employee):
    course = make_course(modules=4)
    first, second, third, _fourth = course.modules()
    enrolment = start_course(employee=employee, course=course)
    complete_module(enrolment=enrolment, module=first)
    complete_module(enrolment=enrolment, module=third)
    assert remaining_modules(enrolment).first().pk == second.pk
    assert remaining_modules(enrolment).count() == 2


def test_completing_every_module_completes_the_course_once(employee, completions, django_capture_on_commit_callbacks):
    course = make_course(modules=2)
    first, second = course.modules()
    enrolment = start_course(employee=employee, course=course)
    finished = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert not complete_module(enrolment=enrolment, module=first).course_completed
        result = complete_module(enrolment=enrolment, module=second, now=finished)
        assert result.course_completed
        assert not complete_module(enrolment=enrolment, module=second).course_completed
        assert not mark_complete(enrolment=enrolment)
    enrolment.refresh_from_db()
    assert enrolment.completed_at == finished
    assert completions == [enrolment.pk]


def test_a_module_added_after_completion_leaves_the_completion_standing(employee, learner):
    course = make_course(modules=1)
    done = start_course(employee=employee, course=course)
    complete_module(enrolment=done, module=course.modules().first())
    done.refresh_from_db()
    finished = done.completed_at
    add_module(course)
    done.refresh_from_db()
    assert finished is not None
    assert done.completed_at == finished

    newcomer = start_course(employee=learner, course=course)
    complete_module(enrolment=newcomer, module=course.modules().first())
    newcomer.refresh_from_db()
    assert newcomer.completed_at is None
    assert remaining_modules(newcomer).count() == 1


def test_unpublished_modules_are_not_needed_to_complete(employee):
    course = make_course(modules=2)
    first, second = course.modules()
    second.unpublish()
    enrolment = start_course(employee=employee, course=course)
    assert complete_module(enrolment=enrolment, module=first).course_completed


def test_a_module_of_another_course_is_refused(employee):
    course, other = make_course(modules=1), make_course(modules=1)
    enrolment = start_course(employee=employee, course=course)
    with pytest.raises(ValueError, match="not part of course"):
        complete_module(enrolment=enrolment, module=other.modules().first())
    assert not ModuleCompletion.objects.exists()


def test_starting_again_after_withdrawal_resumes_the_old_progress(employee):
    course = make_course(modules=3)
    enrolment = start_course(employee=employee, course=course)
    complete_module(enrolment=enrolment, module=course.modules().first())
    Enrolment.objects.filter(pk=enrolment.pk).update(withdrawn_at=NOON)

    resumed = start_course(employee=employee, course=course)
    assert resumed.pk == enrolment.pk
    assert resumed.withdrawn_at is None
    assert remaining_modules(resumed).count() == 2


def test_progress_belongs_to_one_learner(employee):
    other = EmployeeFactory()
    course = make_course(modules=2)
    mine = start_course(employee=employee, course=course)
    theirs = start_course(employee=other, course=course)
    complete_module(enrolment=mine, module=course.modules().first())
    assert remaining_modules(theirs).count() == 2


def test_starting_prefers_the_open_enrolment_then_the_latest_withdrawn(employee):
    course = make_course(modules=1)
    older = EnrolmentFactory(employee=employee, course=course, withdrawn_at=NOON)
    later = EnrolmentFactory(employee=employee, course=course, withdrawn_at=NOON)
    Enrolment.objects.filter(pk=older.pk).update(enrolled_at=datetime(2026, 1, 5, tzinfo=UTC))
    Enrolment.objects.filter(pk=later.pk).update(enrolled_at=datetime(2026, 6, 5, tzinfo=UTC))
    assert start_course(employee=employee, course=course).pk == later.pk  # resumed
    assert start_course(employee=employee, course=course).pk == later.pk  # now the open one
    assert Enrolment.objects.get(pk=older.pk).withdrawn_at == NOON
