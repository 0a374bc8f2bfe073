"""The conversation core: a thread of posts, in one of three guidance modes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Mode(models.TextChoices):
    """eVejledning's three modes; they differ only in who may start, see and reply."""

    CONVERSATION = "conversation", _("Private conversation")
    WALL = "wall", _("Wall question")
    UPDATE = "update", _("Update discussion")


class ModerationState(models.TextChoices):
    PUBLISHED = "published", _("Published")
    PENDING = "pending", _("Waiting for review")
    HIDDEN = "hidden", _("Hidden")
    REJECTED = "rejected", _("Rejected")


class Thread(models.Model):
    """A question on a space's wall, a private conversation, or the discussion under an update.

    ``state`` mirrors the opening post's moderation state (kept in step by the
    services), so feeds can filter threads without joining their posts.
    """

    space = models.ForeignKey(
        "cms.CommunitySpacePage", on_delete=models.PROTECT, related_name="threads", verbose_name=_("space")
    )
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices)
    title = models.CharField(_("title"), max_length=150)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="threads",
        null=True,
        blank=True,
        verbose_name=_("started by"),
    )
    is_anonymous = models.BooleanField(
        _("name hidden from other members"),
        default=False,
        help_text=_("Other members see “Anonymous member”; counsellors still see who asked."),
    )
    update_page = models.OneToOneField(
        "cms.UpdatePage", on_delete=models.SET_NULL, null=True, blank=True, related_name="discussion"
    )
    state = models.CharField(max_length=12, choices=ModerationState.choices, default=ModerationState.PUBLISHED)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    last_activity_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # The wall's counters over published posts, kept in step by ``community.counters`` in the
    # transaction of every write that changes them: the wall never counts posts.
    answer_count = models.PositiveIntegerField(default=0)
    helpful_count = models.PositiveIntegerField(default=0)  # "helpful" reactions plus the asker's helped marks
    has_counsellor_answer = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        # One per wall filter, in its order. State is left out on purpose: a member also sees their
        # own held questions (state is "published" OR author is them), and an OR on a column inside
        # the index would make PostgreSQL sort the whole space; after the order, it is a cheap filter
        # (nearly every thread is published). The partial ones hold only what their filter lists.
        indexes = [
            models.Index(fields=["space", "mode", "state", "-last_activity_at"]),
            models.Index(fields=["space", "mode", "-created_at", "-id"], name="thread_wall_newest"),
            models.Index(
                fields=["space", "mode", "-created_at", "-id"],
                condition=models.Q(answer_count=0),
                name="thread_wall_unanswered",
            ),
            models.Index(
                fields=["space", "mode", "-last_activity_at", "-id"],
                condition=models.Q(has_counsellor_answer=True),
                name="thread_wall_counsellor",
            ),
            models.Index(
                fields=["space", "mode", "-helpful_count", "-last_activity_at", "-id"],
                name="thread_wall_helpful",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        if self.mode == Mode.CONVERSATION:
            return reverse("conversation_detail", args=[self.pk])
        if self.mode == Mode.UPDATE and self.update_page_id:
            return self.update_page.url + "#discussion"
        return reverse("thread_detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.mode != Mode.CONVERSATION and self.state == ModerationState.PUBLISHED


class FollowLevel(models.TextChoices):
    """How closely someone follows: a thread's every post, the usual, or nothing at all."""

    WATCHING = "watching", _("Watching")
    NORMAL = "normal", _("Normal")
    MUTED = "muted", _("Muted")


class Follow(models.Model):
    """A member following a space or a thread (the asker follows their own thread).

    For a space, "watching" also brings every new question; "normal" brings updates.
    """

    level = models.CharField(_("level"), max_length=10, choices=FollowLevel.choices, default=FollowLevel.NORMAL)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    space = models.ForeignKey("cms.CommunitySpacePage", on_delete=models.CASCADE, null=True, blank=True, related_name="follows")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, null=True, blank=True, related_name="follows")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(space__isnull=True, thread__isnull=False)
                | models.Q(space__isnull=False, thread__isnull=True),
                name="community_follow_space_xor_thread",
            ),
            models.UniqueConstraint(fields=["user", "space"], condition=models.Q(space__isnull=False), name="community_follow_space_once"),
            models.UniqueConstraint(fields=["user", "thread"], condition=models.Q(thread__isnull=False), name="community_follow_thread_once"),
        ]

    def __str__(self) -> str:
        return f"Follow #{self.pk}: user {self.user_id}, {self.level}"


class ThreadVisit(models.Model):
    """When a person last read a thread: the basis of unread marks in the inboxes."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_visits")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="visits")
    last_read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="community_visit_once")]

    def __str__(self) -> str:
        return f"Visit: user {self.user_id}, thread {self.thread_id}"
