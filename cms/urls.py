from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api.errors import api_not_found
from cms import health, views

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", views.search, name="search"),
    path("api/v1/", include("api.urls")),
    re_path(r"^api/", api_not_found),  # the rest of /api/ answers in the API's own format
    path("", include("community.urls")),
    path("", include("moderation.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving catches everything else, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]


def handler404(request, exception=None):
    """The API answers unknown addresses in its own error format; the site with its page."""
    from django.views.defaults import page_not_found

    if request.path.startswith("/api/"):
        from api.errors import json_not_found

        return json_not_found(request, exception)
    return page_not_found(request, exception)


handler500 = "cms.errors.server_error"
