"""What a learner asked the catalogue for, and the courses that answer it."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects

from content.sites import visible_to
from courses.models import DURATIONS, CataloguePage, CoursePage, Level, ModulePage, Topic

MAX_QUERY_LENGTH = 200
# Enough matching modules to rank every course they belong to in a catalogue of hundreds.
MAX_MODULE_MATCHES = 500


def search_text(typed: str) -> str:
    """What a person typed, as text the search backends accept: results or none, never an error.

    Control characters (NUL among them) and double quotes become spaces: Wagtail's
    SQLite backend passes quotes into the full-text query, where an unmatched one is
    an error and a matched pair finds nothing. Runs of spaces are one space; at most
    MAX_QUERY_LENGTH characters.
    """
    text = "".join(" " if char == '"' or unicodedata.category(char) == "Cc" else char for char in typed)
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


@dataclass(frozen=True)
class CatalogueQuery:
    """Search text and filters from the query string; unknown values are dropped, never an error."""

    text: str = ""
    topics: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    durations: tuple[str, ...] = ()
    _topic_slugs: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

    @classmethod
    def from_request(cls, request) -> CatalogueQuery:
        get = request.GET
        levels = {value for value, _label in Level.choices}
        durations = {slug for slug, *_rest in DURATIONS}
        return cls(
            text=search_text(get.get("q", "")),
            topics=tuple(dict.fromkeys(slug for slug in get.getlist("topic") if slug)),
            levels=tuple(dict.fromkeys(level for level in get.getlist("level") if level in levels)),
            durations=tuple(dict.fromkeys(slug for slug in get.getlist("duration") if slug in durations)),
        )

    @property
    def is_filtered(self) -> bool:
        return bool(self.text or self.topics or self.levels or self.durations)

    def querystring(self, **overrides) -> str:
        """This query as a query string, for pagination links."""
        params = [("q", self.text)] if self.text else []
        params += [("topic", t) for t in self.topics]
        params += [("level", level) for level in self.levels]
        params += [("duration", d) for d in self.durations]
        params += [(key, value) for key, value in overrides.items() if value is not None]
        return urlencode(params)

    def _filters(self) -> Q:
        q = Q()
        if self.topics:
            q &= Q(topics__slug__in=self.topics)
        if self.levels:
            q &= Q(level__in=self.levels)
        if self.durations:
            by_duration = Q()
            for slug, _label, low, high in DURATIONS:
                if slug in self.durations:
                    bucket = Q(duration_minutes__gte=low)
                    if high is not None:
                        bucket &= Q(duration_minutes__lt=high)
                    by_duration |= bucket
            q &= by_duration
        return q

    def courses(self, *, catalogue: CataloguePage, request) -> QuerySet[CoursePage] | list[CoursePage]:
        """Published courses in the catalogue that match: by relevance when searching, else by title.

        Only those this request may see: a private course (and its modules' text) is neither listed nor searched.
        Without search text this is a QuerySet, so the paginator fetches one page of it.
        """
        base = visible_to(CoursePage.objects.live().descendant_of(catalogue), request)
        filtered = base.filter(self._filters()).distinct() if self.topics else base.filter(self._filters())
        if not self.text:
            return filtered.order_by("title", "pk")

        allowed = set(filtered.values_list("pk", flat=True))
        ranked: dict[int, CoursePage] = {}
        for course in base.search(self.text, operator="and"):
            if course.pk in allowed:
                ranked.setdefault(course.pk, course)
        # A course also matches when one of its modules does; those come after direct matches.
        modules = visible_to(ModulePage.objects.live().descendant_of(catalogue), request).defer_streamfields()
        module_paths = [m.path[: -m.steplen] for m in modules.search(self.text, operator="and")[:MAX_MODULE_MATCHES]]
        if module_paths:
            by_path = {c.path: c for c in base.filter(path__in=set(module_paths), pk__in=allowed)}
            for path in module_paths:
                if path in by_path:
                    ranked.setdefault(by_path[path].pk, by_path[path])
        return list(ranked.values())


def with_topics(courses: list[CoursePage]) -> list[CoursePage]:
    """Fetch the topics of these courses in one query, in name order."""
    prefetch_related_objects(courses, Prefetch("topics", queryset=Topic.objects.order_by("name")))
    return courses
