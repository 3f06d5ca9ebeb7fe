"""The public open data pages: the latest release of the anonymised compliance figures (compliance.open_data),
as a page, CSV, JSON and the CSV on the Web metadata that describes the CSV. No sign-in."""

from __future__ import annotations

import csv
import io
import json

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from compliance.open_data import COLUMNS, latest_release

LICENCE = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
LICENCE_NAME = "Open Government Licence v3.0"


def _periods(release):
    return release.data["periods"] if release else []


@require_safe
def page(request):
    release = latest_release()
    periods = _periods(release)
    wanted = request.GET.get("period", "")
    shown = next((p for p in periods if p["period_end"] == wanted), periods[0] if periods else None)
    return render(
        request,
        "compliance/open_data.html",
        {
            "release": release,
            "periods": periods,
            "shown": shown,
            "licence": LICENCE,
            "licence_name": LICENCE_NAME,
            "unknown_period": bool(wanted) and shown is not None and shown["period_end"] != wanted,
        },
    )


def _rows(release):
    for period in _periods(release):
        yield from period["rows"]


@require_safe
def csv_file(request):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([name for name, *_rest in COLUMNS])
    for row in _rows(latest_release()):
        writer.writerow([row[name] for name, *_rest in COLUMNS])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="compulsory-training-compliance.csv"'
    return response


@require_safe
def json_file(request):
    release = latest_release()
    return JsonResponse(
        {
            "published": release.published_at.isoformat() if release else None,
            "licence": LICENCE,
            "suppressed": "[c]",
            "threshold": release.threshold if release else None,
            "rows": list(_rows(release)),
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_safe
def metadata(request):
    """CSV on the Web (W3C) metadata for the CSV: its columns, when it was published, its licence."""
    release = latest_release()
    csv_url = request.build_absolute_uri(reverse("compliance:open_data_csv"))
    body = {
        "@context": "http://www.w3.org/ns/csvw",
        "url": csv_url,
        "dc:title": "Compulsory training compliance by department",
        "dc:description": (
            "People covered by each compulsory-training requirement, how many were compliant and how many overdue, "
            "for each department (counting the bodies under it), for the latest figures and the end of each month. "
            f"Counts of fewer than {release.threshold if release else 10} people, and counts that would give them "
            "away, are shown as [c]."
        ),
        "dc:issued": release.published_at.isoformat() if release else None,
        "dc:license": {"@id": LICENCE},
        "dc:publisher": "govlearn",
        "tableSchema": {
            "columns": [
                {
                    "name": name,
                    "titles": title,
                    "dc:description": description,
                    "datatype": datatype,
                    **({"null": ["[c]", ""]} if datatype == "integer" else {}),
                    **({"required": True} if name in ("period_end", "period", "requirement") else {}),
                }
                for name, title, datatype, description in COLUMNS
            ],
            "primaryKey": ["period_end", "department", "requirement"],
        },
    }
    response = HttpResponse(json.dumps(body, indent=2, ensure_ascii=False), content_type="application/csvm+json")
    return response
