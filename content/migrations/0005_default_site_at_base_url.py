"""The default site answers at BASE_URL (it was created as localhost:80), so links in emails work."""

from django.db import migrations

from content.site_address import point_default_site_at_base_url


def forwards(apps, schema_editor):
    point_default_site_at_base_url(site_model=apps.get_model("wagtailcore", "Site"))


class Migration(migrations.Migration):
    dependencies = [("content", "0004_content_generation"), ("wagtailcore", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
