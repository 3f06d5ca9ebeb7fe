"""The course catalogue page, the editor and reviewer groups, and the "Subject expert review" workflow.

Editors may add and change courses and modules but not publish them; reviewers
may publish. The workflow on the catalogue means an editor's change goes live
only after a reviewer approves it.
"""

from django.db import migrations

EDITORS = "Course editors"
REVIEWERS = "Course reviewers"
WORKFLOW = "Subject expert review"
INTRODUCTION = (
    "<p>Courses on open data, information management, social media and technology policy, "
    "written by subject experts across government. Search, or filter by topic, level and duration.</p>"
)


def permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _ = Permission.objects.get_or_create(content_type=content_type, codename=codename, defaults={"name": name})
    return perm


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    CataloguePage = apps.get_model("courses.CataloguePage")

    # The catalogue, under the home page.
    home = Page.objects.filter(depth=2).order_by("path").first()
    catalogue = CataloguePage.objects.first()
    if catalogue is None and home is not None:
        content_type, _ = ContentType.objects.get_or_create(app_label="courses", model="cataloguepage")
        last_child = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).order_by("-path").first()
        next_number = int(last_child.path[-4:], 36) + 1 if last_child else 1
        path = home.path + _encode(next_number)
        catalogue = CataloguePage.objects.create(
            title="Courses",
            draft_title="Courses",
            slug="courses",
            content_type=content_type,
            path=path,
            depth=home.depth + 1,
            numchild=0,
            url_path=home.url_path + "courses/",
            locale_id=home.locale_id,
            introduction=INTRODUCTION,
        )
        Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)

    access_admin = permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
    page_perms = {
        codename: permission(apps, "wagtailcore", "page", codename, f"Can {codename.replace('_', ' ')}")
        for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
    }
    collection_perms = [
        permission(apps, "wagtailimages", "image", codename, f"Can {codename.replace('_', ' ')}")
        for codename in ("add_image", "change_image", "choose_image")
    ] + [
        permission(apps, "wagtaildocs", "document", codename, f"Can {codename.replace('_', ' ')}")
        for codename in ("add_document", "change_document", "choose_document")
    ]
    topic_perms = [
        permission(apps, "courses", "topic", codename, f"Can {codename.replace('_', ' ')} topic")
        for codename in ("add_topic", "change_topic", "view_topic")
    ]

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS)
    root_collection = Collection.objects.filter(depth=1).first()
    for group, codenames in (
        (editors, ("add_page", "change_page", "lock_page", "unlock_page")),
        (reviewers, ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")),
    ):
        group.permissions.add(access_admin, *topic_perms)
        if catalogue is not None:
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group, page_id=catalogue.pk, permission=page_perms[codename]
                )
        if root_collection is not None:
            for perm in collection_perms:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=perm
                )

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task, _ = GroupApprovalTask.objects.get_or_create(
        name="Subject expert approval", defaults={"content_type": task_type, "active": True}
    )
    task.groups.add(reviewers)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if catalogue is not None:
        WorkflowPage.objects.update_or_create(page_id=catalogue.pk, defaults={"workflow": workflow})


def _encode(number: int) -> str:
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    digits = ""
    while number:
        number, remainder = divmod(number, 36)
        digits = alphabet[remainder] + digits
    return digits.rjust(4, "0")


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("content", "0002_create_homepage"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
