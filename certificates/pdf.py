"""A certificate's PDF: rendered once, at issue, from the certificate's frozen facts and design revision.

WeasyPrint lays out an HTML template (A4 landscape) as a tagged PDF/UA-1 file with its title, author,
subject and language, embedding subsets of Noto Sans from `build/fonts` (copied there by `make`'s
front-end build). Nothing is fetched while rendering: the only files it may read are those fonts, and
the logo and QR code are passed in as data.
"""

from __future__ import annotations

import atexit
import base64
import threading
from pathlib import Path

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

FONT_DIR = Path(settings.BASE_DIR) / "build" / "fonts"
# Each subset is a family of its own, listed in the template's font-family: a character missing from one
# is taken from the next.
FAMILIES = {
    "latin": "Noto Sans",
    "latin-ext": "Noto Sans Latin Ext",
    "greek": "Noto Sans Greek",
    "cyrillic": "Noto Sans Cyrillic",
}
FONT_FILES = [f"noto-sans-{subset}-{weight}-normal.woff2" for weight in ("400", "700") for subset in FAMILIES]
_loaded = threading.local()
# WeasyPrint's font configuration cleans up in __del__, which fails once the interpreter is shutting down.
atexit.register(lambda: _loaded.__dict__.clear())


class FontsMissing(RuntimeError):
    pass


def may_fetch(url: str) -> bool:
    """Only data: addresses and the certificate fonts may be read while rendering: no network, no other files."""
    if url.startswith("data:"):
        return True
    if url.startswith("file://"):
        path = Path(url.removeprefix("file://").split("?")[0]).resolve()
        return path.parent == FONT_DIR.resolve() and path.name in FONT_FILES
    return False


def _fetcher():
    from weasyprint.urls import URLFetcher  # WeasyPrint loads Pango on import: only when rendering

    class FontsOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if not may_fetch(url):
                raise ValueError(f"Certificates read nothing but their fonts, not {url}")
            return super().fetch(url, headers)

    return FontsOnlyFetcher()


def check_fonts() -> None:
    missing = [name for name in FONT_FILES if not (FONT_DIR / name).is_file()]
    if missing:
        raise FontsMissing(
            f"The certificate fonts are missing from {FONT_DIR} ({', '.join(missing)}): run `make setup`."
        )


def qr_data_uri(address: str) -> str:
    """The QR code of `address` as a PNG of one pixel a module (drawn sharp: `image-rendering: pixelated`).
    A PNG is embedded as it is; an SVG's path would be parsed and redrawn on every render."""
    return segno.make(address, error="m").png_data_uri(scale=1, border=0, dark="#0b0c0c")


def _logo_data_uri(design) -> str | None:
    logo = getattr(design, "logo", None)
    if logo is None:
        return None
    rendition = logo.get_rendition("max-400x200|format-png")
    with rendition.file.open("rb") as handle:
        return "data:image/png;base64," + base64.b64encode(handle.read()).decode()


def render_html(certificate, design) -> str:
    address = certificate.verification_address()
    return render_to_string(
        "certificates/pdf/certificate.html",
        {
            "certificate": certificate,
            "design": design,
            "service_name": settings.SERVICE_NAME,
            "address": address,
            "qr": qr_data_uri(address),
            "logo": _logo_data_uri(design),
            "issued_on": timezone.localdate(certificate.issued_at),
        },
    )


def fonts():
    """The fonts' stylesheet and WeasyPrint's font configuration, loaded once per thread (not per render:
    decompressing and registering eight fonts costs more than laying out a certificate), with the
    certificate's own stylesheet."""
    if not hasattr(_loaded, "fonts"):
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        check_fonts()
        config = FontConfiguration()
        faces = "\n".join(
            f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
            f'src: url("{(FONT_DIR / f"noto-sans-{subset}-{weight}-normal.woff2").resolve().as_uri()}"); }}'
            for weight in ("400", "700")
            for subset, family in FAMILIES.items()
        )
        layout = Path(__file__).parent / "templates" / "certificates" / "pdf" / "certificate.css"
        _loaded.fonts = (CSS(string=faces, font_config=config, url_fetcher=_fetcher()), config)
        _loaded.layout = CSS(string=layout.read_text(), font_config=config, url_fetcher=_fetcher())
    return _loaded.fonts


def certificate_layout():
    """The certificate's stylesheet, parsed once per thread."""
    fonts()
    return _loaded.layout


def tagged_pdf(html: str, *, stylesheets=(), identifier: bytes | None = None) -> bytes:
    """`html` as a tagged PDF/UA-1 file in the certificate fonts, reading nothing but them."""
    from weasyprint import HTML

    fonts_stylesheet, config = fonts()
    document = HTML(string=html, base_url=FONT_DIR.as_uri() + "/", url_fetcher=_fetcher())
    return document.write_pdf(
        stylesheets=[fonts_stylesheet, *stylesheets],
        font_config=config,
        pdf_variant="pdf/ua-1",
        pdf_identifier=identifier,
    )


def render_pdf(certificate, design) -> bytes:
    """The PDF bytes of `certificate` in `design` (the revision it records)."""
    return tagged_pdf(
        render_html(certificate, design), stylesheets=[certificate_layout()], identifier=certificate.code.encode()
    )
