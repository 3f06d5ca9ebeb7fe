from django.urls import path

from certificates import views

app_name = "certificates"

urlpatterns = [
    path("certificates/check/", views.check, name="check"),
    path("certificates/check/file/", views.check_file, name="check_file"),
    path("certificates/check/<str:code>/", views.verify, name="verify"),
    path("learning/certificates/", views.my_certificates, name="mine"),
    path("learning/certificates/record.csv", views.learning_record_csv, name="record_csv"),
    path("learning/certificates/record.pdf", views.learning_record_pdf, name="record_pdf"),
    path("learning/certificates/<str:code>.pdf", views.download, name="download"),
]
