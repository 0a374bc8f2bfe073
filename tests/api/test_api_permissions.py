"""The web's permission matrix, repeated through the API: the same rules, because the same services."""

import pytest

from community import services
from community.models import Endorsement, Post, Reaction, SummaryRevision
from community.tiers import Tier
from moderation.models import ModerationItem, Sanction
from tests.api.conftest import error
from tests.factories import UpdatePageFactory
from tests.helpers import answer, ask, converse

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member_a", "member_b", "peer_guide", "counsellor", "moderator"]
OK, LOGIN, FORBIDDEN, MISSING = "ok", "login", "forbidden", "missing"


def outcome(response) -> str:
    if 200 <= response.status_code < 300:
        return OK
    if response.status_code >= 400:
        error(response)  # every refusal is in the one error format
    return {401: LOGIN, 403: FORBIDDEN, 404: MISSING}.get(response.status_code, f"status {response.status_code}")


def client_for(api, role, people):
    return api(None if role == "anonymous" else people[role])


@pytest.fixture
def wall(space_at, people):
    space = space_at(Tier.TRANSFORMATION)
    thread = ask(space, people["member_a"])
    return {"space": space, "thread": thread, "answer": answer(thread, people["member_b"]), "question": thread.posts.get(kind="question")}


WALL = {
    # The same expectations as tests/test_permissions.py, with 401 for visitors.
    "view": [OK, OK, OK, OK, OK, OK],
    "list_posts": [OK, OK, OK, OK, OK, OK],
    "answer": [LOGIN, OK, OK, OK, OK, OK],
    "react_to_question": [LOGIN, FORBIDDEN, OK, OK, OK, OK],
    "mark_helped": [LOGIN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN],
    "endorse": [LOGIN, FORBIDDEN, FORBIDDEN, OK, OK, OK],
    "edit_summary": [LOGIN, FORBIDDEN, FORBIDDEN, OK, OK, OK],
    "edit_answer": [LOGIN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN],
    "withdraw_answer": [LOGIN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN],
    "answer_history": [LOGIN, OK, OK, OK, OK, OK],  # readers see how a published answer changed
    "report_answer": [LOGIN, OK, FORBIDDEN, OK, OK, OK],
    "follow": [LOGIN, OK, OK, OK, OK, OK],
}


def wall_call(action, client, wall):
    thread, peer_answer, question = wall["thread"], wall["answer"], wall["question"]
    return {
        "view": lambda: client.get(f"/api/v1/threads/{thread.pk}/"),
        "list_posts": lambda: client.get(f"/api/v1/threads/{thread.pk}/posts/"),
        "answer": lambda: client.post(f"/api/v1/threads/{thread.pk}/posts/", {"body": "Here is what I know."}, format="json"),
        "react_to_question": lambda: client.put(f"/api/v1/posts/{question.pk}/reactions/me_too/"),
        "mark_helped": lambda: client.put(f"/api/v1/posts/{peer_answer.pk}/helped/"),
        "endorse": lambda: client.post(f"/api/v1/posts/{peer_answer.pk}/endorsements/", {}, format="json"),
        "edit_summary": lambda: client.post(
            f"/api/v1/threads/{thread.pk}/summary/revisions/", {"body": "The short answer.", "based_on": 0}, format="json"
        ),
        "edit_answer": lambda: client.patch(f"/api/v1/posts/{peer_answer.pk}/", {"body": "Changed my answer."}, format="json"),
        "withdraw_answer": lambda: client.post(f"/api/v1/posts/{peer_answer.pk}/withdraw/"),
        "answer_history": lambda: client.get(f"/api/v1/posts/{peer_answer.pk}/revisions/"),
        "report_answer": lambda: client.post(f"/api/v1/posts/{peer_answer.pk}/flags/", {"reason": "spam"}, format="json"),
        "follow": lambda: client.post("/api/v1/follows/", {"thread": thread.pk}, format="json"),
    }[action]()


@pytest.mark.parametrize("action", list(WALL))
@pytest.mark.parametrize("role", ROLES)
def test_wall_matrix(api, people, wall, role, action):
    if action == "answer_history":
        services.post_edit(editor=people["member_b"], post=wall["answer"], body="A better answer.")
    response = wall_call(action, client_for(api, role, people), wall)
    assert outcome(response) == WALL[action][ROLES.index(role)], response.content


def test_refused_writes_change_nothing(api, people, wall):
    for role, action in [
        ("member_b", "mark_helped"),
        ("member_b", "endorse"),
        ("member_b", "edit_summary"),
        ("member_a", "react_to_question"),
        ("member_a", "edit_answer"),
        ("member_a", "withdraw_answer"),
        ("anonymous", "answer"),
    ]:
        wall_call(action, client_for(api, role, people), wall)
    post = Post.objects.get(pk=wall["answer"].pk)
    assert (post.helped_asker, post.state, post.body) == (False, "published", wall["answer"].body)
    assert Post.objects.count() == 2
    assert not Endorsement.objects.exists() and not SummaryRevision.objects.exists() and not Reaction.objects.exists()


class TestAnonymity:
    @pytest.fixture
    def anonymous_question(self, space_at, people):
        thread = ask(space_at(Tier.TRANSFORMATION), people["member_a"], title="Worried about my grades", anonymous=True)
        answer(thread, people["member_a"], body="Adding: it is mostly maths.")
        return thread

    @pytest.mark.parametrize("role", ["anonymous", "member_b", "peer_guide"])
    def test_peers_never_learn_who_asked(self, api, people, anonymous_question, role):
        client = client_for(api, role, people)
        name = people["member_a"].display_name
        for url in (
            f"/api/v1/threads/{anonymous_question.pk}/",
            f"/api/v1/threads/{anonymous_question.pk}/posts/",
            f"/api/v1/spaces/{anonymous_question.space_id}/threads/",
        ):
            text = client.get(url).content.decode()
            assert "Anonymous member" in text and name not in text, url

    @pytest.mark.parametrize("role", ["counsellor", "moderator"])
    def test_counsellors_do(self, api, people, anonymous_question, role):
        body = client_for(api, role, people).get(f"/api/v1/threads/{anonymous_question.pk}/").json()
        assert body["asker"] == {"name": people["member_a"].display_name, "role": "member", "anonymous": True, "is_you": False}


CONVERSATION = {
    "view": [LOGIN, OK, MISSING, MISSING, OK, OK],
    "messages": [LOGIN, OK, MISSING, MISSING, OK, OK],
    "write": [LOGIN, OK, MISSING, MISSING, OK, OK],
    "claim": [LOGIN, FORBIDDEN, MISSING, MISSING, OK, OK],
    "notes": [LOGIN, FORBIDDEN, MISSING, MISSING, OK, OK],
    "add_note": [LOGIN, FORBIDDEN, MISSING, MISSING, OK, OK],
    "stage": [LOGIN, FORBIDDEN, MISSING, MISSING, OK, OK],
    "conclude": [LOGIN, FORBIDDEN, MISSING, MISSING, OK, OK],
    "hand_over": [LOGIN, FORBIDDEN, MISSING, MISSING, OK, OK],
    "as_thread": [MISSING, OK, MISSING, MISSING, OK, OK],
}


@pytest.mark.parametrize("action", list(CONVERSATION))
@pytest.mark.parametrize("role", ROLES)
def test_conversation_matrix(api, people, space_at, role, action):
    thread = converse(space_at(Tier.TRANSFORMATION), people["member_a"])
    colleague = people["moderator"] if role != "moderator" else people["counsellor"]
    client = client_for(api, role, people)
    base = f"/api/v1/conversations/{thread.pk}"
    response = {
        "view": lambda: client.get(f"{base}/"),
        "messages": lambda: client.get(f"{base}/messages/"),
        "write": lambda: client.post(f"{base}/messages/", {"body": "More about my situation."}, format="json"),
        "claim": lambda: client.post(f"{base}/claim/"),
        "notes": lambda: client.get(f"{base}/notes/"),
        "add_note": lambda: client.post(f"{base}/notes/", {"body": "Follow up."}, format="json"),
        "stage": lambda: client.post(f"{base}/stage/", {"stage": "kontrakt"}, format="json"),
        "conclude": lambda: client.post(f"{base}/conclude/", {}, format="json"),
        "hand_over": lambda: client.post(f"{base}/hand-over/", {"to_user": colleague.pk, "note": "Over to you."}, format="json"),
        "as_thread": lambda: client.get(f"/api/v1/threads/{thread.pk}/"),
    }[action]()
    assert outcome(response) == CONVERSATION[action][ROLES.index(role)], response.content


@pytest.mark.parametrize("role", ["member_b", "peer_guide"])
def test_anothers_conversation_is_the_same_404_as_a_missing_one(api, people, space_at, role):
    thread = converse(space_at(Tier.APPLICATION), people["member_a"], body="Something private about my family.")
    client = client_for(api, role, people)
    theirs = client.get(f"/api/v1/conversations/{thread.pk}/")
    missing = client.get(f"/api/v1/conversations/{thread.pk + 1000}/")
    assert theirs.status_code == missing.status_code == 404
    assert theirs.json() == missing.json()
    listed = client.get("/api/v1/conversations/").content.decode()
    assert "Something private" not in listed and thread.title not in listed


def test_notes_never_reach_the_member(api, people, space_at):
    thread = converse(space_at(Tier.APPLICATION), people["member_a"])
    services.conversation_note_add(counsellor=people["counsellor"], thread=thread, body="Seems stressed.")
    member_view = client_for(api, "member_a", people).get(f"/api/v1/conversations/{thread.pk}/").json()
    counsellor_view = client_for(api, "counsellor", people).get(f"/api/v1/conversations/{thread.pk}/").json()
    assert "notes" not in member_view and "Seems stressed." not in str(member_view)
    assert counsellor_view["notes"][0]["body"] == "Seems stressed."


UPDATE = {
    "comment": [LOGIN, OK, OK, OK, OK, OK],
    "react_to_update": [LOGIN, OK, OK, OK, FORBIDDEN, OK],
    "page": [OK, OK, OK, OK, OK, OK],
}


@pytest.mark.parametrize("action", list(UPDATE))
@pytest.mark.parametrize("role", ROLES)
def test_update_matrix(api, people, space_at, role, action):
    space = space_at(Tier.TRANSFORMATION)
    update = UpdatePageFactory(parent=space, owner=people["counsellor"])
    thread = services.update_thread_open(update_page=update)
    update_post = thread.posts.get(kind="update")
    client = client_for(api, role, people)
    response = {
        "comment": lambda: client.post(f"/api/v1/threads/{thread.pk}/posts/", {"body": "Good to know!"}, format="json"),
        "react_to_update": lambda: client.put(f"/api/v1/posts/{update_post.pk}/reactions/helpful/"),
        "page": lambda: client.get(f"/api/v1/pages/{update.pk}/"),
    }[action]()
    assert outcome(response) == UPDATE[action][ROLES.index(role)], response.content


MODERATION = {
    "queue": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "item": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "decide": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "audit": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "sanctions": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK],
    "sanction": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK],
}


@pytest.mark.parametrize("action", list(MODERATION))
@pytest.mark.parametrize("role", ROLES)
def test_moderation_matrix(api, people, space_factory, role, action):
    space = space_factory(tier=Tier.TRANSFORMATION, premoderate_all_posts=True)
    held = answer(ask(space, people["counsellor"], title="Counsellors ask"), people["member_b"], body="Held")
    item = ModerationItem.objects.get(post=held)
    client = client_for(api, role, people)
    response = {
        "queue": lambda: client.get("/api/v1/moderation/queue/"),
        "item": lambda: client.get(f"/api/v1/moderation/queue/{item.pk}/"),
        "decide": lambda: client.post(f"/api/v1/moderation/queue/{item.pk}/decision/", {"action": "approve"}, format="json"),
        "audit": lambda: client.get("/api/v1/moderation/audit/"),
        "sanctions": lambda: client.get("/api/v1/moderation/sanctions/"),
        "sanction": lambda: client.post(
            "/api/v1/moderation/sanctions/", {"member": people["member_b"].pk, "kind": "warning", "reason": "Be kind"}, format="json"
        ),
    }[action]()
    expected = MODERATION[action][ROLES.index(role)]
    assert outcome(response) == expected, response.content
    if action == "decide" and expected != OK:
        assert ModerationItem.objects.get(pk=item.pk).status == "open"
    if action == "sanction" and expected != OK:
        assert not Sanction.objects.exists()


def test_notifications_are_ones_own(api, people, space_at, django_capture_on_commit_callbacks):
    thread = ask(space_at(Tier.INTEGRATION), people["member_a"])
    with django_capture_on_commit_callbacks(execute=True):
        answer(thread, people["member_b"])
    mine = client_for(api, "member_a", people).get("/api/v1/notifications/").json()["results"]
    assert len(mine) == 1
    other = client_for(api, "member_b", people)
    assert other.get("/api/v1/notifications/").json()["results"] == []
    response = other.post(f"/api/v1/notifications/{mine[0]['id']}/read/")
    assert response.status_code == 404
