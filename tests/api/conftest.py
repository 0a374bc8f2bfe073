import pytest
from knox.models import AuthToken
from rest_framework.test import APIClient


@pytest.fixture
def api():
    """An API client with a real token for the user (None: anonymous)."""

    def client_for(user=None):
        client = APIClient()
        if user is not None:
            _instance, token = AuthToken.objects.create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        return client

    return client_for


def error(response) -> dict:
    """The one error format: {"error": {"code", "message", "fields"}}."""
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "fields"}, body
    return body["error"]
