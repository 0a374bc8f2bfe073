"""Through the API: every action at every level, and every list at two sizes with the same query count."""

import pytest

from cms.models import CommunitySpacePage
from community import services
from community.models import Follow, ReactionKind
from community.roles import Role
from community.tiers import Tier
from moderation import services as moderation_services
from tests.api.conftest import error
from tests.factories import InformationPageFactory, UpdatePageFactory, UserFactory
from tests.helpers import answer, ask, converse

pytestmark = pytest.mark.django_db

LEVEL_NAMES = {1: "Emergence", 2: "Application", 3: "Integration", 4: "Transformation"}


@pytest.fixture
def scene(space_at, people):
    space = space_at(Tier.TRANSFORMATION)
    thread = ask(space, people["member_a"])
    update = UpdatePageFactory(parent=space, owner=people["counsellor"])
    return {
        "space": space,
        "thread": thread,
        "answer": answer(thread, people["member_b"]),
        "update_thread": services.update_thread_open(update_page=update),
        "conversation": converse(space, people["member_a"]),
    }


ACTIONS = {
    "follow the space": ("member_a", 1, lambda c, s: c.post("/api/v1/follows/", {"space": s["space"].pk}, format="json")),
    "react to an update": (
        "member_b",
        1,
        lambda c, s: c.put(f"/api/v1/posts/{s['update_thread'].posts.get(kind='update').pk}/reactions/helpful/"),
    ),
    "start a private conversation": (
        "member_b",
        2,
        lambda c, s: c.post("/api/v1/conversations/", {"space": s["space"].pk, "body": "Can we talk?"}, format="json"),
    ),
    "write in a private conversation": (
        "member_a",
        2,
        lambda c, s: c.post(f"/api/v1/conversations/{s['conversation'].pk}/messages/", {"body": "Thanks."}, format="json"),
    ),
    "ask on the wall": (
        "member_b",
        3,
        lambda c, s: c.post(f"/api/v1/spaces/{s['space'].pk}/threads/", {"title": "Which school?", "body": "Tips?"}, format="json"),
    ),
    "answer on the wall": (
        "peer_guide",
        3,
        lambda c, s: c.post(f"/api/v1/threads/{s['thread'].pk}/posts/", {"body": "I know this one."}, format="json"),
    ),
    "reply to an answer": (
        "member_a",
        3,
        lambda c, s: c.post(f"/api/v1/threads/{s['thread'].pk}/posts/", {"body": "Thanks!", "parent": s["answer"].pk}, format="json"),
    ),
    "discuss an update": (
        "member_b",
        3,
        lambda c, s: c.post(f"/api/v1/threads/{s['update_thread'].pk}/posts/", {"body": "For everyone?"}, format="json"),
    ),
    "mark an answer as helpful": ("member_a", 3, lambda c, s: c.put(f"/api/v1/posts/{s['answer'].pk}/helped/")),
    "endorse as a counsellor": (
        "counsellor",
        3,
        lambda c, s: c.post(f"/api/v1/posts/{s['answer'].pk}/endorsements/", {}, format="json"),
    ),
    "write the summary as a counsellor": (
        "counsellor",
        3,
        lambda c, s: c.post(f"/api/v1/threads/{s['thread'].pk}/summary/revisions/", {"body": "Apply early.", "based_on": 0}, format="json"),
    ),
    "endorse as a peer guide": (
        "peer_guide",
        4,
        lambda c, s: c.post(f"/api/v1/posts/{s['answer'].pk}/endorsements/", {}, format="json"),
    ),
    "write the summary as a peer guide": (
        "peer_guide",
        4,
        lambda c, s: c.post(f"/api/v1/threads/{s['thread'].pk}/summary/revisions/", {"body": "Apply early.", "based_on": 0}, format="json"),
    ),
    "propose an update": (
        "member_a",
        4,
        lambda c, s: c.post(f"/api/v1/spaces/{s['space'].pk}/update-proposals/", {"title": "Open day soon", "body": "On 3 March."}, format="json"),
    ),
}


@pytest.mark.parametrize("tier", [1, 2, 3, 4])
@pytest.mark.parametrize("action", list(ACTIONS))
def test_action_opens_exactly_at_its_level(api, people, scene, action, tier):
    role, opens_at, call = ACTIONS[action]
    CommunitySpacePage.objects.filter(pk=scene["space"].pk).update(tier=tier)
    response = call(api(people[role]), scene)
    if tier >= opens_at:
        assert response.status_code in (200, 201), response.content
    else:
        assert response.status_code == 403
        body = error(response)
        assert body["code"] == "feature_unavailable"
        assert f"It opens at level {opens_at} ({LEVEL_NAMES[opens_at]})" in body["message"]
        assert f"this space is at level {tier} ({LEVEL_NAMES[tier]})" in body["message"]


def test_spaces_report_their_level_and_features(api, space_at):
    space = space_at(Tier.APPLICATION)
    body = api().get(f"/api/v1/spaces/{space.pk}/").json()
    assert (body["level"], body["level_name"]) == (2, "Application")
    features = {feature["feature"]: feature["open"] for feature in body["features"]}
    assert features["private_messages"] and not features["wall_questions"]


# ---------------------------------------------------------------- lists at two sizes


def grow_wall(space, n):
    for _ in range(n):
        asker = UserFactory()
        thread = ask(space, asker, anonymous=True)
        peer_answer = answer(thread, UserFactory(roles=[Role.MEMBER, Role.PEER_GUIDE]))
        answer(thread, UserFactory(roles=[Role.COUNSELLOR]))
        services.reaction_set(user=asker, post=peer_answer, kind=ReactionKind.HELPFUL, on=True)


def grow_posts(thread, n):
    for _ in range(n):
        post = answer(thread, UserFactory(roles=[Role.MEMBER, Role.PEER_GUIDE]))
        counsellor = UserFactory(roles=[Role.COUNSELLOR])
        answer(thread, UserFactory(), parent=post)
        services.endorsement_add(endorser=counsellor, post=post)
        services.reaction_set(user=thread.author, post=post, kind=ReactionKind.ME_TOO, on=True)
        services.summary_revise(editor=counsellor, thread=thread, body=f"Summary {post.pk}", cited_post_ids=[post.pk])


def grow_conversations(space, counsellor, n):
    for _ in range(n):
        thread = converse(space, UserFactory())
        services.post_create(author=counsellor, thread=thread, body="Hello")
        converse(space, UserFactory())


def grow_queue(space, n, counsellor):
    thread = ask(space, counsellor, title="Counsellors ask the space")
    for index in range(n):
        answer(thread, UserFactory(), body="I want to die" if index % 2 else "Call me on 20 12 34 56")


LISTS = {
    # name: (who reads, how to make it longer, which address)
    "spaces": ("anonymous", lambda s, p, n: [_space(s) for _ in range(n)], lambda s: "/api/v1/spaces/"),
    "wall": ("member_a", lambda s, p, n: grow_wall(s["space"], n), lambda s: f"/api/v1/spaces/{s['space'].pk}/threads/?filter=helpful"),
    "updates": (
        "anonymous",
        lambda s, p, n: [UpdatePageFactory(parent=s["space"], owner=UserFactory(roles=[Role.COUNSELLOR])) for _ in range(n)],
        lambda s: f"/api/v1/spaces/{s['space'].pk}/updates/",
    ),
    "information": (
        "anonymous",
        lambda s, p, n: [InformationPageFactory(parent=s["space"]) for _ in range(n)],
        lambda s: f"/api/v1/spaces/{s['space'].pk}/information/",
    ),
    "thread posts": ("member_b", lambda s, p, n: grow_posts(s["thread"], n), lambda s: f"/api/v1/threads/{s['thread'].pk}/posts/"),
    "summary revisions": (
        "member_b",
        lambda s, p, n: grow_posts(s["thread"], n),
        lambda s: f"/api/v1/threads/{s['thread'].pk}/summary/revisions/",
    ),
    "endorsements": (
        "member_b",
        lambda s, p, n: [services.endorsement_add(endorser=UserFactory(roles=[Role.COUNSELLOR]), post=s["answer"]) for _ in range(n)],
        lambda s: f"/api/v1/posts/{s['answer'].pk}/endorsements/",
    ),
    "post revisions": (
        "counsellor",
        lambda s, p, n: [services.post_edit(editor=p["member_b"], post=s["answer"], body=f"Edited {index}") for index in range(n)],
        lambda s: f"/api/v1/posts/{s['answer'].pk}/revisions/",
    ),
    "member conversations": (
        "member_a",
        lambda s, p, n: [services.post_create(author=p["counsellor"], thread=converse(s["space"], p["member_a"]), body="Hi") for _ in range(n)],
        lambda s: "/api/v1/conversations/",
    ),
    "team inbox": (
        "counsellor",
        lambda s, p, n: grow_conversations(s["space"], p["counsellor"], n),
        lambda s: "/api/v1/conversations/?tab=waiting",
    ),
    "messages": (
        "counsellor",
        lambda s, p, n: [services.post_create(author=p["counsellor"], thread=s["conversation"], body="More") for _ in range(n)],
        lambda s: f"/api/v1/conversations/{s['conversation'].pk}/messages/",
    ),
    "notes": (
        "counsellor",
        lambda s, p, n: [services.conversation_note_add(counsellor=UserFactory(roles=[Role.COUNSELLOR]), thread=s["conversation"], body="x") for _ in range(n)],
        lambda s: f"/api/v1/conversations/{s['conversation'].pk}/notes/",
    ),
    "follows": (
        "member_a",
        lambda s, p, n: [Follow.objects.create(user=p["member_a"], thread=ask(s["space"], UserFactory())) for _ in range(n)],
        lambda s: "/api/v1/follows/",
    ),
    "notifications": (
        "member_a",
        lambda s, p, n: _notify(s, p, n),
        lambda s: "/api/v1/notifications/",
    ),
    "queue": ("counsellor", lambda s, p, n: grow_queue(s["premoderated"], n, p["counsellor"]), lambda s: "/api/v1/moderation/queue/"),
    "audit": ("counsellor", lambda s, p, n: grow_queue(s["premoderated"], n, p["counsellor"]), lambda s: "/api/v1/moderation/audit/"),
    "sanctions": (
        "moderator",
        lambda s, p, n: [
            moderation_services.sanction_impose(moderator=p["moderator"], member=UserFactory(), kind="warning", reason="x") for _ in range(n)
        ],
        lambda s: "/api/v1/moderation/sanctions/",
    ),
}


def _space(scene):
    from tests.factories import CommunitySpacePageFactory

    return CommunitySpacePageFactory(parent=scene["space"].get_parent())


def _notify(scene, people, n):
    from community.notify import events

    for _ in range(n):
        post = answer(scene["thread"], UserFactory())
        events.run("post_published", post_id=post.pk)


@pytest.fixture
def list_scene(scene, space_factory):
    scene["premoderated"] = space_factory(tier=Tier.TRANSFORMATION, premoderate_all_posts=True)
    return scene


@pytest.mark.parametrize("name", list(LISTS))
def test_lists_cost_the_same_at_two_sizes(api, people, list_scene, count_queries, name):
    role, grow, url = LISTS[name]
    client = api(None if role == "anonymous" else people[role])
    grow(list_scene, people, 2)
    address = url(list_scene)
    assert client.get(address).status_code == 200
    small = count_queries(lambda: client.get(address))
    grow(list_scene, people, 7)
    response = client.get(address)
    assert response.status_code == 200
    assert count_queries(lambda: client.get(address)) == small
