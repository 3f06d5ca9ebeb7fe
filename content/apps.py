from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = "Site content"

    def ready(self):
        import config.checks  # noqa: F401 - registers the deployment checks
        from content import sites
        from content.spreadsheets import protect_wagtail_exports

        sites.connect()
        protect_wagtail_exports()
