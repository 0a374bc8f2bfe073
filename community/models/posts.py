"""Posts and what people do with them: reactions, endorsements, edit history."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .threads import ModerationState, Thread


class PostKind(models.TextChoices):
    QUESTION = "question", _("Question")
    UPDATE = "update", _("Update")  # stands for the update page, so reactions have a post to attach to
    ANSWER = "answer", pgettext_lazy("kind of post", "Answer")
    REPLY = "reply", pgettext_lazy("kind of post", "Reply")
    MESSAGE = "message", _("Message")


class AuthorRole(models.TextChoices):
    """The author's role when writing: a counsellor's answer stays badged as such."""

    MEMBER = "member", _("Member")
    PEER_GUIDE = "peer_guide", _("Peer guide")
    COUNSELLOR = "counsellor", _("Counsellor")


class HiddenReason(models.TextChoices):
    WITHDRAWN = "withdrawn", _("Withdrawn by its author")
    MODERATOR = "moderator", _("Hidden by a moderator")
    FLAGGED = "flagged", _("Hidden after flags, until a moderator has looked at it")


class Post(models.Model):
    """One contribution to a thread. Never deleted: withdrawn or moderated posts are hidden."""

    thread = models.ForeignKey(Thread, on_delete=models.PROTECT, related_name="posts")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replies", verbose_name=_("reply to")
    )
    kind = models.CharField(max_length=10, choices=PostKind.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="posts")
    author_role = models.CharField(max_length=12, choices=AuthorRole.choices, default=AuthorRole.MEMBER)
    # Shown as "Anonymous member" to peers: the anonymous asker's posts in their own thread.
    is_anonymous = models.BooleanField(default=False)
    body = models.TextField(_("text"), blank=True)  # what the author wrote, for editing
    body_html = models.TextField(blank=True)  # the screened, sanitised rendering
    state = models.CharField(max_length=12, choices=ModerationState.choices, default=ModerationState.PUBLISHED)
    state_reason = models.TextField(blank=True)  # shown to the author
    hidden_reason = models.CharField(max_length=12, choices=HiddenReason.choices, blank=True)
    # A moderator rejected it for good: its author may not edit it back into review.
    rejection_final = models.BooleanField(default=False)
    helped_asker = models.BooleanField(default=False)  # the asker marked this answer as helpful
    # The asker's mark was given to a text the author has since changed (kept: it is the asker's word).
    helped_earlier_version = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    # Search: the text reduced to its word forms, written only by community.search_index
    # (PostgreSQL uses the vector, SQLite the stems).
    search_vector = SearchVectorField(null=True, editable=False)
    search_stems = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["thread", "kind", "state"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} in {self.thread_id}"

    @property
    def by_counsellor(self) -> bool:
        return self.author_role == AuthorRole.COUNSELLOR


class PostRevision(models.Model):
    """An earlier text of an edited post: all of them for counsellors, the once-published ones for readers."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="revisions")
    body = models.TextField()
    body_html = models.TextField()
    written_at = models.DateTimeField()  # when this text was first written or last edited
    replaced_at = models.DateTimeField(auto_now_add=True)
    # What vouched for this text when it was replaced: the endorsements the edit dropped
    # ([{"by": user id, "name", "role", "note"}]) and whether the asker had marked it helpful.
    endorsements = models.JSONField(default=list, blank=True)
    helped_asker = models.BooleanField(default=False)
    # Only texts that were once public are shown in the history to readers other than counsellors:
    # a held text (say, with a phone number the author then edited out) never is.
    was_published = models.BooleanField(default=False)

    class Meta:
        ordering = ["-replaced_at", "-pk"]

    def __str__(self) -> str:
        return f"Revision #{self.pk} of post {self.post_id}"


class ReactionKind(models.TextChoices):
    HELPFUL = "helpful", _("Helpful")
    ME_TOO = "me_too", _("Me too")


class Reaction(models.Model):
    """Support without words: "helpful", or "me too" for recognising oneself in a question."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions")
    kind = models.CharField(max_length=10, choices=ReactionKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user", "kind"], name="community_reaction_once")]

    def __str__(self) -> str:
        return f"{self.kind} on post {self.post_id}"


class Endorsement(models.Model):
    """A counsellor (or, at level 4, a peer guide) vouching for a member's answer."""

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="endorsements")
    endorsed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="endorsements")
    endorser_role = models.CharField(max_length=12, choices=AuthorRole.choices)
    note = models.CharField(_("note"), max_length=280, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["post", "endorsed_by"], name="community_endorse_once")]

    def __str__(self) -> str:
        return f"Endorsement of post {self.post_id} by user {self.endorsed_by_id}"
