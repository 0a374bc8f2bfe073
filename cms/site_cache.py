"""The Wagtail site serving a request, from the shared cache.

Wagtail finds the site by host and port with a query on every request (the header's site name,
page routing, site settings). The answer only changes when a site is saved or deleted, which
starts a new site generation (cms/page_cache_receivers.py): the site is kept under it.

Health checks and the API are left to Wagtail's own lookup, when they need one at all: the health
checks must answer without the database (and name it when it is down), and the API's schema is
read without one.
"""

from django.http.request import split_domain_port
from wagtail.models import Site

from cms.page_cache import site_cached

# Paths that serve no Wagtail page: nothing is looked up for them here.
SITELESS_PREFIXES = ("/healthz", "/readyz", "/api/", "/static/")


class CachedSiteMiddleware:
    """Sets ``request._wagtail_site`` (where ``Site.find_for_request`` keeps its answer) from the cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not hasattr(request, "_wagtail_site") and not request.path_info.startswith(SITELESS_PREFIXES):
            hostname = split_domain_port(request._get_raw_host())[0]
            port = request.get_port()
            request._wagtail_site = site_cached(f"site-for:{hostname}:{port}", lambda: Site._find_for_request(request))
        return self.get_response(request)
