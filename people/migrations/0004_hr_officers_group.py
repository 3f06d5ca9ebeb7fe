"""The "HR officers" group: keeps the people records in the Wagtail admin.

HR officers may reach the Wagtail admin, add and change employees and
departments, and look at grades and professions. They delete nothing: a leaver
is marked inactive with an end date, and grades and professions are changed by
administrators only.
"""

from django.db import migrations

GROUP = "HR officers"
PERMISSIONS = {
    "employee": ["add", "change", "view"],
    "department": ["add", "change", "view"],
    "grade": ["view"],
    "profession": ["view"],
}


def create_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    group, _created = Group.objects.get_or_create(name=GROUP)
    # Django creates model permissions after all migrations have run, so make
    # sure the ones this group needs exist now (get_or_create: no duplicates later).
    permissions = []
    for model, actions in PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="people", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            permissions.append(permission)
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    permissions.append(access_admin)
    group.permissions.add(*permissions)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_seed_grades_and_professions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
