"""Certificates are rendered by WeasyPrint, which needs the system's Pango (Debian: libpango-1.0-0).

Without it the tests that render a PDF are skipped, as the browser tests are without Chromium, and
`make setup` says how to install it.
"""

import ctypes.util

import pytest

from certificates.system_libraries import REQUIRED


def pytest_collection_modifyitems(config, items):
    if all(ctypes.util.find_library(name) for name in REQUIRED):
        return
    skip = pytest.mark.skip(reason="WeasyPrint needs Pango: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0")
    for item in items:
        if "tests/certificates/" in str(item.fspath):
            item.add_marker(skip)
