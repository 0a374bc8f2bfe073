"""API tokens with a life: one per device, expiring, revoked on password change, suspension and account deletion."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient

from moderation import services as moderation_services
from tests.api.conftest import error
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def log_in(user, password=TEST_PASSWORD) -> APIClient:
    client = APIClient()
    response = client.post("/api/v1/auth/token/", {"username": user.username, "password": password}, format="json")
    assert response.status_code == 200, response.content
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


def works(client) -> bool:
    return client.get("/api/v1/me/").status_code == 200


def test_each_log_in_is_a_new_token_that_expires(settings, member):
    phone, laptop = log_in(member), log_in(member)
    assert phone._credentials != laptop._credentials
    assert works(phone) and works(laptop)
    later = timezone.now() + timedelta(days=31)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert phone.get("/api/v1/me/").status_code == 401


def test_the_answer_keeps_its_token_field_and_says_when_it_ends(member):
    body = APIClient().post("/api/v1/auth/token/", {"username": member.username, "password": TEST_PASSWORD}, format="json").json()
    assert set(body) == {"token", "expiry"} and len(body["token"]) >= 40


def test_a_member_lists_and_revokes_their_devices(member, member_b):
    phone, laptop = log_in(member), log_in(member)
    other = log_in(member_b)
    listed = phone.get("/api/v1/auth/tokens/").json()
    assert len(listed) == 2 and [t["current"] for t in listed].count(True) == 1
    laptop_id = next(t["id"] for t in laptop.get("/api/v1/auth/tokens/").json() if t["current"])
    # Someone else's device is not theirs to revoke, nor to see.
    assert other.delete(f"/api/v1/auth/tokens/{laptop_id}/").status_code == 404
    assert laptop_id not in str(other.get("/api/v1/auth/tokens/").json())
    assert works(laptop)
    assert phone.delete(f"/api/v1/auth/tokens/{laptop_id}/").status_code == 200
    assert not works(laptop) and works(phone)
    assert phone.delete("/api/v1/auth/tokens/").status_code == 200
    assert not works(phone) and works(other)


def test_logging_out_ends_only_this_devices_token(member):
    phone, laptop = log_in(member), log_in(member)
    assert phone.delete("/api/v1/auth/token/revoke/").status_code == 200
    assert not works(phone) and works(laptop)


def test_a_password_change_ends_every_token(client, member):
    phone = log_in(member)
    client.force_login(member)
    response = client.post(
        _password_change_url(),
        {"old_password": TEST_PASSWORD, "new_password1": "a-new-long-passphrase-9", "new_password2": "a-new-long-passphrase-9"},
    )
    assert response.status_code == 302
    assert not works(phone)
    assert not AuthToken.objects.filter(user=member).exists()


def _password_change_url():
    from django.urls import reverse

    return reverse("account_password_change")


def test_a_suspension_ends_every_token_and_refuses_a_new_one(member, moderator):
    phone = log_in(member)
    moderation_services.sanction_impose(moderator=moderator, member=member, kind="suspension", reason="Threats", days=3)
    response = phone.get("/api/v1/me/")
    assert response.status_code == 401
    assert not AuthToken.objects.filter(user=member).exists()


def test_a_token_made_before_a_suspension_is_refused_with_the_reason(member, moderator):
    _instance, token = AuthToken.objects.create(user=member)
    moderation_services.sanction_impose(moderator=moderator, member=member, kind="suspension", reason="Threats", days=3)
    AuthToken.objects.create(user=member)  # even one that slipped past the revocation
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/me/").status_code == 401


def test_a_suspended_members_fresh_token_is_refused_with_the_reason(member, moderator):
    moderation_services.sanction_impose(moderator=moderator, member=member, kind="suspension", reason="Threats", days=3)
    _instance, token = AuthToken.objects.create(user=member)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = client.get("/api/v1/me/")
    assert response.status_code == 401 and "Threats" in error(response)["message"]


def test_a_deactivated_or_deleted_account_ends_every_token(member, member_b):
    phone, other = log_in(member), log_in(member_b)
    member.is_active = False
    member.save()
    assert not works(phone) and not AuthToken.objects.filter(user=member).exists()
    member_b.delete()
    assert not works(other) and not AuthToken.objects.exists()


class TestSilencedMembers:
    @pytest.fixture
    def silenced(self, member, moderator):
        moderation_services.sanction_impose(moderator=moderator, member=member, kind="silence", reason="Cool down", days=2)
        return member

    def test_cannot_change_their_display_name(self, api, silenced):
        before = silenced.display_name
        response = api(silenced).patch("/api/v1/me/", {"display_name": "A Brand New Name"}, format="json")
        assert response.status_code == 403 and "Cool down" in error(response)["message"]
        silenced.refresh_from_db()
        assert silenced.display_name == before

    def test_cannot_report_posts(self, api, silenced, member_b, space_at):
        from community.tiers import Tier
        from moderation.models import Flag
        from tests.helpers import answer, ask

        post = answer(ask(space_at(Tier.INTEGRATION), member_b), member_b, body="Some answer")
        response = api(silenced).post(f"/api/v1/posts/{post.pk}/flags/", {"reason": "spam"}, format="json")
        assert response.status_code == 403 and "Cool down" in error(response)["message"]
        assert not Flag.objects.exists()

    def test_may_still_change_their_language(self, api, silenced):
        response = api(silenced).patch("/api/v1/me/", {"preferred_language": "sv"}, format="json")
        assert response.status_code == 200
