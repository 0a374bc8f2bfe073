"""Moving a wall question into a private talk, with the member's consent."""

import pytest
from django.urls import reverse

from community.models import (
    ConversationEvent,
    EventKind,
    ModerationState,
    Notification,
    OfferStatus,
    PrivateTalkOffer,
    Thread,
)
from community.roles import Role
from community.tiers import Tier
from tests.factories import UserFactory
from tests.helpers import ask

pytestmark = pytest.mark.django_db

OFFER = "This sounds personal. Shall we continue privately?"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def question(space_at, people):
    space = space_at(Tier.INTEGRATION)
    return ask(space, people["member_a"], title="My parents and my school choice", body="They fight about it every night.")


def offer_on(client, post):
    return client.post(reverse("private_talk_offer_new", args=[post.pk]), {"message": OFFER})


@pytest.mark.parametrize("outcome", ["stays", "hidden", "anonymised"])
def test_accepted_the_talk_goes_private_and_the_counsellor_decides_the_public_post(as_user, people, question, outcome, committed):
    member, counsellor = people["member_a"], people["counsellor"]
    post = question.posts.get()
    with committed():
        assert offer_on(as_user(counsellor), post).status_code == 302
    offer = PrivateTalkOffer.objects.get()
    assert Notification.objects.filter(recipient=member, kind=EventKind.PRIVATE_TALK_OFFERED).exists()

    client = as_user(member)
    page = client.get(reverse("private_talk_offer", args=[offer.pk])).content.decode()
    assert OFFER in page and "Yes, continue privately" in page
    assert "My parents and my school choice" in client.get(reverse("private_talks")).content.decode()
    with committed():
        response = client.post(reverse("private_talk_accept", args=[offer.pk]))
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED
    assert response.url == reverse("conversation_detail", args=[offer.conversation_id])
    conversation_page = client.get(response.url).content.decode()
    assert OFFER in conversation_page and "They fight about it every night." in conversation_page  # quoting the post
    assert Notification.objects.filter(recipient=counsellor, kind=EventKind.PRIVATE_TALK_ANSWERED).exists()

    decided = as_user(counsellor).post(reverse("private_talk_public_post", args=[offer.pk]), {"outcome": outcome})
    assert decided.status_code == 302
    post.refresh_from_db()
    wall = as_user(people["member_b"]).get(reverse("thread_detail", args=[question.pk]))
    if outcome == "stays":
        assert post.state == ModerationState.PUBLISHED and member.display_name in wall.content.decode()
    elif outcome == "hidden":
        assert post.state == ModerationState.HIDDEN and Thread.objects.get(pk=question.pk).state == ModerationState.HIDDEN
        assert wall.status_code == 404 and "every night" not in wall.content.decode()
        assert post.body == "They fight about it every night."  # hidden, never deleted
    else:
        assert post.is_anonymous and wall.status_code == 200
        assert member.display_name not in wall.content.decode() and "Anonymous member" in wall.content.decode()
    assert ConversationEvent.objects.filter(conversation_id=offer.conversation_id, kind="public_post").exists()
    again = as_user(counsellor).post(reverse("private_talk_public_post", args=[offer.pk]), {"outcome": "hidden"})
    assert again.status_code == 400 and "decided already" in again.content.decode()


def test_declined_is_recorded_and_the_counsellor_is_told(as_user, people, question, committed):
    offer_on(as_user(people["counsellor"]), question.posts.get())
    offer = PrivateTalkOffer.objects.get()
    with committed():
        as_user(people["member_a"]).post(reverse("private_talk_decline", args=[offer.pk]))
    offer.refresh_from_db()
    assert offer.status == OfferStatus.DECLINED and offer.conversation is None and offer.answered_at
    note = Notification.objects.get(recipient=people["counsellor"], kind=EventKind.PRIVATE_TALK_ANSWERED)
    assert "declined" in note.description
    assert question.posts.get().state == ModerationState.PUBLISHED
    late = as_user(people["member_a"]).post(reverse("private_talk_accept", args=[offer.pk]))
    assert late.status_code == 403 and "answered this offer already" in late.content.decode()
    refused = as_user(people["counsellor"]).post(reverse("private_talk_public_post", args=[offer.pk]), {"outcome": "hidden"})
    assert refused.status_code == 403 and "has not accepted" in refused.content.decode()


def test_members_cannot_offer_and_others_cannot_answer(as_user, people, question):
    post = question.posts.get()
    refused = offer_on(as_user(people["member_b"]), post)
    assert refused.status_code == 403 and "Only counsellors can offer" in refused.content.decode()
    assert not PrivateTalkOffer.objects.exists()
    offer_on(as_user(people["counsellor"]), post)
    offer = PrivateTalkOffer.objects.get()
    for intruder in (people["member_b"], people["peer_guide"]):
        client = as_user(intruder)
        page = client.get(reverse("private_talk_offer", args=[offer.pk]))
        assert page.status_code == 404 and OFFER not in page.content.decode()
        assert client.post(reverse("private_talk_accept", args=[offer.pk])).status_code == 404
        assert OFFER not in client.get(reverse("private_talks")).content.decode()
    # A counsellor cannot accept on the member's behalf.
    assert as_user(people["moderator"]).post(reverse("private_talk_accept", args=[offer.pk])).status_code == 404
    offer.refresh_from_db()
    assert offer.status == OfferStatus.OFFERED
    # Only one open offer per post.
    second = offer_on(as_user(UserFactory(roles=[Role.COUNSELLOR])), post)
    assert second.status_code == 403 and "earlier offer" in second.content.decode()


def test_the_wrong_counsellor_does_not_decide_the_public_post(as_user, people, question):
    offer_on(as_user(people["counsellor"]), question.posts.get())
    offer = PrivateTalkOffer.objects.get()
    as_user(people["member_a"]).post(reverse("private_talk_accept", args=[offer.pk]))
    other = UserFactory(roles=[Role.COUNSELLOR])
    refused = as_user(other).post(reverse("private_talk_public_post", args=[offer.pk]), {"outcome": "hidden"})
    assert refused.status_code == 403 and "who made the offer" in refused.content.decode()
    assert question.posts.get().state == ModerationState.PUBLISHED
    assert as_user(people["moderator"]).post(reverse("private_talk_public_post", args=[offer.pk]), {"outcome": "stays"}).status_code == 302


def test_the_member_sees_the_offer_on_their_question_and_nobody_else_does(as_user, people, question):
    offer_on(as_user(people["counsellor"]), question.posts.get())
    url = reverse("thread_detail", args=[question.pk])
    mine = as_user(people["member_a"]).get(url).content.decode()
    assert "offers to continue this privately with you" in mine
    assert reverse("private_talk_offer", args=[PrivateTalkOffer.objects.get().pk]) in mine
    assert "offers to continue this privately" not in as_user(people["member_b"]).get(url).content.decode()
    assert "offers to continue this privately" not in as_user(None).get(url).content.decode()
