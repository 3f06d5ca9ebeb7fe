from django.db import migrations, models


def create_the_row(apps, schema_editor):
    apps.get_model("content", "ContentGeneration").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    """The content generation: one row, so that several web processes without Redis agree on the site and privacy."""

    dependencies = [("content", "0003_page_url_path_index")]

    operations = [
        migrations.CreateModel(
            name="ContentGeneration",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("value", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "content generation"},
        ),
        migrations.RunPython(create_the_row, migrations.RunPython.noop),
    ]
