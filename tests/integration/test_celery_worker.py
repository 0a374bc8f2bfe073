"""Fan-out through a real Celery worker on Redis, and nothing lost or doubled when the worker dies.

Runs in CI's second run (PostgreSQL), where ``.ci/run`` starts the worker on the test database and
sets COCAREER_WORKER_TESTS=1; skipped elsewhere. Under CI an unreachable worker is a failure.
"""

import os
import signal
import time

import pytest
from django.db import connection
from django.db.models import Count

from community.display_names import skeleton
from community.models import Follow, Notification, User
from community.tiers import Tier
from tests.factories import UpdatePageFactory, UserFactory
from tests.integration import worker

pytestmark = [
    pytest.mark.skipif(not os.environ.get("COCAREER_WORKER_TESTS"), reason="needs the Celery worker that .ci/run starts"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def through_the_broker():
    """Send tasks to Redis instead of running them in the test process."""
    from cms.celery import app

    worker.wait_until_ready(timeout=60)
    app.conf.task_always_eager = False
    yield app
    app.conf.task_always_eager = True


def followers_of(space, count: int) -> list[int]:
    users = [
        User(
            username=f"follower{n}",
            display_name=f"Follower {n}",
            display_name_key=skeleton(f"Follower {n}") + f"x{n}",
            email=f"follower{n}@example.org",
            password="!",
        )
        for n in range(count)
    ]
    User.objects.bulk_create(users, batch_size=2000)
    ids = list(User.objects.filter(username__startswith="follower").values_list("pk", flat=True))
    Follow.objects.bulk_create([Follow(user_id=pk, space=space) for pk in ids], batch_size=2000)
    return ids


def wait_for(condition, timeout: float, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    return condition()


def publish_update(space):
    counsellor = UserFactory(display_name="Counsellor On Duty")
    update = UpdatePageFactory(parent=space, owner=counsellor, live=False, title="Applications open")
    update.save_revision(user=counsellor).publish()
    return f"update:{update.pk}"


def delivered(event_key: str) -> int:
    return Notification.objects.filter(event_key=event_key).count()


def test_an_update_reaches_2000_followers_through_the_worker(through_the_broker, space_factory):
    space = space_factory(tier=Tier.INTEGRATION)
    ids = followers_of(space, 2000)
    event_key = publish_update(space)
    wait_for(lambda: delivered(event_key) >= 2000, timeout=120)
    time.sleep(1)  # anything extra would show up now
    assert delivered(event_key) == 2000
    assert set(Notification.objects.filter(event_key=event_key).values_list("recipient_id", flat=True)) == set(ids)


def test_a_worker_killed_mid_fan_out_loses_and_doubles_nothing(through_the_broker, space_factory):
    total = 30000
    space = space_factory(tier=Tier.INTEGRATION)
    ids = followers_of(space, total)
    event_key = publish_update(space)

    assert wait_for(lambda: delivered(event_key) > 0, timeout=60, interval=0.05), "the fan-out never started"
    worker.stop(sig=signal.SIGKILL)  # the whole worker, in the middle of the fan-out
    partial = delivered(event_key)
    assert 0 < partial < total, f"the fan-out was not interrupted ({partial} of {total})"

    worker.start(_database_url())
    worker.wait_until_ready(timeout=60)
    # The unacknowledged message comes back after the (short, in CI) visibility timeout.
    wait_for(lambda: delivered(event_key) >= total, timeout=180, interval=0.5)
    time.sleep(1)
    assert delivered(event_key) == total
    doubled = (
        Notification.objects.filter(event_key=event_key).values("recipient_id").annotate(n=Count("pk")).filter(n__gt=1)
    )
    assert not doubled.exists()
    assert set(Notification.objects.filter(event_key=event_key).values_list("recipient_id", flat=True)) == set(ids)


def _database_url() -> str:
    settings = connection.settings_dict
    return f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
