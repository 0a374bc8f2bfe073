"""Reads in moderation (the queue and the audit log arrive with the moderation issue)."""

from community.models import ModerationState, Post


def held_posts_count() -> int:
    """Posts waiting for a moderator, for the counsellors' header."""
    return Post.objects.filter(state=ModerationState.PENDING).count()
