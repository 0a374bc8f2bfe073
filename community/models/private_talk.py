"""Moving a public wall question into a private talk, with the member's consent."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .conversations import Conversation
from .posts import Post


class OfferStatus(models.TextChoices):
    OFFERED = "offered", _("Waiting for the member")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class PublicPostOutcome(models.TextChoices):
    """What the counsellor decides for the public post once the talk is private. Moderation hides, never deletes."""

    UNDECIDED = "", _("Not decided yet")
    STAYS = "stays", _("The post stays as it is")
    HIDDEN = "hidden", _("The post is hidden")
    ANONYMISED = "anonymised", _("The post is shown as “Anonymous member”")


class PrivateTalkOffer(models.Model):
    """A counsellor's "let's continue privately" on a wall post; the member accepts or declines."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="private_talk_offers")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="private_talk_offers")
    counsellor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    message = models.TextField(_("message to the member"))
    status = models.CharField(max_length=10, choices=OfferStatus.choices, default=OfferStatus.OFFERED)
    conversation = models.OneToOneField(
        Conversation, on_delete=models.PROTECT, null=True, blank=True, related_name="private_talk_offer"
    )
    public_post = models.CharField(max_length=12, choices=PublicPostOutcome.choices, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["post"], condition=models.Q(status="offered"), name="community_one_open_offer_per_post"
            )
        ]

    def __str__(self) -> str:
        return f"Private talk offer #{self.pk} ({self.status})"
