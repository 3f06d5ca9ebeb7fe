"""Background tasks of the people app, run by whichever django_tasks backend is configured."""

from __future__ import annotations

from django_tasks import task

from people.import_runs import apply_import, check_import, reassign_training
from people.models import EmployeeImport


@task()
def check_employee_import(import_id: int) -> str:
    """Dry-run one uploaded HR file and record what it would change."""
    employee_import = EmployeeImport.objects.filter(pk=import_id, status=EmployeeImport.Status.CHECKING).first()
    if employee_import is None:
        return "gone"
    return check_import(employee_import).status


@task()
def apply_employee_import(import_id: int) -> str:
    """Apply one HR import that holds the lock; does nothing if it no longer does."""
    employee_import = EmployeeImport.objects.filter(pk=import_id).first()
    if employee_import is None:
        return "gone"
    return apply_import(employee_import).status


@task()
def reassign_employee_import(import_id: int, attempt: int = 1) -> str:
    """Re-assign compulsory training for the people an applied HR import changed; retried if it fails."""
    return reassign_training(import_id=import_id, attempt=attempt)
