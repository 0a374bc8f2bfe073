"""Notifications (django-notifications-community's model, extended) and members' preferences."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from notifications.base.models import AbstractNotification

from community.notify.messages import render


class EventKind(models.TextChoices):
    """What a notification is about. Members choose per kind whether it also comes by e-mail."""

    ANSWER_ON_MY_QUESTION = "answer_on_my_question", _("Someone answered my question")
    REPLY_TO_MY_ANSWER = "reply_to_my_answer", _("Someone replied to my answer")
    POST_IN_FOLLOWED_THREAD = "post_in_followed_thread", _("New posts in threads I follow")
    QUESTION_IN_FOLLOWED_SPACE = "question_in_followed_space", _("New questions in spaces I watch closely")
    UPDATE_PUBLISHED = "update_published", _("New updates in spaces I follow")
    CONVERSATION_REPLY = "conversation_reply", _("A counsellor answered my private message")
    ENDORSED = "endorsed", _("My answer was endorsed")
    MARKED_HELPFUL = "marked_helpful", _("My answer helped the person who asked")
    ENDORSED_ANSWER_EDITED = "endorsed_answer_edited", _("An answer I endorsed was changed")
    SUMMARY_UPDATED = "summary_updated", _("The co-constructed answer to my question changed")
    MODERATION_DECISION = "moderation_decision", _("A decision on one of my posts")
    SANCTION = "sanction", _("A sanction on my account")
    COUNSELLOR_REACHED_OUT = "counsellor_reached_out", _("A counsellor wrote to me privately")
    PRIVATE_TALK_OFFERED = "private_talk_offered", _("A counsellor offered to continue privately")
    REFERRED = "referred", _("A counsellor suggested another service")
    DATA_EXPORT_READY = "data_export_ready", _("My data export is ready")
    # For counsellors
    CONVERSATION_NEW = "conversation_new", _("A new or reopened private conversation")
    CONVERSATION_MESSAGE = "conversation_message", _("A member wrote in a conversation I handle")
    CONVERSATION_HANDED_TO_ME = "conversation_handed_to_me", _("A conversation was handed to me")
    URGENT_ITEM = "urgent_item", _("An urgent item in the moderation queue")
    ESCALATED_TO_ME = "escalated_to_me", _("A colleague escalated a queue item to me")
    PRIVATE_TALK_ANSWERED = "private_talk_answered", _("A member answered my offer to continue privately")


COUNSELLOR_KINDS = frozenset(
    {
        EventKind.CONVERSATION_NEW,
        EventKind.CONVERSATION_MESSAGE,
        EventKind.CONVERSATION_HANDED_TO_ME,
        EventKind.URGENT_ITEM,
        EventKind.ESCALATED_TO_ME,
        EventKind.PRIVATE_TALK_ANSWERED,
    }
)


class Notification(AbstractNotification):
    """One notification for one person about one event.

    ``event_key`` names the event (e.g. "post:41"); a person gets at most one
    notification per event, which the database enforces, so a task delivered
    twice notifies once. ``url`` is where it leads; ``description`` is written
    in the recipient's language and never names what they may not see.
    ``data["text"]`` holds the same sentence as a message key and parameters, so ``text`` writes it
    in whatever language the reader reads now (community/notify/messages.py).
    """

    kind = models.CharField(max_length=40, choices=EventKind.choices, db_index=True)
    event_key = models.CharField(max_length=120)
    url = models.CharField(max_length=500, blank=True)

    @property
    def text(self) -> str:
        """What the notification says, in the active language (the stored description for old rows)."""
        return render(self.data, self.description, getattr(self, "page_titles", None))

    class Meta(AbstractNotification.Meta):
        abstract = False
        constraints = [models.UniqueConstraint(fields=["recipient", "event_key"], name="community_notification_once")]
        indexes = [
            models.Index(fields=["recipient", "unread"], name="community_notif_unread_idx"),
            models.Index(fields=["recipient", "-timestamp"], name="community_notif_recent_idx"),
            models.Index(fields=["recipient", "emailed", "timestamp"], name="community_notif_digest_idx"),
        ]


class Digest(models.TextChoices):
    OFF = "off", _("No digest")
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class NotificationSettings(models.Model):
    """How a person wants to hear about things: which kinds also by e-mail, and a digest."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings")
    # Kinds that also come by e-mail at once, as ",kind,kind," so every database can filter on it.
    email_kinds = models.CharField(max_length=600, blank=True, default="")
    digest = models.CharField(_("e-mail digest"), max_length=8, choices=Digest.choices, default=Digest.OFF)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Notification settings of user {self.user_id}"

    def emails(self, kind: str) -> bool:
        return f",{kind}," in self.email_kinds
