"""Private conversations: who may read them and what each side reads there (mutation survivors)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community import selectors, services
from community.models import ReferralService, Stage
from community.tiers import Tier
from moderation import services as moderation_services
from moderation.models import ModerationItem
from tests.helpers import converse

pytestmark = pytest.mark.django_db

CRISIS = "I can't cope anymore, I want to kill myself"


@pytest.fixture
def space(space_at):
    return space_at(Tier.APPLICATION)


def test_only_counsellors_get_the_team_inbox(people, space):
    converse(space, people["member_a"])
    for name in ("member_a", "member_b", "peer_guide"):
        with pytest.raises(PermissionDenied):
            selectors.team_inbox(user=people[name])
    assert selectors.team_inbox(user=people["counsellor"]).count() == 1


def test_another_member_cannot_read_a_members_conversation(people, space):
    thread = converse(space, people["member_a"], body="Something only the counsellors may read.")
    with pytest.raises(Http404):
        selectors.conversation_page(user=people["member_b"], thread=thread)
    assert selectors.conversation_page(user=people["member_a"], thread=thread)["conversation_messages"]


def test_an_approved_message_no_longer_reads_as_held_for_counsellors(as_user, people, space):
    crisis = converse(space, people["member_a"], body=CRISIS)
    url = reverse("conversation_detail", args=[crisis.pk])
    assert "Held: crisis signal (suicide)" in as_user(people["counsellor"]).get(url).content.decode()
    item = ModerationItem.objects.get(post=crisis.posts.get(), status="open")
    moderation_services.item_approve(moderator=people["counsellor"], item=item, outcome="reached_out")
    page = as_user(people["counsellor"]).get(url).content.decode()
    assert "Held:" not in page and "Waiting for review." not in page


def test_a_message_nobody_held_reads_as_plain_text_for_counsellors(as_user, people, space):
    thread = converse(space, people["member_a"], body="Which school is best for IT?")
    page = as_user(people["counsellor"]).get(reverse("conversation_detail", args=[thread.pk])).content.decode()
    assert "Which school is best for IT?" in page and "Held:" not in page


def test_the_member_reads_the_services_a_counsellor_referred_them_to(as_user, people, space):
    thread = converse(space, people["member_a"], body="I dropped out and don't know what to do now.")
    service = ReferralService.objects.create(
        name="Ohjaamo Helsinki", helps_with="Study and work for under-30s.", contact="https://ohjaamot.fi/"
    )
    services.referral_create(counsellor=people["counsellor"], thread=thread, service_id=service.pk)
    page = as_user(people["member_a"]).get(reverse("conversation_detail", args=[thread.pk])).content.decode()
    assert "Services that can help you" in page and "Ohjaamo Helsinki" in page


def test_counsellors_pick_the_4k_stage_from_every_stage(as_user, people, space):
    thread = converse(space, people["member_a"])
    page = as_user(people["counsellor"]).get(reverse("conversation_detail", args=[thread.pk])).content.decode()
    for value, label in Stage.choices:
        assert f'name="stage" value="{value}"' in page and str(label) in page


def _counsellor_page_queries(client, thread) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("conversation_detail", args=[thread.pk])).status_code == 200
    return len(queries)


def test_the_counsellors_page_costs_the_same_queries_with_two_or_four_held_messages(as_user, people, space):
    client = as_user(people["counsellor"])
    thread = converse(space, people["member_b"], body=CRISIS)
    services.post_create(author=people["member_b"], thread=thread, body="I want to die")
    _counsellor_page_queries(client, thread)  # warm the session and caches
    two = _counsellor_page_queries(client, thread)
    for body in ("I want to kill myself tonight", "I can't go on, I want to die"):
        services.post_create(author=people["member_b"], thread=thread, body=body)
    assert thread.posts.filter(held_message__isnull=False).count() == 4
    assert _counsellor_page_queries(client, thread) == two
