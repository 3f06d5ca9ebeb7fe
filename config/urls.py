from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from content import views as content_views
from people.admin_sign_in import sign_out, to_allauth
from people.site_history import ScopedSiteHistory

# The admins' own sign-in, sign-out and password pages take a password alone: allauth's serve instead.
admin_sign_in_urls = [
    path("admin/login/", to_allauth("account_login", keep_next_or="wagtailadmin_home")),
    path("admin/logout/", sign_out),
    re_path(r"^admin/password_reset/", to_allauth("account_reset_password")),
    path("django-admin/login/", to_allauth("account_login", keep_next_or="admin:index")),
    path("django-admin/logout/", sign_out),
    re_path(r"^django-admin/password_change/", to_allauth("account_change_password")),
]

urlpatterns = [
    path("healthz", content_views.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    *admin_sign_in_urls,
    path("django-admin/", admin.site.urls),
    # Wagtail's site history, less the changes to people outside an HR officer's scope (people/site_history.py).
    path("admin/reports/site-history/", require_admin_access(ScopedSiteHistory.as_view())),
    path("admin/reports/site-history/results/", require_admin_access(ScopedSiteHistory.as_view(results_only=True))),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("learning/", include("enrolment.urls")),
    path("learning/", include("assessments.urls")),
    path("", include("certificates.urls")),
    path("", include("compliance.urls")),
    path("", include("content.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every other path from the page tree: keep it last.
urlpatterns.append(path("", include(wagtail_urls)))

handler403 = "content.views.permission_denied"
handler404 = "content.views.page_not_found"
handler500 = "content.views.server_error"
