"""Who may read quiz reports: one Wagtail permission policy, used by the report screens and their buttons.

HR officers (and administrators) may read every quiz's report. Editors, moderators and anyone else who may
edit a quiz page (Wagtail's "change" page permission on it or above it, or "add" on a quiz they own) may
read that quiz's report. Reports are aggregate figures only, so nobody else's role is widened. The one
action is "view".
"""

from __future__ import annotations

from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from assessments.models import QuizPage
from people.roles import is_hr_officer

VIEW = "view"


class QuizReportPolicy(BasePermissionPolicy):
    def __init__(self):
        super().__init__(QuizPage)
        self.pages = PagePermissionPolicy(QuizPage)

    def user_has_permission(self, user, action):
        """Whether the user may read some quiz's report (the Reports menu item, the quiz list)."""
        if action != VIEW or not user.is_active:
            return False
        return is_hr_officer(user) or self.pages.user_has_permission(user, "change")

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def instances_user_has_permission_for(self, user, action):
        if action != VIEW or not user.is_active:
            return QuizPage.objects.none()
        if is_hr_officer(user):
            return QuizPage.objects.all()
        return self.pages.instances_user_has_permission_for(user, "change")

    def instances_user_has_any_permission_for(self, user, actions):
        return self.instances_user_has_permission_for(user, VIEW if VIEW in actions else None)

    def user_has_permission_for_instance(self, user, action, instance):
        if action != VIEW or not user.is_active:
            return False
        return is_hr_officer(user) or self.pages.user_has_permission_for_instance(user, "change", instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return VIEW in actions and self.user_has_permission_for_instance(user, VIEW, instance)


quiz_report_policy = QuizReportPolicy()
