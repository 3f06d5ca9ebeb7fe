"""Your account (allauth's email page, under "Your account" in the header): what it offers to change."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from people.models import User


@pytest.fixture
def person(db):
    user = User.objects.create_user(email="ada.lovelace@example.gov.uk", password="a-long-unusual-passphrase-2026")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def your_account(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("account_email")).content.decode()


def test_your_account_links_to_changing_the_password_and_setting_up_two_step_verification(client, person):
    page = your_account(client, person)

    assert f'href="{reverse("account_change_password")}"' in page
    assert f'href="{reverse("mfa_index")}"' in page


def test_the_only_email_address_is_not_offered_for_removal(client, person):
    page = your_account(client, person)

    assert person.email in page
    assert 'name="action_remove"' not in page
    assert 'name="action_primary"' not in page


def test_with_a_second_address_it_can_be_removed_and_the_page_says_the_primary_cannot(client, person):
    EmailAddress.objects.create(user=person, email="ada@digital.example.gov.uk", verified=False, primary=False)

    page = your_account(client, person)

    assert 'name="action_remove"' in page
    assert "You cannot remove your primary address" in page


def test_an_only_address_not_yet_confirmed_can_have_its_confirmation_sent_again(client, person):
    EmailAddress.objects.filter(user=person).update(verified=False)

    page = your_account(client, person)

    assert 'name="action_send"' in page
    assert f'name="email" value="{person.email}"' in page
