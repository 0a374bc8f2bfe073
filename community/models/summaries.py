"""The co-constructed answer: one summary per thread, edited together, every revision kept."""

from django.conf import settings
from django.db import models

from .posts import AuthorRole, Post
from .threads import ModerationState, Thread


class SummaryAnswer(models.Model):
    """What a later reader sees first: the thread's best answer, written together.

    ``current`` is the latest published revision; every revision is kept.
    """

    thread = models.OneToOneField(Thread, on_delete=models.PROTECT, related_name="summary")
    current = models.OneToOneField(
        "SummaryRevision", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Summary answer of thread {self.thread_id}"


class SummaryRevision(models.Model):
    summary = models.ForeignKey(SummaryAnswer, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    body = models.TextField()
    body_html = models.TextField()
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="summary_revisions")
    editor_role = models.CharField(max_length=12, choices=AuthorRole.choices)
    change_note = models.CharField(max_length=200, blank=True)
    # A peer guide's revision in a pre-moderated space waits for review before it becomes current.
    state = models.CharField(max_length=12, choices=ModerationState.choices, default=ModerationState.PUBLISHED)
    # Answers the editor drew on; their authors are credited as contributors.
    cited_posts = models.ManyToManyField(Post, blank=True, related_name="cited_in_summaries")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["summary", "number"], name="community_summary_revision_number")]

    def __str__(self) -> str:
        return f"Summary revision {self.number} of summary {self.summary_id} ({self.state})"
