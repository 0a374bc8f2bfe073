"""Tokens, the error format, protected fields, size limits, throttles, the schema."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from community.models import Post, Thread
from community.tiers import Tier
from moderation import services as moderation_services
from tests.api.conftest import error
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


class TestToken:
    def test_a_username_and_password_give_a_token_that_works(self, member):
        client = APIClient()
        response = client.post("/api/v1/auth/token/", {"username": member.username, "password": TEST_PASSWORD}, format="json")
        assert response.status_code == 200
        token = response.json()["token"]
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        assert client.get("/api/v1/me/").json()["username"] == member.username

    def test_a_wrong_password_is_a_clear_400(self, member):
        response = APIClient().post("/api/v1/auth/token/", {"username": member.username, "password": "nope"}, format="json")
        assert response.status_code == 400
        assert error(response)["code"] == "invalid_credentials"

    def test_a_suspended_member_gets_no_token_and_hears_why(self, member, moderator):
        moderation_services.sanction_impose(moderator=moderator, member=member, kind="suspension", reason="Threats", days=3)
        response = APIClient().post("/api/v1/auth/token/", {"username": member.username, "password": TEST_PASSWORD}, format="json")
        assert response.status_code == 403
        assert "suspended" in error(response)["message"] and "Threats" in error(response)["message"]

    def test_revoking_the_token_logs_out(self, api, member):
        client = api(member)
        assert client.post("/api/v1/auth/token/revoke/").status_code == 405
        assert client.delete("/api/v1/auth/token/revoke/").status_code == 200
        assert client.get("/api/v1/me/").status_code == 401


class TestErrors:
    def test_not_logged_in_is_401_in_the_error_format(self):
        response = APIClient().get("/api/v1/me/")
        assert response.status_code == 401
        assert error(response)["code"] == "not_authenticated"

    def test_unknown_addresses_are_404_in_the_error_format(self, api, member):
        response = api(member).get("/api/v1/no-such-thing/")
        assert response.status_code == 404
        assert error(response) == {"code": "not_found", "message": "Not found.", "fields": {}}

    def test_a_wrong_method_is_405(self, api, member):
        response = api(member).delete("/api/v1/spaces/")
        assert response.status_code == 405
        assert error(response)["code"] == "method_not_allowed"

    def test_bad_json_is_400(self, api, member, space_at):
        space = space_at(Tier.INTEGRATION)
        response = api(member).post(f"/api/v1/spaces/{space.pk}/threads/", "{not json", content_type="application/json")
        assert response.status_code == 400
        assert error(response)["code"] == "parse_error"

    def test_field_errors_name_the_fields(self, api, member, space_at):
        space = space_at(Tier.INTEGRATION)
        response = api(member).post(f"/api/v1/spaces/{space.pk}/threads/", {"title": "", "body": "x" * 6000}, format="json")
        assert response.status_code == 400
        fields = error(response)["fields"]
        assert set(fields) == {"title", "body"}
        assert not Thread.objects.exists()

    def test_service_rules_come_back_as_field_errors(self, api, member, space_at):
        space = space_at(Tier.INTEGRATION)
        response = api(member).post(f"/api/v1/spaces/{space.pk}/threads/", {"title": "Hey", "body": "Short title"}, format="json")
        assert response.status_code == 400
        assert error(response)["fields"] == {"title": ["The title needs at least 5 characters."]}

    @pytest.mark.parametrize("field", ["author", "status", "state", "role", "id", "space"])
    def test_protected_fields_cannot_be_set(self, api, member, counsellor, space_at, field):
        space = space_at(Tier.INTEGRATION)
        payload = {"title": "A real question", "body": "Is this allowed?", field: counsellor.pk}
        response = api(member).post(f"/api/v1/spaces/{space.pk}/threads/", payload, format="json")
        assert response.status_code == 400
        assert error(response)["fields"] == {field: ["This field cannot be set."]}
        assert not Thread.objects.exists()

    def test_roles_cannot_be_set_on_ones_own_profile(self, api, member):
        response = api(member).patch("/api/v1/me/", {"roles": ["counsellor"], "username": "boss"}, format="json")
        assert response.status_code == 400
        assert set(error(response)["fields"]) == {"roles", "username"}
        member.refresh_from_db()
        assert not member.is_counsellor and member.username != "boss"

    def test_an_oversized_body_is_413(self, api, member, space_at):
        space = space_at(Tier.INTEGRATION)
        response = api(member).post(
            f"/api/v1/spaces/{space.pk}/threads/", {"title": "Big", "body": "x" * 70000}, format="json"
        )
        assert response.status_code == 413
        assert error(response)["code"] == "too_large"

    def test_a_level_refusal_is_403_with_the_reason(self, api, member, space_at):
        space = space_at(Tier.APPLICATION)
        response = api(member).post(f"/api/v1/spaces/{space.pk}/threads/", {"title": "A question", "body": "Hello?"}, format="json")
        assert response.status_code == 403
        body = error(response)
        assert body["code"] == "feature_unavailable"
        assert "It opens at level 3 (Integration); this space is at level 2 (Application)." in body["message"]


class TestThrottles:
    def test_too_many_writes_get_429_with_retry_after(self, monkeypatch, api, member, space_at):
        from rest_framework.throttling import SimpleRateThrottle

        # The rates as production would have them, only smaller; restored after the test.
        monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"writes": "3/min", "login": "3/min"})
        cache.clear()
        try:
            space = space_at(Tier.INTEGRATION)
            client = api(member)
            statuses = [
                client.post(f"/api/v1/spaces/{space.pk}/threads/", {"title": f"Question {n}", "body": "Hi"}, format="json").status_code
                for n in range(4)
            ]
            assert statuses == [201, 201, 201, 429]
            response = client.post(f"/api/v1/spaces/{space.pk}/threads/", {"title": "Question 5", "body": "Hi"}, format="json")
            assert response.status_code == 429 and int(response["Retry-After"]) > 0
            assert error(response)["code"] == "throttled"
            assert client.get("/api/v1/spaces/").status_code == 200  # reads are not limited
            assert Thread.objects.count() == 3
            for _attempt in range(4):
                last = APIClient().post("/api/v1/auth/token/", {"username": member.username, "password": "guess"}, format="json")
            assert last.status_code == 429 and "Retry-After" in last
        finally:
            cache.clear()


class TestSchema:
    def test_the_schema_is_openapi_3_and_valid(self, client):
        response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
        assert response.status_code == 200
        schema = response.json()
        assert schema["openapi"].startswith("3.")
        from drf_spectacular.validation import validate_schema

        validate_schema(schema)
        for path in ("/api/v1/auth/token/", "/api/v1/spaces/{space_id}/threads/", "/api/v1/moderation/queue/{item_id}/decision/"):
            assert path in schema["paths"]

    def test_every_operation_documents_its_errors(self, client):
        schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
        for path, operations in schema["paths"].items():
            for method, operation in operations.items():
                assert {"400", "401", "403", "404", "429"} <= set(operation["responses"]), (method, path)

    def test_the_documentation_page(self, client):
        response = client.get("/api/v1/docs/")
        assert response.status_code == 200 and b"swagger" in response.content.lower()


def test_posting_through_the_api_uses_the_same_screening(api, member, space_at):
    space = space_at(Tier.INTEGRATION)
    response = api(member).post(
        f"/api/v1/spaces/{space.pk}/threads/", {"title": "Help please", "body": "Call me on 20 12 34 56"}, format="json"
    )
    assert response.status_code == 201 and response.json()["status"] == "pending"
    assert Post.objects.get().moderation_items.get().rules == ["personal_data"]
