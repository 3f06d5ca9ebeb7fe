"""The catalogue's address for the service navigation, cached because every page shows it."""

from django.core.cache import cache

CATALOGUE_URL_KEY = "govlearn:catalogue-url"


def catalogue_url(request) -> str:
    url = cache.get(CATALOGUE_URL_KEY)
    if url is None:
        from courses.models import CataloguePage

        catalogue = CataloguePage.objects.live().only("url_path", "path").first()
        url = catalogue.get_url(request=request) if catalogue else ""
        cache.set(CATALOGUE_URL_KEY, url, 3600)
    return url


def forget_catalogue_url(**kwargs) -> None:
    """Connected in CoursesConfig.ready to publishing, unpublishing and moving pages."""
    cache.delete(CATALOGUE_URL_KEY)
