from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = "Certificates"

    def ready(self):
        from certificates.receivers import issue_on_completion
        from enrolment.signals import course_completed

        course_completed.connect(issue_on_completion, dispatch_uid="certificates.issue_on_completion")
