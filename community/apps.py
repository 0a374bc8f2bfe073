from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class CommunityConfig(AppConfig):
    """The domain: members and roles, tiers, and (soon) threads and posts."""

    default = True
    name = "community"
    verbose_name = _("Community")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        post_migrate.connect(_ensure_role_groups, sender=self)


def _ensure_role_groups(sender, using="default", **kwargs):
    from community.services import role_groups_ensure

    if using == "default":
        role_groups_ensure()


class CommunityUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with our display name and language on its forms."""

    user_viewset = "community.admin_views.UserViewSet"
