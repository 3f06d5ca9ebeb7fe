"""Certificates are rendered by WeasyPrint, which needs the system's Pango (Debian: libpango-1.0-0).

Without it the tests that render a PDF are skipped (these, and the browser journeys marked with
`needs_pdf_rendering`), as the browser tests are without Chromium, and `make setup` says how to install it.
"""

from tests.pdf_rendering import needs_pdf_rendering


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/certificates/" in str(item.fspath):
            item.add_marker(needs_pdf_rendering)


def off_the_loop(function, *args, **kwargs):
    """`function(*args, **kwargs)` in a thread of its own. pyHanko's validator (and its signer) start an event
    loop with asyncio.run(), which fails where one is already running: in this process, after a browser
    test has left Playwright's."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()
