"""Writing to the outbox and relaying it to Celery."""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

log = logging.getLogger(__name__)

# While one relay sends a message, no other relay takes it (the claim below).
LEASE = timedelta(seconds=60)
MAX_BACKOFF_SECONDS = 300


def _task_name(task) -> str:
    return task if isinstance(task, str) else task.name


def enqueue(task, *args, **kwargs) -> int:
    """Store a Celery task (a task or its name) to send once the surrounding transaction commits.

    Arguments must be JSON-serialisable (ids, not objects). Returns the outbox row's id.
    """
    from .models import OutboxMessage

    now = timezone.now()  # the same clock as the relay's, frozen or not
    message = OutboxMessage.objects.create(task=_task_name(task), args=list(args), kwargs=kwargs, created_at=now, due_at=now)
    transaction.on_commit(lambda: relay_pending(ids=[message.pk], retry=False))
    return message.pk


def backoff(attempts: int) -> timedelta:
    """2, 4, 8 ... seconds, at most five minutes."""
    return timedelta(seconds=min(2 ** max(attempts, 1), MAX_BACKOFF_SECONDS))


def _task(name: str):
    if name not in current_app.tasks:
        # Outside a worker the apps' task modules load on first use (Celery's autodiscovery).
        current_app.loader.import_default_modules()
    return current_app.tasks[name]


@dataclass
class RelayResult:
    sent: int = 0
    failed: int = 0


def relay_pending(*, ids=None, limit: int = 500, now: datetime | None = None, retry: bool = True) -> RelayResult:
    """Send due messages to the broker (only ``ids`` if given); stops at the first broker failure.

    ``retry=False`` makes one quick attempt (right after a request's commit);
    the beat relay uses Celery's publish retry policy.
    """
    from .models import OutboxMessage

    now = now or timezone.now()
    result = RelayResult()
    pending = OutboxMessage.objects.filter(sent_at__isnull=True, due_at__lte=now)
    if ids is not None:
        pending = pending.filter(pk__in=ids)
    for message in pending.order_by("due_at", "pk")[:limit]:
        # Claim: only the relay whose update matched sends it; a concurrent one skips it.
        claimed = OutboxMessage.objects.filter(pk=message.pk, sent_at__isnull=True, due_at__lte=now).update(
            due_at=timezone.now() + LEASE
        )
        if not claimed:
            continue
        try:
            task = _task(message.task)
            task.apply_async(args=message.args, kwargs=message.kwargs, retry=retry)
        except Exception as error:  # noqa: BLE001 - whatever went wrong, the message stays owed
            result.failed += 1
            attempts = message.attempts + 1
            OutboxMessage.objects.filter(pk=message.pk).update(
                attempts=attempts, due_at=timezone.now() + backoff(attempts), last_error=repr(error)[:500]
            )
            log.warning("Outbox message %s (%s) not sent, attempt %s: %r", message.pk, message.task, attempts, error)
            if isinstance(error, BrokerError | ConnectionError | OSError):
                break  # the broker is down: the rest would fail the same way
            continue
        OutboxMessage.objects.filter(pk=message.pk).update(sent_at=timezone.now(), attempts=message.attempts + 1)
        result.sent += 1
    return result


def prune_sent(*, older_than: timedelta | None = None) -> int:
    """Forget messages the broker took long ago."""
    from .models import OutboxMessage

    older_than = older_than or timedelta(days=getattr(settings, "OUTBOX_KEEP_SENT_DAYS", 7))
    deleted, _ = OutboxMessage.objects.filter(sent_at__lt=timezone.now() - older_than).delete()
    return deleted


@dataclass
class OutboxStats:
    pending: int
    oldest_age_seconds: float | None
    failing: int


def outbox_stats() -> OutboxStats:
    """How much is still owed to the broker and since when."""
    from .models import OutboxMessage

    pending = OutboxMessage.objects.filter(sent_at__isnull=True)
    figures = pending.aggregate(oldest=Min("created_at"))
    oldest = figures["oldest"]
    return OutboxStats(
        pending=pending.count(),
        oldest_age_seconds=(timezone.now() - oldest).total_seconds() if oldest else None,
        failing=pending.filter(attempts__gt=0).count(),
    )
