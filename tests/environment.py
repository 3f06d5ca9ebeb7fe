"""Loaded by pytest before Django's settings (see pyproject.toml): the test environment.

Tests never depend on the developer's shell: a fixed key, the task backend that
runs tasks at once, and whatever DATABASE_URL says (SQLite when it is unset).
"""

import os
import tempfile
from pathlib import Path

from certificates.devkey import create_development_key

os.environ["SECRET_KEY"] = "govlearn-tests-only-not-secret"
os.environ["DEBUG"] = "0"
os.environ["TASK_BACKEND"] = "immediate"
os.environ["BENCH"] = "1"  # tests/bench runs the benchmark's commands; the settings leave it out unless asked
os.environ["SECURE_SSL_REDIRECT"] = "0"
os.environ["SECURE_COOKIES"] = "0"
os.environ.pop("REDIS_URL", None)
# Certificate PDFs written by tests go to a folder of their own, never the developer's.
os.environ["CERTIFICATE_ROOT"] = tempfile.mkdtemp(prefix="govlearn-test-certificates-")
# ... and are signed with a development key pair made for this run.
_signing = Path(tempfile.mkdtemp(prefix="govlearn-test-signing-"))
os.environ["CERTIFICATE_SIGNING_KEY"] = str(_signing / "key.pem")
os.environ["CERTIFICATE_SIGNING_CERT"] = str(_signing / "certificate.pem")
os.environ.pop("CERTIFICATE_SIGNING_KEY_PASSPHRASE", None)
create_development_key(_signing / "key.pem", _signing / "certificate.pem")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's event loop in e2e tests
