# The `api` client fixture lives in tests/conftest.py: tests outside this folder use it too.


def error(response) -> dict:
    """The one error format: {"error": {"code", "message", "fields"}}."""
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "fields"}, body
    return body["error"]
