"""The moderation queue: items to review, members' flags, and decisions."""

from django.conf import settings
from django.db import connections, models, transaction
from django.utils.translation import gettext_lazy as _


class Rule(models.TextChoices):
    """Why an item is in the queue: the screening rules and members' reports, as moderators read them."""

    CRISIS = "crisis", _("Crisis signal")
    WORRIED_FLAG = "worried_flag", _("Worried about this person")
    PERSONAL_DATA = "personal_data", _("Personal data")
    MEMBER_FLAG = "member_flag", _("Reported by a member")
    FLAG_THRESHOLD = "flag_threshold", _("Hidden after reports")
    WATCHED_WORD_APPROVAL = "watched_word_approval", _("Watched word: held for approval")
    WATCHED_WORD_FLAG = "watched_word_flag", _("Watched word: published, for review")
    WATCHED_WORD_CENSOR = "watched_word_censor", _("Watched word: replaced")
    NEW_MEMBER_LINK = "new_member_link", _("Link from a new member")
    FIRST_POSTS = "first_posts", _("A new member's first post")
    SPACE_PREMODERATION = "space_premoderation", _("Space pre-moderates every post")
    EDITED_AFTER_REJECTION = "edited_after_rejection", _("Edited after rejection")
    EDITED_WHILE_HELD = "edited_while_held", _("Edited while waiting for review")
    EDITED_AFTER_HIDING = "edited_after_hiding", _("Edited after being hidden by reports")
    EDITED_LATE = "edited_late", _("Answer edited after the edit window")


class FlagReason(models.TextChoices):
    INAPPROPRIATE = "inappropriate", _("Inappropriate")
    PERSONAL_DATA = "personal_data", _("Shares personal data")
    BULLYING = "bullying", _("Bullying or harassment")
    SPAM = "spam", _("Spam or advertising")
    WORRIED = "worried", _("I'm worried about this person")


class RejectionReason(models.TextChoices):
    """Why a post was not published. The explanation is what the author reads."""

    PERSONAL_DATA = "personal_data", _("Personal data")
    HARMFUL = "harmful", _("Hurtful or harmful")
    OFF_TOPIC = "off_topic", _("Off topic")
    SPAM = "spam", _("Spam or advertising")
    MISINFORMATION = "misinformation", _("Misleading information")
    SAFETY = "safety", _("For your safety")

    @property
    def kind(self) -> str:
        return REJECTION_KINDS[self]

    @property
    def explanation(self) -> str:
        return str(REJECTION_EXPLANATIONS[self])


# Kinds group the reasons for moderators' statistics: content, privacy or safety.
REJECTION_KINDS = {
    RejectionReason.PERSONAL_DATA: "privacy",
    RejectionReason.HARMFUL: "content",
    RejectionReason.OFF_TOPIC: "content",
    RejectionReason.SPAM: "content",
    RejectionReason.MISINFORMATION: "content",
    RejectionReason.SAFETY: "safety",
}
REJECTION_EXPLANATIONS = {
    RejectionReason.PERSONAL_DATA: _(
        "Your post shares personal data, such as a phone number, an e-mail address or an ID number. "
        "To protect you, we don't publish that. You can edit it out and send the post again."
    ),
    RejectionReason.HARMFUL: _(
        "Your post could hurt or upset others. Everyone here should feel safe to ask. You can rephrase it "
        "and send it again."
    ),
    RejectionReason.OFF_TOPIC: _("Your post doesn't fit this space. Try a space that matches your question."),
    RejectionReason.SPAM: _("Your post looks like advertising or spam, which isn't allowed here."),
    RejectionReason.MISINFORMATION: _(
        "Your post contains information that could mislead others. A counsellor may write to you about it."
    ),
    RejectionReason.SAFETY: _(
        "We didn't publish your post, to keep you safe. A counsellor will get in touch with you."
    ),
}


class UrgentOutcome(models.TextChoices):
    """What a counsellor did about an urgent item before closing it: recorded on the item and in the audit log."""

    REACHED_OUT = "reached_out", _("Reached out to the member")
    REFERRED = "referred", _("Referred to another service")
    NO_RISK = "no_risk", _("No risk found")
    ALREADY_IN_CONTACT = "already_in_contact", _("Already in contact with the member")


class ItemStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Resolved")


class ModerationItemQuerySet(models.QuerySet):
    """Queue items; ``in_written_join_order()`` for the queue's pages."""

    _written_join_order = False

    def in_written_join_order(self):
        """Read in the order the joins are written (PostgreSQL).

        A queue page reads each item with its post, thread, author, parent, summary revision,
        people and space: about 14 tables joined on their keys. PostgreSQL's planner searched every
        order of those joins on each request (20 ms of planning at a million posts, for 1-2 ms of
        execution); the written order (the item first, then each key lookup) is the plan it picks
        anyway. Kept through filtering and slicing, so the admin's page and the API's read alike.
        """
        clone = self._chain()
        clone._written_join_order = True
        return clone

    def _clone(self):
        clone = super()._clone()
        clone._written_join_order = self._written_join_order
        return clone

    def _fetch_all(self):
        if self._result_cache is not None or not self._written_join_order or connections[self.db].vendor != "postgresql":
            return super()._fetch_all()
        # SET LOCAL ends with the transaction, and a failed read rolls the savepoint back with it;
        # after a good read it is undone at once for an outer transaction's later queries.
        with transaction.atomic(using=self.db), connections[self.db].cursor() as cursor:
            cursor.execute("SET LOCAL join_collapse_limit = 1")
            super()._fetch_all()
            cursor.execute("SET LOCAL join_collapse_limit TO DEFAULT")


class ModerationItem(models.Model):
    """Something for a counsellor to look at: a held or flagged post, or a held summary revision.

    ``hits`` records every rule that fired (and every flag), so the moderator
    sees why. The urgent lane (crisis signals, "worried about this person")
    comes first; within a lane, the oldest first.
    """

    post = models.ForeignKey("community.Post", on_delete=models.PROTECT, null=True, blank=True, related_name="moderation_items")
    summary_revision = models.ForeignKey(
        "community.SummaryRevision", on_delete=models.PROTECT, null=True, blank=True, related_name="moderation_items"
    )
    # A member's proposed update, reviewed in the Wagtail workflow: screened like a post.
    update_page = models.ForeignKey(
        "cms.UpdatePage", on_delete=models.SET_NULL, null=True, blank=True, related_name="moderation_items"
    )
    # Texts with no post of their own (a note, a report's note, a display name, a proposal):
    # who wrote it and what it said, so nothing a moderator must see is lost.
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(blank=True)
    surface = models.CharField(max_length=20, blank=True)  # community.safeguarding.Surface
    space = models.ForeignKey("cms.CommunitySpacePage", on_delete=models.PROTECT, related_name="+")
    urgent = models.BooleanField(default=False, db_index=True)
    hits = models.JSONField(default=list)  # [{"rule": ..., "message": ..., "detail": ...}]
    # The rules in ``hits`` as ",crisis,first_posts,": filterable on every database.
    rule_codes = models.CharField(max_length=300, blank=True, db_index=True)
    status = models.CharField(max_length=10, choices=ItemStatus.choices, default=ItemStatus.OPEN, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # Who is looking at it now, so two moderators don't decide the same item at once.
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    handled_since = models.DateTimeField(null=True, blank=True)
    escalated_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    resolved_at = models.DateTimeField(null=True, blank=True)
    # An edit after a decision comes back as a new item, linked to what was decided before.
    previous_decision = models.ForeignKey(
        "moderation.Decision", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Urgent items close only with an outcome (see ``UrgentOutcome``).
    outcome = models.CharField(_("outcome"), max_length=20, choices=UrgentOutcome.choices, blank=True)
    outcome_referred_to = models.CharField(_("referred to"), max_length=200, blank=True)
    # Arrived while no counsellor was staffed: the member was told when they are back.
    out_of_hours = models.BooleanField(_("arrived out of hours"), default=False)
    # Each re-alert level goes out once: on-duty counsellors first, then the moderators.
    realerted_counsellors_at = models.DateTimeField(null=True, blank=True)
    realerted_moderators_at = models.DateTimeField(null=True, blank=True)

    objects = ModerationItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("moderation item")
        indexes = [
            models.Index(fields=["status", "-urgent", "created_at"]),
            # The open queue's own order: only open items, so it stays small as decisions pile up.
            models.Index(
                fields=["-urgent", "created_at", "id"], condition=models.Q(status=ItemStatus.OPEN), name="moderation_open_queue"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(post__isnull=False)
                | models.Q(summary_revision__isnull=False)
                | models.Q(update_page__isnull=False)
                | models.Q(member__isnull=False)
                | ~models.Q(surface=""),
                name="moderation_item_has_subject",
            ),
            # One open item per post: new rules and flags add to it.
            models.UniqueConstraint(
                fields=["post"], condition=models.Q(status=ItemStatus.OPEN, post__isnull=False), name="moderation_one_open_item_per_post"
            ),
        ]

    def __str__(self) -> str:
        return f"Queue item #{self.pk} ({self.status}{', urgent' if self.urgent else ''})"

    def save(self, *args, **kwargs):
        codes = self.rules + [f"reason:{reason}" for reason in self.flag_reasons]
        self.rule_codes = "," + ",".join(codes) + "," if codes else ""
        if kwargs.get("update_fields") is not None and "hits" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "rule_codes"}
        super().save(*args, **kwargs)

    @property
    def needs_outcome(self) -> bool:
        """Urgent items (crisis signals, worried flags) close only with an outcome."""
        return self.urgent

    @property
    def personal_data(self) -> bool:
        return "personal_data" in self.rules

    @property
    def rules(self) -> list[str]:
        return sorted({hit.get("rule", "") for hit in self.hits})

    @property
    def flag_reasons(self) -> list[str]:
        return sorted({hit["reason"] for hit in self.hits if hit.get("reason")})


class Flag(models.Model):
    """A member's report of a post, with a reason."""

    post = models.ForeignKey("community.Post", on_delete=models.PROTECT, related_name="flags")
    flagged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="flags")
    reason = models.CharField(_("reason"), max_length=16, choices=FlagReason.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "flagged_by"], name="moderation_flag_once")]

    def __str__(self) -> str:
        return f"Flag #{self.pk} on post {self.post_id} ({self.reason})"


class DecisionAction(models.TextChoices):
    APPROVE = "approve", _("Approved")
    REJECT = "reject", _("Rejected")
    EDIT_APPROVE = "edit_approve", _("Edited and approved")
    ESCALATE = "escalate", _("Escalated")


class Decision(models.Model):
    """What a moderator decided on an item. Escalation leaves the item open."""

    item = models.ForeignKey(ModerationItem, on_delete=models.PROTECT, related_name="decisions")
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=16, choices=DecisionAction.choices)
    reason = models.CharField(max_length=20, choices=RejectionReason.choices, blank=True)
    note = models.TextField(blank=True)
    escalated_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # A final rejection cannot be edited back: the author may not rewrite the post for review again.
    final = models.BooleanField(_("final"), default=False)
    text_before = models.TextField(blank=True)  # for "edit and approve": the author sees what changed
    text_after = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Decision #{self.pk} on item {self.item_id}: {self.action}"
