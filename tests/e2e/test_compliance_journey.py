"""HR's compliance screens in a browser: overview → department → person → export, and a departmental
HR officer who cannot see another department's people."""

import csv
import io
import re

import pytest
from playwright.sync_api import Page, expect

from enrolment.models import Requirement
from people.models import Employee
from tests.e2e.journeys import sign_in, sign_out

pytestmark = pytest.mark.e2e


def test_hr_goes_from_the_overview_to_a_department_to_a_person_and_exports(page: Page, visit, demo_data):
    learner = Employee.objects.select_related("department").get(email="learner@example.gov.uk")
    requirement = Requirement.objects.active().filter(enrolments__employee=learner).first()

    sign_in(page, visit, "hr@example.gov.uk")
    visit(page, "/admin/compliance/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Compliance")
    expect(page.locator("#figures-as-at")).to_contain_text("Figures as at")
    overview = page.locator("#compliance-overview")
    row = overview.get_by_role("row").filter(has=page.get_by_role("rowheader", name=requirement.name))
    expect(row.locator('[data-figure="covered"]')).to_have_text(re.compile(r"^[1-9]\d*$"))

    row.get_by_role("link", name=re.compile(r"^By department")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Compliance by department")
    page.locator("#compliance-breakdown").get_by_role("link", name=learner.department.name, exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("People")
    people = page.locator("#compliance-people")
    expect(people).to_contain_text(learner.family_name)
    page.get_by_role("link", name=re.compile(r"^Status")).click()
    expect(page.locator('th[aria-sort="ascending"]')).to_contain_text("Status")

    page.get_by_role("link", name=learner.full_name).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Person")
    expect(page.get_by_role("heading", level=2, name=requirement.name)).to_be_visible()
    page.go_back()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()  # noqa: SIM115
    rows = list(csv.DictReader(io.StringIO(text)))
    assert any(r["Family name"] == learner.family_name and r["Requirement"] == requirement.name for r in rows)
    assert {r["Department"] for r in rows} <= {d.name for d in learner.department.descendants()}


def test_an_hr_officer_for_one_department_cannot_see_anothers_people(page: Page, visit, demo_data):
    learner = Employee.objects.get(email="learner@example.gov.uk")  # in DSIT, not HMRC
    hmrc = Employee.objects.filter(department__code="HMRC").exclude(email="hr-hmrc@example.gov.uk").first()

    sign_in(page, visit, "hr-hmrc@example.gov.uk")
    visit(page, "/admin/compliance/people/")
    expect(page.locator("#figures-as-at")).to_contain_text("Your scope: HM Revenue and Customs.")
    people = page.locator("#compliance-people")
    expect(people).to_contain_text(hmrc.family_name)
    expect(people).not_to_contain_text(learner.family_name)

    response = visit(page, f"/admin/compliance/people/{learner.pk}/")
    assert response.status == 404
    response = visit(page, f"/admin/people/employees/edit/{learner.pk}/")
    assert response.status == 404
    response = visit(page, "/admin/hr-imports/")
    assert response.status == 404
    sign_out(page)


def test_anyone_reads_the_open_data_and_downloads_it(page: Page, visit, demo_data):
    visit(page, "/")
    page.get_by_role("link", name="Open data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compulsory training compliance by department")
    expect(page.locator("#open-data")).to_contain_text("All departments")
    expect(page.locator("#open-data")).to_contain_text("[c]")  # the demo's departments are small
    page.get_by_label("Period").select_option(index=0)
    page.get_by_role("button", name="Show the period").click()
    expect(page.locator("#open-data")).to_be_visible()
    metadata = page.get_by_role("link", name=re.compile("CSV on the Web metadata")).get_attribute("href")
    response = page.request.get(page.url.split("/open-data/")[0] + metadata)  # a file, not a page to check
    assert response.status == 200
    assert "open-government-licence" in response.text()
