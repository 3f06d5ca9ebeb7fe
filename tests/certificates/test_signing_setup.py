"""The signing key: `certificate_signing_key --development` makes one, and a deployment is warned about a
development key or none."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.core.management import CommandError, call_command

from certificates import devkey


def check_ids() -> list[str]:
    return [message.id for message in run_checks(include_deployment_checks=True, tags=["certificates"])]


def test_the_command_makes_a_development_pair_once_and_says_it_is_for_development(settings, tmp_path):
    settings.CERTIFICATE_SIGNING_KEY = tmp_path / "key.pem"
    settings.CERTIFICATE_SIGNING_CERT = tmp_path / "certificate.pem"
    with pytest.raises(CommandError, match="--development"):
        call_command("certificate_signing_key")
    out = io.StringIO()
    call_command("certificate_signing_key", "--development", stdout=out)
    assert "DEVELOPMENT key" in out.getvalue()
    assert (tmp_path / "key.pem").stat().st_mode & 0o077 == 0  # the key is readable by its owner only
    before = (tmp_path / "key.pem").read_bytes()
    out = io.StringIO()
    call_command("certificate_signing_key", "--development", stdout=out)
    assert "are signed with the key at" in out.getvalue()
    assert (tmp_path / "key.pem").read_bytes() == before


def test_a_deployment_without_a_key_is_warned(settings, tmp_path):
    settings.CERTIFICATE_SIGNING_KEY = tmp_path / "missing-key.pem"
    settings.CERTIFICATE_SIGNING_CERT = tmp_path / "missing-cert.pem"
    assert check_ids() == ["govlearn.W002"]


def test_a_deployment_with_the_development_key_is_warned(db):
    assert check_ids() == ["govlearn.W003"]  # the test run signs with a development pair


def test_a_deployment_with_its_own_key_is_not_warned(settings, tmp_path):
    devkey.create_development_key(tmp_path / "key.pem", tmp_path / "certificate.pem", name="Example signing key")
    settings.CERTIFICATE_SIGNING_KEY = Path(tmp_path / "key.pem")
    settings.CERTIFICATE_SIGNING_CERT = Path(tmp_path / "certificate.pem")
    assert check_ids() == []
