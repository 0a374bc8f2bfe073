"""/healthz and /readyz for a load balancer."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db.utils import OperationalError
from django.utils import timezone

from community.outbox.models import OutboxMessage


def test_healthz_answers_without_touching_the_database(client):
    # No django_db mark: pytest-django makes any database access here an error.
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_is_200_when_everything_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "broker": "ok", "outbox": "ok"}


@pytest.mark.django_db
def test_readyz_is_503_naming_the_database_when_it_is_down(client):
    with mock.patch("cms.health.connection.cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"].startswith("failed")
    assert response.json()["checks"]["cache"] == "ok"


@pytest.mark.django_db
def test_readyz_is_503_when_the_outbox_has_been_stuck_too_long(client, settings):
    settings.OUTBOX_MAX_AGE_SECONDS = 60
    OutboxMessage.objects.create(task="community.tasks.deliver_event", created_at=timezone.now() - timedelta(minutes=5))
    response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["checks"]["outbox"].startswith("failed")


@pytest.mark.django_db
def test_readyz_is_503_when_the_broker_is_unreachable(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with mock.patch("cms.health.current_app.connection_for_write", side_effect=ConnectionRefusedError("closed")):
        response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["checks"]["broker"] == "failed: ConnectionRefusedError"
