"""HR imports in the Wagtail admin: upload an HR file, read its dry run, apply or discard it, keep the result.

Only HR officers and administrators use these screens, as `people.permissions.HRDataPolicy` (the one
policy every HR screen uses) decides. The work is done by `people.import_runs`; these views only call it.

Files up to `settings.HR_IMPORT_BACKGROUND_BYTES` are checked and applied while the officer waits; larger
ones by the task worker, while the import's page shows the progress it records and refreshes itself.

A full sync that would make many people leavers is applied only when the officer ticks, next to the apply
button, that these N people have left; one with no accepted row cannot be applied at all (the page says why).
"""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import HeaderButton

from people.hr_import import OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from people.hr_screens import HRScreenMixin
from people.import_runs import (
    CHANGE_LINES,
    LEAVERS_TO_CONFIRM,
    LEAVERS_WARNING,
    REFUSAL,
    ImportInProgress,
    apply_import,
    changes_file,
    check_import,
    discard_import,
    receive_file,
    rejected_rows_file,
    release_stale_imports,
    rerun_reassignment,
    start_applying,
)
from people.models import EmployeeImport
from people.permissions import HRDataPolicy
from people.scopes import hr_scope
from people.tasks import apply_employee_import, check_employee_import

Status = EmployeeImport.Status

# Permissions -------------------------------------------------------------------


import_policy = HRDataPolicy(EmployeeImport)


class HRImportsMenuItem(MenuItem):
    def is_shown(self, request):
        return import_policy.user_has_permission(request.user, "view") and hr_scope(request.user).whole_service


# What an import says, in words --------------------------------------------------

REPORTED = ("created", "updated", "unchanged", "leavers", "rejected", "departments_created")


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def _count(count: int):
    return format_html("<strong>{}</strong>", f"{count:,}")


def summary_sentences(summary: dict, *, applied: bool) -> list[tuple[str, str]]:
    """One sentence per figure of the summary: what applying will do, or (applied) what it did."""
    if not summary:
        return []
    n = {key: int(summary.get(key) or 0) for key in REPORTED}
    people = {key: _plural(n[key], "person", "people") for key in ("created", "updated", "unchanged", "leavers")}
    rows = _plural(n["rejected"], "row", "rows")
    departments = _plural(n["departments_created"], "department", "departments")
    if applied:
        sentences = {
            "created": format_html("Created {} {}.", _count(n["created"]), people["created"]),
            "updated": format_html("Updated {} {}.", _count(n["updated"]), people["updated"]),
            "unchanged": format_html("Left {} {} unchanged.", _count(n["unchanged"]), people["unchanged"]),
            "leavers": format_html(
                "Marked {} {} as {}: inactive now, their learning records kept.",
                _count(n["leavers"]),
                people["leavers"],
                _plural(n["leavers"], "a leaver", "leavers"),
            ),
            "rejected": format_html("Rejected {} {}, which changed nothing.", _count(n["rejected"]), rows),
            "departments_created": format_html("Created {} {}.", _count(n["departments_created"]), departments),
        }
    else:
        sentences = {
            "created": format_html("Create {} {}.", _count(n["created"]), people["created"]),
            "updated": format_html("Update {} {}.", _count(n["updated"]), people["updated"]),
            "unchanged": format_html("Leave {} {} unchanged.", _count(n["unchanged"]), people["unchanged"]),
            "leavers": format_html(
                "Mark {} {} as {}: they become inactive and keep their learning records.",
                _count(n["leavers"]),
                people["leavers"],
                _plural(n["leavers"], "a leaver", "leavers"),
            ),
            "rejected": format_html("Reject {} {}: rejected rows change nothing.", _count(n["rejected"]), rows),
            "departments_created": format_html("Create {} {}.", _count(n["departments_created"]), departments),
        }
    return [(key, sentences[key]) for key in REPORTED]


STATUS_CLASSES = {Status.APPLIED: "w-status--primary", Status.FAILED: "w-status--label"}

REFUSALS = {
    Status.CHECKING: "This import is still being checked: apply it once its summary is shown.",
    Status.APPLYING: "This import is already being applied: its progress is shown below.",
    Status.APPLIED: "This import has already been applied. An import is applied once only.",
    Status.FAILED: "This import failed, so it cannot be applied. Upload the file again.",
    Status.DISCARDED: "This import was discarded, so it cannot be applied. Upload the file again.",
}


def runs_in_background(employee_import: EmployeeImport) -> bool:
    return employee_import.file_size > settings.HR_IMPORT_BACKGROUND_BYTES


def download_name(employee_import: EmployeeImport, what: str) -> str:
    """A file name the officer will recognise: the uploaded file's, then what this is."""
    stem = slugify(Path(employee_import.file_name).stem)[:80] or f"hr-import-{employee_import.pk}"
    return f"{stem}-{what}.csv"


def csv_download(chunks, *, file_name: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, file_name)
    return response


# Views -------------------------------------------------------------------------


class ImportViewMixin(HRScreenMixin):
    """An HR file may change anyone: imports are for HR officers with the whole civil service in scope."""

    permission_policy = import_policy
    whole_service_only = True
    permission_required = "change"

    @property
    def index_url(self) -> str:
        return reverse("people_imports:index")

    def detail_url(self, employee_import: EmployeeImport) -> str:
        return reverse("people_imports:detail", args=[employee_import.pk])


class ImportPageMixin(ImportViewMixin, WagtailAdminTemplateMixin):
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": self.index_url, "label": "HR imports"}]


class ImportIndexView(ImportPageMixin, TemplateView):
    """Every import, newest first, 25 a page."""

    template_name = "people/imports/index.html"
    page_title = "HR imports"
    per_page = 25

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": None, "label": "HR imports"}]

    @cached_property
    def header_buttons(self):
        return [HeaderButton("Upload an HR file", url=reverse("people_imports:upload"), icon_name="upload")]

    def get_context_data(self, **kwargs):
        imports = EmployeeImport.objects.select_related("created_by").only(
            "file_name", "source", "status", "full_sync", "created_at", "summary", "created_by__email"
        )
        paginator = Paginator(imports.order_by("-created_at", "-pk"), self.per_page)
        page = paginator.get_page(self.request.GET.get("p"))
        imports = list(page.object_list)
        for employee_import in imports:
            employee_import.status_class = STATUS_CLASSES.get(employee_import.status, "")
            summary = employee_import.summary or {}
            employee_import.figures = [
                f"{summary[key]:,}" if key in summary else "—" for key in ("created", "updated", "leavers", "rejected")
            ]
        return super().get_context_data(
            page_obj=page,
            imports=imports,
            elided_page_range=paginator.get_elided_page_range(page.number),
            **kwargs,
        )


class UploadForm(forms.Form):
    file = forms.FileField(
        label="HR file (CSV)",
        help_text=(
            "The HR system's export, saved as CSV UTF-8, with a header row. Nothing changes until you have seen "
            "what the file would do and chosen to apply it."
        ),
        error_messages={
            "required": "Choose the HR file to upload.",
            "missing": "Choose the HR file to upload.",
            "empty": "The file is empty. Choose the HR system's export: a CSV file with a header row.",
            "invalid": "The file could not be received. Choose it again.",
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
    full_sync = forms.BooleanField(
        label="Full sync: mark active people who are not in the file as leavers",
        required=False,
        help_text=(
            "Warning: everyone active in govlearn whose staff number is not in this file will be made inactive, "
            "including people in departments the file does not cover. Tick this only for a complete export of "
            "every department. If it would make more than 10% of the active people leavers, you will be asked "
            "to confirm that before it is applied."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = filesizeformat(settings.HR_IMPORT_MAX_BYTES)
        self.fields["file"].help_text = f"{self.fields['file'].help_text} The largest file it takes is {limit}."

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.HR_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                "“%(name)s” is %(size)s: the largest file that can be imported is %(limit)s. Export fewer "
                "columns, or split the file by department and import each part (not as a full sync).",
                params={
                    "name": upload.name,
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(settings.HR_IMPORT_MAX_BYTES),
                },
                code="too_large",
            )
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(
                "“%(name)s” is not a CSV file. Export the file from the HR system as CSV UTF-8 (a name ending .csv).",
                params={"name": upload.name},
                code="not_csv",
            )
        return upload


class UploadView(ImportPageMixin, FormView):
    """Receive a file and check it: in the request when it is small, by the task worker when it is large."""

    template_name = "people/imports/upload.html"
    page_title = "Upload an HR file"
    form_class = UploadForm

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": None, "label": "Upload"}]

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        employee_import = receive_file(
            stream=upload, file_name=upload.name, full_sync=form.cleaned_data["full_sync"], user=self.request.user
        )
        if runs_in_background(employee_import):
            check_employee_import.enqueue(employee_import.pk)
        else:
            check_import(employee_import)
        return HttpResponseRedirect(self.detail_url(employee_import))

    def form_invalid(self, form):
        messages.validation_error(self.request, "The file cannot be imported: see the error below.", form)
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        return super().get_context_data(required_columns=REQUIRED_COLUMNS, optional_columns=OPTIONAL_COLUMNS, **kwargs)


class ImportObjectMixin(ImportViewMixin):
    """Views of one import. The file and the compressed changes stay in the database unless asked for."""

    deferred = ("content", "changes_csv", "reassign_ids")

    @cached_property
    def employee_import(self) -> EmployeeImport:
        # Read after the permission check (in dispatch), so that others cannot tell which imports exist.
        release_stale_imports()
        imports = EmployeeImport.objects.select_related("created_by", "applied_by").defer(*self.deferred)
        return get_object_or_404(imports, pk=self.kwargs["pk"])


class ImportDetailView(ImportObjectMixin, ImportPageMixin, TemplateView):
    """Progress while busy; then the summary, warnings, rejected rows (50 a page) and the first changes."""

    template_name = "people/imports/detail.html"
    page_title = "HR import"
    per_page = 50

    def get_page_subtitle(self):
        return self.employee_import.file_name

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": None, "label": self.employee_import.file_name}]

    def get_context_data(self, **kwargs):
        employee_import = self.employee_import
        status = employee_import.status
        summary = employee_import.summary or {}
        checked = status == Status.CHECKED
        context = {
            "employee_import": employee_import,
            "status_class": STATUS_CLASSES.get(status, ""),
            "busy": employee_import.is_busy,
            "applied": status == Status.APPLIED,
            "can_apply": checked and not summary.get(REFUSAL),
            "refusal": summary.get(REFUSAL, "") if checked else "",
            "leavers_to_confirm": summary.get(LEAVERS_TO_CONFIRM, 0) if checked else 0,
            "leavers_warning": summary.get(LEAVERS_WARNING, ""),
            "leavers_to_confirm_text": f"{summary.get(LEAVERS_TO_CONFIRM) or 0:,}",
            "has_results": status in (Status.CHECKED, Status.APPLIED, Status.DISCARDED),
            "status_url": reverse("people_imports:status", args=[employee_import.pk]),
            "detail_url": self.detail_url(employee_import),
        }
        if context["has_results"]:
            problems = Paginator(employee_import.problems.order_by("row", "pk"), self.per_page)
            page = problems.get_page(self.request.GET.get("p"))
            preview = employee_import.changes_preview or []
            change_lines = employee_import.summary.get(CHANGE_LINES)
            context.update(
                sentences=summary_sentences(employee_import.summary, applied=context["applied"]),
                problems_page=page,
                problems=page.object_list,
                elided_page_range=problems.get_elided_page_range(page.number),
                preview=preview,
                change_lines=change_lines,
                more_changes=(change_lines - len(preview)) if change_lines is not None else None,
            )
        return super().get_context_data(**context, **kwargs)


class ImportStatusView(ImportObjectMixin, View):
    """The progress of one import as JSON, for its page to poll while it is being checked or applied."""

    deferred = (
        "content",
        "changes_csv",
        "reassign_ids",
        "changes_preview",
        "summary",
        "warnings",
        "new_departments",
    )

    def get(self, request, *args, **kwargs):
        employee_import = self.employee_import
        return JsonResponse(
            {
                "status": employee_import.status,
                "status_label": employee_import.get_status_display(),
                "busy": employee_import.is_busy,
                "step": employee_import.step,
                "percent_done": employee_import.percent_done,
                "rows_done": employee_import.rows_done,
                "rows_total": employee_import.rows_total or 0,
            }
        )


class ImportActionView(ImportObjectMixin, View):
    """A button on the import's page: POST only (CSRF-checked), then back to the page with a message."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.perform()
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self) -> str:
        return self.detail_url(self.employee_import)


class ApplyImportView(ImportActionView):
    def perform(self) -> None:
        employee_import = self.employee_import
        name = employee_import.file_name
        if employee_import.status != Status.CHECKED:
            messages.error(self.request, REFUSALS.get(employee_import.status, "This import cannot be applied."))
            return
        summary = employee_import.summary or {}
        if summary.get(REFUSAL):
            messages.error(self.request, f"{summary[REFUSAL]} Nothing has been applied.")
            return
        leavers = summary.get(LEAVERS_TO_CONFIRM)
        if leavers and self.request.POST.get("confirm_leavers") != str(leavers):
            messages.error(
                self.request,
                f"{summary.get(LEAVERS_WARNING, '')} If they really have left, tick “Yes, make these {leavers:,} "
                "people leavers” and apply again; otherwise discard this import. Nothing has been applied.",
            )
            return
        try:
            employee_import = start_applying(
                employee_import, user=self.request.user, leavers_confirmed=leavers if leavers else None
            )
        except ImportInProgress as refusal:
            messages.error(self.request, f"{refusal} Nothing has been applied.")
            return
        except ValueError:
            # Another request (a second click) got there first: say where the import is now.
            employee_import.refresh_from_db(fields=["status"])
            messages.error(self.request, REFUSALS.get(employee_import.status, "This import cannot be applied."))
            return
        if runs_in_background(employee_import):
            apply_employee_import.enqueue(employee_import.pk)
            messages.success(self.request, f"Applying “{name}”. This page shows its progress.")
            return
        employee_import = apply_import(employee_import)
        if employee_import.status == Status.APPLIED:
            messages.success(self.request, f"Applied “{name}”.")
        else:
            messages.error(self.request, f"“{name}” could not be applied: {employee_import.error}")


class ReassignImportView(ImportActionView):
    """Run again the re-assignment of compulsory training that failed after an import was applied."""

    def perform(self) -> None:
        employee_import = self.employee_import
        if rerun_reassignment(employee_import):
            messages.success(
                self.request,
                f"Re-assigning compulsory training for the people “{employee_import.file_name}” changed.",
            )
        else:
            messages.error(self.request, "Compulsory training for this import is not waiting to be re-assigned.")


class DiscardImportView(ImportActionView):
    discarded = False

    def perform(self) -> None:
        employee_import = self.employee_import
        if employee_import.status != Status.CHECKED:
            messages.error(self.request, "Only an import that has been checked and not applied can be discarded.")
            return
        discard_import(employee_import)
        messages.success(self.request, f"Discarded “{employee_import.file_name}”: nothing was changed.")
        self.discarded = True

    def get_success_url(self) -> str:
        return self.index_url if self.discarded else super().get_success_url()


class RejectedRowsDownloadView(ImportObjectMixin, View):
    def get(self, request, *args, **kwargs):
        return csv_download(
            _with_bom(rejected_rows_file(self.employee_import)),
            file_name=download_name(self.employee_import, "rejected-rows"),
        )


class ChangesDownloadView(ImportObjectMixin, View):
    deferred = ("content", "reassign_ids")

    def get(self, request, *args, **kwargs):
        return csv_download(
            _with_bom(changes_file(self.employee_import)), file_name=download_name(self.employee_import, "changes")
        )


def _with_bom(chunks):
    """A byte-order mark first, so that Excel reads the file (and the reasons' quotation marks) as UTF-8."""
    first = True
    for chunk in chunks:
        if first:
            yield b"\xef\xbb\xbf" if isinstance(chunk, bytes) else "\ufeff"
            first = False
        yield chunk


# The viewset -------------------------------------------------------------------


class HRImportViewSet(ViewSet):
    """The "HR imports" item under People, and its pages at /admin/hr-imports/."""

    icon = "upload"
    menu_label = "HR imports"
    menu_name = "hr-imports"
    menu_order = 150
    url_prefix = "hr-imports"
    url_namespace = "people_imports"
    menu_item_class = HRImportsMenuItem

    def get_urlpatterns(self):
        return [
            path("", ImportIndexView.as_view(), name="index"),
            path("upload/", UploadView.as_view(), name="upload"),
            path("<int:pk>/", ImportDetailView.as_view(), name="detail"),
            path("<int:pk>/status/", ImportStatusView.as_view(), name="status"),
            path("<int:pk>/apply/", ApplyImportView.as_view(), name="apply"),
            path("<int:pk>/discard/", DiscardImportView.as_view(), name="discard"),
            path("<int:pk>/reassign/", ReassignImportView.as_view(), name="reassign"),
            path("<int:pk>/rejected-rows.csv", RejectedRowsDownloadView.as_view(), name="rejected_rows"),
            path("<int:pk>/changes.csv", ChangesDownloadView.as_view(), name="changes"),
        ]
