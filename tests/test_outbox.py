"""The transactional outbox: nothing is lost or doubled when the broker is down, and no request fails for it."""

from collections import Counter
from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from celery.app.task import Task
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from community import outbox
from community.notify import dispatch
from community.outbox.models import OutboxMessage
from tests import broker_outage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def broker_down():
    return mock.patch.object(Task, "apply_async", side_effect=OperationalError("Error 111 connecting to broker. Connection refused."))


def later(minutes=10):
    return timezone.now() + timedelta(minutes=minutes)


def test_a_broker_outage_fails_no_request_and_loses_or_doubles_no_notification(space_factory, people):
    with broker_down():
        statuses, expected = broker_outage.run(space_factory, people)
    assert all(200 <= status < 300 for status in statuses), statuses
    assert broker_outage.delivered() == []  # nothing reached a worker...
    pending = OutboxMessage.objects.filter(sent_at__isnull=True)
    assert pending.count() >= 8 and all(m.attempts == 1 and m.last_error for m in pending)  # ...but all is kept

    outbox.relay_pending(now=later())  # the broker is back: beat's relay sends the backlog
    outbox.relay_pending(now=later(20))  # and a second run finds nothing more to send
    delivered = broker_outage.delivered()
    assert Counter(delivered).most_common(1)[0][1] == 1, "a notification was doubled"
    assert set(delivered) == expected
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()


def test_with_the_broker_up_the_message_goes_right_after_commit(people, space_factory):
    statuses, expected = broker_outage.run(space_factory, people)
    assert set(broker_outage.delivered()) == expected
    assert not OutboxMessage.objects.filter(sent_at__isnull=True).exists()


def test_a_rolled_back_write_leaves_nothing_in_the_outbox():
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue("community.tasks.deliver_event", "post_published", {"post_id": 1})
        raise RuntimeError("the request failed later")
    assert not OutboxMessage.objects.exists()


def test_failed_sends_back_off_and_are_retried_until_the_broker_takes_them():
    with broker_down():
        pk = outbox.enqueue("community.tasks.deliver_event", "post_published", {"post_id": 0})
        first = OutboxMessage.objects.get(pk=pk)
        assert first.attempts == 1 and first.due_at > timezone.now()
        assert outbox.relay_pending().sent == 0  # not due yet: the back-off holds it
        outbox.relay_pending(now=first.due_at + timedelta(seconds=1))
        second = OutboxMessage.objects.get(pk=pk)
        assert second.attempts == 2 and (second.due_at - first.due_at) > timedelta(seconds=1)
    with mock.patch("community.tasks.deliver_event.apply_async") as send:
        assert outbox.relay_pending(now=later()).sent == 1
    send.assert_called_once_with(args=["post_published", {"post_id": 0}], kwargs={}, retry=True)
    assert OutboxMessage.objects.get(pk=pk).sent_at is not None


def test_a_message_another_relay_is_sending_is_not_sent_twice():
    with broker_down():
        pk = outbox.enqueue("community.tasks.deliver_event", "post_published", {"post_id": 0})
    due = OutboxMessage.objects.get(pk=pk).due_at
    sends = []

    def send_and_race(*args, **kwargs):
        sends.append(args)
        outbox.relay_pending(now=due + timedelta(seconds=1))  # a second relay starts while the first sends

    with mock.patch("community.tasks.deliver_event.apply_async", side_effect=send_and_race):
        outbox.relay_pending(now=due + timedelta(seconds=1))
    assert len(sends) == 1


def test_dispatch_writes_the_event_into_the_outbox_in_the_same_transaction(people, space_factory):
    with broker_down(), transaction.atomic():
        dispatch.update_published(mock.Mock(pk=42))
        assert OutboxMessage.objects.get().args == ["update_published", {"update_id": 42}]


def test_queue_health_reports_the_backlog_and_its_age(settings):
    settings.OUTBOX_MAX_AGE_SECONDS = 60
    with broker_down():
        outbox.enqueue("community.tasks.deliver_event", "post_published", {"post_id": 0})
    OutboxMessage.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    out = StringIO()
    with pytest.raises(SystemExit):
        call_command("queue_health", stdout=out)
    assert "Outbox: 1 not yet sent to the broker (1 after a failed attempt), oldest 300 s old" in out.getvalue()
    assert "stale" in out.getvalue()

    outbox.relay_pending(now=later())
    out = StringIO()
    call_command("queue_health", stdout=out)
    assert "Outbox: empty" in out.getvalue() and "Healthy." in out.getvalue()
