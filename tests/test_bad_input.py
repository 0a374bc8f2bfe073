"""Bad input gets a clear error and changes nothing: never a 500, never a silent drop."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from community import services
from community.models import Endorsement, Post, Reaction, SummaryRevision, Thread
from community.tiers import Tier
from tests.helpers import answer, ask, converse

pytestmark = pytest.mark.django_db


@pytest.fixture
def wall(space_at, people):
    space = space_at(Tier.INTEGRATION)
    thread = ask(space, people["member_a"])
    return {"space": space, "thread": thread, "answer": answer(thread, people["member_b"])}


def counts():
    return (
        Thread.objects.count(),
        Post.objects.count(),
        Reaction.objects.count(),
        Endorsement.objects.count(),
        SummaryRevision.objects.count(),
    )


class TestThroughTheWeb:
    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"title": "", "body": "Some text here"}, "This field is required."),
            ({"title": "Help?", "body": ""}, "This field is required."),
            ({"title": "Hi", "body": "Too short a title"}, "The title needs at least 5 characters."),
            ({"title": "x" * 151, "body": "Too long a title"}, "Ensure this value has at most 150 characters"),
            ({"title": "A fine title", "body": "x" * 5001}, "Ensure this value has at most 5000 characters"),
            ({"title": "     ", "body": "Only spaces in the title"}, "This field is required."),
        ],
    )
    def test_asking_with_bad_input(self, as_user, people, wall, data, message):
        before = counts()
        response = as_user(people["member_b"]).post(reverse("wall_ask", args=[wall["space"].pk]), {**data, "confirmed": "1"})
        assert response.status_code == 400
        assert message in response.content.decode()
        assert counts() == before

    @pytest.mark.parametrize("body", ["", "   \n  ", "x" * 5001])
    def test_answering_with_empty_or_too_long_text(self, as_user, people, wall, body):
        before = counts()
        response = as_user(people["member_b"]).post(reverse("thread_answer", args=[wall["thread"].pk]), {"body": body})
        assert response.status_code == 400
        assert counts() == before

    def test_answering_keeps_the_text_when_it_fails(self, as_user, people, wall):
        text = "My long answer " + "x" * 5000
        response = as_user(people["member_b"]).post(reverse("thread_answer", args=[wall["thread"].pk]), {"body": text})
        assert response.status_code == 400
        assert "My long answer" in response.content.decode()

    @pytest.mark.parametrize(
        "url",
        [
            lambda: reverse("thread_detail", args=[999999]),
            lambda: reverse("thread_answer", args=[999999]),
            lambda: reverse("post_react", args=[999999]),
            lambda: reverse("post_helped", args=[999999]),
            lambda: reverse("post_endorse", args=[999999]),
            lambda: reverse("post_edit", args=[999999]),
            lambda: reverse("post_withdraw", args=[999999]),
            lambda: reverse("summary_edit", args=[999999]),
            lambda: reverse("conversation_detail", args=[999999]),
            lambda: reverse("conversation_claim", args=[999999]),
            lambda: reverse("wall_ask", args=[999999]),
            lambda: reverse("conversation_new", args=[999999]),
        ],
    )
    def test_unknown_ids_are_404(self, as_user, people, url):
        client = as_user(people["counsellor"])
        statuses = {
            client.get(url()).status_code,
            client.post(url(), {"body": "x", "kind": "helpful", "on": "1"}).status_code,
        }
        # 404 for the method the endpoint serves; 405 (wrong method) for the other, if any.
        assert 404 in statuses and statuses <= {404, 405}

    def test_replying_to_an_unknown_answer_is_404(self, as_user, people, wall):
        before = counts()
        response = as_user(people["member_b"]).post(
            reverse("thread_answer", args=[wall["thread"].pk]), {"body": "Hi", "parent": 999999}
        )
        assert response.status_code == 404
        assert counts() == before

    def test_replying_to_an_answer_in_another_thread_is_refused(self, as_user, people, wall):
        other = ask(wall["space"], people["member_b"], title="Another question here")
        elsewhere = answer(other, people["member_a"])
        before = counts()
        response = as_user(people["peer_guide"]).post(
            reverse("thread_answer", args=[wall["thread"].pk]), {"body": "Hi", "parent": elsewhere.pk}
        )
        assert response.status_code == 403
        assert "same thread" in response.content.decode()
        assert counts() == before

    def test_replies_go_one_level_deep(self, as_user, people, wall):
        reply = answer(wall["thread"], people["member_a"], parent=wall["answer"])
        response = as_user(people["peer_guide"]).post(
            reverse("thread_answer", args=[wall["thread"].pk]), {"body": "Deeper", "parent": reply.pk}
        )
        assert response.status_code == 403
        assert "one level deep" in response.content.decode()

    def test_a_second_identical_reaction_is_refused_and_counted_once(self, as_user, people, wall):
        client = as_user(people["peer_guide"])
        url = reverse("post_react", args=[wall["answer"].pk])
        assert client.post(url, {"kind": "helpful", "on": "1"}).status_code == 302
        response = client.post(url, {"kind": "helpful", "on": "1"})
        assert response.status_code == 400
        assert "You have already reacted “Helpful” to this post." in response.content.decode()
        assert Reaction.objects.filter(post=wall["answer"]).count() == 1
        # ...and taking back twice: the second time is refused too.
        assert client.post(url, {"kind": "helpful", "on": "0"}).status_code == 302
        assert client.post(url, {"kind": "helpful", "on": "0"}).status_code == 400
        assert not Reaction.objects.exists()

    def test_an_unknown_reaction_is_refused(self, as_user, people, wall):
        response = as_user(people["peer_guide"]).post(
            reverse("post_react", args=[wall["answer"].pk]), {"kind": "love", "on": "1"}
        )
        assert response.status_code == 403
        assert "Unknown reaction." in response.content.decode()
        assert not Reaction.objects.exists()

    def test_endorsing_ones_own_answer_is_refused(self, as_user, people, space_at):
        thread = ask(space_at(Tier.TRANSFORMATION), people["member_a"])
        own = answer(thread, people["peer_guide"])
        response = as_user(people["peer_guide"]).post(reverse("post_endorse", args=[own.pk]), {"note": "Great answer"})
        assert response.status_code == 403
        assert "You cannot endorse your own answer." in response.content.decode()
        assert not Endorsement.objects.exists()

    def test_endorsing_twice_is_refused(self, as_user, people, wall):
        client = as_user(people["counsellor"])
        url = reverse("post_endorse", args=[wall["answer"].pk])
        assert client.post(url, {"note": "Right"}).status_code == 302
        response = client.post(url, {"note": "Right again"})
        assert response.status_code == 400
        assert "You have already endorsed this answer." in response.content.decode()
        assert Endorsement.objects.get().note == "Right"

    def test_an_endorsement_note_that_is_too_long_is_refused(self, as_user, people, wall):
        response = as_user(people["counsellor"]).post(reverse("post_endorse", args=[wall["answer"].pk]), {"note": "x" * 281})
        assert response.status_code == 400
        assert "at most 280 characters" in response.content.decode()
        assert not Endorsement.objects.exists()

    def test_a_member_writing_the_co_constructed_answer_is_refused_at_every_level(self, as_user, people, space_at):
        for tier in (1, 2, 3, 4):
            space = space_at(Tier.TRANSFORMATION)
            thread = ask(space, people["member_a"], title=f"Question number {tier}")
            space.tier = tier
            space.save()
            response = as_user(people["member_b"]).post(
                reverse("summary_edit", args=[thread.pk]), {"body": "My summary", "based_on": "0"}
            )
            assert response.status_code == 403
        assert not SummaryRevision.objects.exists()

    def test_a_peer_guide_below_level_4_is_told_when_it_opens(self, as_user, people, wall):
        response = as_user(people["peer_guide"]).post(
            reverse("summary_edit", args=[wall["thread"].pk]), {"body": "Summary", "based_on": "0"}
        )
        assert response.status_code == 403
        assert "“Peer guides co-edit summary answers” is not available in this space" in response.content.decode()

    def test_editing_a_summary_someone_else_changed_meanwhile_is_refused(self, as_user, people, wall):
        services.summary_revise(editor=people["counsellor"], thread=wall["thread"], body="First version.")
        services.summary_revise(editor=people["moderator"], thread=wall["thread"], body="Second version.", based_on=1)
        response = as_user(people["counsellor"]).post(
            reverse("summary_edit", args=[wall["thread"].pk]), {"body": "My stale edit.", "based_on": "1"}
        )
        assert response.status_code == 400
        assert "Someone else saved a new version" in response.content.decode()
        assert SummaryRevision.objects.count() == 2

    def test_citing_a_post_from_another_thread_is_refused(self, people, wall):
        other = ask(wall["space"], people["member_b"], title="Another question here")
        elsewhere = answer(other, people["member_a"])
        with pytest.raises(ValidationError) as caught:
            services.summary_revise(
                editor=people["counsellor"], thread=wall["thread"], body="Summary", cited_post_ids=[elsewhere.pk]
            )
        assert "cited_posts" in caught.value.message_dict
        assert not SummaryRevision.objects.exists()

    def test_marking_helped_twice_is_refused(self, as_user, people, wall):
        client = as_user(people["member_a"])
        url = reverse("post_helped", args=[wall["answer"].pk])
        assert client.post(url, {"helped": "1"}).status_code == 302
        response = client.post(url, {"helped": "1"})
        assert response.status_code == 400
        assert "already marked" in response.content.decode()

    def test_an_edit_that_changes_nothing_is_refused(self, as_user, people, wall):
        response = as_user(people["member_b"]).post(
            reverse("post_edit", args=[wall["answer"].pk]), {"body": wall["answer"].body}
        )
        assert response.status_code == 400
        assert "Nothing has changed." in response.content.decode()
        assert not wall["answer"].revisions.exists()

    def test_get_on_a_write_endpoint_is_refused(self, as_user, people, wall):
        assert as_user(people["member_b"]).get(reverse("post_react", args=[wall["answer"].pk])).status_code == 405


class TestConversationWorkflowInput:
    @pytest.fixture
    def conversation(self, space_at, people):
        return converse(space_at(Tier.APPLICATION), people["member_a"])

    def test_claiming_a_claimed_conversation_names_who_has_it(self, as_user, people, conversation):
        services.conversation_claim(counsellor=people["counsellor"], thread=conversation)
        response = as_user(people["moderator"]).post(reverse("conversation_claim", args=[conversation.pk]))
        assert response.status_code == 400
        assert f"{people['counsellor'].display_name} has this conversation" in response.content.decode()
        assert conversation.conversation.__class__.objects.get(thread=conversation).assigned_to == people["counsellor"]

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"to_user": "", "note": "Over to you"}, "Choose a counsellor"),
            ({"to_user": "999999", "note": "Over to you"}, "Choose a counsellor"),
            ({"to_user": "member", "note": "Over to you"}, "Choose a counsellor"),
            ({"to_user": "moderator", "note": ""}, "The handover note cannot be empty."),
        ],
    )
    def test_handing_over_needs_a_colleague_and_a_note(self, as_user, people, conversation, data, message):
        to_user = {"member": str(people["member_b"].pk), "moderator": str(people["moderator"].pk)}.get(
            data["to_user"], data["to_user"]
        )
        response = as_user(people["counsellor"]).post(
            reverse("conversation_hand_over", args=[conversation.pk]), {"to_user": to_user, "note": data["note"]}
        )
        assert response.status_code == 400
        assert message in response.content.decode()
        assert conversation.conversation.__class__.objects.get(thread=conversation).assigned_to is None

    @pytest.mark.parametrize("stage", ["", "kontor", "KONTAKT"])
    def test_an_unknown_stage_is_refused(self, as_user, people, conversation, stage):
        response = as_user(people["counsellor"]).post(reverse("conversation_stage", args=[conversation.pk]), {"stage": stage})
        assert response.status_code == 400
        assert "Choose one of the four stages." in response.content.decode()

    def test_concluding_twice_is_refused(self, as_user, people, conversation):
        client = as_user(people["counsellor"])
        assert client.post(reverse("conversation_conclude", args=[conversation.pk])).status_code == 302
        response = client.post(reverse("conversation_conclude", args=[conversation.pk]))
        assert response.status_code == 400
        assert "concluded already" in response.content.decode()

    def test_an_empty_note_is_refused(self, as_user, people, conversation):
        response = as_user(people["counsellor"]).post(reverse("conversation_note", args=[conversation.pk]), {"body": "  "})
        assert response.status_code == 400
        assert not conversation.conversation.notes.exists()

    def test_counsellors_cannot_start_conversations(self, as_user, people, space_at):
        response = as_user(people["counsellor"]).post(
            reverse("conversation_new", args=[space_at(Tier.APPLICATION).pk]), {"body": "Hello"}
        )
        assert response.status_code == 403
        assert "started by members" in response.content.decode()
        assert not Thread.objects.exists()
