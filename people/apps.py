from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = "People"

    def ready(self):
        from allauth.account.signals import email_confirmed, user_logged_in

        from people.accounts import link_on_email_confirmed, link_on_sign_in

        user_logged_in.connect(link_on_sign_in, dispatch_uid="people-link-employee-on-sign-in")
        email_confirmed.connect(link_on_email_confirmed, dispatch_uid="people-link-employee-on-email-confirmed")
