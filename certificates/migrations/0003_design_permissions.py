"""Course editors and reviewers may change the certificate design (a snippet with revisions)."""

from django.db import migrations

GROUPS = ("Course editors", "Course reviewers")
CODENAMES = ("add_certificatedesign", "change_certificatedesign", "view_certificatedesign")


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="certificates", model="certificatedesign")
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": f"Can {codename.split('_')[0]} certificate design"},
        )[0]
        for codename in CODENAMES
    ]
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def backwards(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    permissions = Permission.objects.filter(content_type__app_label="certificates", codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0002_bulk_reissue"),
        ("courses", "0002_catalogue_and_review_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
