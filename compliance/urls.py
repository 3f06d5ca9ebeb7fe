from django.urls import path

from compliance import open_data_views, views

app_name = "compliance"

urlpatterns = [
    path("my-team/", views.my_team, name="my_team"),
    path("my-team/extensions/<int:enrolment_id>/", views.extend, name="grant_extension"),
    path("my-team/<int:employee_id>/extra-time/", views.extra_time, name="extra_time"),
    path("open-data/", open_data_views.page, name="open_data"),
    path("open-data/compulsory-training-compliance.csv", open_data_views.csv_file, name="open_data_csv"),
    path("open-data/compulsory-training-compliance.json", open_data_views.json_file, name="open_data_json"),
    path(
        "open-data/compulsory-training-compliance.csv-metadata.json",
        open_data_views.metadata,
        name="open_data_metadata",
    ),
]
