"""Whether this machine can render certificate PDFs (WeasyPrint needs the system's Pango)."""

import pytest

from certificates.system_libraries import rendering_problem

needs_pdf_rendering = pytest.mark.skipif(rendering_problem() is not None, reason=rendering_problem() or "")
