from django.conf import settings
from django.urls import get_script_prefix
from django.utils.translation import get_language_info
from wagtail.models import Site


def site_chrome(request):
    """What the base layout needs on every page: the site's name, the languages and the home page's
    address (``/``, or ``/da/`` on a page read at a language's address: cms.language_urls)."""
    site = Site.find_for_request(request)
    return {
        "home_url": get_script_prefix(),
        "site_name": (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME,
        "available_languages": [
            {"code": code, "name_local": get_language_info(code)["name_local"]}
            for code, _name in settings.LANGUAGES
        ],
    }
