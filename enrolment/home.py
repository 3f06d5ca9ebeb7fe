"""My learning on the signed-in home page (registered in enrolment/wagtail_hooks.py).

The three sections are rendered once and kept in the cache under a key made of
everything they depend on: the person, the day, the site, the catalogue's
address, this code and its templates, and the fingerprint of their learning
(`enrolment.my_learning.learning_version`, one query). Any change to what they
show gives another key, so a kept copy is never out of date; nothing has to
remember to delete it.
"""

from __future__ import annotations

import hashlib
import zlib
from pathlib import Path

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from wagtail.models import Site

from content.home import HomePanel
from courses.navigation import catalogue_url
from enrolment.my_learning import LearningVersion, learning_version, my_learning
from people.roles import employee_for

SECTIONS = (
    ("enrolment/my_learning_compulsory.html", 10),
    ("enrolment/my_learning_in_progress.html", 20),
    ("enrolment/my_learning_completed.html", 30),
)
RENDERED = "enrolment/my_learning_rendered.html"
# Long enough for a working session; a key never outlives its day anyway.
CACHE_SECONDS = 60 * 60


def _code_version() -> str:
    """This code and the section templates: a deployment that changes them never serves older copies."""
    here = Path(__file__).resolve().parent
    code = [here / name for name in ("home.py", "my_learning.py", "status.py")]
    sources = [*code, *sorted((here / "templates" / "enrolment").glob("my_learning_*"))]
    return hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()[:16]


CODE_VERSION = _code_version()


def my_learning_panels(request):
    """Compulsory courses first, then courses in progress, then completed ones.

    Nothing for someone without an HR record: the "Your details" panel says how to get one linked.
    """
    employee = employee_for(request.user)
    if employee is None:
        return []
    today = timezone.localdate()
    version = learning_version(employee, today=today)
    context = {"today": today, "catalogue_url": catalogue_url(request)}
    if version.fingerprint is None:
        context["learning"] = my_learning(employee, today=today, request=request, exemptions=version.exemptions)
        return [HomePanel(template, context, order=order) for template, order in SECTIONS]
    key = cache_key(employee.pk, version, site=Site.find_for_request(request), catalogue_url=context["catalogue_url"])
    kept = cache.get(key)
    if kept is None:
        # Built after the fingerprint was read: a change in between makes the copy newer than its key,
        # never older, and the next visit has another key anyway.
        context["learning"] = my_learning(employee, today=today, request=request, exemptions=version.exemptions)
        # Rendered without the request, so nothing about the visit (user, cookies, CSRF) can be kept in them.
        sections = [render_to_string(template, {"panel": context}) for template, _order in SECTIONS]
        # Compressed: 40 courses make about 14 KB of HTML and 1.3 KB kept, for each person who visits.
        cache.set(key, [zlib.compress(html.encode(), 1) for html in sections], CACHE_SECONDS)
    else:
        sections = [zlib.decompress(blob).decode() for blob in kept]
    return [
        HomePanel(RENDERED, {"html": mark_safe(html)}, order=order)  # noqa: S308 - rendered by our templates
        for html, (_template, order) in zip(sections, SECTIONS, strict=True)
    ]


def cache_key(employee_id: int, version: LearningVersion, *, site: Site | None, catalogue_url: str) -> str:
    """The key of one person's sections: a digest of everything they show, the day included."""
    site_parts = (site.pk, site.root_page_id, site.hostname, site.port) if site else None
    parts = (CODE_VERSION, site_parts, catalogue_url, version.fingerprint)
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"govlearn:my-learning:{employee_id}:{digest}"
