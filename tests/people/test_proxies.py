"""Behind load balancers: who is connecting is read from X-Forwarded-For only when the proxies are ours.

Rate limits and lockouts key on the connecting address. Behind a load balancer that
address is the balancer's, so every person would share one limit; but trusting the
header without a proxy lets anyone choose their own address, and so escape limits.
"""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from tests.test_settings import manage

SETTINGS = (
    "from django.conf import settings; print(settings.ALLAUTH_TRUSTED_PROXY_COUNT, settings.SECURE_PROXY_SSL_HEADER)"
)


@pytest.mark.parametrize(
    ("environment", "printed"),
    [
        ({}, "0 None"),
        ({"TRUSTED_PROXY_COUNT": "1"}, "1 ('HTTP_X_FORWARDED_PROTO', 'https')"),
        ({"TRUSTED_PROXY_COUNT": "2"}, "2 ('HTTP_X_FORWARDED_PROTO', 'https')"),
    ],
)
def test_trusted_proxy_count_sets_allauths_and_only_then_trusts_x_forwarded_proto(environment, printed):
    result = manage("shell", "--no-imports", "-c", SETTINGS, DEBUG="0", SECRET_KEY="x" * 50, **environment)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == printed


def test_a_trusted_proxy_count_that_is_not_a_number_is_explained():
    result = manage("check", DEBUG="0", SECRET_KEY="x" * 50, TRUSTED_PROXY_COUNT="one")

    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT must be a whole number" in result.stdout + result.stderr


def sign_in_attempts(client: Client, count: int) -> list[int]:
    url = reverse("account_login")
    return [client.post(url, {"login": "nobody@example.gov.uk", "password": "wrong"}).status_code for _ in range(count)]


@pytest.fixture
def two_sign_ins_a_minute(settings):
    settings.ACCOUNT_RATE_LIMITS = {"login": "2/m/ip"}


def test_behind_one_trusted_proxy_people_at_different_addresses_have_their_own_limits(
    db, settings, two_sign_ins_a_minute
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    first = Client(headers={"X-Forwarded-For": "198.51.100.7"}, REMOTE_ADDR="10.0.0.2")
    second = Client(headers={"X-Forwarded-For": "203.0.113.9"}, REMOTE_ADDR="10.0.0.2")

    assert sign_in_attempts(first, 3) == [200, 200, 429]
    assert sign_in_attempts(second, 1) == [200]


def test_without_trusted_proxies_x_forwarded_for_is_ignored(db, settings, two_sign_ins_a_minute):
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == 0  # the default
    first = Client(headers={"X-Forwarded-For": "198.51.100.7"}, REMOTE_ADDR="10.0.0.2")
    second = Client(headers={"X-Forwarded-For": "203.0.113.9"}, REMOTE_ADDR="10.0.0.2")

    assert sign_in_attempts(first, 2) == [200, 200]
    assert sign_in_attempts(second, 1) == [429]


def test_without_trusted_proxies_x_forwarded_proto_does_not_make_a_request_secure():
    request = RequestFactory().get("/", headers={"X-Forwarded-Proto": "https"})

    assert not request.is_secure()
