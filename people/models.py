from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import EmptyResultSet, ValidationError
from django.core.validators import RegexValidator
from django.db import connections, models
from django.db.models import F, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower, Upper

from people.names import validate_name


class EmailUserManager(UserManager):
    """Users are identified by their email address; there are no usernames."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractUser):
    """A person who can sign in. Their civil-service record is `Employee`."""

    username = None
    email = models.EmailField("email address", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = EmailUserManager()

    class Meta:
        ordering = ["email"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_ci")]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


# Trees -----------------------------------------------------------------------


def _transitive_closure(
    seed: models.QuerySet, *, table: str, step_from: str, step_to: str, step_only_if: str = ""
) -> RawSQL | None:
    """SQL for the ids in `seed` and every id reached from them by following one self-referencing column.

    One recursive query, evaluated by the database wherever it is used (a filter,
    a subquery), so it costs the same for one department or a whole civil
    service. UNION (not UNION ALL) discards rows already reached, so a cycle in
    bad data ends the recursion instead of looping. None when the seed cannot match anything.
    `step_only_if` names a boolean column a row must have true to be reached (and reached through).
    """
    try:
        seed_sql, seed_params = seed.order_by().values("pk").query.get_compiler(using=seed.db).as_sql()
    except EmptyResultSet:
        return None
    q = connections[seed.db].ops.quote_name
    # Only quoted identifiers from our own models and Django-compiled SQL with its parameters go in.
    sql = (
        f"WITH RECURSIVE tree(id) AS ("  # noqa: S608
        f"SELECT {q('id')} FROM {q(table)} WHERE {q('id')} IN ({seed_sql}) "
        f"UNION "
        f"SELECT step.{q(step_to)} FROM {q(table)} step JOIN tree ON step.{q(step_from)} = tree.id "
        f"WHERE step.{q(step_to)} IS NOT NULL"
        + (f" AND step.{q(step_only_if)} = %s" if step_only_if else "")
        + ") SELECT id FROM tree"
    )
    return RawSQL(sql, (*seed_params, *((True,) if step_only_if else ())))  # noqa: S611


# Departments -----------------------------------------------------------------


class DepartmentQuerySet(models.QuerySet):
    def with_descendants(self) -> DepartmentQuerySet:
        """These departments and every department under them, at any depth, in one query."""
        closure = _transitive_closure(self, table=Department._meta.db_table, step_from="parent_id", step_to="id")
        return self.none() if closure is None else self.model._default_manager.filter(pk__in=closure)

    def top_level(self) -> DepartmentQuerySet:
        return self.filter(parent__isnull=True)


class Department(models.Model):
    """A ministerial department, agency or arm's-length body. It includes the bodies under it."""

    code = models.CharField(
        max_length=16,
        unique=True,
        validators=[RegexValidator(r"^[A-Za-z][A-Za-z0-9&.-]*$", "Use letters, digits, '&', '.' or '-', no spaces.")],
        help_text="Short, well-known abbreviation, for example DSIT or HMPPS.",
    )
    name = models.CharField(max_length=200, unique=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="part of",
        help_text="The department this body sits under, if any.",
    )

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | ~Q(parent=F("pk")), name="department_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.code,)

    def descendants(self, *, include_self: bool = True) -> DepartmentQuerySet:
        """This department and every body under it (or only those under it)."""
        departments = Department.objects.filter(pk=self.pk).with_descendants()
        return departments if include_self else departments.exclude(pk=self.pk)

    def clean(self) -> None:
        super().clean()
        if self.parent_id is None:
            return
        if self.pk is not None and self.descendants().filter(pk=self.parent_id).exists():
            raise ValidationError({"parent": "A department cannot sit under itself or under one of its own bodies."})


# Grades and professions ------------------------------------------------------

SENIOR_CIVIL_SERVICE_CODES = frozenset({"SCS1", "SCS2", "SCS3", "PS"})


class GradeQuerySet(models.QuerySet):
    def at_or_above(self, grade: Grade | str) -> GradeQuerySet:
        if isinstance(grade, Grade):
            return self.filter(rank__gte=grade.rank)
        return self.filter(rank__gte=models.Subquery(Grade.objects.filter(code=grade).values("rank")[:1]))

    def senior_civil_service(self) -> GradeQuerySet:
        return self.filter(code__in=SENIOR_CIVIL_SERVICE_CODES)


class Grade(models.Model):
    """A civil-service grade. Rank orders them: a higher rank is more senior."""

    code = models.CharField(max_length=8, unique=True, help_text="For example EO, G7 or SCS1.")
    name = models.CharField(max_length=100)
    rank = models.PositiveSmallIntegerField(unique=True, help_text="Higher is more senior.")

    objects = GradeQuerySet.as_manager()

    class Meta:
        ordering = ["rank"]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.code,)

    @property
    def is_senior_civil_service(self) -> bool:
        return self.code in SENIOR_CIVIL_SERVICE_CODES


class Profession(models.Model):
    """A civil-service profession; each person belongs to one."""

    code = models.SlugField(max_length=40, unique=True, help_text="Short identifier, for example ddat or policy.")
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.code,)


# Employees -------------------------------------------------------------------


class EmployeeQuerySet(models.QuerySet):
    def active(self) -> EmployeeQuerySet:
        return self.filter(is_active=True)

    def leavers(self) -> EmployeeQuerySet:
        return self.filter(is_active=False)

    def with_related(self) -> EmployeeQuerySet:
        """Everything shown next to a person's name, fetched with them."""
        return self.select_related("grade", "department", "profession", "line_manager")

    def for_user(self, user) -> EmployeeQuerySet:
        return self.filter(user_id=user.pk) if user.is_authenticated else self.none()

    def in_departments(
        self,
        departments: Department | models.QuerySet | Iterable[Department | int],
        *,
        include_sub_departments: bool = True,
    ) -> EmployeeQuerySet:
        """People in these departments and, unless told otherwise, in the bodies under them."""
        if isinstance(departments, Department):
            chosen = Department.objects.filter(pk=departments.pk)
        elif isinstance(departments, models.QuerySet):
            chosen = departments
        else:
            chosen = Department.objects.filter(pk__in=[d.pk if isinstance(d, Department) else d for d in departments])
        if include_sub_departments:
            chosen = chosen.with_descendants()
        return self.filter(department__in=chosen.values("pk"))

    def at_or_above(self, grade: Grade | str) -> EmployeeQuerySet:
        """People whose grade ranks at or above this grade (a Grade or its code)."""
        return self.filter(grade__in=Grade.objects.at_or_above(grade).values("pk"))

    def in_grades(self, grades: Iterable[Grade | str]) -> EmployeeQuerySet:
        grades = list(grades)
        codes = [g for g in grades if isinstance(g, str)]
        pks = [g.pk for g in grades if isinstance(g, Grade)]
        return self.filter(Q(grade__in=pks) | Q(grade__code__in=codes))

    def in_professions(self, professions: Iterable[Profession | int]) -> EmployeeQuerySet:
        return self.filter(profession__in=[p.pk if isinstance(p, Profession) else p for p in professions])

    def reports_of(self, manager: Employee) -> EmployeeQuerySet:
        """The manager's direct reports."""
        return self.filter(line_manager=manager)

    def with_managers(self) -> EmployeeQuerySet:
        """These people and everyone above them in their management chains, in one query."""
        closure = _transitive_closure(self, table=Employee._meta.db_table, step_from="id", step_to="line_manager_id")
        return self.none() if closure is None else self.model._default_manager.filter(pk__in=closure)

    def with_reports(self, *, through_leavers: bool = True) -> EmployeeQuerySet:
        """These people and everyone who reports to them, directly or not, in one query.

        With `through_leavers=False`, only active people are reached, and nobody is reached through a
        leaver: HR has yet to give a leaver's reports their new manager, and the leaver's old manager
        is not it.
        """
        closure = _transitive_closure(
            self,
            table=Employee._meta.db_table,
            step_from="line_manager_id",
            step_to="id",
            step_only_if="" if through_leavers else "is_active",
        )
        return self.none() if closure is None else self.model._default_manager.filter(pk__in=closure)


class Employee(models.Model):
    """One civil servant as HR knows them. HR may load the record before the person has an account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employee",
        verbose_name="account",
        help_text="The account this person signs in with, once they have one.",
    )
    staff_number = models.CharField(
        max_length=20,
        unique=True,
        validators=[RegexValidator(r"^[A-Za-z0-9-]+$", "Use letters, digits and hyphens only.")],
        help_text="As HR issues it; leading zeros matter.",
    )
    given_name = models.CharField(max_length=100, validators=[validate_name])
    family_name = models.CharField(max_length=100, validators=[validate_name])
    email = models.EmailField("work email address", help_text="Unique, whatever its capitals.")
    grade = models.ForeignKey(Grade, on_delete=models.PROTECT, related_name="employees")
    grade_since = models.DateField("in grade since", null=True, blank=True)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="employees")
    profession = models.ForeignKey(
        Profession, on_delete=models.PROTECT, null=True, blank=True, related_name="employees"
    )
    line_manager = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="reports")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True, help_text="Last day of service, for leavers.")
    is_active = models.BooleanField(
        "active", default=True, db_index=True, help_text="Unticked for leavers: they get no compulsory training."
    )

    objects = EmployeeQuerySet.as_manager()

    class Meta:
        ordering = ["family_name", "given_name", "staff_number"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="employee_email_unique_ci"),
            # HR systems differ in the capitals of a staff number: "ab123" and "AB123" are one person.
            models.UniqueConstraint(Upper("staff_number"), name="employee_staff_number_unique_ci"),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True) | Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="employee_ends_after_start",
                violation_error_message="The end date cannot be before the start date.",
            ),
            models.CheckConstraint(
                condition=Q(line_manager__isnull=True) | ~Q(line_manager=F("pk")),
                name="employee_not_own_line_manager",
                violation_error_message="A person cannot be their own line manager.",
            ),
        ]
        indexes = [
            # Compliance counts active people by department and grade.
            models.Index(
                fields=["department", "grade"], condition=Q(is_active=True), name="employee_active_dept_grade"
            ),
            models.Index(fields=["family_name", "given_name"], name="employee_name"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        self.staff_number = self.staff_number.strip()
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    def natural_key(self) -> tuple[str]:
        return (self.staff_number,)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "The end date cannot be before the start date."
        if self.line_manager_id is not None:
            if self.pk is not None and self.line_manager_id == self.pk:
                errors["line_manager"] = "A person cannot be their own line manager."
            elif self.pk is not None and self.manages_via(self.line_manager_id):
                errors["line_manager"] = (
                    "This would make a loop in the management chain: "
                    "the chosen line manager already reports to this person."
                )
        if errors:
            raise ValidationError(errors)

    def manages_via(self, employee_id: int) -> bool:
        """Whether this person is the given person, or above them in their management chain."""
        return Employee.objects.filter(pk=employee_id).with_managers().filter(pk=self.pk).exists()

    def has_left(self, *, on: date) -> bool:
        return self.end_date is not None and self.end_date < on


class HRScope(models.Model):
    """Whose records an HR officer's screens, figures and exports reach: the whole civil service, or some
    departments with the bodies under them. Administrators set it (`people.scopes.set_scope`, which records
    each change as an `HRScopeChange`); an HR officer without one reaches nobody."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hr_scope")
    whole_service = models.BooleanField("the whole civil service", default=False)
    departments = models.ManyToManyField(
        Department, blank=True, related_name="+", help_text="Each includes the bodies under it."
    )

    class Meta:
        verbose_name = "HR scope"

    def __str__(self) -> str:
        return f"HR scope of {self.user}"


class HRScopeChange(models.Model):
    """One change of an HR officer's scope: who made it, when, and the scope before and after, in words."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hr_scope_changes")
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)
    before = models.TextField()
    after = models.TextField()

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user}: {self.before} → {self.after}"


class EmployeeImport(models.Model):
    """One HR file taken in: checked (a dry run), then perhaps applied; its results stay viewable.

    The file itself is kept (gzip-compressed, in the database so that a task worker on another machine
    can read it) until the import is applied, failed or discarded.
    """

    class Status(models.TextChoices):
        CHECKING = "checking", "Checking"
        CHECKED = "checked", "Checked, not applied"
        APPLYING = "applying", "Applying"
        APPLIED = "applied", "Applied"
        FAILED = "failed", "Failed"
        DISCARDED = "discarded", "Discarded"

    class Source(models.TextChoices):
        UPLOAD = "upload", "Upload"
        COMMAND = "command", "Command line"

    class Reassignment(models.TextChoices):
        PENDING = "pending", "Waiting"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    file_name = models.CharField(max_length=255)
    file_size = models.PositiveBigIntegerField(default=0)
    content = models.BinaryField(null=True, editable=False)
    full_sync = models.BooleanField(
        "full sync", default=False, help_text="Active people absent from the file are marked as leavers."
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.UPLOAD)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKING)
    # The lock: True while this import is applying, NULL otherwise. A unique NULL-able column lets one
    # row hold it, on every database, across processes and machines.
    applying = models.BooleanField(null=True, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, help_text="Also a heartbeat while the import is running.")
    applied_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    rows_total = models.PositiveIntegerField(null=True, blank=True, help_text="Lines in the file, a progress estimate.")
    rows_done = models.PositiveIntegerField(default=0)
    step = models.CharField(max_length=100, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    new_departments = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    changes_csv = models.BinaryField(null=True, editable=False, help_text="Gzip-compressed CSV, one line per change.")
    changes_preview = models.JSONField(default=list, blank=True)
    # Once applied, compulsory training is re-assigned for the people it changed, by a task after the commit;
    # their ids are kept until that has succeeded, so that it can be run again.
    reassignment = models.CharField(max_length=10, choices=Reassignment.choices, blank=True)
    reassignment_error = models.TextField(blank=True)
    reassign_ids = models.BinaryField(
        null=True, editable=False, help_text="Gzip-compressed JSON list of the ids of the people it changed."
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "HR import"

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display().lower()})"

    @property
    def is_busy(self) -> bool:
        return self.status in (self.Status.CHECKING, self.Status.APPLYING)

    @property
    def percent_done(self) -> int:
        if not self.rows_total:
            return 0
        return min(99, round(100 * self.rows_done / self.rows_total)) if self.is_busy else 100


class EmployeeImportProblem(models.Model):
    """A rejected row of an HR import, with the column and reason (row 0: the file as a whole)."""

    employee_import = models.ForeignKey(EmployeeImport, on_delete=models.CASCADE, related_name="problems")
    row = models.PositiveIntegerField()
    column = models.CharField(max_length=40, blank=True)
    reason = models.TextField()

    class Meta:
        ordering = ["employee_import", "row", "pk"]

    def __str__(self) -> str:
        return f"Row {self.row}: {self.column} {self.reason}".strip()
