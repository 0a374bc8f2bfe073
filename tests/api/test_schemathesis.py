"""Schemathesis against the API's own schema, in-process: every operation, for a member and a counsellor.

Zero server errors, and every answer matches the schema (status, content type, body).
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from knox.models import AuthToken
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from community import services
from community.tiers import Tier
from tests.factories import UpdatePageFactory
from tests.helpers import answer, ask, converse

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def keep_the_test_connection():
    """Requests go straight to the WSGI app; like Django's test client, keep the test's connection open."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(db, keep_the_test_connection, people, space_at):
    """Something to find: spaces at each level, a thread with answers, an update, a conversation."""
    spaces = [space_at(tier) for tier in (Tier.EMERGENCE, Tier.APPLICATION, Tier.INTEGRATION, Tier.TRANSFORMATION)]
    thread = ask(spaces[3], people["member_a"])
    answer(thread, people["member_b"])
    services.update_thread_open(update_page=UpdatePageFactory(parent=spaces[2], owner=people["counsellor"]))
    converse(spaces[1], people["member_a"])
    return {
        role: AuthToken.objects.create(user=people[person])[1]
        for role, person in (("member", "member_a"), ("counsellor", "moderator"))
    }


@schema.parametrize()
@hypothesis_settings(
    max_examples=int(__import__("os").environ.get("SCHEMATHESIS_EXAMPLES", "12")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_every_operation_for_a_member_and_a_counsellor(case, tokens):
    for token in tokens.values():
        case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)
