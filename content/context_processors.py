from django.conf import settings
from django.utils.functional import SimpleLazyObject

from content.navigation import navigation_for


def site(request):
    """Service name, phase and the navigation this person may use."""
    return {
        "service": {
            "name": settings.SERVICE_NAME,
            "phase": settings.PHASE,
            "feedback_email": settings.FEEDBACK_EMAIL,
            "open_data_threshold": settings.OPEN_DATA_THRESHOLD,
            "navigation": SimpleLazyObject(lambda: navigation_for(request)),
        }
    }


def static_site() -> dict:
    """The same, for pages rendered without a request (the 500 page)."""
    return {
        "service": {
            "name": settings.SERVICE_NAME,
            "phase": settings.PHASE,
            "feedback_email": settings.FEEDBACK_EMAIL,
            "navigation": [],
        }
    }
