from django.apps import AppConfig


class EnrolmentConfig(AppConfig):
    name = "enrolment"
    verbose_name = "Enrolment"

    def ready(self):
        from enrolment.assignment import employees_changed
        from people.signals import employees_changed as people_changed

        people_changed.connect(employees_changed, dispatch_uid="enrolment-assign-changed-employees")
