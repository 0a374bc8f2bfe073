from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """The Wagtail project: settings, URLs, the Celery app and the page types."""

    name = "cms"
    verbose_name = _("Pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Before any URLconf (ours, or the admin's from wagtail_hooks) is built.
        from django.urls import register_converter

        from cms.converters import IdConverter

        register_converter(IdConverter, "id")

        from cms import page_cache_receivers

        page_cache_receivers.connect()
