"""A thread page as each reader sees it: reaction counts, their own reactions, endorsements (mutation survivors)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from community import selectors, services
from community.models import FollowLevel, ModerationState, PostKind, ReactionKind
from community.tiers import Feature, FeatureUnavailable, Tier
from moderation import services as moderation_services
from moderation.models import ModerationItem
from tests.factories import UpdatePageFactory
from tests.helpers import answer, ask, converse

pytestmark = pytest.mark.django_db


@pytest.fixture
def space(space_at):
    return space_at(Tier.TRANSFORMATION)


@pytest.fixture
def thread(space, people):
    return ask(space, people["member_a"])


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


def test_why_a_post_was_changed_is_told_to_its_author_and_counsellors_only(people, thread):
    """A moderator's note on a post they edited before publishing it reaches no other reader."""
    post = answer(thread, people["member_b"], body="Call me on 20 12 34 56 and I will explain.")
    item = ModerationItem.objects.get(post=post)
    moderation_services.item_edit_and_approve(moderator=people["moderator"], item=item, body="I will explain here.")
    note = "A moderator edited this post before publishing it."
    assert _views(people["member_b"], thread)[post.pk].state_reason == note
    assert _views(people["counsellor"], thread)[post.pk].state_reason == note
    for reader in (people["member_a"], people["peer_guide"], AnonymousUser()):
        assert _views(reader, thread)[post.pk].state_reason == ""


def test_an_update_discussion_opens_with_the_update_and_lists_the_comments(people, space_at):
    space = space_at(Tier.INTEGRATION)
    update = UpdatePageFactory(parent=space, owner=people["counsellor"])
    thread = services.update_thread_open(update_page=update)
    comment = answer(thread, people["counsellor"], body="Evening classes are included.")
    page = selectors.thread_page(user=people["member_b"], thread=thread)
    assert page["opening"].post.kind == PostKind.UPDATE
    assert [view.post.pk for view in page["answers"]] == [comment.pk]


def test_every_message_of_a_conversation_is_listed_in_order(people, space_at):
    conversation = converse(space_at(Tier.APPLICATION), people["member_a"], body="Can we talk about school?")
    reply = answer(conversation, people["counsellor"], body="Of course. What would you like to know?")
    page = selectors.thread_page(user=people["member_a"], thread=conversation)
    first = conversation.posts.order_by("pk").first()
    assert [view.post.pk for view in page["answers"]] == [first.pk, reply.pk]
    assert page["opening"] is None


def test_a_follower_chooses_how_closely_to_follow_a_thread(people, thread, as_user):
    services.follow_set(user=people["member_b"], thread=thread, following=True)
    html = as_user(people["member_b"]).get(reverse("thread_detail", args=[thread.pk])).content.decode()
    for value, label in FollowLevel.choices:
        assert f'<option value="{value}"' in html and f">{label}</option>" in html


# ---------------------------------------------------------------- the co-constructed answer credits everyone, once


def _summary(user, thread):
    return selectors.thread_page(user=user, thread=thread)["summary"]


def _names(summary):
    return [label.name for label in summary.contributors]


def test_the_summary_credits_each_editor_and_each_cited_author_once(people, thread):
    cited = answer(thread, people["peer_guide"], body="Apply through the school's portal before March.")
    services.summary_revise(
        editor=people["counsellor"], thread=thread, body="Apply through the portal before March.", cited_post_ids=[cited.pk]
    )
    services.summary_revise(editor=people["peer_guide"], thread=thread, body="Apply through the portal before 1 March.")
    services.summary_revise(editor=people["counsellor"], thread=thread, body="Apply through the portal by 1 March.")
    summary = _summary(people["member_b"], thread)
    assert _names(summary) == [people["counsellor"].display_name, people["peer_guide"].display_name]
    assert (summary.revision_count, summary.latest_number) == (3, 3)
    assert summary.current.body == "Apply through the portal by 1 March."
    assert summary.current.editor_label.name == people["counsellor"].display_name


def test_two_anonymous_answers_are_credited_apart_so_they_cannot_be_linked(people, space):
    thread = ask(space, people["member_a"], anonymous=True)
    own = [
        answer(thread, people["member_a"], body="Update: I found the portal."),
        answer(thread, people["member_a"], body="Update: the deadline is in March."),
    ]
    services.summary_revise(
        editor=people["counsellor"], thread=thread, body="The portal, before March.", cited_post_ids=[p.pk for p in own]
    )
    labels = _summary(people["member_b"], thread).contributors
    assert [label.hidden for label in labels] == [False, True, True]
    assert people["member_a"].display_name not in _names(_summary(people["member_b"], thread))


def test_a_held_summary_version_credits_nobody_until_it_is_published(people, thread):
    services.summary_revise(editor=people["counsellor"], thread=thread, body="Apply through the portal.")
    thread.space.premoderate_all_posts = True
    thread.space.save()
    services.summary_revise(editor=people["peer_guide"], thread=thread, body="Apply through the portal before March.")
    for reader, versions in (("member_b", 1), ("peer_guide", 2), ("counsellor", 2)):
        summary = _summary(people[reader], thread)
        assert _names(summary) == [people["counsellor"].display_name], reader
        assert (summary.revision_count, summary.latest_number) == (versions, 2), reader
        assert summary.current.body == "Apply through the portal."


def test_a_summary_whose_only_version_is_held_shows_no_text(people, thread):
    thread.space.premoderate_all_posts = True
    thread.space.save()
    services.summary_revise(editor=people["peer_guide"], thread=thread, body="Apply through the portal.")
    summary = _summary(people["member_b"], thread)
    assert summary.current is None and summary.contributors == [] and summary.latest_number == 1
    assert _summary(people["peer_guide"], thread).revision_count == 1


def test_a_summary_whose_first_version_is_all_new_and_removals_show_as_removed(people, thread):
    services.summary_revise(editor=people["counsellor"], thread=thread, body="Apply before March through the portal.")
    services.summary_revise(editor=people["counsellor"], thread=thread, body="Apply through the portal.")
    newest, first = selectors.summary_history_for_user(user=people["member_b"], thread=thread)
    assert first.changes == [("insert", "Apply before March through the portal.")]
    assert [(op, text.strip()) for op, text in newest.changes if op != "equal"] == [("delete", "before March")]
    assert "".join(text for op, text in newest.changes if op == "equal") == "Apply through the portal."


def test_one_changed_word_in_a_long_summary_shows_as_that_word_only(people, thread):
    words = [f"step{i % 37}" for i in range(130)]
    old = " ".join(words)
    new = " ".join(["changed" if i == 5 else word for i, word in enumerate(words)])
    services.summary_revise(editor=people["counsellor"], thread=thread, body=old)
    services.summary_revise(editor=people["counsellor"], thread=thread, body=new)
    newest, _first = selectors.summary_history_for_user(user=people["member_b"], thread=thread)
    assert [change for change in newest.changes if change[0] != "equal"] == [("delete", "step5"), ("insert", "changed")]


def test_a_question_without_a_co_constructed_answer_has_an_empty_history(people, thread, as_user):
    assert selectors.summary_history_for_user(user=people["member_b"], thread=thread) == []
    response = as_user(people["member_b"]).get(reverse("summary_history", args=[thread.pk]))
    assert response.status_code == 200


def test_the_wall_lists_each_question_with_its_asker(people, space):
    asked = ask(space, people["member_a"], title="Where do I find EUX schools?")
    [listed] = selectors.wall_feed(user=people["member_b"], space=space).object_list
    assert listed.pk == asked.pk
    assert listed.question.kind == PostKind.QUESTION and listed.question.body == "I want to know how applying works."
    assert listed.author_label.name == people["member_a"].display_name


def test_a_space_below_the_walls_level_has_no_wall_to_list(people, space_at, api):
    low = space_at(Tier.APPLICATION)
    with pytest.raises(FeatureUnavailable) as refusal:
        selectors.wall_threads(user=people["member_b"], space=low)
    assert refusal.value.feature == Feature.WALL_QUESTIONS
    response = api(people["member_b"]).get(f"/api/v1/spaces/{low.pk}/threads/")
    assert response.status_code == 403
    assert "Ask questions on the wall" in response.content.decode()


def test_earlier_versions_of_an_answer_that_were_never_shown_are_for_counsellors_only(people, thread):
    post = answer(thread, people["member_b"], body="Call me on 20 12 34 56 and I will explain.")
    services.post_edit(editor=people["member_b"], post=post, body="I will explain here: start with the guide.")
    item = ModerationItem.objects.get(post=post, status="open")
    moderation_services.item_approve(moderator=people["moderator"], item=item)
    post.refresh_from_db()
    services.post_edit(editor=people["member_b"], post=post, body="I will explain here: start with the school's guide.")
    post.refresh_from_db()
    seen_by_member = [r.body for r in selectors.post_revisions(user=people["member_a"], post=post)]
    assert seen_by_member == ["I will explain here: start with the guide."]
    seen_by_counsellor = {r.body for r in selectors.post_revisions(user=people["counsellor"], post=post)}
    assert "Call me on 20 12 34 56 and I will explain." in seen_by_counsellor
    assert "I will explain here: start with the guide." in seen_by_counsellor


def test_the_history_of_a_private_message_is_for_counsellors_only(people, space_at):
    conversation = converse(space_at(Tier.APPLICATION), people["member_a"], body="Can we talk about school?")
    message = conversation.posts.get()
    services.post_edit(editor=people["member_a"], post=message, body="Can we talk about school, please?")
    message.refresh_from_db()
    with pytest.raises(PermissionDenied):
        selectors.post_revisions(user=people["member_a"], post=message)
    assert [r.body for r in selectors.post_revisions(user=people["counsellor"], post=message)] == [
        "Can we talk about school?"
    ]


def test_an_updates_discussion_page_shows_the_update_itself(space, people, as_user):
    counsellor = people["counsellor"]
    update = UpdatePageFactory(parent=space, owner=counsellor, title="Open day at the technical college")
    discussion = services.update_thread_open(update_page=update)
    page = as_user(people["member_a"]).get(reverse("thread_detail", args=[discussion.pk])).content.decode()
    assert "<h1>Open day at the technical college</h1>" in page
    assert 'id="update-text"' in page
    assert f'<a href="{update.url}">Read the update</a>' in page
    assert counsellor.display_name in page[page.index('id="update-text"') :]


def test_a_wall_questions_page_has_its_title_and_no_update(space, people, as_user, thread):
    page = as_user(people["member_b"]).get(reverse("thread_detail", args=[thread.pk])).content.decode()
    assert f"<h1>{thread.title}</h1>" in page
    assert 'id="update-text"' not in page
