"""HR's certificate register in the Wagtail admin, at /admin/certificates/ (registered in wagtail_hooks.py).

The register lists every certificate, searchable by name, staff number or code and filterable by course
and status; a certificate's page shows what it certifies, its history (who issued, revoked or re-issued
it, when and why) and the revoke and re-issue forms; a course's certificates can be re-issued in bulk
by a background task whose progress its page shows. HR officers and administrators only
(`certificate_policy`); anyone else gets the site's 403, and an unknown id a 404.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import HeaderButton

from certificates.actions import ActionRefused, reissue, revoke
from certificates.models import BulkReissue, Certificate
from certificates.permissions import certificate_policy
from certificates.tasks import reissue_course_task
from courses.models import CoursePage
from people.hr_screens import HRScreenMixin

STATUSES = [(status.value, status.label) for status in Certificate.Status]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Kept with the certificate, with your name and the time.",
        error_messages={"required": "Enter the reason"},
    )


class BulkForm(ReasonForm):
    course = forms.ModelChoiceField(
        queryset=CoursePage.objects.none(),
        empty_label="Choose a course",
        error_messages={"required": "Choose the course whose certificates to re-issue"},
    )
    field_order = ["course", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = Certificate.objects.courses()


class CertificatesMenuItem(MenuItem):
    def is_shown(self, request):
        return certificate_policy.user_has_permission(request.user, "view")


class CertificateViewMixin(HRScreenMixin, WagtailAdminTemplateMixin):
    permission_policy = certificate_policy
    permission_required = "view"
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse("certificates_admin:index"), "label": "Certificates"}]

    @cached_property
    def header_buttons(self):
        if not self.scope.whole_service:
            return []
        return [
            HeaderButton("Re-issue a course's certificates", url=reverse("certificates_admin:bulk"), icon_name="rotate")
        ]


class RegisterView(CertificateViewMixin, TemplateView):
    template_name = "certificates/admin/register.html"
    page_title = "Certificates"
    per_page = 50

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": None, "label": "Certificates"}]

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        query = self.request.GET.get("q", "").strip()
        course = self.request.GET.get("course", "")
        status = self.request.GET.get("status", "")
        certificates = self.scope.filter(Certificate.objects.select_related("replaced_by"))
        if query:
            certificates = certificates.search(query)
        if course.isdigit():
            certificates = certificates.filter(enrolment__course_id=int(course))
        certificates = certificates.with_status(status, today=today).order_by("-issued_at", "-pk")
        paginator = Paginator(certificates, self.per_page)
        page = paginator.get_page(self.request.GET.get("p"))
        rows = [(certificate, certificate.status(today=today)) for certificate in page.object_list]
        courses = Certificate.objects.courses()
        return super().get_context_data(
            query=query,
            course=course,
            status=status,
            courses=courses.values_list("pk", "title"),
            statuses=STATUSES,
            rows=rows,
            page_obj=page,
            elided_page_range=paginator.get_elided_page_range(page.number),
            **kwargs,
        )


class CertificateView(CertificateViewMixin, TemplateView):
    """One certificate: what it certifies, its history, and revoke and re-issue."""

    template_name = "certificates/admin/certificate.html"
    page_title = "Certificate"

    def get_page_subtitle(self):
        return self.certificate.display_code

    @cached_property
    def certificate(self) -> Certificate:
        return get_object_or_404(
            self.scope.filter(
                Certificate.objects.select_related("employee", "replaces", "revoked_by", "enrolment__course")
            ),
            pk=self.kwargs["certificate_id"],
        )

    def post(self, request, *args, **kwargs):
        if not self.user_has_permission("change"):
            raise PermissionDenied
        action = request.POST.get("action")
        form = ReasonForm(request.POST, prefix=action)
        if action in ("revoke", "reissue") and form.is_valid():
            try:
                if action == "revoke":
                    revoke(self.certificate, by=request.user, reason=form.cleaned_data["reason"])
                    messages.success(request, f"Certificate {self.certificate.display_code} revoked.")
                    target = self.certificate
                else:
                    target = reissue(self.certificate, by=request.user, reason=form.cleaned_data["reason"])
                    messages.success(
                        request, f"Re-issued as {target.display_code}; {self.certificate.display_code} is replaced."
                    )
            except ActionRefused as refusal:
                messages.error(request, str(refusal))
            else:
                return HttpResponseRedirect(reverse("certificates_admin:certificate", args=[target.pk]))
        else:
            messages.validation_error(request, "There is a problem: see the errors below.", form)
        forms_by_action = {"revoke": ReasonForm(prefix="revoke"), "reissue": ReasonForm(prefix="reissue")}
        if action in forms_by_action:
            forms_by_action[action] = form
        return self.render_to_response(
            self.get_context_data(**{f"{key}_form": f for key, f in forms_by_action.items()})
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("revoke_form", ReasonForm(prefix="revoke"))
        kwargs.setdefault("reissue_form", ReasonForm(prefix="reissue"))
        certificate = self.certificate
        return super().get_context_data(
            certificate=certificate,
            status=certificate.status(today=timezone.localdate()),
            replacement=certificate.replacement,
            events=certificate.events.select_related("by"),
            may_act=self.user_has_permission("change")
            and not certificate.revoked_at
            and certificate.replacement is None,
            **kwargs,
        )


class BulkReissueView(CertificateViewMixin, TemplateView):
    """Re-issue every certificate of a course in the background; the latest runs and their progress."""

    template_name = "certificates/admin/bulk.html"
    page_title = "Re-issue a course's certificates"
    header_buttons = []
    # It acts on everyone's certificates of the course.
    whole_service_only = True

    def post(self, request, *args, **kwargs):
        if not self.user_has_permission("change"):
            raise PermissionDenied
        form = BulkForm(request.POST)
        if form.is_valid():
            bulk = BulkReissue.objects.create(
                course=form.cleaned_data["course"],
                reason=" ".join(form.cleaned_data["reason"].split()),
                started_by=request.user,
                created_at=timezone.now(),
            )
            transaction.on_commit(lambda: reissue_course_task.enqueue(bulk.pk))
            messages.success(request, f"Re-issuing the certificates of {bulk.course.title}: progress is shown below.")
            return HttpResponseRedirect(reverse("certificates_admin:bulk"))
        messages.validation_error(request, "There is a problem: see the errors below.", form)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", BulkForm())
        return super().get_context_data(runs=BulkReissue.objects.select_related("course", "started_by")[:20], **kwargs)


class CertificateRegisterViewSet(ViewSet):
    """The "Certificates" menu item and its pages at /admin/certificates/."""

    icon = "doc-full"
    menu_label = "Certificates"
    menu_name = "certificates"
    menu_order = 280
    add_to_admin_menu = True
    url_prefix = "certificates"
    url_namespace = "certificates_admin"
    menu_item_class = CertificatesMenuItem

    def get_urlpatterns(self):
        return [
            path("", RegisterView.as_view(), name="index"),
            path("re-issue/", BulkReissueView.as_view(), name="bulk"),
            path("<int:certificate_id>/", CertificateView.as_view(), name="certificate"),
        ]
