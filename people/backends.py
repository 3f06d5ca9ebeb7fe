from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend

from people.roles import user_with_roles


class AuthenticationBackend(AllauthBackend):
    """allauth's sign-in by email, loading each request's user together with their roles.

    The navigation shows what a person's roles allow on every page; finding the
    roles in the same query that loads the user saves a query per request.
    """

    def get_user(self, user_id):
        user = user_with_roles(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
