"""Wagtail's "Site history" report, less the changes to people outside the HR officer's scope.

Wagtail shows every logged change to a model to whoever holds any permission on it, so an HR officer
for one department would read the names of people changed in every other. `config/urls.py` serves
this view at Wagtail's own addresses for the report (`/admin/reports/site-history/` and its results),
ahead of Wagtail's.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.models import ModelLogEntry

from people.models import Employee
from people.scopes import hr_scope


class ScopedSiteHistory(LogEntriesView):
    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        scope = hr_scope(self.request.user)
        if scope.whole_service or not issubclass(queryset.model, ModelLogEntry):  # pages' entries name no one
            return queryset
        in_scope = scope.employees().annotate(key=Cast("pk", CharField())).values("key")
        people = ContentType.objects.get_for_model(Employee)
        return queryset.exclude(Q(content_type=people) & ~Q(object_id__in=in_scope))
