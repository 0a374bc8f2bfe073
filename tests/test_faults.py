"""Database faults and hostile input: a 503 with Retry-After for an outage, JSON errors for the API, never a stack trace."""

from unittest import mock

import pytest
from django.db.utils import OperationalError
from django.test import Client
from rest_framework.test import APIClient

from api.parsers import json_depth_exceeds
from community.tiers import Tier
from moderation.models import Sanction

pytestmark = pytest.mark.django_db

REFUSED = OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


def api_client(user=None) -> APIClient:
    client = APIClient(raise_request_exception=False)
    if user is not None:
        client.force_authenticate(user)
    return client


def assert_api_error(response, status: int, code: str):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code and body["error"]["message"]
    assert "Traceback" not in response.content.decode()


class TestDatabaseOutage:
    def test_the_api_answers_503_json_with_retry_after(self, member):
        with mock.patch("api.views.spaces.SpaceList.get", side_effect=REFUSED):
            response = api_client(member).get("/api/v1/spaces/")
        assert_api_error(response, 503, "unavailable")
        assert int(response["Retry-After"]) > 0

    def test_the_site_answers_a_plain_503_page_with_retry_after(self, db):
        with mock.patch("cms.views.search_for_user", side_effect=REFUSED):
            response = Client(raise_request_exception=False).get("/search/", {"q": "nursing"})
        assert response.status_code == 503 and int(response["Retry-After"]) > 0
        page = response.content.decode()
        assert "briefly unavailable" in page and "Traceback" not in page and "5432" not in page

    def test_an_outage_half_way_through_a_write_saves_nothing(self, member, moderator):
        with mock.patch("moderation.services.sanctions.audit_record", side_effect=REFUSED):
            response = api_client(moderator).post(
                "/api/v1/moderation/sanctions/", {"member": member.pk, "kind": "warning", "reason": "Spam."}, format="json"
            )
        assert_api_error(response, 503, "unavailable")
        assert not Sanction.objects.exists()

    def test_a_query_the_database_cannot_parse_is_a_500_not_an_outage(self, member):
        with mock.patch("api.views.spaces.SpaceList.get", side_effect=OperationalError("unterminated string")):
            response = api_client(member).get("/api/v1/spaces/")
        assert_api_error(response, 500, "server_error")


class TestUnexpectedErrors:
    def test_the_api_answers_500_in_its_json_format_without_a_stack_trace(self, member):
        with mock.patch("api.views.spaces.SpaceList.get", side_effect=RuntimeError("secret internals")):
            response = api_client(member).get("/api/v1/spaces/")
        assert_api_error(response, 500, "server_error")
        assert "secret internals" not in response.content.decode()

    def test_the_site_answers_its_500_page(self, db):
        with mock.patch("cms.views.search_for_user", side_effect=RuntimeError("secret internals")):
            response = Client(raise_request_exception=False).get("/search/", {"q": "nursing"})
        assert response.status_code == 500
        assert "Something went wrong on our side" in response.content.decode()
        assert "secret internals" not in response.content.decode()


class TestJsonNesting:
    @pytest.mark.parametrize("depth", [40, 20_000])
    def test_a_deeply_nested_body_is_a_400_naming_the_limit(self, member, space_at, depth):
        space = space_at(Tier.INTEGRATION)
        body = '{"title": "Hello there", "body": ' + "[" * depth + "]" * depth + "}"
        response = api_client(member).post(f"/api/v1/spaces/{space.pk}/threads/", body, content_type="application/json")
        assert_api_error(response, 400, "parse_error")
        assert "nested too deeply (at most 32 levels)" in response.json()["error"]["message"]

    def test_brackets_inside_strings_do_not_count(self):
        assert not json_depth_exceeds(b'{"body": "' + b"[[[[" * 50 + b'\\" ]"}', 32)
        assert json_depth_exceeds(b"[" * 33, 32) and not json_depth_exceeds(b"[" * 32 + b"]" * 32, 32)


class TestSearchInput:
    @pytest.mark.parametrize("query", ['"', '"unclosed phrase', 'a "b c" "d', "\\", '\\"'])
    def test_quotes_never_break_the_search(self, client, space_factory, query):
        space_factory(title="Nursing studies")
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200

    def test_an_unclosed_phrase_still_finds_the_words(self, client, space_factory):
        from tests.factories import InformationPageFactory

        space = space_factory()
        InformationPageFactory(parent=space, title="Nursing programmes in Aarhus")
        page = client.get("/search/", {"q": '"nursing'}).content.decode()
        assert "Nursing programmes in Aarhus" in page
