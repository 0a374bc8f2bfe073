"""Transactional outbox: side effects that must not be lost.

Services call :func:`enqueue` inside their transaction; the task is stored with
the change, so a rollback sends nothing and a committed change always sends it,
even if the broker is down at that moment. Right after commit the relay tries
once (low latency); a beat task (``outbox.tasks.relay_outbox``) retries with
back-off until the broker takes the message. Tasks must be idempotent: a
message can be sent twice if the process dies between sending and marking it.
"""

from .relay import enqueue, outbox_stats, relay_pending

__all__ = ["enqueue", "outbox_stats", "relay_pending"]
