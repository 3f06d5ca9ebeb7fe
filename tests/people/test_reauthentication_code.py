"""Confirming it is you with a code sent by email: a GOV.UK page, with GOV.UK errors."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CONFIRM = "/accounts/reauthenticate/code/confirm/"


@pytest.fixture
def code_sent(client):
    user = UserFactory(email="alexandria.montgomery@example.gov.uk")
    client.force_login(user)
    response = client.post("/accounts/reauthenticate/code/", {"recipient": user.email})
    assert response.status_code == 302
    assert response["Location"].startswith(CONFIRM)
    assert len(mail.outbox) == 1
    return user


def test_the_code_page_says_where_the_code_went(client, code_sent):
    page = BeautifulSoup(client.get(CONFIRM).content, "html.parser")
    assert page.title.get_text(strip=True).startswith("Enter the code we emailed you ")
    assert page.h1.get_text(strip=True) == "Confirm it is you"
    assert "alexandria.montgomery@example.gov.uk" in page.find("main").get_text()
    assert page.find("label", attrs={"for": "id_code"}).get_text(strip=True) == "Code"
    assert page.find("button", string=lambda text: text and "Continue" in text) is not None


def test_a_wrong_code_gets_the_govuk_error_summary(client, code_sent):
    response = client.post(CONFIRM, {"code": "WRONG1"})
    page = BeautifulSoup(response.content, "html.parser")
    assert page.title.get_text(strip=True).startswith("Error: ")
    summary = page.find(class_="govuk-error-summary")
    assert summary is not None
    assert summary.find("a")["href"] == "#id_code"
    assert page.find(id="id_code-error") is not None


def test_the_right_code_confirms_it_is_you(client, code_sent):
    body = mail.outbox[0].body
    page = BeautifulSoup(client.get(CONFIRM).content, "html.parser")
    assert page.find("form", attrs={"action": CONFIRM}) is not None
    code = re.search(r"^[A-Z0-9]{4}-[A-Z0-9]{4}$", body, re.MULTILINE).group()
    response = client.post(CONFIRM, {"code": code})
    assert response.status_code == 302
    assert not response["Location"].startswith(CONFIRM)


def test_account_emails_come_from_govlearn_not_the_host_name(code_sent):
    body = mail.outbox[0].body
    assert body.startswith("Hello,\n")
    assert "govlearn, learning for the civil service" in body
    assert "Hello from" not in body
    assert mail.outbox[0].subject == "Your code to confirm it is you on govlearn"
