"""Each write rule refused for the wrong user or the wrong thing, with the reason the user reads,
and nothing stored; next to it, the same write by the right user goes through.

Through the services, which web, API and admin views all call.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from knox.models import AuthToken
from rest_framework.test import APIClient

from community import services
from community.models import Endorsement, Follow, Post, Reaction, SummaryRevision
from community.tiers import FeatureUnavailable, Tier
from tests.factories import UpdatePageFactory
from tests.helpers import answer, ask, converse

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_client_for():
    def client_for(user):
        client = APIClient()
        _instance, token = AuthToken.objects.create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        return client

    return client_for


@pytest.fixture
def wall(space_at, people):
    """A level-4 wall question by member A with member B's answer."""
    thread = ask(space_at(Tier.TRANSFORMATION), people["member_a"])
    return thread, thread.posts.get(kind="question"), answer(thread, people["member_b"], body="Apply on the college's page.")


# ---------------------------------------------------------------- a space that is not live


def test_a_space_taken_offline_hides_its_threads_from_everyone(wall, people, api_client_for):
    thread, question, peer_answer = wall
    space = thread.space
    space.live = False
    space.save()
    for role in ("member_a", "member_b", "counsellor"):
        api = api_client_for(people[role])
        for url in (f"/api/v1/threads/{thread.pk}/", f"/api/v1/posts/{peer_answer.pk}/"):
            response = api.get(url)
            assert response.status_code == 404, (role, url)
            assert "Apply on the college" not in response.content.decode()
    with pytest.raises(Http404):
        services.follow_set(user=people["member_b"], space=space, following=True)
    assert not Follow.objects.filter(user=people["member_b"], space=space).exists()


# ---------------------------------------------------------------- starting


def test_counsellors_answer_conversations_they_do_not_start_them(people, space_at):
    with pytest.raises(PermissionDenied, match="started by members"):
        converse(space_at(Tier.APPLICATION), people["counsellor"])
    converse(space_at(Tier.APPLICATION), people["member_a"])  # a member may


def test_a_private_conversation_opens_at_level_2(people, space_at):
    with pytest.raises(FeatureUnavailable):
        converse(space_at(Tier.EMERGENCE), people["member_a"])


# ---------------------------------------------------------------- replies


class TestReplies:
    def test_a_reply_goes_under_an_answer_of_the_same_thread(self, wall, people, space_at):
        thread, question, peer_answer = wall
        reply = answer(thread, people["member_a"], body="Thanks, that helps.", parent=peer_answer)
        assert reply.parent_id == peer_answer.pk
        with pytest.raises(PermissionDenied, match="one level deep"):
            answer(thread, people["member_b"], body="A reply to a reply.", parent=reply)
        with pytest.raises(PermissionDenied, match="one level deep"):
            answer(thread, people["member_b"], body="A reply to the question.", parent=question)
        other = ask(space_at(Tier.TRANSFORMATION), people["member_b"], title="Another question here")
        with pytest.raises(PermissionDenied, match="same thread"):
            answer(other, people["member_a"], body="Misplaced reply.", parent=peer_answer)
        assert Post.objects.filter(parent__isnull=False).count() == 1

    def test_no_reply_to_an_answer_that_is_not_published(self, wall, people):
        thread, _question, peer_answer = wall
        services.post_withdraw(user=people["member_b"], post=peer_answer)
        with pytest.raises((PermissionDenied, Http404)):
            answer(thread, people["counsellor"], body="Replying anyway.", parent=Post.objects.get(pk=peer_answer.pk))
        assert not Post.objects.filter(parent=peer_answer).exists()

    def test_messages_in_a_conversation_are_not_replies(self, people, space_at):
        thread = converse(space_at(Tier.APPLICATION), people["member_a"])
        first = thread.posts.get()
        with pytest.raises(PermissionDenied, match="not replies"):
            answer(thread, people["counsellor"], body="In reply.", parent=first)
        answer(thread, people["counsellor"], body="Not as a reply.")


# ---------------------------------------------------------------- editing and withdrawing


class TestEditingAndWithdrawing:
    def test_only_the_author_edits_and_withdraws(self, wall, people):
        _thread, _question, peer_answer = wall
        for other in ("member_a", "peer_guide", "counsellor"):
            with pytest.raises(PermissionDenied, match="your own posts"):
                services.post_edit(editor=people[other], post=peer_answer, body="Rewritten by someone else.")
            with pytest.raises(PermissionDenied, match="your own posts"):
                services.post_withdraw(user=people[other], post=peer_answer)
        assert Post.objects.get(pk=peer_answer.pk).body == "Apply on the college's page."
        edited = services.post_edit(editor=people["member_b"], post=peer_answer, body="Apply on the college's own page.")
        assert edited.body == "Apply on the college's own page."

    def test_a_withdrawn_post_is_neither_edited_nor_withdrawn_again(self, wall, people):
        _thread, _question, peer_answer = wall
        services.post_withdraw(user=people["member_b"], post=peer_answer)
        post = Post.objects.get(pk=peer_answer.pk)
        with pytest.raises(PermissionDenied, match="hidden and can no longer be edited"):
            services.post_edit(editor=people["member_b"], post=post, body="Back again.")
        with pytest.raises(PermissionDenied, match="already hidden"):
            services.post_withdraw(user=people["member_b"], post=post)
        assert Post.objects.get(pk=peer_answer.pk).body == "Apply on the college's page."

    def test_an_update_is_edited_and_unpublished_in_the_counsellor_area(self, people, space_at):
        space = space_at(Tier.TRANSFORMATION)
        thread = services.update_thread_open(update_page=UpdatePageFactory(parent=space, owner=people["counsellor"]))
        update_post = thread.posts.get(kind="update")
        with pytest.raises(PermissionDenied, match="counsellor area"):
            services.post_edit(editor=update_post.author, post=update_post, body="Changed here.")
        with pytest.raises(PermissionDenied, match="counsellor area"):
            services.post_withdraw(user=update_post.author, post=update_post)

    def test_the_edit_history_of_a_published_answer_is_for_its_readers(self, wall, people, api_client_for):
        _thread, _question, peer_answer = wall
        services.post_edit(editor=people["member_b"], post=peer_answer, body="Apply on the college's own page.")
        for role, status in (("member_b", 200), ("peer_guide", 200), ("counsellor", 200)):
            response = api_client_for(people[role]).get(f"/api/v1/posts/{peer_answer.pk}/revisions/")
            assert response.status_code == status, role
            assert ("Apply on the college's page." in response.content.decode()) is (status == 200), role


# ---------------------------------------------------------------- reactions, helped marks, endorsements


class TestCoConstruction:
    def test_reactions(self, wall, people):
        _thread, question, peer_answer = wall
        with pytest.raises(PermissionDenied, match="your own post"):
            services.reaction_set(user=people["member_b"], post=peer_answer, kind="helpful", on=True)
        with pytest.raises(PermissionDenied, match="Unknown reaction"):
            services.reaction_set(user=people["member_a"], post=peer_answer, kind="angry", on=True)
        assert not Reaction.objects.exists()
        services.reaction_set(user=people["member_a"], post=peer_answer, kind="helpful", on=True)
        assert Reaction.objects.filter(post=peer_answer, user=people["member_a"]).count() == 1

    def test_helped_marks_are_the_askers_on_answers(self, wall, people):
        thread, question, peer_answer = wall
        with pytest.raises(PermissionDenied, match="Only the person who asked"):
            services.helped_mark_set(user=people["peer_guide"], post=peer_answer, helped=True)
        with pytest.raises(PermissionDenied, match="Only answers to a wall question"):
            services.helped_mark_set(user=people["member_a"], post=question, helped=True)
        own = answer(thread, people["member_a"], body="Answering my own question.")
        with pytest.raises(PermissionDenied, match="your own answer"):
            services.helped_mark_set(user=people["member_a"], post=own, helped=True)
        assert not Post.objects.filter(helped_asker=True).exists()
        services.helped_mark_set(user=people["member_a"], post=peer_answer, helped=True)
        assert Post.objects.get(pk=peer_answer.pk).helped_asker

    def test_comments_under_an_update_are_not_marked_as_helped(self, people, space_at):
        space = space_at(Tier.TRANSFORMATION)
        thread = services.update_thread_open(update_page=UpdatePageFactory(parent=space, owner=people["counsellor"]))
        comment = answer(thread, people["member_b"], body="Good to know!")
        with pytest.raises(PermissionDenied, match="Only answers to a wall question"):
            services.helped_mark_set(user=people["counsellor"], post=comment, helped=True)

    def test_endorsements(self, wall, people):
        thread, question, peer_answer = wall
        with pytest.raises(PermissionDenied, match="Only answers can be endorsed"):
            services.endorsement_add(endorser=people["counsellor"], post=question)
        with pytest.raises(PermissionDenied, match="Only counsellors, and peer guides"):
            services.endorsement_add(endorser=people["member_a"], post=peer_answer)
        counsellor_answer = answer(thread, people["counsellor"], body="The counsellor's answer.")
        with pytest.raises(PermissionDenied, match="carry their badge"):
            services.endorsement_add(endorser=people["moderator"], post=counsellor_answer)
        guide_answer = answer(thread, people["peer_guide"], body="The peer guide's answer.")
        with pytest.raises(PermissionDenied, match="your own answer"):
            services.endorsement_add(endorser=people["peer_guide"], post=guide_answer)
        assert not Endorsement.objects.exists()
        services.endorsement_add(endorser=people["peer_guide"], post=peer_answer)
        services.endorsement_add(endorser=people["counsellor"], post=guide_answer)
        assert Endorsement.objects.count() == 2

    def test_at_level_3_counsellors_endorse_and_summarise_peer_guides_do_not(self, people, space_at):
        thread = ask(space_at(Tier.INTEGRATION), people["member_a"])
        peer_answer = answer(thread, people["member_b"], body="Apply on the college's page.")
        with pytest.raises(FeatureUnavailable):
            services.endorsement_add(endorser=people["peer_guide"], post=peer_answer)
        with pytest.raises(FeatureUnavailable):
            services.summary_revise(editor=people["peer_guide"], thread=thread, body="The short answer.")
        services.endorsement_add(endorser=people["counsellor"], post=peer_answer)
        services.summary_revise(editor=people["counsellor"], thread=thread, body="The short answer.")
        assert Endorsement.objects.get().endorsed_by == people["counsellor"]
        assert SummaryRevision.objects.get().editor == people["counsellor"]

    def test_members_do_not_write_the_summary_and_conversations_have_none(self, wall, people, space_at):
        thread, _question, _answer = wall
        with pytest.raises(PermissionDenied, match="written by counsellors"):
            services.summary_revise(editor=people["member_a"], thread=thread, body="My summary.")
        conversation = converse(space_at(Tier.TRANSFORMATION), people["member_a"])
        with pytest.raises(PermissionDenied, match="no co-constructed answer"):
            services.summary_revise(editor=people["counsellor"], thread=conversation, body="A summary.")
        assert not SummaryRevision.objects.exists()


# ---------------------------------------------------------------- following, proposing, counsellor work


def test_conversations_are_not_followed(people, space_at):
    conversation = converse(space_at(Tier.APPLICATION), people["member_a"])
    with pytest.raises(PermissionDenied, match="hear about your private conversations"):
        services.follow_set(user=people["member_a"], thread=conversation, following=True)
    assert not Follow.objects.filter(thread=conversation).exists()


def test_counsellors_write_updates_members_propose_them_at_level_4(people, space_at):
    with pytest.raises(PermissionDenied, match="counsellor area"):
        services.update_propose(member=people["counsellor"], space=space_at(Tier.TRANSFORMATION), title="Open day", body="Friday.")
    with pytest.raises(FeatureUnavailable):
        services.update_propose(member=people["member_a"], space=space_at(Tier.INTEGRATION), title="Open day", body="Friday.")


def test_counsellor_work_on_a_wall_thread_is_not_found(wall, people):
    thread, _question, _answer = wall
    with pytest.raises(Http404):
        services.conversation_claim(counsellor=people["counsellor"], thread=thread)
    conversation = converse(thread.space, people["member_a"])
    with pytest.raises(PermissionDenied, match="Only counsellors"):
        services.conversation_claim(counsellor=people["member_a"], thread=conversation)


# ---------------------------------------------------------------- visitors


def test_a_visitor_writes_nothing_even_when_a_service_is_called_directly(wall, people, space_at):
    """Views ask visitors to log in first; the services refuse them too, with the same words."""
    thread, question, peer_answer = wall
    visitor = AnonymousUser()
    before = Post.objects.count()
    with pytest.raises(PermissionDenied, match="Please log in first"):
        answer(thread, visitor, body="A visitor's answer.")
    with pytest.raises(PermissionDenied, match="Please log in first"):
        services.reaction_set(user=visitor, post=peer_answer, kind="helpful", on=True)
    with pytest.raises(PermissionDenied, match="Please log in first"):
        services.post_withdraw(user=visitor, post=peer_answer)
    with pytest.raises(PermissionDenied, match="Please log in first"):
        services.follow_set(user=visitor, thread=thread, following=True)
    with pytest.raises(PermissionDenied, match="Please log in first"):
        services.summary_revise(editor=visitor, thread=thread, body="A visitor's summary.")
    assert Post.objects.count() == before
    assert not Reaction.objects.exists()
    assert Post.objects.get(pk=peer_answer.pk).state == "published"
