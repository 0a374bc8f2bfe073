"""The API acceptance contract for reaching out, the urgent team inbox, private talks and referrals."""

import pytest

from cms.models import CommunitySpacePage
from community.models import Mode, ReferralService, Thread
from community.roles import Role
from community.tiers import Tier
from moderation import services as moderation_services
from moderation.models import ModerationItem
from tests.api.conftest import error
from tests.factories import UserFactory
from tests.helpers import answer, ask, converse

pytestmark = pytest.mark.django_db


def lowered(space, tier):
    CommunitySpacePage.objects.filter(pk=space.pk).update(tier=tier)


@pytest.mark.parametrize("tier", [Tier.EMERGENCE, Tier.APPLICATION, Tier.INTEGRATION, Tier.TRANSFORMATION])
@pytest.mark.parametrize("start", ["about_post", "member", "flag", "queue item"])
def test_a_counsellor_reaches_out_and_only_the_member_reads_it(api, people, space_at, tier, start):
    space = space_at(Tier.INTEGRATION)
    member = people["member_a"]
    thread = ask(space, member, title="I feel lost", body="Nothing makes sense at school.", anonymous=True)
    post = thread.posts.get()
    if start == "flag":
        moderation_services.flag_create(user=people["member_b"], post=post, reason="worried")
    if start == "queue item":
        post = ModerationItem.objects.get(post=answer(thread, member, body="I want to kill myself")).post
    lowered(space, tier)
    payload = {"member": member.pk} if start == "member" else {"about_post": post.pk}
    created = api(people["counsellor"]).post("/api/v1/conversations/", {**payload, "body": "I read your post. Can we talk?"}, format="json")
    assert created.status_code == 201, created.content
    conversation_id = created.json()["id"]
    assert created.json()["reached_out"] is True

    mine = api(member)
    assert conversation_id in [c["id"] for c in mine.get("/api/v1/conversations/").json()["results"]]
    detail = mine.get(f"/api/v1/conversations/{conversation_id}/")
    assert detail.status_code == 200
    assert detail.json()["messages"][0]["body"] == "I read your post. Can we talk?"
    if start != "member":
        assert detail.json()["about_post"]["id"] == post.pk
    assert detail.json()["can_write"] is True
    assert mine.post(f"/api/v1/conversations/{conversation_id}/messages/", {"body": "Yes please."}, format="json").status_code == 201

    other = api(people["member_b"]).get(f"/api/v1/conversations/{conversation_id}/")
    missing = api(people["member_b"]).get("/api/v1/conversations/99999999/")
    assert other.status_code == missing.status_code == 404
    assert other.json() == missing.json()
    assert "Can we talk" not in other.content.decode()


def test_the_anonymous_post_stays_anonymous_to_peers(api, people, space_at):
    space = space_at(Tier.INTEGRATION)
    thread = ask(space, people["member_a"], title="A private worry", body="Something at home.", anonymous=True)
    created = api(people["counsellor"]).post(
        "/api/v1/conversations/", {"about_post": thread.posts.get().pk, "body": "Hello"}, format="json"
    )
    assert created.status_code == 201
    peer_view = api(people["member_b"]).get(f"/api/v1/threads/{thread.pk}/").content.decode()
    assert people["member_a"].display_name not in peer_view


def test_a_member_posting_keeps_starting_their_own_conversation(api, people, space_at):
    space = space_at(Tier.APPLICATION)
    created = api(people["member_a"]).post("/api/v1/conversations/", {"space": space.pk, "body": "Hi team"}, format="json")
    assert created.status_code == 201 and created.json()["reached_out"] is False


@pytest.mark.parametrize("payload", [{"member": "other"}, {"about_post": "post"}])
def test_members_cannot_reach_out(api, people, space_at, payload):
    space = space_at(Tier.INTEGRATION)
    thread = ask(space, people["member_b"], title="My question", body="Private-ish details here.")
    target = {"member": people["member_b"].pk} if "member" in payload else {"about_post": thread.posts.get().pk}
    response = api(people["member_a"]).post("/api/v1/conversations/", {**target, "body": "Hey"}, format="json")
    assert response.status_code == 403
    assert "Only counsellors can reach out" in error(response)["message"]
    assert not Thread.objects.filter(mode=Mode.CONVERSATION).exists()


def test_bad_reach_out_input_names_the_field(api, people, space_at):
    client = api(people["counsellor"])
    both = client.post("/api/v1/conversations/", {"member": people["member_a"].pk, "about_post": 1, "body": "x"}, format="json")
    assert both.status_code == 400 and "member" in error(both)["fields"]
    missing = client.post("/api/v1/conversations/", {"about_post": 99999999, "body": "x"}, format="json")
    assert missing.status_code == 400 and "about_post" in error(missing)["fields"]
    empty = client.post("/api/v1/conversations/", {"member": people["member_a"].pk, "body": ""}, format="json")
    assert empty.status_code == 400 and "body" in error(empty)["fields"]
    assert not Thread.objects.filter(mode=Mode.CONVERSATION).exists()


def test_the_team_inbox_marks_urgent_conversations_and_lists_them_first(api, people, space_at):
    space = space_at(Tier.APPLICATION)
    routine = converse(space, people["member_b"], body="Which school is best for IT?")
    crisis = converse(space, people["member_a"], body="I can't cope anymore, I want to kill myself")
    items = api(people["counsellor"]).get("/api/v1/conversations/", {"tab": "unassigned"}).json()["results"]
    assert [(i["id"], i["urgent"]) for i in items] == [(crisis.pk, True), (routine.pk, False)]
    assert items[0]["unread"] is True  # a held message counts as unread for counsellors
    detail = api(people["counsellor"]).get(f"/api/v1/conversations/{crisis.pk}/").json()
    assert detail["messages"][0]["counsellor_status"] == "Held: crisis signal (suicide)"
    member_view = api(people["member_a"]).get(f"/api/v1/conversations/{crisis.pk}/").json()
    assert member_view["messages"][0]["counsellor_status"] is None
    assert "urgent" in member_view


def test_private_talk_through_the_api(api, people, space_at):
    space = space_at(Tier.INTEGRATION)
    thread = ask(space, people["member_a"], title="Trouble at home", body="My parents fight about my school choice.")
    post = thread.posts.get()
    counsellor = api(people["counsellor"])
    offer = counsellor.post(f"/api/v1/posts/{post.pk}/private-talk-offers/", {"message": "Shall we continue privately?"}, format="json")
    assert offer.status_code == 201
    offer_id = offer.json()["id"]
    refused = api(people["member_b"]).post(f"/api/v1/private-talk-offers/{offer_id}/accept/")
    assert refused.status_code == 404 and "continue privately" not in refused.content.decode()
    assert api(people["member_b"]).post(f"/api/v1/posts/{post.pk}/private-talk-offers/", {"message": "x"}, format="json").status_code == 403
    listed = api(people["member_a"]).get("/api/v1/private-talk-offers/").json()["results"]
    assert [o["id"] for o in listed] == [offer_id]
    accepted = api(people["member_a"]).post(f"/api/v1/private-talk-offers/{offer_id}/accept/").json()
    assert accepted["status"] == "accepted" and accepted["conversation"]
    wrong = api(UserFactory(roles=[Role.COUNSELLOR])).post(
        f"/api/v1/private-talk-offers/{offer_id}/public-post/", {"outcome": "hidden"}, format="json"
    )
    assert wrong.status_code == 403 and "who made the offer" in error(wrong)["message"]
    decided = counsellor.post(f"/api/v1/private-talk-offers/{offer_id}/public-post/", {"outcome": "anonymised"}, format="json")
    assert decided.status_code == 200 and decided.json()["public_post"] == "anonymised"
    assert people["member_a"].display_name not in api(people["member_b"]).get(f"/api/v1/threads/{thread.pk}/").content.decode()


def test_referral_and_follow_ups_through_the_api(api, people, space_at):
    service = ReferralService.objects.create(name="Ohjaamo", helps_with="Study and work", contact="https://ohjaamot.fi/")
    thread = converse(space_at(Tier.APPLICATION), people["member_a"])
    counsellor = api(people["counsellor"])
    assert [s["name"] for s in counsellor.get("/api/v1/referral-services/").json()] == ["Ohjaamo"]
    assert api(people["member_a"]).get("/api/v1/referral-services/").status_code == 403
    made = counsellor.post(f"/api/v1/conversations/{thread.pk}/referrals/", {"service": service.pk, "follow_up_days": 0}, format="json")
    assert made.status_code == 400 and "follow_up_days" in error(made)["fields"]
    made = counsellor.post(f"/api/v1/conversations/{thread.pk}/referrals/", {"service": service.pk, "note": "Ask for Mia."}, format="json")
    assert made.status_code == 201
    member_view = api(people["member_a"]).get(f"/api/v1/conversations/{thread.pk}/").json()
    assert member_view["referrals"][0]["service"]["contact"] == "https://ohjaamot.fi/"
    refused = api(people["member_a"]).post(f"/api/v1/conversations/{thread.pk}/referrals/", {"service": service.pk}, format="json")
    assert refused.status_code == 403
    assert counsellor.get("/api/v1/follow-ups/").json()["results"] == []  # not due yet
    assert api(UserFactory()).get("/api/v1/follow-ups/").status_code == 403
