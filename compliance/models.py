"""What HR's compliance screens read: where each person stands against each requirement, kept fresh.

Working out half a million people's status against every requirement takes seconds, so it is done
every few minutes (`compliance.snapshot.refresh`, `manage.py refresh_compliance`), not on every page:

- `PersonStatus` and `PersonStatusB` (`StatusRows`), one row per person and active requirement whose
  audience they are in, with what the lists and exports show: each refresh writes the table the latest
  refresh did not, so readers of the latest never wait for it;
- `StatusFigure`, those rows counted by requirement, department, grade and profession, which the
  overview and breakdowns add up;
- `Refresh`, when each refresh ran, for which day and into which table of rows, which the pages show
  ("figures as at …").

The rows and figures are written in one transaction with their `Refresh`, so a page reads one refresh. A person's
own page (compliance.person) reads their records live instead, so an HR action shows there at once.
The rows hold ids without foreign-key constraints: they are a copy, rebuilt whole, never a source.
"""

from __future__ import annotations

from django.db import models

from enrolment.status import Status


class Refresh(models.Model):
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    today = models.DateField(help_text="The day the statuses were worked out for.")
    rows = models.PositiveIntegerField()
    slot = models.PositiveSmallIntegerField(default=0, help_text="Which table of rows it wrote (models.SLOTS).")

    class Meta:
        ordering = ["-finished_at", "-pk"]
        get_latest_by = "finished_at"

    def __str__(self) -> str:
        return f"Compliance refresh at {self.finished_at:%Y-%m-%d %H:%M}"

    @property
    def rows_model(self) -> type[StatusRows]:
        """The table of this refresh's rows."""
        return SLOTS[self.slot]


class StatusRows(models.Model):
    """Where one person stood against one requirement at a refresh. Two tables hold these rows
    (`PersonStatus` and `PersonStatusB`): a refresh empties the one the latest refresh did not write and
    fills it, so readers of the latest never wait and the rows are packed afresh each time, in name order,
    with no dead rows left for VACUUM (`Refresh.slot` says which table the refresh wrote)."""

    # The requirement, person and department are looked up by the indexes led by them (Meta), not by one of
    # their own: every index is kept up to date for each of the million rows a refresh writes.
    requirement = models.ForeignKey(
        "enrolment.Requirement", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    employee = models.ForeignKey(
        "people.Employee", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    # The person's post at the refresh, as the figures count them.
    department = models.ForeignKey(
        "people.Department", on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    grade = models.ForeignKey("people.Grade", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    profession = models.ForeignKey(
        "people.Profession", on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+"
    )
    status = models.CharField(max_length=12, choices=[c for c in Status.choices if c[0] != Status.NOT_REQUIRED])
    due_on = models.DateField(null=True)
    completed_at = models.DateTimeField(null=True)
    expires_on = models.DateField(null=True)
    certificate_code = models.CharField(max_length=20, blank=True)
    # What the list and the exports show and sort by, copied at the refresh, so that they read this table alone.
    family_name = models.CharField(max_length=100)
    given_name = models.CharField(max_length=100)
    staff_number = models.CharField(max_length=20)
    grade_code = models.CharField(max_length=10)
    grade_rank = models.IntegerField()
    department_name = models.CharField(max_length=200)
    line_manager_name = models.CharField(max_length=201, blank=True)
    requirement_name = models.CharField(max_length=200)
    urgency = models.PositiveSmallIntegerField(help_text="The status's place in enrolment.status.URGENCY.")

    class Meta:
        abstract = True
        constraints = [models.UniqueConstraint(fields=["requirement", "employee"], name="%(class)s_once")]
        indexes = [
            models.Index(fields=["requirement", "family_name", "given_name"], name="%(class)s_req"),
            models.Index(fields=["employee"], name="%(class)s_employee"),
            # The list's two usual orders, read in order and stopped after a page, however large the department.
            models.Index(fields=["family_name", "given_name", "employee", "requirement"], name="%(class)s_name"),
            models.Index(
                fields=["urgency", "family_name", "given_name", "employee", "requirement"], name="%(class)s_urgency"
            ),
            # The same two orders within a department (dashboard.people filters by the departments' ids): a deep
            # page of a large one reads only its rows, not a fifth of everyone's.
            models.Index(
                fields=["department", "family_name", "given_name", "employee", "requirement"],
                name="%(class)s_dept_name",
            ),
            models.Index(
                fields=["department", "urgency", "family_name", "given_name", "employee", "requirement"],
                name="%(class)s_dept_urgency",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} / {self.requirement_id}: {self.status}"


class PersonStatus(StatusRows):
    """The rows of refreshes in slot 0."""

    class Meta(StatusRows.Meta):
        pass


class PersonStatusB(StatusRows):
    """The rows of refreshes in slot 1."""

    class Meta(StatusRows.Meta):
        pass


SLOTS = (PersonStatus, PersonStatusB)


class StatusFigure(models.Model):
    """How many people of one requirement, department, grade and profession were in each status."""

    requirement = models.ForeignKey(
        "enrolment.Requirement", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    department = models.ForeignKey(
        "people.Department", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    grade = models.ForeignKey("people.Grade", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    profession = models.ForeignKey(
        "people.Profession", on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+"
    )
    covered = models.PositiveIntegerField()
    compliant = models.PositiveIntegerField(help_text="Compliant, including those whose renewal is open.")
    expiring = models.PositiveIntegerField(help_text="Compliant, but their completion expires within 30 days.")
    due = models.PositiveIntegerField()
    overdue = models.PositiveIntegerField()
    exempt = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["department", "requirement"], name="status_figure_dept")]

    def __str__(self) -> str:
        return f"{self.requirement_id}/{self.department_id}/{self.grade_id}: {self.compliant} of {self.covered}"


class FrozenPeriod(models.Model):
    """The figures at the end of one month, frozen the night after it ended (`compliance.periods.freeze`),
    with the department structure as it was then. Never worked out again, so asking later gives the same."""

    period_end = models.DateField(unique=True)
    frozen_at = models.DateTimeField()

    class Meta:
        ordering = ["-period_end"]

    def __str__(self) -> str:
        return f"Compliance as at {self.period_end:%-d %B %Y}"


class PeriodDepartment(models.Model):
    """A department as it was at a period's end: its name and where it sat."""

    period = models.ForeignKey(FrozenPeriod, on_delete=models.CASCADE, related_name="departments")
    department_id = models.BigIntegerField()
    code = models.CharField(max_length=16)
    name = models.CharField(max_length=200)
    parent_id = models.BigIntegerField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["period", "department_id"], name="period_department_once")]

    def __str__(self) -> str:
        return f"{self.name} at {self.period.period_end}"


class PeriodFigure(models.Model):
    """`StatusFigure` as it was at a period's end (with the requirement's name then)."""

    period = models.ForeignKey(FrozenPeriod, on_delete=models.CASCADE, related_name="figures")
    requirement = models.ForeignKey(
        "enrolment.Requirement", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    requirement_name = models.CharField(max_length=200)
    department = models.ForeignKey(
        "people.Department", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    grade = models.ForeignKey("people.Grade", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    profession = models.ForeignKey(
        "people.Profession", on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+"
    )
    covered = models.PositiveIntegerField()
    compliant = models.PositiveIntegerField()
    expiring = models.PositiveIntegerField()
    due = models.PositiveIntegerField()
    overdue = models.PositiveIntegerField()
    exempt = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["period", "department"], name="period_figure_dept")]

    def __str__(self) -> str:
        return f"{self.period_id}/{self.requirement_id}/{self.department_id}: {self.compliant} of {self.covered}"


class OpenDataRelease(models.Model):
    """One publication of the anonymised compliance figures (`compliance.open_data.publish`, nightly):
    every period's table, already protected (`compliance.disclosure`), exactly as the public pages and
    downloads show it until the next release."""

    published_at = models.DateTimeField()
    threshold = models.PositiveSmallIntegerField()
    data = models.JSONField()

    class Meta:
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return f"Open data published {self.published_at:%Y-%m-%d %H:%M}"
