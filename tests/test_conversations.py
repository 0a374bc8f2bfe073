"""Private conversations: the member's inbox and the counsellor team's 4K workflow."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from community import selectors, services
from community.models import Conversation, ConversationEvent, Stage
from community.tiers import Tier
from tests.factories import UserFactory
from tests.helpers import converse

pytestmark = pytest.mark.django_db


@pytest.fixture
def space(space_at):
    return space_at(Tier.APPLICATION)


def state(thread):
    return Conversation.objects.get(thread=thread)


def test_a_member_starts_a_conversation_from_a_space_and_finds_it_in_the_inbox(as_user, people, space):
    client = as_user(people["member_a"])
    response = client.post(
        reverse("conversation_new", args=[space.pk]),
        {"subject": "Gap year?", "body": "I'm unsure about taking a gap year."},
        follow=True,
    )
    assert "Your message is with the counsellor team" in response.content.decode()
    inbox = client.get(reverse("inbox")).content.decode()
    assert "Gap year?" in inbox
    assert "New answer" not in inbox


def test_the_inbox_shows_a_counsellors_answer_as_unread_until_read(as_user, people, space):
    thread = converse(space, people["member_a"])
    services.post_create(author=people["counsellor"], thread=thread, body="Tell me more about what you like.")
    client = as_user(people["member_a"])
    assert "New answer" in client.get(reverse("inbox")).content.decode()
    client.get(reverse("conversation_detail", args=[thread.pk]))
    assert "New answer" not in client.get(reverse("inbox")).content.decode()


def test_answering_claims_an_unassigned_conversation(people, space):
    thread = converse(space, people["member_a"])
    services.post_create(author=people["counsellor"], thread=thread, body="Hi!")
    assert state(thread).assigned_to == people["counsellor"]
    assert ConversationEvent.objects.filter(kind="claimed", actor=people["counsellor"]).exists()


def test_the_team_inbox_tabs(people, space):
    counsellor, moderator = people["counsellor"], people["moderator"]
    unassigned = converse(space, people["member_a"], body="Nobody has this yet.")
    mine = converse(space, people["member_b"], body="Mine, and my turn to answer.")
    services.conversation_claim(counsellor=counsellor, thread=mine)
    waiting = converse(space, people["peer_guide"], body="I answered; waiting for them.")
    services.post_create(author=counsellor, thread=waiting, body="What do you think?")
    concluded = converse(space, UserFactory(), body="All done.")
    services.conversation_conclude(counsellor=moderator, thread=concluded)

    def tab(name, user=counsellor):
        return [c.thread_id for c in selectors.counsellor_inbox(user=user, tab=name)["page"].object_list]

    assert tab("unassigned") == [unassigned.pk]
    assert tab("mine") == [mine.pk]
    assert tab("waiting") == [waiting.pk]
    assert tab("concluded") == [concluded.pk]
    assert tab("mine", moderator) == []  # "mine" is per counsellor
    assert selectors.counsellor_inbox(user=counsellor, tab="mine")["counts"] == {
        "unassigned": 1,
        "mine": 1,
        "waiting": 1,
        "concluded": 1,
    }


def test_the_team_inbox_puts_the_longest_waiting_first_and_shows_how_long(as_user, people, space):
    # Titles are never taken from the text (issue 11); the subject tells the rows apart.
    newer = services.conversation_start(member=people["member_a"], space=space, body="Newer", subject="Newer subject")
    older = services.conversation_start(member=people["member_b"], space=space, body="Older", subject="Older subject")
    Conversation.objects.filter(thread=older).update(member_last_message_at=timezone.now() - datetime.timedelta(days=3))
    page = as_user(people["counsellor"]).get(reverse("counsellor_inbox")).content.decode()
    assert page.index(older.title) < page.index(newer.title)
    assert "3\xa0days ago" in page


def test_claim_hand_over_note_stage_conclude_and_the_member_reopens_by_writing(as_user, people, space):
    member, counsellor, moderator = people["member_a"], people["counsellor"], people["moderator"]
    thread = converse(space, member)
    client = as_user(counsellor)
    client.post(reverse("conversation_claim", args=[thread.pk]))
    assert state(thread).assigned_to == counsellor
    client.post(reverse("conversation_stage", args=[thread.pk]), {"stage": Stage.KONTRAKT})
    assert state(thread).stage == Stage.KONTRAKT
    client.post(reverse("conversation_note", args=[thread.pk]), {"body": "Goal agreed: compare two programmes."})
    client.post(
        reverse("conversation_hand_over", args=[thread.pk]),
        {"to_user": moderator.pk, "note": "Sofia knows the tech programmes better."},
    )
    assert state(thread).assigned_to == moderator
    page = as_user(moderator).get(reverse("conversation_detail", args=[thread.pk])).content.decode()
    assert "Sofia knows the tech programmes better." in page
    assert "Goal agreed: compare two programmes." in page

    as_user(moderator).post(reverse("conversation_conclude", args=[thread.pk]), {"note": "Plan made."})
    assert (state(thread).status, state(thread).stage) == ("concluded", Stage.KONKLUSION)

    member_page = as_user(member).get(reverse("conversation_detail", args=[thread.pk])).content.decode()
    assert "Writing again reopens it." in member_page
    assert "Plan made." not in member_page  # the conclusion note is for counsellors
    as_user(member).post(reverse("thread_answer", args=[thread.pk]), {"body": "I have a new question."})
    assert state(thread).status == "open"
    assert list(ConversationEvent.objects.filter(conversation__thread=thread).values_list("kind", flat=True)) == [
        "claimed",
        "stage",
        "handed_over",
        "concluded",
        "reopened",
    ]


def test_a_counsellor_reopens_a_concluded_conversation(people, space):
    thread = converse(space, people["member_a"])
    services.conversation_conclude(counsellor=people["counsellor"], thread=thread)
    services.conversation_reopen(counsellor=people["counsellor"], thread=thread)
    assert state(thread).status == "open"


def test_private_messages_are_never_held_by_space_pre_moderation(people, space_factory):
    space = space_factory(tier=Tier.APPLICATION, premoderate_all_posts=True)
    thread = converse(space, people["member_a"])
    assert thread.posts.get().state == "published"
