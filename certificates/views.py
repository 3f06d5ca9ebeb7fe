"""Certificate pages: the public check (by code, or the address in the QR code), My certificates and the PDF.

A PDF is served to its owner, HR officers and administrators only; for anyone else, whatever the
address or code they try, it does not exist (404). The public check shows only the name, course, dates
and status: never the staff number or department, and a revocation's reason only to staff.
"""

from __future__ import annotations

import hashlib

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from certificates.codes import normalise
from certificates.models import Certificate
from certificates.permissions import downloadable_by, sees_as_hr
from certificates.ratelimit import WINDOW_SECONDS, allow_check
from certificates.record import completions, record_csv, record_pdf
from people.roles import employee_for

EXAMPLE = "GL-7K4Q-9XM2-H3TD-WPRC-5NEA"


class CheckForm(forms.Form):
    code = forms.CharField(
        label="Certificate code",
        help_text=f"It is printed on the certificate, for example {EXAMPLE}",
        max_length=60,
        error_messages={"required": "Enter the certificate code"},
    )

    def clean_code(self) -> str:
        code = normalise(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                f"Enter the certificate code as it is printed, for example {EXAMPLE}: "
                "20 letters and numbers after GL (there is no 0, O, 1, I or L in a code)"
            )
        return code


MAX_PDF_BYTES = 5 * 1024 * 1024


class CheckFileForm(forms.Form):
    pdf = forms.FileField(
        label="Certificate PDF",
        help_text="The PDF file of the certificate, as you downloaded or received it (up to 5 MB)",
        error_messages={"required": "Select the certificate's PDF file", "empty": "The selected file is empty"},
    )

    def clean_pdf(self):
        upload = self.cleaned_data["pdf"]
        if upload.size > MAX_PDF_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 5 MB: a certificate is far smaller")
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise forms.ValidationError("The selected file must be a PDF: certificates are PDF files")
        return upload


def _limited(request):
    minutes = WINDOW_SECONDS // 60
    return render(request, "certificates/check_limited.html", {"minutes": minutes}, status=429)


@require_GET
def check(request):
    """Type a code to check a certificate."""
    form = CheckForm(request.GET) if "code" in request.GET else CheckForm()
    if form.is_bound and form.is_valid():
        return redirect("certificates:verify", form.cleaned_data["code"])
    return render(request, "certificates/check.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def check_file(request):
    """Upload a certificate PDF to learn whether it is one we issued, byte for byte."""
    if request.method != "POST":
        return render(request, "certificates/check_file.html", {"form": CheckFileForm()})
    if not allow_check(request):
        return _limited(request)
    form = CheckFileForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "certificates/check_file.html", {"form": form})
    digest = hashlib.sha256()
    for chunk in form.cleaned_data["pdf"].chunks():
        digest.update(chunk)
    sha256 = digest.hexdigest()
    certificate = Certificate.objects.select_related("replaced_by").filter(pdf_sha256=sha256).first()
    context = {"sha256": sha256, "certificate": certificate}
    if certificate is not None:
        context["status"] = certificate.status(today=timezone.localdate())
    return render(request, "certificates/check_file_result.html", context)


@never_cache
@require_GET
def verify(request, code: str):
    """What a certificate says about itself, by its code (the address in its QR code)."""
    if not allow_check(request):
        return _limited(request)
    stored = normalise(code)
    if stored is not None and stored != code:
        return redirect("certificates:verify", stored)
    certificate = Certificate.objects.select_related("replaced_by").filter(code=stored).first() if stored else None
    if certificate is None:
        return render(request, "certificates/unknown.html", {"typed": code}, status=404)
    return render(
        request,
        "certificates/verify.html",
        {
            "certificate": certificate,
            "status": certificate.status(today=timezone.localdate()),
            "show_reason": sees_as_hr(request.user, certificate),
        },
    )


@login_required
def my_certificates(request):
    certificates = (
        Certificate.objects.for_user(request.user).select_related("replaced_by").order_by("-completed_on", "-issued_at")
    )
    today = timezone.localdate()
    rows = [(certificate, certificate.status(today=today)) for certificate in certificates]
    return render(
        request, "certificates/mine.html", {"rows": rows, "has_record": employee_for(request.user) is not None}
    )


@never_cache
@login_required
def download(request, code: str):
    """The stored PDF, byte for byte as issued."""
    certificate = downloadable_by(request.user).filter(code=code).exclude(pdf="").first()
    if certificate is None:
        raise Http404
    response = FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"certificate-{certificate.display_code}.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _record_rows(request):
    employee = employee_for(request.user)
    if employee is None:
        raise Http404
    today = timezone.localdate()
    return employee, completions(employee, today=today), today


@never_cache
@login_required
def learning_record_csv(request):
    _employee, rows, today = _record_rows(request)
    response = HttpResponse(record_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="learning-record-{today.isoformat()}.csv"'
    return response


@never_cache
@login_required
def learning_record_pdf(request):
    employee, rows, today = _record_rows(request)
    response = HttpResponse(record_pdf(employee, rows, today=today), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="learning-record-{today.isoformat()}.pdf"'
    return response
