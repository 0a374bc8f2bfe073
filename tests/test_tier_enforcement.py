"""Every action at every level: open from its level up, refused below it with a clear message."""

import pytest
from django.urls import reverse

from cms.models import CommunitySpacePage
from community import services
from community.models import Endorsement, Post, SummaryRevision, Thread
from community.tiers import Tier
from tests.factories import UpdatePageFactory
from tests.helpers import answer, ask, converse

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(space_at, people):
    """Content made while the space was at level 4; each test then sets the level under test."""
    space = space_at(Tier.TRANSFORMATION)
    thread = ask(space, people["member_a"])
    peer_answer = answer(thread, people["member_b"])
    update = UpdatePageFactory(parent=space, owner=people["counsellor"])
    update_thread = services.update_thread_open(update_page=update)
    conversation = converse(space, people["member_a"])
    return {
        "space": space,
        "thread": thread,
        "answer": peer_answer,
        "update": update,
        "update_thread": update_thread,
        "conversation": conversation,
    }


# action: (who does it, the level it opens at, how to do it)
ACTIONS = {
    "follow the space": ("member_a", 1, lambda c, s: c.post(reverse("space_follow", args=[s["space"].pk]), {"follow": "1"})),
    "react to an update": (
        "member_b",
        1,
        lambda c, s: c.post(
            reverse("post_react", args=[s["update_thread"].posts.get(kind="update").pk]), {"kind": "helpful", "on": "1"}
        ),
    ),
    "start a private conversation": (
        "member_b",
        2,
        lambda c, s: c.post(reverse("conversation_new", args=[s["space"].pk]), {"body": "Can we talk about my plans?"}),
    ),
    "write in a private conversation": (
        "member_a",
        2,
        lambda c, s: c.post(reverse("thread_answer", args=[s["conversation"].pk]), {"body": "Thanks for answering."}),
    ),
    "ask on the wall": (
        "member_b",
        3,
        lambda c, s: c.post(
            reverse("wall_ask", args=[s["space"].pk]),
            {"title": "Which school has the best maths?", "body": "Looking for tips.", "confirmed": "1"},
        ),
    ),
    "answer on the wall": (
        "peer_guide",
        3,
        lambda c, s: c.post(reverse("thread_answer", args=[s["thread"].pk]), {"body": "I know this one."}),
    ),
    "reply to an answer": (
        "member_a",
        3,
        lambda c, s: c.post(reverse("thread_answer", args=[s["thread"].pk]), {"body": "Thanks!", "parent": s["answer"].pk}),
    ),
    "discuss an update": (
        "member_b",
        3,
        lambda c, s: c.post(reverse("thread_answer", args=[s["update_thread"].pk]), {"body": "Is this for everyone?"}),
    ),
    "mark an answer as helpful": (
        "member_a",
        3,
        lambda c, s: c.post(reverse("post_helped", args=[s["answer"].pk]), {"helped": "1"}),
    ),
    "endorse as a counsellor": (
        "counsellor",
        3,
        lambda c, s: c.post(reverse("post_endorse", args=[s["answer"].pk]), {"note": ""}),
    ),
    "write the summary as a counsellor": (
        "counsellor",
        3,
        lambda c, s: c.post(reverse("summary_edit", args=[s["thread"].pk]), {"body": "In short: apply early.", "based_on": "0"}),
    ),
    "endorse as a peer guide": (
        "peer_guide",
        4,
        lambda c, s: c.post(reverse("post_endorse", args=[s["answer"].pk]), {"note": ""}),
    ),
    "write the summary as a peer guide": (
        "peer_guide",
        4,
        lambda c, s: c.post(reverse("summary_edit", args=[s["thread"].pk]), {"body": "In short: apply early.", "based_on": "0"}),
    ),
    "propose an update": (
        "member_a",
        4,
        lambda c, s: c.post(
            reverse("update_propose", args=[s["space"].pk]), {"title": "Open day at the tech college", "body": "On 3 March."}
        ),
    ),
}

LEVEL_NAMES = {1: "Emergence", 2: "Application", 3: "Integration", 4: "Transformation"}


def snapshot():
    return (
        Thread.objects.count(),
        Post.objects.count(),
        Endorsement.objects.count(),
        SummaryRevision.objects.count(),
        list(Post.objects.values_list("helped_asker", flat=True).order_by("pk")),
    )


@pytest.mark.parametrize("tier", [1, 2, 3, 4])
@pytest.mark.parametrize("action", list(ACTIONS))
def test_action_opens_exactly_at_its_level(action, tier, scene, people, as_user):
    role, opens_at, do = ACTIONS[action]
    CommunitySpacePage.objects.filter(pk=scene["space"].pk).update(tier=tier)
    client = as_user(people[role])
    before = snapshot()
    response = do(client, scene)
    if tier >= opens_at:
        assert response.status_code == 302, response.content.decode()[:500]
    else:
        assert response.status_code == 403
        message = response.content.decode()
        assert f"It opens at level {opens_at} ({LEVEL_NAMES[opens_at]})" in message
        assert f"this space is at level {tier} ({LEVEL_NAMES[tier]})" in message
        assert snapshot() == before


def test_the_space_page_offers_only_what_its_level_opens(client, as_user, space_at, people):
    as_user(people["member_a"])
    offers = {}
    for tier in (1, 2, 3, 4):
        page = client.get(space_at(tier).url).content.decode()
        offers[tier] = (
            "Ask a question" in page,
            "Write privately to a counsellor" in page,
            "Propose an update" in page,
            "Questions on the wall" in page,
        )
    assert offers == {
        1: (False, False, False, False),
        2: (False, True, False, False),
        3: (True, True, False, True),
        4: (True, True, True, True),
    }


def test_below_level_3_an_update_can_be_reacted_to_but_not_discussed(client, as_user, space_at, people):
    space = space_at(Tier.APPLICATION)
    update = UpdatePageFactory(parent=space, owner=people["counsellor"])
    services.update_thread_open(update_page=update)
    page = as_user(people["member_a"]).get(update.url).content.decode()
    assert 'name="kind" value="helpful"' in page
    assert "Join the discussion" not in page
    assert "opens at level 3" in page
