"""Checks the system libraries WeasyPrint needs to render certificates, and says how to install any missing.

Run by `make setup` (`python -m certificates.system_libraries`). Pango is required: without it no
certificate can be rendered. HarfBuzz's subsetter is optional: without it WeasyPrint subsets fonts in
Python, several times slower.
"""

from __future__ import annotations

import ctypes.util
import sys

REQUIRED = {"pango-1.0": "libpango-1.0-0", "pangoft2-1.0": "libpangoft2-1.0-0"}
RECOMMENDED = {"harfbuzz-subset": "libharfbuzz-subset0"}


def missing(libraries: dict[str, str]) -> list[str]:
    return [package for name, package in libraries.items() if ctypes.util.find_library(name) is None]


def rendering_problem() -> str | None:
    """Why certificates cannot be rendered on this machine, or None when they can."""
    required = missing(REQUIRED)
    if required:
        return f"WeasyPrint needs Pango: sudo apt-get install {' '.join(required + missing(RECOMMENDED))}"
    return None


def main() -> int:
    required, recommended = missing(REQUIRED), missing(RECOMMENDED)
    if required:
        sys.stderr.write(
            "Certificates cannot be rendered: WeasyPrint needs Pango. "
            f"Install it with: sudo apt-get install {' '.join(required + recommended)}\n"
        )
    elif recommended:
        sys.stderr.write(
            "Certificates will render slowly: WeasyPrint subsets fonts fastest with HarfBuzz. "
            f"Install it with: sudo apt-get install {' '.join(recommended)}\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
