from django.db import migrations


class Migration(migrations.Migration):
    """Index pages by URL path: HomePage.route finds any page by its path in one lookup."""

    dependencies = [("content", "0002_create_homepage"), ("wagtailcore", "0098_apitoken")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS content_page_url_path ON wagtailcore_page (url_path)",
            "DROP INDEX IF EXISTS content_page_url_path",
        )
    ]
