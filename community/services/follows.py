"""Following spaces and threads, and remembering what a person has read."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from community import policy
from community.models import Follow, ThreadVisit


@transaction.atomic
def follow_set(*, user, space=None, thread=None, following: bool) -> bool:
    """Follow or stop following a space or a thread. Idempotent; returns the new state."""
    policy.require_can_follow(user, space=space, thread=thread)
    target = {"space": space} if thread is None else {"thread": thread}
    existing = Follow.objects.filter(user=user, **target)
    if not following:
        existing.delete()
        return False
    if not existing.exists():
        try:
            with transaction.atomic():
                Follow.objects.create(user=user, **target)
        except IntegrityError:
            pass  # a second click got there first; the follow exists either way
    return True


def thread_visit_record(*, user, thread) -> None:
    """Mark the thread as read up to now for this person."""
    ThreadVisit.objects.update_or_create(user=user, thread=thread, defaults={"last_read_at": timezone.now()})
