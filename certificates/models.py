"""Certificates: one frozen, verifiable record and PDF per completed enrolment.

A certificate copies what it certifies when it is issued (the learner's name, staff number and
department, the course's title and published revision, the dates, CPD hours, the quiz score, the design
revision) and its PDF is rendered once and stored: nothing that changes later, a name, a course or the
design, changes a certificate already issued. Only a re-issue (a new certificate that `replaces` the old
one) or a revocation changes what its verification page says.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.urls import reverse
from wagtail.admin.panels import FieldPanel
from wagtail.models import RevisionMixin

from certificates.codes import display, normalise
from courses.models import CoursePage
from enrolment.models import Enrolment
from people.models import Employee


def certificate_storage():
    """Where PDFs are kept: STORAGES["certificates"] (a private folder; a shared volume or object store at scale)."""
    return storages["certificates"]


class CertificateDesign(RevisionMixin, models.Model):
    """The wording, signatory and logo of certificates still to be issued (a snippet with revisions).

    There is one design: the first. Each certificate records the revision it was rendered with, and is
    never rendered again, so editing the design changes only certificates issued afterwards.
    """

    heading = models.CharField(max_length=120, default="Certificate of completion")
    certifies = models.CharField("wording before the learner's name", max_length=200, default="This is to certify that")
    completed = models.CharField(
        "wording before the course title", max_length=200, default="has successfully completed the course"
    )
    signatory_name = models.CharField(max_length=120, default="Head of the Government Campus")
    signatory_title = models.CharField(max_length=200, default="On behalf of the Civil Service")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Shown at the top left. Leave empty for the service name alone.",
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="certificate_design")

    panels = [
        FieldPanel("heading"),
        FieldPanel("certifies"),
        FieldPanel("completed"),
        FieldPanel("signatory_name"),
        FieldPanel("signatory_title"),
        FieldPanel("logo"),
    ]

    class Meta:
        verbose_name = "certificate design"

    def __str__(self) -> str:
        return "Certificate design"

    @property
    def revisions(self):
        return self._revisions

    @classmethod
    def current(cls) -> CertificateDesign:
        """The design in use, created with its default wording (and a first revision) if there is none."""
        design = cls.objects.select_related("latest_revision").order_by("pk").first()
        if design is None:
            design = cls.objects.create()
        if design.latest_revision_id is None:
            design.save_revision()
            design = cls.objects.select_related("latest_revision").get(pk=design.pk)
        return design


class CertificateQuerySet(models.QuerySet):
    def in_force(self) -> CertificateQuerySet:
        """Neither revoked nor replaced: the certificate of its completion that stands (valid or expired)."""
        return self.filter(revoked_at__isnull=True, replaced_by__isnull=True)

    def with_status(self, status: str, *, today: date) -> CertificateQuerySet:
        """Those in one status, in the database, as `Certificate.status` decides it for one; all for no status."""
        expired = Q(expires_on__lt=today)
        return {
            Certificate.Status.REVOKED: self.filter(revoked_at__isnull=False),
            Certificate.Status.REPLACED: self.filter(revoked_at__isnull=True, replaced_by__isnull=False),
            Certificate.Status.EXPIRED: self.in_force().filter(expired),
            Certificate.Status.VALID: self.in_force().exclude(expired),
        }.get(status, self)

    def search(self, query: str) -> CertificateQuerySet:
        """Certificates whose staff number or code is the query (a code as typed), or whose name holds each word."""
        code = normalise(query)
        words = Q()
        for word in query.split():
            words &= Q(learner_name__icontains=word)
        return self.filter(Q(staff_number__iexact=query) | words | (Q(code=code) if code else Q(pk__in=[])))

    def courses(self):
        """The courses these certificates are of, by title."""
        return CoursePage.objects.filter(pk__in=self.values("enrolment__course_id")).order_by("title")

    def for_user(self, user) -> CertificateQuerySet:
        """The certificates this signed-in person may download: their own."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(employee__user=user)


class Certificate(models.Model):
    class Status(models.TextChoices):
        VALID = "valid", "Valid"
        EXPIRED = "expired", "Expired"
        REVOKED = "revoked", "Revoked"
        REPLACED = "replaced", "Replaced"

    code = models.CharField(max_length=20, unique=True, editable=False)
    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="certificates")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="certificates")
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by", editable=False
    )

    # What it certifies, frozen at issue.
    learner_name = models.CharField(max_length=201)
    staff_number = models.CharField(max_length=32)
    department_name = models.CharField(max_length=200)
    course_title = models.CharField(max_length=255)
    course_revision_id = models.PositiveBigIntegerField(
        null=True, help_text="The course's published revision when the certificate was issued."
    )
    completed_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True)
    cpd_hours = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    quiz_score_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    design_revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.PROTECT, null=True, related_name="+", editable=False
    )

    issued_at = models.DateTimeField()
    pdf = models.FileField(storage=certificate_storage, upload_to="%Y/%m/", blank=True, editable=False)
    pdf_sha256 = models.CharField("SHA-256 of the PDF", max_length=64, blank=True, editable=False)

    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revocation_reason = models.TextField(blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        constraints = [
            # Exactly one certificate is issued per completion; re-issues replace it, one at a time.
            models.UniqueConstraint(
                fields=["enrolment"], condition=Q(replaces__isnull=True), name="one_certificate_per_completion"
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=models.F("completed_on")),
                name="certificate_expires_after_completion",
            ),
        ]
        indexes = [models.Index(fields=["employee", "-completed_on"], name="certificate_employee_recent")]

    def __str__(self) -> str:
        return f"{self.display_code}: {self.learner_name}, {self.course_title}"

    def get_absolute_url(self) -> str:
        """The public verification address (the one in the QR code)."""
        return reverse("certificates:verify", args=[self.code])

    @property
    def display_code(self) -> str:
        return display(self.code)

    def status(self, *, today: date) -> Certificate.Status:
        """Revoked, else replaced, else expired (after its expiry date), else valid."""
        if self.revoked_at:
            return self.Status.REVOKED
        if self.replacement is not None:
            return self.Status.REPLACED
        if self.expires_on and today > self.expires_on:
            return self.Status.EXPIRED
        return self.Status.VALID

    @property
    def replacement(self) -> Certificate | None:
        try:
            return self.replaced_by
        except Certificate.DoesNotExist:
            return None

    def verification_address(self) -> str:
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + self.get_absolute_url()

    def download_url(self) -> str:
        return reverse("certificates:download", args=[self.code])


class CertificateEvent(models.Model):
    """Who did what to a certificate, when and why: issued, revoked, re-issued."""

    class Action(models.TextChoices):
        ISSUED = "issued", "Issued"
        REVOKED = "revoked", "Revoked"
        REISSUED = "reissued", "Re-issued"

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=16, choices=Action.choices)
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d}"


class BulkReissue(models.Model):
    """HR re-issuing every certificate of a course (a background task), with its progress."""

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Re-issuing"
        FINISHED = "finished", "Finished"

    course = models.ForeignKey(CoursePage, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField()
    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(null=True, blank=True)
    done = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0, help_text="Revoked certificates, which are not re-issued.")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Re-issue of {self.course.title}, {self.created_at:%Y-%m-%d %H:%M}"
