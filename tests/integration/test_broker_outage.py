"""The broker goes away while members post, answer, write privately and moderators decide.

The web side's Celery points at a closed port and the worker is stopped; every request must still
succeed. Then the broker and a worker come back, the relay runs (as beat runs it), and the
notifications are counted: exactly the expected set, none lost, none doubled.
"""

import os
import time
from collections import Counter

import pytest

from community import outbox
from community.outbox.models import OutboxMessage
from tests import broker_outage
from tests.integration import worker
from tests.integration.test_celery_worker import _database_url, wait_for

pytestmark = [
    pytest.mark.skipif(not os.environ.get("COCAREER_WORKER_TESTS"), reason="needs the Celery worker that .ci/run starts"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CLOSED_PORT = "redis://127.0.0.1:1/0"


def point_celery_at(app, url: str) -> None:
    """Publish to ``url`` from now on (drop the pooled connections to the old one)."""
    app.conf.broker_url = url
    app.conf.broker_write_url = url
    app._pool = None  # kombu keeps each URL's pool; the old one stays usable for a switch back
    app.amqp._producer_pool = None


@pytest.fixture
def celery_app():
    from cms.celery import app

    worker.wait_until_ready(timeout=60)
    real = app.conf.broker_url
    app.conf.task_always_eager = False
    yield app
    point_celery_at(app, real)
    app.conf.task_always_eager = True
    worker.start(_database_url()) if not worker.PIDFILE.exists() else None


def test_requests_during_a_broker_outage_succeed_and_every_notification_arrives_once(celery_app, space_factory, people):
    real = celery_app.conf.broker_url
    t0 = time.monotonic()
    worker.stop()
    point_celery_at(celery_app, CLOSED_PORT)

    print(f"\nworker stopped, Celery at a closed port ({time.monotonic() - t0:.1f} s)")
    started = time.monotonic()
    statuses, expected = broker_outage.run(space_factory, people)
    took = time.monotonic() - started
    assert all(200 <= status < 300 for status in statuses), statuses
    backlog = outbox.outbox_stats()
    assert backlog.pending >= 8 and backlog.failing == backlog.pending
    assert broker_outage.delivered() == []

    print(f"requests done in {took:.1f} s")
    point_celery_at(celery_app, real)
    worker.start(_database_url())
    worker.wait_until_ready(timeout=60)
    # What beat's relay does every few seconds; the back-off has not yet run out, so look ahead.
    outbox.relay_pending(now=OutboxMessage.objects.latest("due_at").due_at)
    wait_for(lambda: len(broker_outage.delivered()) >= len(expected), timeout=60, interval=0.5)
    time.sleep(2)  # anything doubled would show up now
    delivered = broker_outage.delivered()
    doubled = sum(n - 1 for n in Counter(delivered).values())
    lost = expected - set(delivered)
    print(
        f"\nbroker outage: {len(statuses)} requests in {took:.1f} s, all 2xx; {backlog.pending} outbox messages kept; "
        f"notifications expected {len(expected)}, delivered {len(set(delivered))}, lost {len(lost)}, doubled {doubled}"
    )
    assert not lost and not doubled
    assert set(delivered) == expected
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()
