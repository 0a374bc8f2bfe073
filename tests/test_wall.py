"""The wall: asking, the feed and its filters, moderation states, edits, withdrawal, follows."""

import pytest
from django.urls import reverse

from community import selectors, services
from community.models import Follow, ModerationState, Post, ReactionKind, Thread
from community.tiers import Tier
from tests.helpers import answer, ask

pytestmark = pytest.mark.django_db


@pytest.fixture
def space(space_at):
    return space_at(Tier.INTEGRATION)


def titles(page):
    return [thread.title for thread in page.object_list]


class TestAsking:
    def test_similar_questions_are_shown_before_posting(self, as_user, people, space):
        ask(space, people["member_b"], title="How do I apply for EUX electrician?", body="Applying for EUX.")
        client = as_user(people["member_a"])
        response = client.post(
            reverse("wall_ask", args=[space.pk]),
            {"title": "Applying to EUX as an electrician", "body": "When do I apply for EUX?"},
        )
        content = response.content.decode()
        assert response.status_code == 200
        assert "Has someone asked this already?" in content
        assert "How do I apply for EUX electrician?" in content
        assert Thread.objects.count() == 1  # nothing posted yet
        # Confirming posts it, with the text the member typed.
        client.post(
            reverse("wall_ask", args=[space.pk]),
            {"title": "Applying to EUX as an electrician", "body": "When do I apply for EUX?", "confirmed": "True"},
        )
        assert Thread.objects.filter(title="Applying to EUX as an electrician", author=people["member_a"]).exists()

    def test_similar_questions_never_include_private_conversations(self, people, space):
        services.conversation_start(member=people["member_b"], space=space, body="Applying for EUX electrician privately")
        assert selectors.similar_questions(user=people["member_a"], space=space, text="EUX electrician") == []

    def test_the_asker_follows_their_own_question(self, people, space):
        thread = ask(space, people["member_a"])
        assert Follow.objects.filter(user=people["member_a"], thread=thread).exists()


class TestFeed:
    def test_filters(self, people, space):
        unanswered = ask(space, people["member_a"], title="Nobody answered this one")
        peers_only = ask(space, people["member_a"], title="Only peers answered this one")
        answer(peers_only, people["member_b"])
        with_counsellor = ask(space, people["member_b"], title="A counsellor answered this one")
        counsellor_answer = answer(with_counsellor, people["counsellor"])
        for reactor in (people["member_a"], people["peer_guide"]):
            services.reaction_set(user=reactor, post=counsellor_answer, kind=ReactionKind.HELPFUL, on=True)
        user = people["member_a"]

        def feed(name):
            return titles(selectors.wall_feed(user=user, space=space, wall_filter=name))

        assert feed("newest") == [with_counsellor.title, peers_only.title, unanswered.title]
        assert feed("unanswered") == [unanswered.title]
        assert feed("counsellor") == [with_counsellor.title]
        assert feed("helpful")[0] == with_counsellor.title

    def test_the_feed_is_paginated(self, client, people, space):
        for number in range(17):
            ask(space, people["member_a"], title=f"Question number {number:02d}")
        first = client.get(space.url).content.decode()
        second = client.get(space.url, {"page": 2}).content.decode()
        assert "Question number 16" in first and "Question number 00" not in first
        assert "Question number 00" in second
        assert "Page 2 of 2" in second

    def test_private_conversations_never_appear_on_the_wall(self, client, people, space):
        services.conversation_start(member=people["member_a"], space=space, body="Please keep this private")
        assert "Please keep this private" not in client.get(space.url).content.decode()


class TestModerationStates:
    @pytest.fixture
    def premoderated(self, space_factory):
        return space_factory(tier=Tier.INTEGRATION, premoderate_all_posts=True)

    def test_a_held_question_is_seen_by_its_author_and_counsellors_only(self, as_user, people, premoderated):
        thread = ask(premoderated, people["member_a"], title="Held until a counsellor reads it")
        assert thread.state == ModerationState.PENDING
        url = reverse("thread_detail", args=[thread.pk])
        assert as_user(people["member_b"]).get(url).status_code == 404
        assert "Held until" not in as_user(people["member_b"]).get(premoderated.url).content.decode()
        own = as_user(people["member_a"]).get(url).content.decode()
        assert "Waiting for review." in own
        assert "Every post in this space is read by a counsellor" in own
        assert as_user(people["counsellor"]).get(url).status_code == 200

    def test_a_held_answer_is_visible_to_its_author_with_its_state(self, as_user, people, space, premoderated):
        thread = ask(space, people["member_a"])
        Thread.objects.filter(pk=thread.pk).update(space=premoderated)
        held = answer(Thread.objects.get(pk=thread.pk), people["member_b"], body="An answer that waits for review")
        assert held.state == ModerationState.PENDING
        url = reverse("thread_detail", args=[thread.pk])
        assert "An answer that waits for review" not in as_user(people["member_a"]).get(url).content.decode()
        assert "An answer that waits for review" in as_user(people["member_b"]).get(url).content.decode()
        assert "An answer that waits for review" in as_user(people["counsellor"]).get(url).content.decode()

    def test_counsellors_are_never_pre_moderated(self, people, premoderated):
        thread = ask(premoderated, people["counsellor"], title="Posted by a counsellor")
        assert thread.state == ModerationState.PUBLISHED


class TestEditsAndWithdrawal:
    def test_an_edit_keeps_the_earlier_text_for_counsellors(self, as_user, people, space):
        thread = ask(space, people["member_a"])
        post = answer(thread, people["member_b"], body="First version of my answer.")
        as_user(people["member_b"]).post(reverse("post_edit", args=[post.pk]), {"body": "Second, better version."})
        post.refresh_from_db()
        assert post.body == "Second, better version." and post.edited_at
        history = as_user(people["counsellor"]).get(reverse("post_history", args=[post.pk])).content.decode()
        assert "First version of my answer." in history and "Second, better version." in history
        page = as_user(people["member_a"]).get(reverse("thread_detail", args=[thread.pk])).content.decode()
        assert "(edited" in page and "First version" not in page

    def test_editing_a_question_changes_its_title_too(self, as_user, people, space):
        thread = ask(space, people["member_a"])
        question = thread.posts.get(kind="question")
        as_user(people["member_a"]).post(
            reverse("post_edit", args=[question.pk]), {"title": "A clearer title", "body": question.body}
        )
        assert Thread.objects.get(pk=thread.pk).title == "A clearer title"

    def test_withdrawing_hides_but_never_deletes(self, as_user, people, space):
        thread = ask(space, people["member_a"])
        post = answer(thread, people["member_b"], body="I take this back.")
        as_user(people["member_b"]).post(reverse("post_withdraw", args=[post.pk]))
        post.refresh_from_db()
        assert post.state == ModerationState.HIDDEN and post.hidden_reason == "withdrawn"
        assert Post.objects.filter(pk=post.pk).exists()
        url = reverse("thread_detail", args=[thread.pk])
        assert "I take this back." not in as_user(people["member_a"]).get(url).content.decode()
        own = as_user(people["member_b"]).get(url).content.decode()
        assert "I take this back." in own and "Withdrawn by its author" in own

    def test_replies_to_a_withdrawn_answer_stay_readable(self, as_user, people, space):
        thread = ask(space, people["member_a"])
        post = answer(thread, people["member_b"])
        answer(thread, people["peer_guide"], body="A reply that stays", parent=post)
        services.post_withdraw(user=people["member_b"], post=post)
        page = as_user(people["member_a"]).get(reverse("thread_detail", args=[thread.pk])).content.decode()
        assert "This answer is not available." in page
        assert "A reply that stays" in page


class TestFollowing:
    def test_follow_and_unfollow_a_space(self, as_user, people, space):
        client = as_user(people["member_a"])
        client.post(reverse("space_follow", args=[space.pk]), {"follow": "1"})
        assert Follow.objects.filter(user=people["member_a"], space=space).count() == 1
        client.post(reverse("space_follow", args=[space.pk]), {"follow": "1"})  # idempotent
        assert Follow.objects.filter(user=people["member_a"], space=space).count() == 1
        assert "Following this space" in client.get(space.url).content.decode()
        client.post(reverse("space_follow", args=[space.pk]), {"follow": "0"})
        assert not Follow.objects.filter(user=people["member_a"], space=space).exists()

    def test_answering_follows_the_thread(self, people, space):
        thread = ask(space, people["member_a"])
        answer(thread, people["member_b"])
        assert Follow.objects.filter(user=people["member_b"], thread=thread).exists()
