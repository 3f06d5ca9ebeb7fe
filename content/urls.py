from django.urls import path
from django.views.generic import TemplateView

urlpatterns = [
    path("accessibility/", TemplateView.as_view(template_name="content/accessibility.html"), name="accessibility"),
    path("privacy/", TemplateView.as_view(template_name="content/privacy.html"), name="privacy"),
    path("cookies/", TemplateView.as_view(template_name="content/cookies.html"), name="cookies"),
]
