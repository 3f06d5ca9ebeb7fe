"""The benchmark's commands exist only where BENCH=1 asks for them, so they can never run in production."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, bench: str | None) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("BENCH", None)
    if bench is not None:
        env["BENCH"] = bench
    return subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.mark.parametrize("bench", [None, "0"])
@pytest.mark.parametrize("command", ["bench_populate", "bench"])
def test_without_bench_the_benchmark_commands_do_not_exist(command, bench):
    result = manage("help", command, bench=bench)
    assert result.returncode == 1
    assert f"Unknown command: '{command}'" in result.stderr


def test_with_bench_they_do():
    result = manage("help", "bench_populate", bench="1")
    assert result.returncode == 0, result.stderr
    assert "--employees" in result.stdout
