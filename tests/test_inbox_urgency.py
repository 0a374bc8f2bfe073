"""The team inbox shows urgency: urgent conversations first, held messages unread, the counsellors' reading of a hold,
and a handed-over conversation in the new counsellor's "Mine" at once."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from community import selectors, services, signals
from community.models import Conversation
from community.roles import Role
from community.tiers import Tier
from moderation.models import ModerationItem
from tests.factories import UserFactory
from tests.helpers import converse

pytestmark = pytest.mark.django_db

CRISIS = "I can't cope anymore, I want to kill myself"


@pytest.fixture
def space(space_at):
    return space_at(Tier.APPLICATION)


def test_a_crisis_message_goes_first_marked_urgent_and_unread_though_it_waited_less(as_user, people, space):
    routine = converse(space, people["member_b"], body="Which school is best for IT?")
    Conversation.objects.filter(thread=routine).update(member_last_message_at=timezone.now() - datetime.timedelta(hours=5))
    crisis = converse(space, people["member_a"], body=CRISIS)
    page = as_user(people["counsellor"]).get(reverse("counsellor_inbox")).content.decode()
    crisis_link, routine_link = (f'href="{reverse("conversation_detail", args=[t.pk])}"' for t in (crisis, routine))
    assert page.index(crisis_link) < page.index(routine_link)
    crisis_row = page[: page.index(crisis_link)].rsplit("<tr", 1)[1] + page[page.index(crisis_link) :].split("</tr>")[0]
    routine_row = page[: page.index(routine_link)].rsplit("<tr", 1)[1] + page[page.index(routine_link) :].split("</tr>")[0]
    assert "Urgent" in crisis_row and "Urgent" not in routine_row
    assert "Unread" in crisis_row  # held, yet unread for the counsellor


def test_the_member_never_sees_the_urgent_mark_and_their_held_message_is_not_new_to_them(as_user, people, space):
    crisis = converse(space, people["member_a"], body=CRISIS)
    page = as_user(people["member_a"]).get(reverse("inbox")).content.decode()
    assert "Urgent" not in page and "New answer" not in page
    detail = as_user(people["member_a"]).get(reverse("conversation_detail", args=[crisis.pk])).content.decode()
    assert "Waiting for review." in detail and "crisis signal" not in detail


def test_counsellors_read_why_a_message_is_held(as_user, people, space):
    crisis = converse(space, people["member_a"], body=CRISIS)
    page = as_user(people["counsellor"]).get(reverse("conversation_detail", args=[crisis.pk])).content.decode()
    assert "Held: crisis signal (suicide)" in page
    assert "Waiting for review." not in page


def test_held_messages_count_as_unread_for_counsellors_only(people, space):
    thread = converse(space, people["member_a"], body="Hello")
    services.post_create(author=people["counsellor"], thread=thread, body="Hi! Tell me more.")
    services.thread_visit_record(user=people["counsellor"], thread=thread)
    services.post_create(author=people["member_a"], thread=thread, body=CRISIS)
    inbox = selectors.team_inbox(user=people["counsellor"])
    assert inbox.get(thread=thread).unread is True
    assert inbox.get(thread=thread).urgent is True


def test_closing_the_review_clears_the_urgency(people, space):
    crisis = converse(space, people["member_a"], body=CRISIS)
    post = crisis.posts.get()
    assert Conversation.objects.get(thread=crisis).urgent
    signals.message_review_closed.send(sender=ModerationItem, post=post)
    assert not Conversation.objects.get(thread=crisis).urgent
    assert [c.thread_id for c in selectors.urgent_conversations_for_user(user=people["counsellor"])] == []


def test_urgent_conversations_for_counsellors_oldest_urgent_first(people, space):
    start = timezone.now()
    with mock.patch("django.utils.timezone.now", return_value=start - datetime.timedelta(minutes=30)):
        older = converse(space, people["member_a"], body=CRISIS)
    newer = converse(space, people["member_b"], body="I want to die")
    converse(space, UserFactory(), body="Just a routine question")
    assert [c.thread_id for c in selectors.urgent_conversations_for_user(user=people["counsellor"])] == [older.pk, newer.pk]
    with pytest.raises(Exception, match="Only counsellors"):
        selectors.urgent_conversations_for_user(user=people["member_a"])


def test_a_handed_over_conversation_is_in_the_new_counsellors_mine_at_once(as_user, people, space):
    """Before the fix it was not: the colleague had answered last, so it sat in "Waiting for the member"."""
    counsellor, colleague = people["counsellor"], UserFactory(display_name="Mikkel Hansen", roles=[Role.COUNSELLOR])
    thread = converse(space, people["member_a"], body="Can you help me choose between two programmes?")
    services.post_create(author=counsellor, thread=thread, body="Which two are you thinking of?")
    services.conversation_hand_over(counsellor=counsellor, thread=thread, to_user_id=colleague.pk, note="Mikkel knows these.")
    mine = as_user(colleague).get(f"{reverse('counsellor_inbox')}?tab=mine").content.decode()
    assert thread.title in mine
    assert selectors.counsellor_inbox(user=colleague, tab="mine")["counts"]["mine"] == 1
    assert selectors.counsellor_inbox(user=colleague, tab="waiting")["counts"]["waiting"] == 0
    # Once the new counsellor answers, it waits for the member as usual.
    services.post_create(author=colleague, thread=thread, body="Hi, I'm Mikkel. Which two?")
    assert thread.title not in as_user(colleague).get(f"{reverse('counsellor_inbox')}?tab=mine").content.decode()
    assert [c.thread_id for c in selectors.team_conversations(user=colleague, tab="waiting")] == [thread.pk]


def test_deciding_the_urgent_item_with_an_outcome_clears_the_conversations_urgency(people, space):
    from moderation import services as moderation_services

    crisis = converse(space, people["member_a"], body=CRISIS)
    item = ModerationItem.objects.get(post=crisis.posts.get(), status="open")
    moderation_services.item_approve(moderator=people["counsellor"], item=item, outcome="reached_out")
    assert not Conversation.objects.get(thread=crisis).urgent


def test_needs_you_now_lists_urgent_conversations_and_due_follow_ups(as_user, people, space):
    from moderation import selectors as moderation_selectors

    crisis = converse(space, people["member_a"], body=CRISIS)
    groups = {group.key: group for group in moderation_selectors.needs_you_now_for_user(user=people["counsellor"])}
    assert [entry.id for entry in groups["urgent_conversations"].entries] == [crisis.pk]
    assert "followups_due" in groups
    page = as_user(people["counsellor"]).get(reverse("needs_you_now")).content.decode()
    assert "Urgent private conversations" in page and reverse("conversation_detail", args=[crisis.pk]) in page
    assert as_user(people["member_b"]).get(reverse("needs_you_now")).status_code in (403, 404, 302)
