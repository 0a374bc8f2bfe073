"""Private conversations: one young person and the counsellor team."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .threads import Thread


class Stage(models.TextChoices):
    """The Danish 4K model of a guidance conversation."""

    KONTAKT = "kontakt", _("Kontakt: making contact")
    KONTRAKT = "kontrakt", _("Kontrakt: agreeing the goal")
    KOMMUNIKATION = "kommunikation", _("Kommunikation: working on the question together")
    KONKLUSION = "konklusion", _("Konklusion: summing up and agreeing how to get back in touch")


class ConversationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CONCLUDED = "concluded", _("Concluded")


class Conversation(models.Model):
    """The counsellor team's case file for a private thread; shares the thread's id."""

    thread = models.OneToOneField(Thread, on_delete=models.PROTECT, primary_key=True, related_name="conversation")
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_conversations",
        verbose_name=_("counsellor"),
    )
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices, default=Stage.KONTAKT)
    status = models.CharField(_("status"), max_length=10, choices=ConversationStatus.choices, default=ConversationStatus.OPEN)
    member_last_message_at = models.DateTimeField(null=True, blank=True)
    counsellor_last_message_at = models.DateTimeField(null=True, blank=True)
    concluded_at = models.DateTimeField(null=True, blank=True)
    # A counsellor reached out first (safety before levels): such a conversation is open whatever the space's level.
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("opened by")
    )
    about_post = models.ForeignKey(
        "community.Post", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("about the post")
    )
    # Set while a message in it has an open urgent moderation item (crisis signal, "worried" flag); sorts it first.
    urgent_since = models.DateTimeField(null=True, blank=True, db_index=True)
    # When it was last handed over: the new counsellor finds it in "Mine" even if the member has not written since.
    handed_over_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["status", "assigned_to"]),
            # The team inbox's orders: concluded newest first; open ones by who has waited longest.
            models.Index(fields=["status", "-concluded_at"], name="conversation_concluded"),
            models.Index(
                fields=["member_last_message_at"],
                condition=models.Q(status=ConversationStatus.OPEN, assigned_to__isnull=True),
                name="conversation_open_unassigned",
            ),
            # The open tabs' page in its own order (urgent first, then whoever has waited longest;
            # PostgreSQL's ascending order puts NULLs last, as the tabs do): read 25 rows in order
            # rather than sort every open conversation (54 ms at 4,000 unassigned ones).
            models.Index(
                fields=["urgent_since", "member_last_message_at", "thread"],
                condition=models.Q(status=ConversationStatus.OPEN, assigned_to__isnull=True),
                name="conversation_unassigned_queue",
            ),
            models.Index(
                fields=["assigned_to", "urgent_since", "member_last_message_at", "thread"],
                condition=models.Q(status=ConversationStatus.OPEN),
                name="conversation_assigned_queue",
            ),
        ]

    def __str__(self) -> str:
        return f"Conversation #{self.pk} ({self.status}, {self.stage})"

    @property
    def urgent(self) -> bool:
        return self.urgent_since is not None

    @property
    def reached_out(self) -> bool:
        return self.opened_by_id is not None

    @property
    def waiting_for_member(self) -> bool:
        return bool(
            self.counsellor_last_message_at
            and (self.member_last_message_at is None or self.counsellor_last_message_at > self.member_last_message_at)
        )


class ConversationNote(models.Model):
    """An internal note on a conversation. The member never sees these."""

    conversation = models.ForeignKey(Conversation, on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Note #{self.pk} in conversation {self.conversation_id}"


class ConversationEventKind(models.TextChoices):
    CLAIMED = "claimed", _("claimed the conversation")
    HANDED_OVER = "handed_over", _("handed the conversation over")
    STAGE = "stage", _("changed the stage")
    CONCLUDED = "concluded", _("concluded the conversation")
    REOPENED = "reopened", _("reopened the conversation")
    REACHED_OUT = "reached_out", _("reached out to the member")
    REFERRED = "referred", _("referred the member to another service")
    PUBLIC_POST = "public_post", _("decided about the public post")


class ConversationEvent(models.Model):
    """The counsellors' timeline of a conversation: who did what, and why."""

    SENTENCES = {
        ConversationEventKind.CLAIMED: _("%(actor)s claimed the conversation."),
        ConversationEventKind.HANDED_OVER: _("%(actor)s handed the conversation over to %(to)s."),
        ConversationEventKind.STAGE: _("%(actor)s moved the conversation to the stage %(stage)s."),
        ConversationEventKind.CONCLUDED: _("%(actor)s concluded the conversation."),
        ConversationEventKind.REOPENED: _("%(actor)s reopened the conversation."),
        ConversationEventKind.REACHED_OUT: _("%(actor)s reached out to the member."),
        ConversationEventKind.REFERRED: _("%(actor)s referred the member to another service."),
        ConversationEventKind.PUBLIC_POST: _("%(actor)s decided what happens to the public post."),
    }

    conversation = models.ForeignKey(Conversation, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=12, choices=ConversationEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    to_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    stage = models.CharField(max_length=16, choices=Stage.choices, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} in conversation {self.conversation_id}"

    def describe(self) -> str:
        """The event as one sentence, so each language can order its words."""
        return str(self.SENTENCES[self.kind]) % {
            "actor": self.actor.display_name,
            "to": self.to_user.display_name if self.to_user else "",
            "stage": self.get_stage_display() if self.stage else "",
        }


class HeldMessage(models.Model):
    """Why a message in a conversation is held, as counsellors read it ("Held: crisis signal (suicide)").

    Moderation records it when it queues the message (community never reads the
    moderation queue); the member keeps seeing their own "Waiting for review".
    """

    post = models.OneToOneField("community.Post", on_delete=models.CASCADE, primary_key=True, related_name="held_message")
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="held_messages")
    label = models.CharField(max_length=300)
    urgent = models.BooleanField(default=False)
    recorded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Held message: post {self.post_id} in conversation {self.conversation_id}"
