"""The Navigator seed: a register of services to refer members to, and the referrals made from conversations."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .conversations import Conversation


class ServiceLanguage(models.TextChoices):
    ANY = "", _("Any language")
    EN = "en", _("English")
    SV = "sv", _("Swedish")
    DA = "da", _("Danish")
    FI = "fi", _("Finnish")
    NB = "nb", _("Norwegian bokmål")


@register_snippet
class ReferralService(index.Indexed, models.Model):
    """Another service a counsellor can refer a member to (school nurse, youth psychiatry, a help line...).

    Moderators keep the register in the admin; counsellors pick from it in a conversation.
    """

    name = models.CharField(_("name"), max_length=150)
    helps_with = models.TextField(_("what it helps with"))
    contact = models.CharField(_("contact"), max_length=300, help_text=_("Phone, web address or how to get there."))
    hours = models.CharField(_("hours"), max_length=200, blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True, help_text=_("Leave empty for a national service."))
    language = models.CharField(_("language"), max_length=5, choices=ServiceLanguage.choices, blank=True)
    is_active = models.BooleanField(_("offered to counsellors"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("helps_with"),
        FieldPanel("contact"),
        FieldPanel("hours"),
        FieldPanel("region"),
        FieldPanel("language"),
        FieldPanel("is_active"),
    ]
    search_fields = [index.SearchField("name", boost=2), index.SearchField("helps_with"), index.FilterField("region")]

    class Meta:
        verbose_name = _("referral service")
        verbose_name_plural = _("referral services")
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["name", "region"], name="community_referral_service_once")]

    def __str__(self) -> str:
        return f"{self.name} ({self.region})" if self.region else self.name


class Referral(models.Model):
    """A counsellor referred the member of a conversation to a service, with a reminder to follow up."""

    conversation = models.ForeignKey(Conversation, on_delete=models.PROTECT, related_name="referrals")
    service = models.ForeignKey(ReferralService, on_delete=models.PROTECT, related_name="referrals")
    counsellor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="referrals_made")
    note = models.TextField(_("note to the member"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    follow_up_at = models.DateTimeField(db_index=True)
    followed_up_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["counsellor", "followed_up_at", "follow_up_at"])]

    def __str__(self) -> str:
        return f"Referral #{self.pk} in conversation {self.conversation_id}"
