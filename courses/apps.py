from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Courses"

    def ready(self):
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from courses.navigation import forget_catalogue_url

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(forget_catalogue_url, dispatch_uid=f"courses-catalogue-url-{id(signal)}")
