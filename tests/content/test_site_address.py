"""Emails link to BASE_URL: the Wagtail site's host and port come from it, so page.full_url is right."""

from __future__ import annotations

from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from wagtail.admin.mail import send_notification
from wagtail.models import Page, Site

from content.site_address import site_address
from people.models import User


@pytest.mark.parametrize(
    ("base_url", "address"),
    [
        ("http://127.0.0.1:8000", ("127.0.0.1", 8000)),
        ("https://learning.example.gov.uk", ("learning.example.gov.uk", 443)),
        ("https://learning.example.gov.uk/", ("learning.example.gov.uk", 443)),
        ("http://learning.example.gov.uk", ("learning.example.gov.uk", 80)),
    ],
)
def test_site_address_of_base_url(base_url, address):
    assert site_address(base_url) == address


def test_after_migrating_the_site_answers_at_base_url(db):
    site = Site.objects.get(is_default_site=True)

    assert site.root_url == settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def test_load_demo_points_the_site_at_base_url(db, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://learning.example.gov.uk"

    call_command("load_demo", stdout=StringIO())

    assert Site.objects.get(is_default_site=True).root_url == "https://learning.example.gov.uk"


def test_a_workflow_notification_links_to_the_page_at_base_url(db):
    reviewer = User.objects.create_superuser(email="reviewer@example.gov.uk", password="x" * 20)
    home = Page.objects.get(depth=2).specific
    revision = home.save_revision()

    send_notification([reviewer], "approved", {"revision": revision, "user": reviewer})

    [email] = mail.outbox
    assert f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{home.url}" in email.body
    assert "localhost" not in email.body
