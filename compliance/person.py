"""One person's compulsory training as HR sees it: each requirement's status now and its history.

Read live (not from the refresh), so an extension or exemption HR has just recorded shows at once.
A fixed number of queries: one per active requirement for its status (`with_status`, the one rule),
and one each for the person's enrolments, extensions, exemptions and certificates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from certificates.models import Certificate
from enrolment.models import Enrolment, Exemption, Extension, Requirement
from enrolment.status import Status, status_tag, with_status
from people.models import Employee


@dataclass
class Event:
    on: date | datetime
    what: str
    by: str = ""
    why: str = ""

    @property
    def day(self) -> date:
        return timezone.localdate(self.on) if isinstance(self.on, datetime) else self.on


@dataclass
class RequirementRecord:
    requirement: Requirement
    status: str
    tag: object
    due_on: date | None
    expires_on: date | None
    open_enrolment: Enrolment | None = None
    exemption_in_force: Exemption | None = None
    history: list[Event] = field(default_factory=list)


def _name(user) -> str:
    return str(user) if user else "—"


def person_record(employee: Employee, *, today: date) -> list[RequirementRecord]:
    """Every active requirement the person is covered by, or has a compulsory enrolment or exemption for."""
    requirements = list(
        Requirement.objects.active()
        .select_related("course", "minimum_grade")
        .prefetch_related("grades", "departments", "professions")
    )
    enrolments = list(
        Enrolment.objects.filter(employee=employee, requirement__isnull=False).order_by("enrolled_at", "pk")
    )
    extensions = list(
        Extension.objects.filter(enrolment__employee=employee).select_related("granted_by").order_by("granted_at")
    )
    exemptions = list(
        Exemption.objects.filter(employee=employee).select_related("granted_by", "revoked_by").order_by("granted_at")
    )
    certificates = list(Certificate.objects.filter(employee=employee).order_by("issued_at"))
    records = []
    for requirement in requirements:
        person = with_status(Employee.objects.filter(pk=employee.pk), requirement, today=today).first()
        own = [e for e in enrolments if e.course_id == requirement.course_id]
        exempt = [x for x in exemptions if x.requirement_id == requirement.pk]
        if person.status == Status.NOT_REQUIRED and not own and not exempt:
            continue
        record = RequirementRecord(
            requirement=requirement,
            status=person.status,
            tag=status_tag(person.status, due_on=person.due_on, today=today),
            due_on=person.due_on,
            expires_on=person.expires_on,
            open_enrolment=next((e for e in own if not e.completed_at and not e.withdrawn_at), None),
            exemption_in_force=next((x for x in reversed(exempt) if x.revoked_at is None and x.until >= today), None),
        )
        ids = {e.pk for e in own}
        for enrolment in own:
            due = f", due {enrolment.due_on:%-d %B %Y}" if enrolment.due_on else ""
            record.history.append(Event(enrolment.enrolled_at, f"Assigned{due}"))
            if enrolment.completed_at:
                expiry = f", expires {enrolment.expires_on:%-d %B %Y}" if enrolment.expires_on else ""
                record.history.append(Event(enrolment.completed_at, f"Completed{expiry}"))
            if enrolment.withdrawn_at:
                record.history.append(Event(enrolment.withdrawn_at, "Withdrawn: no longer in the audience"))
        for extension in extensions:
            if extension.enrolment_id in ids:
                by = "line manager" if extension.by_line_manager else "HR"
                record.history.append(
                    Event(
                        extension.granted_at,
                        f"Extension ({by}) to {extension.due_on:%-d %B %Y}",
                        _name(extension.granted_by),
                        extension.reason,
                    )
                )
        for certificate in certificates:
            if certificate.enrolment_id in ids:
                state = certificate.status(today=today)
                record.history.append(
                    Event(
                        certificate.issued_at,
                        f"Certificate {certificate.display_code} issued ({Certificate.Status(state).label.lower()})",
                    )
                )
        for exemption in exempt:
            record.history.append(
                Event(
                    exemption.granted_at,
                    f"Exemption until {exemption.until:%-d %B %Y}",
                    _name(exemption.granted_by),
                    exemption.reason,
                )
            )
            if exemption.revoked_at:
                record.history.append(
                    Event(
                        exemption.revoked_at, "Exemption revoked", _name(exemption.revoked_by), exemption.revoke_reason
                    )
                )
        record.history.sort(
            key=lambda event: (
                event.on
                if isinstance(event.on, datetime)
                else timezone.make_aware(datetime(event.on.year, event.on.month, event.on.day))
            )
        )
        records.append(record)
    return records
