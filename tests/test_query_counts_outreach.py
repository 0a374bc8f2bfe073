"""The urgent team inbox, follow-ups and private-talk offers cost the same queries at any size (web and API)."""

import datetime

import pytest
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from community import services
from community.models import Referral, ReferralService
from community.roles import Role
from community.tiers import Tier
from tests.factories import UserFactory
from tests.helpers import ask, converse

pytestmark = pytest.mark.django_db

CRISIS = "I can't cope anymore, I want to kill myself"


def api_client(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(user=user)[1]}")
    return client


def grow_inbox(space, counsellor, n):
    """Routine, urgent, reached-out, referred and handed-over conversations."""
    service = ReferralService.objects.get_or_create(name="Ohjaamo", defaults={"helps_with": "x", "contact": "y"})[0]
    for _ in range(n):
        converse(space, UserFactory(), body="Routine question")
        urgent = converse(space, UserFactory(), body=CRISIS)
        services.conversation_claim(counsellor=counsellor, thread=urgent)
        services.conversation_reach_out(counsellor=counsellor, member=UserFactory(), body="Checking in")
        referred = converse(space, UserFactory())
        services.referral_create(counsellor=counsellor, thread=referred, service_id=service.pk)
        colleague = UserFactory(roles=[Role.COUNSELLOR])
        handed = converse(space, UserFactory())
        services.post_create(author=colleague, thread=handed, body="Hello")
        services.conversation_hand_over(counsellor=colleague, thread=handed, to_user_id=counsellor.pk, note="Yours")


@pytest.mark.parametrize("tab", ["unassigned", "mine", "waiting", "concluded"])
@pytest.mark.parametrize("via", ["web", "api"])
def test_team_inbox_with_urgent_conversations(as_user, people, space_at, count_queries, tab, via):
    space = space_at(Tier.APPLICATION)
    counsellor = people["counsellor"]
    grow_inbox(space, counsellor, 1)
    if via == "web":
        client, url = as_user(counsellor), f"{reverse('counsellor_inbox')}?tab={tab}"
    else:
        client, url = api_client(counsellor), f"/api/v1/conversations/?tab={tab}"
    assert client.get(url).status_code == 200
    small = count_queries(lambda: client.get(url))
    grow_inbox(space, counsellor, 4)
    assert count_queries(lambda: client.get(url)) == small


@pytest.mark.parametrize("via", ["web", "api"])
def test_follow_ups(as_user, people, space_at, count_queries, via):
    space = space_at(Tier.APPLICATION)
    counsellor = people["counsellor"]

    def grow(n):
        grow_inbox(space, counsellor, n)
        Referral.objects.update(follow_up_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))

    grow(1)
    client, url = (as_user(counsellor), reverse("follow_ups")) if via == "web" else (api_client(counsellor), "/api/v1/follow-ups/")
    assert client.get(url).status_code == 200
    small = count_queries(lambda: client.get(url))
    grow(4)
    assert count_queries(lambda: client.get(url)) == small


@pytest.mark.parametrize("via", ["web", "api"])
def test_private_talk_offers(as_user, people, space_at, count_queries, via):
    space = space_at(Tier.INTEGRATION)
    member = people["member_a"]

    def grow(n):
        for _ in range(n):
            post = ask(space, member, title="A personal question", body="Something at home").posts.get()
            services.private_talk_offer(counsellor=UserFactory(roles=[Role.COUNSELLOR]), post=post, message="Privately?")

    grow(1)
    client, url = (as_user(member), reverse("private_talks")) if via == "web" else (api_client(member), "/api/v1/private-talk-offers/")
    assert client.get(url).status_code == 200
    small = count_queries(lambda: client.get(url))
    grow(5)
    assert count_queries(lambda: client.get(url)) == small
