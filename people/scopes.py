"""An HR officer's scope: whose records their screens, figures, exports and actions reach.

The rule has one home, here. An administrator reaches everyone. An HR officer reaches the people in
the departments of their `HRScope` (each with the bodies under it, as the structure is now), or
everyone when the scope is the whole civil service; without a scope they reach nobody until an
administrator sets one. Everyone else reaches nobody through HR's screens.

Every HR screen asks `hr_scope(request.user)` and either filters what it lists with
`Scope.employees` (or `Scope.filter`, for records that name an employee) or answers 404 when
`Scope.includes` says a person is outside it, so an officer cannot tell an unknown id from a person
out of reach. Screens that act on everyone at once (HR imports, bulk re-issue, changing requirements,
which apply across departments) need `Scope.whole_service`. tests/people/test_scopes.py lists every
HR address with the rule it follows and fails when a new one is added without one.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404

from people.models import Department, Employee, HRScope, HRScopeChange
from people.roles import is_administrator, is_hr_officer

_SCOPE_CACHE = "_govlearn_hr_scope"


@dataclass(frozen=True)
class Scope:
    whole_service: bool = False
    department_ids: frozenset[int] = frozenset()  # as chosen; each includes the bodies under it

    @property
    def is_empty(self) -> bool:
        return not self.whole_service and not self.department_ids

    def departments(self) -> QuerySet[Department]:
        """The departments in scope, with every body under the chosen ones."""
        if self.whole_service:
            return Department.objects.all()
        return Department.objects.filter(pk__in=self.department_ids).with_descendants()

    def employee_filter(self, prefix: str = "") -> Q:
        """A filter for a queryset whose `prefix` leads to an Employee ("" for Employees themselves)."""
        if self.whole_service:
            return Q()
        if self.is_empty:
            return Q(pk__in=[])
        return Q(**{f"{prefix}department__in": self.departments().values("pk")})

    def employees(self, queryset: QuerySet[Employee] | None = None) -> QuerySet[Employee]:
        people = Employee.objects.all() if queryset is None else queryset
        return people.none() if self.is_empty else people.filter(self.employee_filter())

    def filter(self, queryset: QuerySet, *, employee: str = "employee") -> QuerySet:
        """Records (enrolments, certificates, adjustments…) whose `employee` field leads to a person in scope."""
        if self.whole_service:
            return queryset
        if self.is_empty:
            return queryset.none()
        return queryset.filter(self.employee_filter(f"{employee}__"))

    def includes(self, employee: Employee | int) -> bool:
        if self.whole_service:
            return True
        if self.is_empty:
            return False
        pk = employee.pk if isinstance(employee, Employee) else employee
        return self.employees(Employee.objects.filter(pk=pk)).exists()

    def require(self, employee: Employee | int) -> None:
        """404 for a person outside the scope: the same answer as for a person who does not exist."""
        if not self.includes(employee):
            raise Http404

    def describe(self) -> str:
        names = Department.objects.filter(pk__in=self.department_ids).values_list("name", flat=True)
        return describe(whole_service=self.whole_service, names=names if self.department_ids else ())


def describe(*, whole_service: bool, names) -> str:
    """A scope in words: "The whole civil service", its departments' names in order, or nobody."""
    if whole_service:
        return "The whole civil service"
    return ", ".join(sorted(names)) or "Nobody (no scope set)"


EVERYONE = Scope(whole_service=True)
NOBODY = Scope()


def scope_of(user) -> Scope:
    """The user's stored scope, whatever their role (administrators and officers alike)."""
    rows = list(HRScope.objects.filter(user_id=user.pk).values_list("whole_service", "departments"))  # one query
    if not rows:
        return NOBODY
    return Scope(whole_service=rows[0][0], department_ids=frozenset(pk for _, pk in rows if pk is not None))


def hr_scope(user) -> Scope:
    """Whose records this user reaches through HR's screens (remembered on the user object, one request)."""
    if not is_hr_officer(user):
        return NOBODY
    if is_administrator(user):
        return EVERYONE
    remembered = getattr(user, _SCOPE_CACHE, None)
    if remembered is None:
        remembered = scope_of(user)
        setattr(user, _SCOPE_CACHE, remembered)
    return remembered


def forget_scope(user) -> None:
    if hasattr(user, _SCOPE_CACHE):
        delattr(user, _SCOPE_CACHE)


@transaction.atomic
def set_scope(user, *, whole_service: bool, departments=(), changed_by) -> HRScopeChange | None:
    """Give the user this scope and record the change (None when nothing changed)."""
    before = scope_of(user)
    department_ids = frozenset() if whole_service else frozenset(d.pk if hasattr(d, "pk") else d for d in departments)
    after = Scope(whole_service=whole_service, department_ids=department_ids)
    if after == before:
        return None
    stored, _ = HRScope.objects.select_for_update().get_or_create(user=user)
    stored.whole_service = whole_service
    stored.save(update_fields=["whole_service"])
    stored.departments.set(department_ids)
    forget_scope(user)
    return HRScopeChange.objects.create(
        user=user, changed_by=changed_by, before=before.describe(), after=after.describe()
    )
