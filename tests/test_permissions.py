"""Who may do what, in every guidance mode: roles × actions, through the web.

Roles: anonymous, member A (who asked / whose conversation it is), member B,
a peer guide, a counsellor, a moderator. All spaces here are at level 4, so
only the roles decide; tiers are tested in test_tier_enforcement.py.
"""

import pytest
from django.urls import reverse

from community import services
from community.models import Endorsement, Post, Reaction, SummaryRevision
from community.tiers import Tier
from tests.helpers import answer, ask, converse, without_csrf

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member_a", "member_b", "peer_guide", "counsellor", "moderator"]
OK, LOGIN, FORBIDDEN, MISSING = "ok", "login", "forbidden", "missing"


def outcome(response) -> str:
    if response.status_code == 302 and "/log-in/" in response["Location"]:
        return LOGIN
    if response.status_code in (200, 302):
        return OK
    return {403: FORBIDDEN, 404: MISSING}.get(response.status_code, f"status {response.status_code}")


@pytest.fixture
def wall(space_at, people):
    """A level-4 wall question by member A, with an answer by member B."""
    space = space_at(Tier.TRANSFORMATION)
    thread = ask(space, people["member_a"])
    peer_answer = answer(thread, people["member_b"], body="I did it last year: apply on the college's page.")
    return {"space": space, "thread": thread, "answer": peer_answer, "question": thread.posts.get(kind="question")}


def user_for(role, people):
    return None if role == "anonymous" else people[role]


# ---------------------------------------------------------------- wall questions

WALL_EXPECTATIONS = {
    # action: expected outcome per role, in ROLES order
    "view": [OK, OK, OK, OK, OK, OK],
    "answer": [LOGIN, OK, OK, OK, OK, OK],
    "react_to_question": [LOGIN, FORBIDDEN, OK, OK, OK, OK],  # nobody reacts to their own post
    "mark_helped": [LOGIN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN],  # the asker only
    "endorse": [LOGIN, FORBIDDEN, FORBIDDEN, OK, OK, OK],  # counsellors, and peer guides at level 4; never one's own
    "edit_summary": [LOGIN, FORBIDDEN, FORBIDDEN, OK, OK, OK],
    "edit_answer": [LOGIN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN],  # its author only
    "withdraw_answer": [LOGIN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN],
    "answer_history": [LOGIN, OK, OK, OK, OK, OK],  # readers see how a published answer changed
    "follow": [LOGIN, OK, OK, OK, OK, OK],
}


def wall_action(action, client, wall):
    thread, peer_answer, question = wall["thread"], wall["answer"], wall["question"]
    return {
        "view": lambda: client.get(reverse("thread_detail", args=[thread.pk])),
        "answer": lambda: client.post(reverse("thread_answer", args=[thread.pk]), {"body": "Here is what I know."}),
        "react_to_question": lambda: client.post(reverse("post_react", args=[question.pk]), {"kind": "me_too", "on": "1"}),
        "mark_helped": lambda: client.post(reverse("post_helped", args=[peer_answer.pk]), {"helped": "1"}),
        "endorse": lambda: client.post(reverse("post_endorse", args=[peer_answer.pk]), {"note": ""}),
        "edit_summary": lambda: client.post(
            reverse("summary_edit", args=[thread.pk]), {"body": "The short answer.", "based_on": "0"}
        ),
        "edit_answer": lambda: client.post(reverse("post_edit", args=[peer_answer.pk]), {"body": "Changed my answer."}),
        "withdraw_answer": lambda: client.post(reverse("post_withdraw", args=[peer_answer.pk])),
        "answer_history": lambda: client.get(reverse("post_history", args=[peer_answer.pk])),
        "follow": lambda: client.post(reverse("thread_follow", args=[thread.pk]), {"follow": "1"}),
    }[action]()


@pytest.mark.parametrize("action", list(WALL_EXPECTATIONS))
@pytest.mark.parametrize("role", ROLES)
def test_wall_matrix(action, role, as_user, people, wall):
    if action == "answer_history":
        services.post_edit(editor=people["member_b"], post=wall["answer"], body="A better answer.")
    client = as_user(user_for(role, people))
    expected = WALL_EXPECTATIONS[action][ROLES.index(role)]
    assert outcome(wall_action(action, client, wall)) == expected


def test_refusals_leave_nothing_behind(as_user, people, wall):
    """The writes refused in the matrix changed nothing."""
    client = as_user(people["member_b"])
    wall_action("mark_helped", client, wall)
    wall_action("endorse", client, wall)
    wall_action("edit_summary", client, wall)
    client = as_user(people["member_a"])
    wall_action("react_to_question", client, wall)
    wall_action("edit_answer", client, wall)
    wall_action("withdraw_answer", client, wall)
    peer_answer = Post.objects.get(pk=wall["answer"].pk)
    assert not peer_answer.helped_asker
    assert peer_answer.state == "published"
    assert peer_answer.body == "I did it last year: apply on the college's page."
    assert not Endorsement.objects.exists()
    assert not SummaryRevision.objects.exists()
    assert not Reaction.objects.exists()


class TestAnonymousAsker:
    @pytest.fixture
    def anonymous_question(self, space_at, people):
        return ask(
            space_at(Tier.TRANSFORMATION),
            people["member_a"],
            title="Worried about my grades",
            body="My grades dropped this year.",
            anonymous=True,
        )

    @pytest.mark.parametrize("role", ["anonymous", "member_b", "peer_guide"])
    def test_peers_never_see_who_asked(self, role, as_user, people, anonymous_question):
        client = as_user(user_for(role, people))
        name = people["member_a"].display_name
        answer(anonymous_question, people["member_a"], body="Adding: it's mostly maths.")
        for url in (reverse("thread_detail", args=[anonymous_question.pk]), anonymous_question.space.url):
            page = client.get(url).content.decode()
            assert "Anonymous member" in page
            assert name not in page

    @pytest.mark.parametrize("role", ["counsellor", "moderator"])
    def test_counsellors_see_who_asked(self, role, as_user, people, anonymous_question):
        page = as_user(people[role]).get(reverse("thread_detail", args=[anonymous_question.pk])).content.decode()
        assert people["member_a"].display_name in page
        assert "anonymous to members" in page

    def test_the_asker_sees_it_is_them(self, as_user, people, anonymous_question):
        page = as_user(people["member_a"]).get(reverse("thread_detail", args=[anonymous_question.pk])).content.decode()
        assert "anonymous to other members" in page


# ---------------------------------------------------------------- private conversations

CONVERSATION_EXPECTATIONS = {
    "view": [LOGIN, OK, MISSING, MISSING, OK, OK],
    "write": [LOGIN, OK, MISSING, MISSING, OK, OK],
    "claim": [LOGIN, FORBIDDEN, MISSING, MISSING, OK, OK],
    "note": [LOGIN, FORBIDDEN, MISSING, MISSING, OK, OK],
    "stage": [LOGIN, FORBIDDEN, MISSING, MISSING, OK, OK],
    "conclude": [LOGIN, FORBIDDEN, MISSING, MISSING, OK, OK],
    "hand_over": [LOGIN, FORBIDDEN, MISSING, MISSING, OK, OK],
    "team_inbox": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "own_inbox": [LOGIN, OK, OK, OK, OK, OK],
}


def conversation_action(action, client, thread, colleague):
    url = lambda name: reverse(name, args=[thread.pk])  # noqa: E731
    return {
        "view": lambda: client.get(url("conversation_detail")),
        "write": lambda: client.post(url("thread_answer"), {"body": "More about my situation."}),
        "claim": lambda: client.post(url("conversation_claim")),
        "note": lambda: client.post(url("conversation_note"), {"body": "Follow up next week."}),
        "stage": lambda: client.post(url("conversation_stage"), {"stage": "kontrakt"}),
        "conclude": lambda: client.post(url("conversation_conclude")),
        "hand_over": lambda: client.post(url("conversation_hand_over"), {"to_user": colleague.pk, "note": "Over to you."}),
        "team_inbox": lambda: client.get(reverse("counsellor_inbox")),
        "own_inbox": lambda: client.get(reverse("inbox")),
    }[action]()


@pytest.mark.parametrize("action", list(CONVERSATION_EXPECTATIONS))
@pytest.mark.parametrize("role", ROLES)
def test_conversation_matrix(action, role, as_user, people, space_at):
    thread = converse(space_at(Tier.TRANSFORMATION), people["member_a"])
    colleague = people["moderator"] if role != "moderator" else people["counsellor"]
    client = as_user(user_for(role, people))
    expected = CONVERSATION_EXPECTATIONS[action][ROLES.index(role)]
    assert outcome(conversation_action(action, client, thread, colleague)) == expected


@pytest.mark.parametrize("role", ["member_b", "peer_guide"])
def test_anothers_conversation_is_indistinguishable_from_a_missing_one(role, as_user, people, space_at):
    thread = converse(space_at(Tier.APPLICATION), people["member_a"], body="Something private about my family.")
    client = as_user(people[role])
    theirs_url = reverse("conversation_detail", args=[thread.pk])
    missing_url = reverse("conversation_detail", args=[thread.pk + 1000])
    theirs, missing = client.get(theirs_url), client.get(missing_url)
    assert theirs.status_code == missing.status_code == 404
    # The same page, but for the address asked for (echoed in the language switcher).
    assert without_csrf(theirs.content.decode()).replace(theirs_url, "URL") == without_csrf(
        missing.content.decode()
    ).replace(missing_url, "URL")
    assert "Something private" not in theirs.content.decode()
    # Not through the thread page either, nor by answering into it.
    assert client.get(reverse("thread_detail", args=[thread.pk])).status_code == 404
    assert client.post(reverse("thread_answer", args=[thread.pk]), {"body": "hi"}).status_code == 404
    assert Post.objects.filter(thread=thread).count() == 1


def test_internal_notes_never_reach_the_member(as_user, people, space_at):
    thread = converse(space_at(Tier.APPLICATION), people["member_a"])
    services.conversation_note_add(counsellor=people["counsellor"], thread=thread, body="Seems stressed about parents.")
    member_page = as_user(people["member_a"]).get(reverse("conversation_detail", args=[thread.pk])).content.decode()
    counsellor_page = as_user(people["counsellor"]).get(reverse("conversation_detail", args=[thread.pk])).content.decode()
    assert "Seems stressed about parents." in counsellor_page
    assert "Seems stressed about parents." not in member_page
    assert "Internal notes" not in member_page


# ---------------------------------------------------------------- update discussions

UPDATE_EXPECTATIONS = {
    "view": [OK, OK, OK, OK, OK, OK],
    "comment": [LOGIN, OK, OK, OK, OK, OK],
    "react_to_update": [LOGIN, OK, OK, OK, FORBIDDEN, OK],  # the counsellor wrote the update
}


@pytest.mark.parametrize("action", list(UPDATE_EXPECTATIONS))
@pytest.mark.parametrize("role", ROLES)
def test_update_discussion_matrix(action, role, as_user, people, space_at):
    from tests.factories import UpdatePageFactory

    space = space_at(Tier.TRANSFORMATION)
    update = UpdatePageFactory(parent=space, owner=people["counsellor"])
    thread = services.update_thread_open(update_page=update)
    update_post = thread.posts.get(kind="update")
    client = as_user(user_for(role, people))
    response = {
        "view": lambda: client.get(update.url),
        "comment": lambda: client.post(reverse("thread_answer", args=[thread.pk]), {"body": "Good to know!"}),
        "react_to_update": lambda: client.post(reverse("post_react", args=[update_post.pk]), {"kind": "helpful", "on": "1"}),
    }[action]()
    assert outcome(response) == UPDATE_EXPECTATIONS[action][ROLES.index(role)]
