"""My learning on the signed-in home page (registered as a Wagtail hook)."""

from __future__ import annotations

from django.utils import timezone
from wagtail import hooks

from content.home import HOOK_NAME, HomePanel
from courses.navigation import catalogue_url
from enrolment.my_learning import my_learning
from people.roles import employee_for


@hooks.register(HOOK_NAME)
def my_learning_panels(request):
    """Compulsory courses first, then courses in progress, then completed ones.

    Nothing for someone without an HR record: the "Your details" panel says how to get one linked.
    """
    employee = employee_for(request.user)
    if employee is None:
        return []
    today = timezone.localdate()
    learning = my_learning(employee, today=today, request=request)
    context = {"learning": learning, "today": today, "catalogue_url": catalogue_url(request)}
    return [
        HomePanel("enrolment/my_learning_compulsory.html", context, order=10),
        HomePanel("enrolment/my_learning_in_progress.html", context, order=20),
        HomePanel("enrolment/my_learning_completed.html", context, order=30),
    ]
