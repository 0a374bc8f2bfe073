"""The wall feed, a thread page and both inboxes cost the same queries at any size."""

import pytest
from django.urls import reverse

from community import services
from community.models import ReactionKind
from community.roles import Role
from community.tiers import Tier
from tests.factories import UserFactory
from tests.helpers import answer, ask, converse

pytestmark = pytest.mark.django_db


def grow_wall(space, n):
    for _ in range(n):
        asker = UserFactory()
        thread = ask(space, asker, anonymous=True)
        peer, counsellor = UserFactory(), UserFactory(roles=[Role.COUNSELLOR])
        peer_answer = answer(thread, peer)
        answer(thread, counsellor)
        services.reaction_set(user=asker, post=peer_answer, kind=ReactionKind.HELPFUL, on=True)


@pytest.mark.parametrize("wall_filter", ["newest", "unanswered", "counsellor", "helpful"])
@pytest.mark.parametrize("viewer", ["anonymous", "member", "counsellor"])
def test_wall_feed(as_user, people, space_at, count_queries, wall_filter, viewer):
    space = space_at(Tier.INTEGRATION)
    grow_wall(space, 2)
    client = as_user(None if viewer == "anonymous" else people["member_a" if viewer == "member" else "counsellor"])
    url = f"{space.url}?filter={wall_filter}"
    client.get(url)
    small = count_queries(lambda client=client, url=url: client.get(url))
    grow_wall(space, 8)
    assert count_queries(lambda client=client, url=url: client.get(url)) == small


def grow_thread(thread, n):
    for _ in range(n):
        peer, counsellor = UserFactory(roles=[Role.MEMBER, Role.PEER_GUIDE]), UserFactory(roles=[Role.COUNSELLOR])
        peer_answer = answer(thread, peer)
        answer(thread, UserFactory(), parent=peer_answer)
        answer(thread, counsellor)
        services.endorsement_add(endorser=counsellor, post=peer_answer, note="Right")
        services.reaction_set(user=thread.author, post=peer_answer, kind=ReactionKind.ME_TOO, on=True)
        services.summary_revise(
            editor=counsellor, thread=thread, body=f"Summary by {counsellor.pk}", cited_post_ids=[peer_answer.pk]
        )


@pytest.mark.parametrize("viewer", ["anonymous", "member_a", "member_b", "counsellor"])
def test_thread_page(as_user, people, space_at, count_queries, viewer):
    thread = ask(space_at(Tier.INTEGRATION), people["member_a"], anonymous=True)
    grow_thread(thread, 2)
    client = as_user(None if viewer == "anonymous" else people[viewer])
    url = reverse("thread_detail", args=[thread.pk])
    client.get(url)
    small = count_queries(lambda client=client, url=url: client.get(url))
    grow_thread(thread, 6)
    assert count_queries(lambda client=client, url=url: client.get(url)) == small


def grow_conversations(space, counsellor, n):
    for _ in range(n):
        thread = converse(space, UserFactory())
        services.post_create(author=counsellor, thread=thread, body="Hello!")
        converse(space, UserFactory())


@pytest.mark.parametrize("tab", ["unassigned", "mine", "waiting", "concluded"])
def test_team_inbox(as_user, people, space_at, count_queries, tab):
    space = space_at(Tier.APPLICATION)
    counsellor = people["counsellor"]
    grow_conversations(space, counsellor, 2)
    client = as_user(counsellor)
    url = f"{reverse('counsellor_inbox')}?tab={tab}"
    client.get(url)
    small = count_queries(lambda client=client, url=url: client.get(url))
    grow_conversations(space, UserFactory(roles=[Role.COUNSELLOR]), 6)
    grow_conversations(space, counsellor, 2)
    assert count_queries(lambda client=client, url=url: client.get(url)) == small


def test_member_inbox(as_user, people, space_at, count_queries):
    space, member = space_at(Tier.APPLICATION), people["member_a"]

    def grow(n):
        for _ in range(n):
            thread = converse(space, member)
            services.post_create(author=UserFactory(roles=[Role.COUNSELLOR]), thread=thread, body="Answer")

    grow(2)
    client = as_user(member)
    client.get(reverse("inbox"))
    small = count_queries(lambda: client.get(reverse("inbox")))
    grow(7)
    assert count_queries(lambda: client.get(reverse("inbox"))) == small


def test_conversation_page(as_user, people, space_at, count_queries):
    thread = converse(space_at(Tier.APPLICATION), people["member_a"])
    counsellor = people["counsellor"]

    def grow(n):
        for _ in range(n):
            services.post_create(author=counsellor, thread=thread, body="A question back")
            services.post_create(author=people["member_a"], thread=thread, body="My answer")
            services.conversation_note_add(counsellor=counsellor, thread=thread, body="A note")

    grow(1)
    for viewer in (people["member_a"], counsellor):
        client = as_user(viewer)
        url = reverse("conversation_detail", args=[thread.pk])
        client.get(url)
        small = count_queries(lambda client=client, url=url: client.get(url))
        grow(4)
        assert count_queries(lambda client=client, url=url: client.get(url)) == small
