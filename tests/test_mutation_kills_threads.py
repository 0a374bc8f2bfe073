"""A thread page as each reader sees it: reaction counts, their own reactions, endorsements (mutation survivors)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from community import selectors, services
from community.models import ModerationState, ReactionKind
from community.tiers import Tier
from moderation import services as moderation_services
from tests.helpers import answer, ask, converse

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(space_at, people):
    return ask(space_at(Tier.TRANSFORMATION), people["member_a"])


def _views(user, thread):
    page = selectors.thread_page(user=user, thread=thread)
    return {view.post.pk: view for view in page["answers"] if view.post is not None}


def test_each_answer_shows_its_own_helpful_and_me_too_counts(people, thread):
    first = answer(thread, people["counsellor"], body="Look at the EUX pages of your school.")
    second = answer(thread, people["counsellor"], body="Ask the study counsellor at your school.")
    for member in ("member_a", "member_b"):
        services.reaction_set(user=people[member], post=first, kind=ReactionKind.HELPFUL, on=True)
    services.reaction_set(user=people["member_b"], post=first, kind=ReactionKind.ME_TOO, on=True)
    services.reaction_set(user=people["member_a"], post=second, kind=ReactionKind.ME_TOO, on=True)
    third = answer(thread, people["counsellor"], body="Nobody has reacted to this one yet.")
    views = _views(people["peer_guide"], thread)
    assert (views[first.pk].helpful_count, views[first.pk].me_too_count) == (2, 1)
    assert (views[second.pk].helpful_count, views[second.pk].me_too_count) == (0, 1)
    assert (views[third.pk].helpful_count, views[third.pk].me_too_count) == (0, 0)


def test_a_reader_sees_which_reactions_are_their_own(people, thread):
    first = answer(thread, people["counsellor"], body="Look at the EUX pages of your school.")
    second = answer(thread, people["counsellor"], body="Ask the study counsellor at your school.")
    services.reaction_set(user=people["member_b"], post=first, kind=ReactionKind.HELPFUL, on=True)
    services.reaction_set(user=people["member_b"], post=first, kind=ReactionKind.ME_TOO, on=True)
    services.reaction_set(user=people["member_a"], post=second, kind=ReactionKind.HELPFUL, on=True)
    views = _views(people["member_b"], thread)
    assert views[first.pk].my_reactions == {ReactionKind.HELPFUL, ReactionKind.ME_TOO}
    assert views[second.pk].my_reactions == frozenset()
    assert _views(people["member_a"], thread)[second.pk].my_reactions == {ReactionKind.HELPFUL}
    assert _views(None, thread)[first.pk].my_reactions == frozenset()


def test_an_endorsed_answer_shows_who_vouched_for_it_and_only_that_answer(people, thread):
    endorsed = answer(thread, people["member_b"], body="I applied last year: start with the school's guide.")
    other = answer(thread, people["member_b"], body="And ask the study counsellor too.")
    for post in (endorsed, other):
        post.refresh_from_db()
        assert post.state == ModerationState.PUBLISHED
    services.endorsement_add(endorser=people["counsellor"], post=endorsed, note="Right, and it is free.")
    views = _views(people["member_a"], thread)
    assert [e.note for e in views[endorsed.pk].endorsements] == ["Right, and it is free."]
    # Whoever vouches for an answer does so by name, also to members.
    [by] = [e.by for e in views[endorsed.pk].endorsements]
    assert (by.name, by.hidden, by.is_counsellor) == (people["counsellor"].display_name, False, True)
    assert views[other.pk].endorsements == []
    assert _views(people["counsellor"], thread)[endorsed.pk].endorsed_by_me is True
    assert views[endorsed.pk].endorsed_by_me is False


def test_the_author_may_edit_and_withdraw_their_answer_and_others_may_react_and_report(people, thread):
    own = answer(thread, people["member_b"], body="I applied last year: start with the school's guide.")
    mine = _views(people["member_b"], thread)[own.pk]
    assert (mine.can_edit, mine.can_withdraw, mine.can_react, mine.can_report) == (True, True, False, False)
    theirs = _views(people["peer_guide"], thread)[own.pk]
    assert (theirs.can_edit, theirs.can_withdraw, theirs.can_react, theirs.can_report) == (False, False, True, True)
    # Only the asker marks an answer as having helped them; a plain member endorses nothing.
    asker = _views(people["member_a"], thread)[own.pk]
    assert (asker.can_mark_helped, asker.can_endorse) == (True, False)
    assert _views(people["counsellor"], thread)[own.pk].can_mark_helped is False
    assert _views(people["counsellor"], thread)[own.pk].can_endorse is True
    visitor = _views(AnonymousUser(), thread)[own.pk]
    assert not (visitor.can_edit or visitor.can_withdraw or visitor.can_react or visitor.can_report)


def test_a_silenced_member_may_still_edit_their_own_private_message(people, space_at):
    conversation = converse(space_at(Tier.APPLICATION), people["member_a"], body="Can we talk about school?")
    moderation_services.sanction_impose(
        moderator=people["moderator"], member=people["member_a"], kind="silence", reason="Repeated insults", days=7
    )
    people["member_a"].__dict__.pop("_restriction_cache", None)
    message = conversation.posts.get()
    [view] = selectors.post_views(user=people["member_a"], thread=conversation, posts=[message])
    assert view.can_edit is True


def test_replies_go_under_answers_only_and_history_shows_only_for_an_edited_post(people, thread):
    reply_to = answer(thread, people["counsellor"], body="Look at the EUX pages of your school.")
    own = answer(thread, people["member_b"], body="I applied last year.")
    page = selectors.thread_page(user=people["member_b"], thread=thread)
    views = {view.post.pk: view for view in page["answers"]}
    assert views[reply_to.pk].can_reply is True
    assert page["opening"].can_reply is False  # the question itself is answered, not replied to
    assert views[own.pk].can_see_history is False  # never edited: no earlier versions to show
    services.post_edit(editor=people["member_b"], post=own, body="I applied last year, in March.")
    assert _views(people["member_b"], thread)[own.pk].can_see_history is True


def test_only_counsellors_are_shown_who_anonymous_members_are(people, thread):
    assert selectors.thread_page(user=people["counsellor"], thread=thread)["sees_identities"] is True
    assert selectors.thread_page(user=people["member_b"], thread=thread)["sees_identities"] is False
