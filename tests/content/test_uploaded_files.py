"""Uploaded documents and images never run in the site's origin as a page would."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from people.models import User

Document = get_document_model()
Image = get_image_model()


@pytest.fixture
def admin_client(client, db, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(User.objects.create_superuser(email="editor@example.gov.uk", password="x" * 20))
    return client


@pytest.mark.parametrize(
    "name", ["page.xml", "page.xhtml", "page.xht", "page.svg", "page.html", "page.htm", "page.shtml", "page.xsl"]
)
def test_documents_a_browser_would_run_as_a_page_are_refused(admin_client, name):
    upload = SimpleUploadedFile(name, b"<html xmlns='http://www.w3.org/1999/xhtml'><script>alert(1)</script></html>")

    response = admin_client.post(
        "/admin/documents/add/", {"title": "Page", "collection": Collection.get_first_root_node().pk, "file": upload}
    )

    assert response.status_code == 200  # the form again, with the error
    assert not Document.objects.exists()


def test_a_document_is_served_as_a_download_that_can_run_nothing(admin_client, client):
    admin_client.post(
        "/admin/documents/add/",
        {
            "title": "Figures",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("figures.csv", b"a,b\n1,2\n"),
        },
    )
    document = Document.objects.get()

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_svg_images_are_refused(admin_client):
    svg = b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"

    response = admin_client.post(
        "/admin/images/add/",
        {"title": "Logo", "collection": Collection.get_first_root_node().pk, "file": SimpleUploadedFile("a.svg", svg)},
    )

    assert response.status_code == 200
    assert not Image.objects.exists()
