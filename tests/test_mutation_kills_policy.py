"""Write rules that mutation testing of community/policy.py found untested.

What a member would notice: the refusal names the feature they tried (answering, or discussing an
update), a reply to a post they cannot see is refused as if the post did not exist, and a
conversation is open below its space's level only when a counsellor opened it.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import PermissionDenied
from django.http import Http404

from cms.models import CommunitySpacePage
from community import policy, services
from community.models import CommunityRulesPage, Conversation, ModerationState, Post
from community.roles import GROUP_NAMES, Role, forget_roles
from community.safeguarding import Reconsider
from community.services.outreach import conversation_reach_out
from community.tiers import Feature, Tier
from moderation import services as moderation_services
from tests.factories import UpdatePageFactory
from tests.helpers import answer, ask, converse

pytestmark = pytest.mark.django_db


def lower_to(space, tier):
    """A space's level may be lowered after it has threads; they stay."""
    CommunitySpacePage.objects.filter(pk=space.pk).update(tier=tier)
    return CommunitySpacePage.objects.get(pk=space.pk)


def test_answering_below_level_3_is_refused_in_the_words_of_answering(space_at, people):
    space = space_at(Tier.INTEGRATION)
    thread = ask(space, people["member_a"])
    lower_to(space, Tier.APPLICATION)
    thread.refresh_from_db()
    with pytest.raises(PermissionDenied) as refused:
        answer(thread, people["member_b"])
    assert str(Feature.PEER_ANSWERS.label) in str(refused.value)
    assert thread.posts.count() == 1


def test_discussing_an_update_below_level_3_is_refused_in_the_words_of_discussing(space_at, people, counsellor):
    space = space_at(Tier.INTEGRATION)
    update = UpdatePageFactory(parent=space, owner=counsellor)
    thread = services.update_thread_open(update_page=update)
    lower_to(space, Tier.APPLICATION)
    thread.refresh_from_db()
    before = thread.posts.count()
    with pytest.raises(PermissionDenied) as refused:
        services.post_create(author=people["member_a"], thread=thread, body="Does this include evening classes?")
    assert str(Feature.UPDATE_DISCUSSION.label) in str(refused.value)
    assert thread.posts.count() == before


def test_a_reply_to_an_answer_the_member_cannot_see_is_refused_as_missing(space_at, people, settings):
    thread = ask(space_at(Tier.INTEGRATION), people["member_a"])
    held = answer(thread, people["member_b"], body="A first answer.")
    Post.objects.filter(pk=held.pk).update(state=ModerationState.PENDING)
    held.refresh_from_db()
    with pytest.raises(Http404):
        policy.require_can_post(people["member_a"], thread, held)
    # Its author sees it, and is told why a reply is not possible yet.
    with pytest.raises(PermissionDenied, match="published answer"):
        policy.require_can_post(people["member_b"], thread, held)


def test_an_answer_to_a_question_the_member_cannot_see_is_refused_as_missing(space_at, people):
    space = space_at(Tier.APPLICATION)
    conversation = converse(space, people["member_a"], body="Can we talk?")
    with pytest.raises(Http404):
        policy.require_can_post(people["member_b"], conversation)
    assert conversation.posts.count() == 1


def test_a_conversation_below_its_level_is_open_only_when_a_counsellor_opened_it(space_at, people, counsellor):
    space = space_at(Tier.APPLICATION)
    members_own = converse(space, people["member_a"], body="Can we talk?")
    reached = converse(space, people["member_b"], body="A counsellor wrote first.")
    Conversation.objects.filter(thread=reached).update(opened_by=counsellor)
    space = lower_to(space, Tier.EMERGENCE)
    members_own.refresh_from_db()
    reached.refresh_from_db()
    assert not policy.opened_for_safety(members_own)
    assert policy.opened_for_safety(reached)
    with pytest.raises(PermissionDenied):
        services.post_create(author=people["member_a"], thread=members_own, body="Hello again?")
    services.post_create(author=people["member_b"], thread=reached, body="Thank you for writing.")
    assert reached.posts.filter(body="Thank you for writing.").exists()


def test_a_wall_question_is_never_opened_for_safety(space_at, people):
    thread = ask(space_at(Tier.INTEGRATION), people["member_a"])
    assert policy.opened_for_safety(thread) is False


def test_a_post_in_a_thread_nobody_may_see_is_not_visible(space_at, people):
    space = space_at(Tier.APPLICATION)
    conversation = converse(space, people["member_a"], body="Can we talk?")
    post = conversation.posts.get()
    # can_view_post answers a boolean: False, not a falsy None, for a template or a serializer.
    assert policy.can_view_post(people["member_b"], post) is False
    assert policy.can_view_post(None, post) is False
    assert policy.can_view_post(people["member_a"], post) is True


def test_a_thread_in_an_unpublished_space_is_seen_by_nobody(space_at, people, client, as_user):
    space = space_at(Tier.INTEGRATION)
    thread = ask(space, people["member_a"])
    space.unpublish()
    thread.refresh_from_db()
    for user in (None, people["member_a"], people["counsellor"]):
        assert policy.can_view_thread(user, thread) is False
    with pytest.raises(Http404):
        policy.require_visible_thread(people["member_a"], thread)
    with pytest.raises(Http404):
        answer(thread, people["member_b"])


def test_following_a_question_waiting_for_review_is_refused_as_missing(space_at, people):
    space = space_at(Tier.INTEGRATION)
    space.premoderate_all_posts = True
    space.save()
    thread = ask(space, people["member_a"])
    assert thread.state == ModerationState.PENDING
    with pytest.raises(Http404):
        policy.require_can_follow(people["member_b"], thread=thread)
    policy.require_can_follow(people["member_a"], thread=thread)


def test_an_unconfirmed_e_mail_address_writes_privately_but_not_in_public(space_at, people):
    member = people["member_a"]
    type(member).objects.filter(pk=member.pk).update(email_verified=False)
    member.refresh_from_db()
    with pytest.raises(PermissionDenied, match="confirm your e-mail address"):
        ask(space_at(Tier.INTEGRATION), member, title="Not yet")
    assert converse(space_at(Tier.APPLICATION), member, body="Can we talk?").posts.count() == 1


def test_new_community_rules_are_accepted_before_the_next_public_post(space_at, people, home):
    home.add_child(instance=CommunityRulesPage(title="Community rules", slug="rules", body="<p>Be kind.</p>", version=2))
    member = people["member_a"]
    type(member).objects.filter(pk=member.pk).update(rules_version_accepted=1)
    member = type(member).objects.get(pk=member.pk)
    with pytest.raises(PermissionDenied, match="community rules have changed"):
        ask(space_at(Tier.INTEGRATION), member, title="Not before accepting version two")


def test_starting_a_wall_question_below_level_3_is_refused_in_the_words_of_asking(space_at, people):
    with pytest.raises(PermissionDenied) as refused:
        ask(space_at(Tier.APPLICATION), people["member_a"])
    assert str(Feature.WALL_QUESTIONS.label) in str(refused.value)


def test_a_withdrawn_question_says_it_is_hidden_and_takes_no_answers(space_at, people):
    thread = ask(space_at(Tier.INTEGRATION), people["member_a"])
    services.post_withdraw(user=people["member_a"], post=thread.posts.get())
    thread.refresh_from_db()
    with pytest.raises(PermissionDenied) as refused:
        policy.require_can_post(people["counsellor"], thread)
    assert "hidden" in str(refused.value) and "waiting for review" not in str(refused.value)


def test_the_discussion_of_an_unpublished_update_is_seen_by_counsellors_only(space_at, people, counsellor):
    space = space_at(Tier.INTEGRATION)
    update = UpdatePageFactory(parent=space, owner=counsellor)
    thread = services.update_thread_open(update_page=update)
    assert policy.can_view_thread(people["member_a"], thread)
    update.unpublish()
    thread.refresh_from_db()
    assert thread.state == ModerationState.PUBLISHED  # the thread itself is untouched...
    assert policy.can_view_thread(people["member_a"], thread) is False  # ...but its update is gone
    assert policy.can_view_thread(None, thread) is False
    assert policy.can_view_thread(people["counsellor"], thread) is True


# ---------------------------------------------------------------- acting on a post one cannot see
# Each action on another member's post that is waiting for review answers as for a missing post
# (404), never "you may not" (403), which would tell that the post exists.


@pytest.fixture
def held_answer(space_at, people):
    space = space_at(Tier.TRANSFORMATION)
    thread = ask(space, people["member_a"])
    held = answer(thread, people["member_b"], body="An answer still waiting for review.")
    Post.objects.filter(pk=held.pk).update(state=ModerationState.PENDING)
    held.refresh_from_db()
    return held


def test_nobody_acts_on_an_answer_they_cannot_see(held_answer, people):

    asker, stranger = people["member_a"], people["peer_guide"]
    attempts = {
        "edit": lambda: services.post_edit(editor=asker, post=held_answer, body="Changed by someone else"),
        "withdraw": lambda: services.post_withdraw(user=asker, post=held_answer),
        "react": lambda: services.reaction_set(user=asker, post=held_answer, kind="me_too", on=True),
        "helped": lambda: services.helped_mark_set(user=asker, post=held_answer, helped=True),
        "endorse": lambda: services.endorsement_add(endorser=stranger, post=held_answer),
        "report": lambda: moderation_services.flag_create(user=asker, post=held_answer, reason="spam"),
    }
    for name, attempt in attempts.items():
        with pytest.raises(Http404):
            attempt()
        held_answer.refresh_from_db()
        assert held_answer.body == "An answer still waiting for review.", name
        assert held_answer.state == ModerationState.PENDING, name


def test_a_peer_guide_cannot_write_the_summary_of_a_question_they_cannot_see(space_at, people):
    space = space_at(Tier.TRANSFORMATION)
    space.premoderate_all_posts = True
    space.save()
    thread = ask(space, people["member_a"])
    with pytest.raises(Http404):
        services.summary_revise(editor=people["peer_guide"], thread=thread, body="The short answer.")


def test_a_sanctioned_author_cannot_edit_their_post(space_at, people):

    thread = ask(space_at(Tier.INTEGRATION), people["member_a"])
    post = thread.posts.get()
    moderation_services.sanction_impose(
        moderator=people["moderator"], member=people["member_a"], kind="silence", reason="Repeated insults", days=7
    )
    author = type(people["member_a"]).objects.get(pk=people["member_a"].pk)
    with pytest.raises(PermissionDenied, match="Repeated insults"):
        services.post_edit(editor=author, post=post, body="Edited while silenced")
    post.refresh_from_db()
    assert post.body != "Edited while silenced"


def test_an_answer_is_not_edited_once_its_space_is_below_the_level_of_answers(space_at, people, counsellor):
    space = space_at(Tier.INTEGRATION)
    thread = ask(space, people["member_b"])
    mine = answer(thread, people["member_a"], body="My first answer.")
    reached = converse(space, people["member_a"], body="A counsellor wrote first.")
    Conversation.objects.filter(thread=reached).update(opened_by=counsellor)
    lower_to(space, Tier.EMERGENCE)
    mine = Post.objects.get(pk=mine.pk)
    with pytest.raises(PermissionDenied) as refused:
        services.post_edit(editor=people["member_a"], post=mine, body="My edited answer.")
    assert str(Feature.PEER_ANSWERS.label) in str(refused.value)
    # A conversation a counsellor opened stays open to its member, edits included.
    message = Post.objects.get(thread=reached)
    services.post_edit(editor=people["member_a"], post=message, body="A counsellor wrote first, thank you.")
    assert Post.objects.get(pk=message.pk).body == "A counsellor wrote first, thank you."


def test_replies_are_marked_helpful_and_endorsed_like_answers(space_at, people):
    thread = ask(space_at(Tier.TRANSFORMATION), people["member_a"])
    first = answer(thread, people["member_b"], body="Ask the college.")
    reply = answer(thread, people["member_b"], body="And bring your grades.", parent=first)
    services.helped_mark_set(user=people["member_a"], post=reply, helped=True)
    services.endorsement_add(endorser=people["peer_guide"], post=reply)
    reply.refresh_from_db()
    assert reply.helped_asker
    assert reply.endorsements.filter(endorsed_by=people["peer_guide"]).exists()


def test_a_peer_guide_below_level_4_is_refused_in_the_words_of_co_editing_summaries(space_at, people):
    thread = ask(space_at(Tier.INTEGRATION), people["member_a"])
    with pytest.raises(PermissionDenied) as refused:
        services.summary_revise(editor=people["peer_guide"], thread=thread, body="The short answer.")
    assert str(Feature.PEER_GUIDE_SUMMARIES.label) in str(refused.value)


def test_updates_and_posts_waiting_for_review_cannot_be_reported(space_at, people, counsellor):

    space = space_at(Tier.INTEGRATION)
    update = UpdatePageFactory(parent=space, owner=counsellor)
    thread = services.update_thread_open(update_page=update)
    with pytest.raises(PermissionDenied, match="cannot be reported"):
        moderation_services.flag_create(user=people["member_a"], post=thread.posts.get(), reason="spam")
    # A counsellor sees a held post, but reports are for published ones (moderators decide held ones).
    held = answer(ask(space, people["member_b"]), people["member_b"], body="Held for review.")
    Post.objects.filter(pk=held.pk).update(state=ModerationState.PENDING)
    with pytest.raises(PermissionDenied, match="cannot be reported"):
        moderation_services.flag_create(user=people["counsellor"], post=Post.objects.get(pk=held.pk), reason="spam")


def test_update_discussions_are_not_started_by_hand(space_at, people):
    with pytest.raises(PermissionDenied, match="Update discussions open"):
        policy.require_can_start(people["member_a"], space_at(Tier.TRANSFORMATION), "update")


# ---------------------------------------------------------------- counsellors' tools, refused to the wrong person


def test_reaching_out_is_refused_to_a_closed_account_and_in_an_unpublished_space(space_at, people):
    counsellor, member = people["counsellor"], people["member_a"]
    space = space_at(Tier.APPLICATION)
    type(member).objects.filter(pk=member.pk).update(is_active=False)
    closed = type(member).objects.get(pk=member.pk)
    with pytest.raises(PermissionDenied, match="account is closed"):
        policy.require_can_reach_out(counsellor, member=closed, space=space)
    space.unpublish()
    with pytest.raises(Http404):
        policy.require_can_reach_out(counsellor, member=people["member_b"], space=space)
    # A counsellor whose own e-mail is unconfirmed still reaches out: safety never waits.
    type(counsellor).objects.filter(pk=counsellor.pk).update(email_verified=False)
    unconfirmed = type(counsellor).objects.get(pk=counsellor.pk)
    thread = conversation_reach_out(
        counsellor=unconfirmed, member=people["member_b"], body="I saw your post. How are you doing?",
        space=space_at(Tier.APPLICATION),
    )
    assert thread.posts.count() == 1


@pytest.mark.parametrize("check", ["reach_out", "offer", "decide", "follow_up", "refer", "answer_offer"])
def test_a_visitor_is_asked_to_log_in_before_any_counsellor_tool(check, space_at, people):
    thread = ask(space_at(Tier.INTEGRATION), people["member_a"])
    calls = {
        "reach_out": lambda: policy.require_can_reach_out(None, member=people["member_a"]),
        "offer": lambda: policy.require_can_offer_private_talk(None, thread.posts.get()),
        "decide": lambda: policy.require_can_decide_public_post(None, object()),
        "follow_up": lambda: policy.require_can_follow_up(None, object()),
        "refer": lambda: policy.require_can_refer(None, thread),
        "answer_offer": lambda: policy.require_can_answer_private_talk(None, object()),
    }
    with pytest.raises(PermissionDenied, match="log in"):
        calls[check]()


def test_members_are_told_these_tools_are_for_counsellors(space_at, people):
    member = people["member_a"]

    class Offer:
        counsellor_id, status = people["counsellor"].pk, "accepted"

    class Referral:
        counsellor_id = people["counsellor"].pk

    with pytest.raises(PermissionDenied, match="Only counsellors decide"):
        policy.require_can_decide_public_post(member, Offer())
    with pytest.raises(PermissionDenied, match="Only counsellors follow up"):
        policy.require_can_follow_up(member, Referral())


def test_private_talk_is_offered_on_members_wall_posts_only(space_at, people):
    counsellor = people["counsellor"]
    space = space_at(Tier.INTEGRATION)
    thread = ask(space, people["member_a"])
    by_counsellor = answer(thread, people["counsellor"], body="Ask the college.")
    with pytest.raises(PermissionDenied, match="by a counsellor"):
        policy.require_can_offer_private_talk(counsellor, by_counsellor)
    message = converse(space_at(Tier.APPLICATION), people["member_b"], body="Can we talk?").posts.get()
    with pytest.raises(PermissionDenied, match="Only posts on a wall"):
        policy.require_can_offer_private_talk(counsellor, message)
    question = thread.posts.get(kind="question")
    space.unpublish()
    with pytest.raises(Http404):
        policy.require_can_offer_private_talk(counsellor, Post.objects.get(pk=question.pk))


def test_counsellor_tools_on_a_conversation_in_an_unpublished_space_are_missing(space_at, people):
    space = space_at(Tier.APPLICATION)
    thread = converse(space, people["member_a"], body="Can we talk?")
    space.unpublish()
    thread.refresh_from_db()
    with pytest.raises(Http404):
        policy.require_counsellor_on_conversation(people["counsellor"], thread)


def test_who_wrote_an_anonymous_question_is_for_its_author_and_the_counsellors(space_at, people):
    thread = ask(space_at(Tier.INTEGRATION), people["member_a"], anonymous=True)
    post = thread.posts.get()
    assert policy.sees_anonymous_identity(None, post) is False
    assert policy.sees_anonymous_identity(people["member_b"], post) is False
    assert policy.sees_anonymous_identity(people["member_a"], post) is True
    assert policy.sees_anonymous_identity(people["counsellor"], post) is True


def test_the_history_of_a_post_one_cannot_see_is_missing(held_answer, people):
    with pytest.raises(Http404):
        policy.require_can_see_history(people["member_a"], held_answer)


def test_a_member_cannot_report_the_counsellors_messages_in_their_own_conversation(space_at, people):

    thread = converse(space_at(Tier.APPLICATION), people["member_a"], body="Can we talk?")
    reply = services.post_create(author=people["counsellor"], thread=thread, body="Of course. What is on your mind?")
    with pytest.raises(PermissionDenied, match="read by counsellors already"):
        moderation_services.flag_create(user=people["member_a"], post=reply, reason="spam")


def test_an_endorsement_by_a_peer_guide_is_recorded_as_a_peer_guides(space_at, people):
    thread = ask(space_at(Tier.TRANSFORMATION), people["member_a"])
    peer_answer = answer(thread, people["member_b"], body="Apply on the college's page.")
    endorsement = services.endorsement_add(endorser=people["peer_guide"], post=peer_answer)
    assert endorsement.endorser_role == "peer_guide"
    assert services.endorsement_add(endorser=people["counsellor"], post=peer_answer).endorser_role == "counsellor"


def test_marking_and_endorsing_below_their_level_name_the_feature(space_at, people):
    space = space_at(Tier.TRANSFORMATION)
    thread = ask(space, people["member_a"])
    peer_answer = answer(thread, people["member_b"], body="Apply on the college's page.")
    lower_to(space, Tier.APPLICATION)
    peer_answer = Post.objects.get(pk=peer_answer.pk)
    with pytest.raises(PermissionDenied) as refused:
        services.helped_mark_set(user=people["member_a"], post=peer_answer, helped=True)
    assert str(Feature.HELPED_MARKS.label) in str(refused.value)
    with pytest.raises(PermissionDenied) as refused:
        services.endorsement_add(endorser=people["counsellor"], post=peer_answer)
    assert str(Feature.COUNSELLOR_ENDORSEMENTS.label) in str(refused.value)
    lower_to(space, Tier.INTEGRATION)
    peer_answer = Post.objects.get(pk=peer_answer.pk)
    with pytest.raises(PermissionDenied) as refused:
        services.endorsement_add(endorser=people["peer_guide"], post=peer_answer)
    assert str(Feature.PEER_ENDORSEMENTS.label) in str(refused.value)


def test_which_edits_go_back_to_a_moderator(held_answer, space_at, people, settings):
    assert policy.edit_needs_review(held_answer) == Reconsider.HELD
    fresh = answer(ask(space_at(Tier.INTEGRATION), people["member_a"]), people["member_b"], body="Fresh.")
    assert policy.edit_needs_review(fresh) is Reconsider.NONE
    settings.ANSWER_EDIT_WINDOW_MINUTES = 30
    first = answer(ask(space_at(Tier.INTEGRATION), people["member_a"]), people["member_b"], body="First.")
    reply = answer(first.thread, people["member_b"], body="A reply.", parent=first)
    later = reply.created_at + timedelta(minutes=31)
    assert policy.edit_needs_review_late(reply, now=later) is True
    assert policy.edit_needs_review_late(reply, now=reply.created_at + timedelta(minutes=29)) is False


def test_an_answer_edited_exactly_at_the_end_of_the_window_needs_no_review(space_at, people, settings):
    settings.ANSWER_EDIT_WINDOW_MINUTES = 30
    posted = answer(ask(space_at(Tier.INTEGRATION), people["member_a"]), people["member_b"], body="On time.")
    assert policy.edit_needs_review_late(posted, now=posted.created_at + timedelta(minutes=30)) is False
    assert policy.edit_needs_review_late(posted, now=posted.created_at + timedelta(minutes=30, microseconds=1)) is True


def _make_counsellor(user):
    user.groups.add(Group.objects.get(name=GROUP_NAMES[Role.COUNSELLOR]))
    forget_roles(user)
    return user


def test_a_post_by_someone_who_became_a_counsellor_is_not_moved_to_private_talk(space_at, people):
    """Their old member post was written before the badge; they are a colleague now all the same."""
    thread = ask(space_at(Tier.INTEGRATION), people["member_a"])
    early = answer(thread, people["member_b"], body="I did the same course last year.")
    assert early.author_role != "counsellor"
    _make_counsellor(people["member_b"])
    with pytest.raises(PermissionDenied, match="by a counsellor"):
        policy.require_can_offer_private_talk(people["counsellor"], Post.objects.get(pk=early.pk))


def test_an_account_suspended_before_it_became_a_counsellors_cannot_reach_out(space_at, people):
    suspended = people["member_b"]
    moderation_services.sanction_impose(
        moderator=people["moderator"], member=suspended, kind="suspension", reason="Threats to other members."
    )
    _make_counsellor(suspended)
    with pytest.raises(PermissionDenied):
        policy.require_can_reach_out(suspended, member=people["member_a"], space=space_at(Tier.EMERGENCE))
    policy.require_can_reach_out(people["counsellor"], member=people["member_a"], space=space_at(Tier.EMERGENCE))


def test_an_unconfirmed_address_may_write_privately_only(member):
    type(member).objects.filter(pk=member.pk).update(email_verified=False)
    member.refresh_from_db()
    with pytest.raises(PermissionDenied, match="confirm your e-mail address"):
        policy.require_may_write(member)
    policy.require_may_write(member, private=True)


def test_a_visitor_is_asked_to_log_in_before_writing_even_privately():
    """The policy itself refuses a visitor, whatever the caller checked before: a view or an API
    endpoint that forgot its log-in check must still not let an anonymous write through."""
    for visitor in (None, AnonymousUser()):
        for private in (False, True):
            with pytest.raises(PermissionDenied, match="log in"):
                policy.require_may_write(visitor, private=private)


def test_why_a_post_is_held_is_for_its_author_and_the_counsellors_only(held_answer, people):
    assert policy.sees_state_reason(None, held_answer) is False
    assert policy.sees_state_reason(AnonymousUser(), held_answer) is False
    assert policy.sees_state_reason(people["member_a"], held_answer) is False
    assert policy.sees_state_reason(people["peer_guide"], held_answer) is False
    assert policy.sees_state_reason(people["member_b"], held_answer) is True
    assert policy.sees_state_reason(people["counsellor"], held_answer) is True


def test_nobody_follows_a_question_they_cannot_see(space_at, people):
    thread = ask(space_at(Tier.INTEGRATION), people["member_a"])
    type(thread).objects.filter(pk=thread.pk).update(state=ModerationState.PENDING)
    thread.refresh_from_db()
    with pytest.raises(Http404):
        policy.require_can_follow(people["member_b"], thread=thread)
    # Its author may follow the question they are waiting on.
    policy.require_can_follow(people["member_a"], thread=thread)
