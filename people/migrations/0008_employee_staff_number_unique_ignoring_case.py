import django.db.models.functions.text
from django.db import migrations, models
from django.db.models import Count
from django.db.models.functions import Upper


def refuse_case_only_duplicates(apps, schema_editor):
    """Stop, naming them, if two people's staff numbers differ only in capitals: which record is the person is
    for HR to decide (merge or renumber them), not for a migration to guess."""
    Employee = apps.get_model("people", "Employee")
    clashes = list(
        Employee.objects.annotate(folded=Upper("staff_number"))
        .values("folded")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("folded", flat=True)[:20]
    )
    if clashes:
        spellings = Employee.objects.annotate(folded=Upper("staff_number")).filter(folded__in=clashes)
        named = ", ".join(sorted(spellings.values_list("staff_number", flat=True)))
        raise RuntimeError(
            "Staff numbers must be unique whatever their capitals, but some people's differ only in capitals "
            f"({named}). Merge or renumber them, then run migrate again."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0007_employee_import_reassignment"),
    ]

    operations = [
        migrations.RunPython(refuse_case_only_duplicates, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="employee",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Upper("staff_number"), name="employee_staff_number_unique_ci"
            ),
        ),
    ]
