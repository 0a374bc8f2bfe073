"""Per-site settings that counsellors and admins manage in the Wagtail admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from community.tiers import Tier


@register_setting(icon="cog")
class CommunitySettings(BaseSiteSetting):
    """Defaults for every community space on a site."""

    default_tier = models.PositiveSmallIntegerField(
        _("default level"),
        choices=Tier.choices,
        default=Tier.EMERGENCE,
        help_text=_(
            "The level of a space that does not set its own. Start small and open "
            "more features as the guidance service grows."
        ),
    )

    panels = [FieldPanel("default_tier")]

    class Meta:
        verbose_name = _("community settings")
