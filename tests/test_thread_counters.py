"""The wall's counters on each thread stay true through every write that changes them."""

from datetime import timedelta

import pytest

from community import services
from community.counters import threads_counters_refresh
from community.models import (
    AuthorRole,
    ModerationState,
    Post,
    PostKind,
    Reaction,
    ReactionKind,
    Thread,
)
from community.services import privacy
from community.tiers import Tier
from moderation import services as moderation_services
from moderation.models import ModerationItem
from tests.factories import TEST_PASSWORD
from tests.helpers import answer, ask

pytestmark = pytest.mark.django_db


def counters(thread) -> tuple[int, int, bool]:
    thread = Thread.objects.get(pk=thread.pk)
    return thread.answer_count, thread.helpful_count, thread.has_counsellor_answer


def recounted(thread) -> tuple[int, int, bool]:
    """The same counters counted from the posts, the slow way the wall no longer does."""
    answers = Post.objects.filter(thread=thread, kind=PostKind.ANSWER, state=ModerationState.PUBLISHED)
    published = Post.objects.filter(thread=thread, state=ModerationState.PUBLISHED)
    helpful = Reaction.objects.filter(post__in=published, kind=ReactionKind.HELPFUL).count()
    return (
        answers.count(),
        helpful + published.filter(helped_asker=True).count(),
        answers.filter(author_role=AuthorRole.COUNSELLOR).exists(),
    )


def assert_counts(thread, expected):
    assert counters(thread) == expected == recounted(thread)


@pytest.fixture
def space(space_at):
    return space_at(Tier.INTEGRATION)


class TestMembersWrites:
    def test_create_react_mark_edit_withdraw(self, people, space):
        thread = ask(space, people["member_a"])
        assert_counts(thread, (0, 0, False))
        peer = answer(thread, people["member_b"])
        assert_counts(thread, (1, 0, False))
        answer(thread, people["member_b"], parent=peer)  # a reply is not an answer
        assert_counts(thread, (1, 0, False))
        by_counsellor = answer(thread, people["counsellor"])
        assert_counts(thread, (2, 0, True))
        services.reaction_set(user=people["member_a"], post=by_counsellor, kind=ReactionKind.HELPFUL, on=True)
        services.reaction_set(user=people["member_b"], post=by_counsellor, kind=ReactionKind.ME_TOO, on=True)
        services.helped_mark_set(user=people["member_a"], post=peer, helped=True)
        assert_counts(thread, (2, 2, True))
        services.reaction_set(user=people["member_a"], post=by_counsellor, kind=ReactionKind.HELPFUL, on=False)
        assert_counts(thread, (2, 1, True))
        services.post_edit(editor=people["member_b"], post=peer, body="A better answer, with a source.")
        assert_counts(thread, (2, 1, True))
        services.post_withdraw(user=people["counsellor"], post=by_counsellor)
        assert_counts(thread, (1, 1, False))
        services.post_withdraw(user=people["member_b"], post=peer)
        assert_counts(thread, (0, 0, False))

    def test_a_published_answer_moves_last_activity_and_a_held_one_does_not(self, settings, people, space_factory):
        thread = ask(space_factory(tier=Tier.TRANSFORMATION, premoderate_all_posts=True), people["counsellor"])
        before = Thread.objects.get(pk=thread.pk).last_activity_at
        answer(thread, people["member_a"])  # held for review
        assert Thread.objects.get(pk=thread.pk).last_activity_at == before
        assert_counts(thread, (0, 0, False))
        answer(thread, people["counsellor"])  # counsellors are not pre-moderated
        assert Thread.objects.get(pk=thread.pk).last_activity_at > before
        assert_counts(thread, (1, 0, True))


class TestModeration:
    @pytest.fixture
    def held_space(self, space_factory):
        return space_factory(tier=Tier.TRANSFORMATION, premoderate_all_posts=True)

    def test_held_then_approved_counts_only_once_approved(self, people, held_space):
        thread = ask(held_space, people["counsellor"])
        post = answer(thread, people["member_a"])
        assert post.state == ModerationState.PENDING
        assert_counts(thread, (0, 0, False))
        moderation_services.item_approve(moderator=people["moderator"], item=ModerationItem.objects.get(post=post))
        assert_counts(thread, (1, 0, False))

    def test_a_rejected_answer_never_counts(self, people, held_space):
        thread = ask(held_space, people["counsellor"])
        post = answer(thread, people["member_a"])
        moderation_services.item_reject(moderator=people["moderator"], item=ModerationItem.objects.get(post=post), reason="off_topic")
        assert_counts(thread, (0, 0, False))

    def test_hidden_by_flags_stops_counting_and_restoring_counts_again(self, settings, people, space):
        settings.MODERATION_FLAG_THRESHOLD = 2
        thread = ask(space, people["member_a"])
        post = answer(thread, people["counsellor"])
        services.reaction_set(user=people["member_a"], post=post, kind=ReactionKind.HELPFUL, on=True)
        assert_counts(thread, (1, 1, True))
        for reporter in (people["member_b"], people["peer_guide"]):
            moderation_services.flag_create(user=reporter, post=post, reason="inappropriate")
        assert Post.objects.get(pk=post.pk).state == ModerationState.HIDDEN
        assert_counts(thread, (0, 0, False))
        moderation_services.item_approve(moderator=people["moderator"], item=ModerationItem.objects.get(post=post))
        assert_counts(thread, (1, 1, True))


class TestErasure:
    def erase(self, member, hide_posts):
        request = privacy.account_erasure_request(user=member, password=TEST_PASSWORD, hide_posts=hide_posts)
        privacy.retention_apply(now=request.due_at + timedelta(minutes=1))

    def test_erasure_takes_the_member_s_reactions_and_hidden_answers_out_of_the_counts(self, people, space):
        thread = ask(space, people["member_b"])
        mine = answer(thread, people["member_a"])
        theirs = answer(thread, people["counsellor"])
        services.reaction_set(user=people["member_a"], post=theirs, kind=ReactionKind.HELPFUL, on=True)
        services.reaction_set(user=people["peer_guide"], post=mine, kind=ReactionKind.HELPFUL, on=True)
        assert_counts(thread, (2, 2, True))
        self.erase(people["member_a"], hide_posts=True)
        assert_counts(thread, (1, 0, True))

    def test_erasure_keeping_posts_keeps_their_answers_counted(self, people, space):
        thread = ask(space, people["member_b"])
        answer(thread, people["member_a"])
        self.erase(people["member_a"], hide_posts=False)
        assert_counts(thread, (1, 0, False))


def test_the_backfill_counts_what_is_already_there(people, space):
    """The migration's backfill uses the same expressions: wiping the counters and recounting restores them."""
    thread = ask(space, people["member_a"])
    post = answer(thread, people["counsellor"])
    services.reaction_set(user=people["member_b"], post=post, kind=ReactionKind.HELPFUL, on=True)
    Thread.objects.update(answer_count=0, helpful_count=0, has_counsellor_answer=False)
    threads_counters_refresh(thread_ids=[thread.pk])
    assert_counts(thread, (1, 1, True))
