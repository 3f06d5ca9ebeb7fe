from django.urls import path

from compliance import views

app_name = "compliance"

urlpatterns = [
    path("my-team/", views.my_team, name="my_team"),
    path("my-team/extensions/<int:enrolment_id>/", views.extend, name="grant_extension"),
    path("my-team/<int:employee_id>/extra-time/", views.extra_time, name="extra_time"),
]
