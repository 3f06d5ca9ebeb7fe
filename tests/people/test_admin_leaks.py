"""People's records stay out of reach of admin users who are not HR: no names, and no telling who exists or left.

Course editors and reviewers reach the Wagtail admin, but not HR's screens. Whatever ids they put in a URL,
they must read no name and get the same answer, so that they cannot probe which people exist or have left.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from enrolment.models import Enrolment, Exemption, Extension, Requirement
from people.models import Department, Employee, Grade, Profession
from tests.factories import EmployeeFactory, EnrolmentFactory, ExemptionFactory, RequirementFactory

pytestmark = pytest.mark.django_db

CHOOSER = "/admin/people/choose-employee"
MISSING = 999999


@pytest.fixture
def today() -> date:
    return timezone.localdate()


@pytest.fixture
def requirement(db) -> Requirement:
    return RequirementFactory(name="Information management for everyone", due_within_days=60)


@pytest.fixture
def leaver(department, grades) -> Employee:
    return EmployeeFactory(department=department, grade=grades["EO"], is_active=False, family_name="Leftalready")


def refused(response) -> bool:
    """Wagtail answers a refused admin user with a redirect (to the dashboard or to sign in), or 403."""
    return response.status_code in (302, 403)


def shows_a_name(response) -> bool:
    """Whether the page names the learner (Chloe Adebayo) or the leaver."""
    return b"Adebayo" in response.content or b"Leftalready" in response.content


def answer(response) -> tuple[int, str]:
    """The status and where it redirects to, less the query string (Wagtail's sign-in page is sent the path asked)."""
    return response.status_code, response.get("Location", "").split("?")[0]


# Finding 1: the employee chooser --------------------------------------------------------


def test_editor_cannot_read_employee_names_through_the_chooser(client, editor_user, learner, leaver):
    client.force_login(editor_user)
    response = client.get(f"{CHOOSER}/chosen-multiple/?id={learner.pk}&id={leaver.pk}")
    assert refused(response)
    assert not shows_a_name(response)


@pytest.mark.parametrize("who", ["editor_user", "learner_user"])
def test_every_part_of_the_employee_chooser_refuses_others(client, request, who, learner, leaver):
    client.force_login(request.getfixturevalue(who))
    employees = Employee.objects.count()
    responses = [
        client.get(f"{CHOOSER}/"),
        client.get(f"{CHOOSER}/results/?q=adebayo"),
        client.get(f"{CHOOSER}/chosen/{learner.pk}/"),
        client.get(f"{CHOOSER}/chosen/{leaver.pk}/"),
        client.get(f"{CHOOSER}/chosen-multiple/?id={learner.pk}&id={leaver.pk}"),
        client.get(f"{CHOOSER}/create/"),
        client.post(f"{CHOOSER}/create/", {"given_name": "New", "family_name": "Person", "staff_number": "1"}),
    ]
    for response in responses:
        assert refused(response), response.request["PATH_INFO"]
        assert not shows_a_name(response)
    assert Employee.objects.count() == employees


def test_editor_gets_the_same_answer_from_the_chooser_whatever_the_ids(client, editor_user, learner, leaver):
    client.force_login(editor_user)
    answers = {
        answer(response)
        for response in (
            client.get(f"{CHOOSER}/chosen-multiple/?id={learner.pk}"),
            client.get(f"{CHOOSER}/chosen-multiple/?id={leaver.pk}"),
            client.get(f"{CHOOSER}/chosen-multiple/?id={MISSING}"),
            client.get(f"{CHOOSER}/chosen/{learner.pk}/"),
            client.get(f"{CHOOSER}/chosen/{MISSING}/"),
        )
    }
    assert len(answers) == 1, answers


@pytest.mark.parametrize("who", ["hr_user", "admin_user"])
def test_hr_officers_and_administrators_still_get_the_names_from_chosen_multiple(client, request, who, learner, leaver):
    client.force_login(request.getfixturevalue(who))
    response = client.get(f"{CHOOSER}/chosen-multiple/?id={learner.pk}&id={leaver.pk}")
    assert response.status_code == 200
    results = response.json()["result"]
    assert {result["id"] for result in results} == {str(learner.pk), str(leaver.pk)}
    titles = " ".join(result["title"] for result in results)
    assert "Adebayo" in titles
    assert "Leftalready" in titles


# The same probe on the employee records' own screens ----------------------------------------

RECORD_SCREENS = ["edit", "delete", "history", "history-results", "usage", "inspect"]


@pytest.mark.parametrize("who", ["editor_user", "learner_user"])
def test_employee_screens_answer_others_the_same_whatever_the_ids(client, request, who, learner, leaver):
    client.force_login(request.getfixturevalue(who))
    answers = {}
    for screen in RECORD_SCREENS:
        for pk in (learner.pk, leaver.pk, MISSING):
            response = client.get(f"/admin/people/employees/{screen}/{pk}/")
            assert not shows_a_name(response)
            answers[screen, pk] = answer(response)
    assert len(set(answers.values())) == 1, answers


def test_employee_screens_still_serve_hr_officers_and_administrators(client, hr_user, admin_user, learner, leaver):
    for user, screens in ((hr_user, set(RECORD_SCREENS) - {"delete"}), (admin_user, RECORD_SCREENS)):
        client.force_login(user)
        for screen in screens:
            for pk in (learner.pk, leaver.pk):
                assert client.get(f"/admin/people/employees/{screen}/{pk}/").status_code == 200, (user, screen)
            assert client.get(f"/admin/people/employees/{screen}/{MISSING}/").status_code == 404, (user, screen)
    client.force_login(hr_user)
    assert refused(client.get(f"/admin/people/employees/delete/{learner.pk}/"))  # HR officers may not delete


# Finding 5: HR's screens for a requirement's people --------------------------------------


@pytest.fixture
def hr_urls(learner, leaver, requirement, hr_user, today):
    """Each HR screen for a record that exists and for one that does not (or is a leaver's)."""
    enrolment = EnrolmentFactory(employee=learner, requirement=requirement, due_on=today)
    exemption = ExemptionFactory(
        employee=learner, requirement=requirement, until=today + timedelta(days=30), granted_by=hr_user
    )
    base = f"/admin/compulsory-training/{requirement.pk}/people"
    return {
        "people": f"{base}/",
        "people_missing_requirement": f"/admin/compulsory-training/{MISSING}/people/",
        "exempt": f"{base}/exempt/{learner.pk}/",
        "exempt_leaver": f"{base}/exempt/{leaver.pk}/",
        "exempt_missing": f"{base}/exempt/{MISSING}/",
        "exempt_missing_requirement": f"/admin/compulsory-training/{MISSING}/people/exempt/{learner.pk}/",
        "extend": f"{base}/extend/{enrolment.pk}/",
        "extend_missing": f"{base}/extend/{MISSING}/",
        "revoke": f"/admin/compulsory-training/{requirement.pk}/exemptions/{exemption.pk}/revoke/",
        "revoke_missing": f"/admin/compulsory-training/{requirement.pk}/exemptions/{MISSING}/revoke/",
    }


def test_hr_screens_answer_editors_the_same_whatever_the_ids(
    client, editor_user, learner, requirement, department, grades, today
):
    leaver = EmployeeFactory(department=department, grade=grades["EO"], is_active=False)
    enrolment = EnrolmentFactory(employee=learner, requirement=requirement, due_on=today)
    client.force_login(editor_user)
    base = f"/admin/compulsory-training/{requirement.pk}/people"
    statuses = {
        client.get(u).status_code
        for u in (
            f"{base}/exempt/{learner.pk}/",
            f"{base}/exempt/{leaver.pk}/",
            f"{base}/extend/{enrolment.pk}/",
            f"{base}/extend/{MISSING}/",
            f"/admin/compulsory-training/{MISSING}/people/",
        )
    }
    assert len(statuses) == 1, statuses


@pytest.mark.parametrize("who", ["editor_user", "learner_user"])
def test_every_hr_screen_answers_others_the_same_whatever_the_ids(client, request, who, hr_urls):
    client.force_login(request.getfixturevalue(who))
    answers = {}
    for name, url in hr_urls.items():
        response = client.get(url)
        assert refused(response), name
        assert not shows_a_name(response), name
        answers[name] = answer(response)
    assert len(set(answers.values())) == 1, answers


def test_editor_posts_to_hr_screens_change_nothing_and_answer_the_same(client, editor_user, hr_urls, learner):
    enrolment = Enrolment.objects.get(employee=learner)
    exemption = Exemption.objects.get()
    forms = {
        "exempt": {"until": "2099-12-31", "reason": "Secondment"},
        "extend": {"due_on": "2099-01-31", "reason": "Jury service"},
        "revoke": {"reason": "Returned"},
    }
    client.force_login(editor_user)
    answers = {}
    for name, url in hr_urls.items():
        response = client.post(url, forms.get(name.split("_")[0], {}))
        assert refused(response), name
        answers[name] = answer(response)
    assert len(set(answers.values())) == 1, answers
    assert Exemption.objects.get() == exemption  # no new exemption
    exemption.refresh_from_db()
    assert exemption.revoked_at is None
    assert not Extension.objects.exists()
    due_on = enrolment.due_on
    enrolment.refresh_from_db()
    assert enrolment.due_on == due_on


def test_hr_officers_still_reach_the_screens_and_get_404_for_missing_records(client, hr_user, hr_urls):
    client.force_login(hr_user)
    for name in ("people", "exempt", "extend", "revoke"):
        assert client.get(hr_urls[name]).status_code == 200, name
    for name, url in hr_urls.items():
        if name not in ("people", "exempt", "extend", "revoke"):
            assert client.get(url).status_code == 404, name


@pytest.mark.parametrize("model", ["departments", "grades", "professions"])
def test_reference_data_screens_answer_editors_the_same_whatever_the_ids(client, editor_user, department, model):
    existing = {"departments": Department, "grades": Grade, "professions": Profession}[model].objects.first()
    client.force_login(editor_user)
    answers = {
        (screen, pk): answer(client.get(f"/admin/people/{model}/{screen}/{pk}/"))
        for screen in RECORD_SCREENS
        for pk in (existing.pk, MISSING)
    }
    assert len(set(answers.values())) == 1, answers
