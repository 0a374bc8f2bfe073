"""Sessions are cached_db: a signed-in request reads its session from the cache, not the table."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.services.privacy import _end_sessions


def session_queries(client) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        client.get("/healthz")
    return [query["sql"] for query in context.captured_queries if "django_session" in query["sql"]]


def test_a_signed_in_request_does_not_query_the_session_table(client, member):
    client.force_login(member)
    client.get("/healthz")
    assert session_queries(client) == []


def test_ending_a_members_sessions_ends_the_cached_copy_too(client, member):
    client.force_login(member)
    client.get("/healthz")
    _end_sessions(member)
    response = client.get("/account/profile/")
    assert response.status_code == 302  # back to the log-in page
