from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    """Screening, the moderation queue, decisions, sanctions and the audit log."""

    name = "moderation"
    verbose_name = _("Moderation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Moderation sits above the community; the community reaches it only through this hook.
        from community import safeguarding

        from .personal_data import register as register_personal_data
        from .safeguard import ModerationSafeguard

        safeguarding.register(ModerationSafeguard())
        # A member's flags, sanctions and audit rows belong in their export and erasure.
        register_personal_data()
