"""Whole paths through the API, as an app would walk them (and as the README's curl walk-through does)."""

import pytest
from rest_framework.test import APIClient

from community.models import Notification
from community.selectors.accounts import second_factor_required
from community.tiers import Tier
from tests.factories import TEST_PASSWORD
from tests.helpers import authenticator_code, authenticator_for

pytestmark = pytest.mark.django_db


def token_client(user) -> APIClient:
    client = APIClient()
    credentials = {"username": user.username, "password": TEST_PASSWORD}
    if second_factor_required(user):  # staff send their authenticator app's code too
        authenticator_for(user)
        credentials["otp_code"] = authenticator_code(user)
    token = client.post("/api/v1/auth/token/", credentials, format="json").json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_ask_answer_endorse_summarise_mark_helped_and_read_notifications(
    space_at, member, peer_guide, counsellor, django_capture_on_commit_callbacks
):
    space = space_at(Tier.INTEGRATION)
    asker, peer, guide = token_client(member), token_client(peer_guide), token_client(counsellor)

    with django_capture_on_commit_callbacks(execute=True):
        thread = asker.post(
            f"/api/v1/spaces/{space.pk}/threads/",
            {"title": "Can I work evenings at 16?", "body": "A café offered me evening shifts.", "anonymous": True},
            format="json",
        ).json()
        assert thread["status"] == "published"
        peer_answer = peer.post(f"/api/v1/threads/{thread['id']}/posts/", {"body": "Not at night."}, format="json").json()
        guide.post(f"/api/v1/threads/{thread['id']}/posts/", {"body": "Evenings within limits."}, format="json")
        guide.post(f"/api/v1/posts/{peer_answer['id']}/endorsements/", {"note": "Correct."}, format="json")
        summary = guide.get(f"/api/v1/threads/{thread['id']}/summary/").json()
        created = guide.post(
            f"/api/v1/threads/{thread['id']}/summary/revisions/",
            {"body": "Evenings yes, nights no.", "cited_posts": [peer_answer["id"]], "based_on": summary["latest_number"]},
            format="json",
        )
        assert created.status_code == 201
        assert asker.put(f"/api/v1/posts/{peer_answer['id']}/helped/").status_code == 200

    detail = peer.get(f"/api/v1/threads/{thread['id']}/").json()
    assert detail["asker"]["name"] == "Anonymous member"
    assert detail["summary"]["current"]["body"] == "Evenings yes, nights no."
    assert {c["name"] for c in detail["summary"]["contributors"]} == {counsellor.display_name, peer_guide.display_name}
    posts = peer.get(f"/api/v1/threads/{thread['id']}/posts/").json()["results"]
    endorsed = next(p for p in posts if p["id"] == peer_answer["id"])
    assert endorsed["helped_asker"] and endorsed["endorsements"][0]["note"] == "Correct."
    assert [p["author"]["role"] for p in posts] == ["member", "peer_guide", "counsellor"]

    notifications = asker.get("/api/v1/notifications/").json()["results"]
    assert {n["kind"] for n in notifications} >= {"answer_on_my_question", "summary_updated"}
    assert asker.get("/api/v1/notifications/unread-count/").json() == {"count": len(notifications)}
    asker.post("/api/v1/notifications/read-all/")
    assert asker.get("/api/v1/notifications/unread-count/").json() == {"count": 0}
    peer_notes = {n["kind"] for n in peer.get("/api/v1/notifications/").json()["results"]}
    assert {"endorsed", "marked_helpful"} <= peer_notes
    assert all(member.display_name not in n.description for n in Notification.objects.all())


def test_a_private_conversation_and_the_counsellor_workflow(space_at, member, counsellor, moderator):
    space = space_at(Tier.APPLICATION)
    young, guide = token_client(member), token_client(counsellor)
    conversation = young.post("/api/v1/conversations/", {"space": space.pk, "body": "I can't choose."}, format="json")
    assert conversation.status_code == 201
    conversation_id = conversation.json()["id"]
    inbox = guide.get("/api/v1/conversations/?tab=unassigned").json()["results"]
    assert [c["id"] for c in inbox] == [conversation_id]
    guide.post(f"/api/v1/conversations/{conversation_id}/claim/")
    guide.post(f"/api/v1/conversations/{conversation_id}/stage/", {"stage": "kontrakt"}, format="json")
    guide.post(f"/api/v1/conversations/{conversation_id}/notes/", {"body": "Agreed goal."}, format="json")
    guide.post(f"/api/v1/conversations/{conversation_id}/messages/", {"body": "What do you enjoy?"}, format="json")
    handed = guide.post(
        f"/api/v1/conversations/{conversation_id}/hand-over/", {"to_user": moderator.pk, "note": "Over to you"}, format="json"
    ).json()
    assert handed["counsellor"] == moderator.display_name and handed["stage"] == "kontrakt"
    seen = young.get(f"/api/v1/conversations/{conversation_id}/").json()
    assert [m["body"] for m in seen["messages"]] == ["I can't choose.", "What do you enjoy?"]
    assert "notes" not in seen and "events" not in seen
    twice = guide.post(f"/api/v1/conversations/{conversation_id}/stage/", {"stage": "kontrakt"}, format="json")
    assert twice.status_code == 400 and twice.json()["error"]["fields"] == {"stage": ["The conversation is at this stage already."]}


def test_the_moderation_queue_and_a_decision(space_factory, member, counsellor):
    space = space_factory(tier=Tier.INTEGRATION, premoderate_all_posts=True)
    young, guide = token_client(member), token_client(counsellor)
    thread = young.post(f"/api/v1/spaces/{space.pk}/threads/", {"title": "Held question", "body": "Hello"}, format="json").json()
    assert thread["status"] == "pending"
    queue = guide.get("/api/v1/moderation/queue/").json()["results"]
    assert queue[0]["hits"][0]["rule"] == "space_premoderation"
    decision = guide.post(
        f"/api/v1/moderation/queue/{queue[0]['id']}/decision/", {"action": "reject", "reason": "off_topic"}, format="json"
    )
    assert decision.status_code == 201
    again = guide.post(f"/api/v1/moderation/queue/{queue[0]['id']}/decision/", {"action": "approve"}, format="json")
    assert again.status_code == 400 and "already decided" in again.json()["error"]["message"]
    assert young.get(f"/api/v1/threads/{thread['id']}/").json()["question"]["status"] == "rejected"
    missing_reason = guide.post(f"/api/v1/moderation/queue/{queue[0]['id']}/decision/", {"action": "reject"}, format="json")
    assert missing_reason.status_code == 400
