from django.urls import path

from enrolment import views

app_name = "enrolment"

urlpatterns = [
    path("courses/<int:course_id>/start/", views.start, name="start_course"),
    path("modules/<int:module_id>/complete/", views.complete, name="complete_module"),
]
