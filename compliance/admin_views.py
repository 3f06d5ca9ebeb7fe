"""HR's people and status screen in the Wagtail admin: everyone a requirement covers and where each stands.

It lives under HR's compulsory-training screens (`/admin/compulsory-training/<id>/people/`, URL name
`enrolment_requirements:people`), which enrolment owns; compliance adds it through govlearn's
`REQUIREMENT_ADMIN_URLS` hook (registered in compliance/wagtail_hooks.py). Who may use it is decided as for
every HR screen, by enrolment's `requirement_policy` (a `people.permissions.HRDataPolicy`), through `HRViewMixin`.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, Subquery
from django.views.generic import TemplateView

from compliance.forms import PeopleFilterForm
from enrolment.admin_views import HRViewMixin, requirement_policy
from enrolment.models import Enrolment, Exemption
from enrolment.status import Status, status_tag, with_status


class RequirementPeopleView(HRViewMixin, TemplateView):
    """Everyone in the audience with their status: searchable, filterable by status, 50 a page."""

    template_name = "compliance/admin/requirement_people.html"
    page_title = "People"
    per_page = 50

    def get_page_subtitle(self):
        return str(self.requirement)

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items()[:-1]

    def get_queryset(self):
        requirement = self.requirement
        open_compulsory = Enrolment.objects.open().filter(
            employee=OuterRef("pk"), course_id=requirement.course_id, requirement__isnull=False
        )
        exemption = (
            Exemption.objects.in_force(on=self.today)
            .filter(employee=OuterRef("pk"), requirement=requirement)
            .order_by("-until")
        )
        people = with_status(self.scope.employees(requirement.audience()), requirement, today=self.today)
        return people.select_related("grade", "department").annotate(
            open_enrolment_id=Subquery(open_compulsory.order_by("due_on").values("pk")[:1]),
            exemption_id=Subquery(exemption.values("pk")[:1]),
            exempt_until=Subquery(exemption.values("until")[:1]),
        )

    def search(self, people, query: str):
        if not query:
            return people
        name = Q()
        for word in query.split():
            name &= Q(given_name__istartswith=word) | Q(family_name__istartswith=word)
        return people.filter(Q(staff_number__iexact=query) | name)

    def get_context_data(self, **kwargs):
        filters = PeopleFilterForm(self.request.GET or None)
        people = self.get_queryset()
        query = status = ""
        if filters.is_valid():
            query = filters.cleaned_data["q"].strip()
            status = filters.cleaned_data["status"]
        people = self.search(people, query)
        by_status = {row["status"]: row["n"] for row in people.order_by().values("status").annotate(n=Count("pk"))}
        if status:
            people = people.filter(status=status)
        paginator = Paginator(people.order_by("family_name", "given_name", "pk"), self.per_page)
        # The counts by status already say how many rows there are: spare the database a second count.
        paginator.count = by_status.get(status, 0) if status else sum(by_status.values())
        page = paginator.get_page(self.request.GET.get("p"))
        for person in page.object_list:
            person.tag = status_tag(person.status, due_on=person.due_on, today=self.today)
        statuses = [
            {"value": value, "label": label, "count": by_status.get(value, 0)}
            for value, label in Status.choices
            if value != Status.NOT_REQUIRED
        ]
        return super().get_context_data(
            may_change=requirement_policy.user_has_permission(self.request.user, "change"),
            filters=filters,
            query=query,
            status=status,
            statuses=statuses,
            total=sum(by_status.values()),
            page_obj=page,
            people=page.object_list,
            elided_page_range=paginator.get_elided_page_range(page.number),
            **kwargs,
        )
