from django.urls import reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from certificates.issuing import issue_missing_certificates
from certificates.models import Certificate, CertificateDesign
from certificates.system_libraries import rendering_problem
from content import hooks as govlearn_hooks
from content.navigation import NavItem


class CertificateDesignViewSet(SnippetViewSet):
    model = CertificateDesign
    icon = "doc-full"
    menu_label = "Certificate design"
    menu_order = 220
    add_to_admin_menu = True


register_snippet(CertificateDesignViewSet)


@hooks.register("register_admin_viewset")
def register_certificate_register():
    """HR's certificate register: search, revoke, re-issue, bulk re-issue."""
    from certificates.admin_views import CertificateRegisterViewSet

    return CertificateRegisterViewSet()


@hooks.register(govlearn_hooks.COURSE_PAGE_CONTEXT, order=20)  # after enrolment's `learner`
def add_certificate_to_course(*, request, course, context):
    """A learner who completed the course gets their certificate's download on its page (one query)."""
    learner = context.get("learner") or {}
    enrolment = learner.get("enrolment")
    if learner.get("state") == "completed" and enrolment is not None:
        context["certificate"] = Certificate.objects.filter(enrolment=enrolment).in_force().exclude(pdf="").first()


@hooks.register(govlearn_hooks.NAVIGATION)
def certificates_navigation(request):
    if request.user.is_authenticated:
        return [NavItem("Your certificates", reverse("certificates:mine"), order=20)]
    return []


@hooks.register(govlearn_hooks.LOAD_DEMO_DATA, order=40)
def load_demo_certificates(*, stdout):
    """After the demo completions (enrolment 20, assessments 30): each gets its certificate, as from a worker."""
    problem = rendering_problem()
    if problem:
        stdout.write(f"Demo certificates: none issued, because this machine cannot render them ({problem}).")
        return
    issued = issue_missing_certificates()
    stdout.write(f"Demo certificates: {issued} new." if issued else "Demo certificates in place.")
