from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """The Wagtail project: settings, URLs, the Celery app and the page types."""

    name = "cms"
    verbose_name = _("Pages")
    default_auto_field = "django.db.models.BigAutoField"
