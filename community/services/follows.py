"""Following spaces and threads, and remembering what a person has read."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community import policy
from community.models import Follow, FollowLevel, ThreadVisit


@transaction.atomic
def follow_set(*, user, space=None, thread=None, following: bool, level: str | None = None) -> bool:
    """Follow (at a level: watching, normal, muted) or stop following a space or a thread.

    Idempotent; returns whether the user now follows it.
    """
    policy.require_can_follow(user, space=space, thread=thread)
    if level is not None and level not in FollowLevel.values:
        raise ValidationError({"level": _("Choose watching, normal or muted.")}, code="invalid")
    target = {"space": space} if thread is None else {"thread": thread}
    existing = Follow.objects.filter(user=user, **target)
    if not following:
        existing.delete()
        return False
    if not existing.exists():
        try:
            with transaction.atomic():
                Follow.objects.create(user=user, level=level or FollowLevel.NORMAL, **target)
        except IntegrityError:
            pass  # a second click got there first; the follow exists either way
    if level is not None:
        existing.update(level=level)
    return True


def thread_visit_record(*, user, thread) -> None:
    """Mark the thread as read up to now for this person."""
    ThreadVisit.objects.update_or_create(user=user, thread=thread, defaults={"last_read_at": timezone.now()})
