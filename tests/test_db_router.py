"""Read replicas: reads go to the replica, except where a client must read its own writes."""

import json

import pytest
from django.db import connections
from django.http import HttpResponse
from django.test import RequestFactory

from cms import db_router
from cms.db_router import PIN_COOKIE, PrimaryReplicaRouter, ReadYourWritesMiddleware
from tests.test_settings import run_python

router = PrimaryReplicaRouter()


@pytest.fixture
def with_replica(monkeypatch):
    monkeypatch.setattr(db_router, "replica_configured", lambda: True)


def where_the_view_reads(request):
    """Run a request through the middleware; the view answers with the alias a read would use."""
    middleware = ReadYourWritesMiddleware(lambda request: HttpResponse(router.db_for_read(None)))
    response = middleware(request)
    return response.content.decode(), response


def test_without_a_replica_everything_reads_the_primary_and_no_cookie_is_set():
    alias, response = where_the_view_reads(RequestFactory().post("/threads/1/answer/"))
    assert alias == "default"
    assert PIN_COOKIE not in response.cookies


def test_a_plain_read_goes_to_the_replica(with_replica):
    alias, response = where_the_view_reads(RequestFactory().get("/wall/"))
    assert alias == "replica"
    assert PIN_COOKIE not in response.cookies


def test_reads_inside_a_transaction_see_its_writes_on_the_primary(with_replica, monkeypatch):
    assert router.db_for_read(None) == "replica"
    # As inside transaction.atomic() on the primary (no database needed to show the routing).
    monkeypatch.setattr(connections["default"], "in_atomic_block", True)
    assert router.db_for_read(None) == "default"


def test_a_writing_request_reads_the_primary_and_pins_the_client_for_a_while(with_replica, settings):
    settings.REPLICA_PIN_SECONDS = 7
    alias, response = where_the_view_reads(RequestFactory().post("/threads/1/answer/"))
    assert alias == "default"
    assert response.cookies[PIN_COOKIE]["max-age"] == 7

    # The next page the same client opens reads its own answer from the primary...
    follow_up = RequestFactory().get("/threads/1/")
    follow_up.COOKIES[PIN_COOKIE] = "1"
    assert where_the_view_reads(follow_up)[0] == "default"
    # ...while anyone else (and the same client once the pin has expired) reads the replica.
    assert where_the_view_reads(RequestFactory().get("/threads/1/"))[0] == "replica"


def test_the_pin_ends_with_the_request(with_replica):
    where_the_view_reads(RequestFactory().post("/x/"))
    assert router.db_for_read(None) == "replica"


def test_writes_and_migrations_go_to_the_primary_only(with_replica):
    assert router.db_for_write(None) == "default"
    assert router.allow_migrate("default", "community") is True
    assert router.allow_migrate("replica", "community") is False


def test_the_replica_and_router_are_configured_from_the_environment(tmp_path):
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps({'aliases': sorted(settings.DATABASES), 'routers': settings.DATABASE_ROUTERS, "
        "'replica_host': settings.DATABASES.get('replica', {}).get('HOST', ''), "
        "'mirror': settings.DATABASES.get('replica', {}).get('TEST', {}).get('MIRROR')}))"
    )
    plain = run_python(code, DATA_DIR=str(tmp_path))
    assert plain.returncode == 0, plain.stderr
    assert json.loads(plain.stdout.strip().splitlines()[-1]) == {"aliases": ["default"], "routers": [], "replica_host": "", "mirror": None}

    replicated = run_python(
        code,
        DATABASE_URL="postgres://app@primary.internal:5432/cocareer",
        DATABASE_REPLICA_URL="postgres://app@replica.internal:5432/cocareer",
    )
    assert replicated.returncode == 0, replicated.stderr
    seen = json.loads(replicated.stdout.strip().splitlines()[-1])
    assert seen == {
        "aliases": ["default", "replica"],
        "routers": ["cms.db_router.PrimaryReplicaRouter"],
        "replica_host": "replica.internal",
        "mirror": "default",
    }
