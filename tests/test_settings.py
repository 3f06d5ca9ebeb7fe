"""Configuration from the environment: bad settings stop govlearn with one clear sentence, good ones pass.

Each test runs `manage.py` in a new process with an environment of its own, as
a person or a deployment would, so what is checked is what they would see.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from certificates.devkey import create_development_key

REPO = Path(__file__).resolve().parent.parent
# Set by tests/environment.py for this test process, or by a developer's shell: never passed on.
CONFIGURATION = {
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "DEBUG",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DJANGO_SETTINGS_MODULE",
    "EMAIL_URL",
    "REDIS_URL",
    "SECRET_KEY",
    "SECURE_COOKIES",
    "SECURE_HSTS_PRELOAD",
    "SECURE_HSTS_SECONDS",
    "SECURE_SSL_REDIRECT",
    "TASK_BACKEND",
}


def manage(*args: str, **environment: str) -> subprocess.CompletedProcess:
    env = {name: value for name, value in os.environ.items() if name not in CONFIGURATION}
    env.update(environment)
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def only_line(result: subprocess.CompletedProcess) -> str:
    """The one line a failed start prints, after checking there is no more than that."""
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    return lines[0]


def test_without_secret_key_production_refuses_to_start():
    result = manage("check", DEBUG="0")

    assert result.returncode != 0
    assert only_line(result).startswith("govlearn cannot start: SECRET_KEY is not set")


def test_unreachable_database_is_named_not_traced():
    result = manage("migrate", DEBUG="1", DATABASE_URL="postgres://nobody@127.0.0.1:1/nowhere")

    assert result.returncode != 0
    line = only_line(result)
    assert line.startswith("govlearn cannot start: the database at")
    assert "127.0.0.1:1/nowhere" in line
    assert "cannot be reached" in line


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_a_debug_value_that_is_not_a_yes_or_no_is_explained(value):
    result = manage("check", DEBUG=value, SECRET_KEY="x" * 50)

    assert result.returncode != 0
    line = only_line(result)
    assert line.startswith("govlearn cannot start: DEBUG must be one of")
    assert repr(value) in line


def test_development_needs_no_configuration():
    result = manage("check", DEBUG="1")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def deployment_check(**env):
    """`check --deploy` with production settings: DEBUG off, a real key, allowed hosts, the service's own
    signing pair (one made here, standing in for it)."""
    signing = Path(tempfile.mkdtemp(prefix="govlearn-deploy-signing-"))
    create_development_key(signing / "key.pem", signing / "certificate.pem", name="Example service signing key")
    env = {
        "CERTIFICATE_SIGNING_KEY": str(signing / "key.pem"),
        "CERTIFICATE_SIGNING_CERT": str(signing / "certificate.pem"),
        **env,
    }
    return manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="learning.example.gov.uk",
        **env,
    )


def test_production_settings_pass_the_deployment_checks():
    # Production runs several web processes with Redis (the check never connects to it).
    result = deployment_check(REDIS_URL="redis://127.0.0.1:6379/0")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_without_a_shared_cache_warn_until_silenced():
    warned = deployment_check()
    silenced = deployment_check(SILENCED_SYSTEM_CHECKS="govlearn.W001")

    assert warned.returncode != 0
    assert "govlearn.W001" in warned.stdout + warned.stderr
    assert silenced.returncode == 0, silenced.stdout + silenced.stderr
