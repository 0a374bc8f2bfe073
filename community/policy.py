"""Who may see and do what in the three guidance modes: the one place these rules live.

Selectors use the visibility rules to build querysets; services call the
``require_*`` checks before writing; views and the API only call those. A
refusal is an exception with a message a member can read:

- ``Http404`` when the thing is not visible to the user at all (identical to
  a missing id, so a private conversation's existence never leaks);
- ``FeatureUnavailable`` (a ``PermissionDenied``) when the space's level does
  not open the feature;
- ``PermissionDenied`` with the reason otherwise.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from community import roles, safeguarding
from community.legal import rules_to_accept
from community.models import (
    AuthorRole,
    HiddenReason,
    Mode,
    ModerationState,
    Post,
    PostKind,
    ReactionKind,
    Thread,
)
from community.tiers import Feature, require_space_feature

# ---------------------------------------------------------------- visibility


def visible_threads_q(user) -> Q:
    """Threads the user may open. Private conversations: their member and counsellors only."""
    live = Q(space__live=True)
    if roles.is_counsellor(user):
        return live
    # An update's discussion is open only while the update itself is live (not scheduled, not unpublished).
    public = Q(state=ModerationState.PUBLISHED) & (Q(mode=Mode.WALL) | Q(mode=Mode.UPDATE, update_page__live=True))
    if user is None or not user.is_authenticated:
        return live & public
    return live & (public | Q(author=user, mode__in=[Mode.WALL, Mode.CONVERSATION]))


def visible_posts_q(user) -> Q:
    """Within a visible thread: published posts, plus the user's own in any state; counsellors see all."""
    if roles.is_counsellor(user):
        return Q()
    published = Q(state=ModerationState.PUBLISHED)
    if user is None or not user.is_authenticated:
        return published
    return published | Q(author=user)


def can_view_thread(user, thread: Thread) -> bool:
    if not thread.space.live:
        return False
    if roles.is_counsellor(user):
        return True
    is_author = user is not None and user.is_authenticated and thread.author_id == user.pk
    if thread.mode == Mode.CONVERSATION:
        return is_author
    if thread.mode == Mode.UPDATE:
        return thread.state == ModerationState.PUBLISHED and thread.update_page_id is not None and thread.update_page.live
    return thread.state == ModerationState.PUBLISHED or is_author


def can_view_post(user, post: Post) -> bool:
    if not can_view_thread(user, post.thread):
        return False
    if roles.is_counsellor(user) or post.state == ModerationState.PUBLISHED:
        return True
    return user is not None and user.is_authenticated and post.author_id == user.pk


def require_visible_thread(user, thread: Thread) -> None:
    if not can_view_thread(user, thread):
        raise Http404


def require_visible_post(user, post: Post) -> None:
    if not can_view_post(user, post):
        raise Http404


def sees_state_reason(user, post: Post) -> bool:
    """Why a post is held, rejected or was changed is for its author and the counsellors only."""
    return roles.is_counsellor(user) or (user is not None and user.is_authenticated and post.author_id == user.pk)


def sees_anonymous_identity(user, post: Post) -> bool:
    """Counsellors see who an anonymous member is; peers never do."""
    return roles.is_counsellor(user) or (user is not None and user.is_authenticated and post.author_id == user.pk)


# ---------------------------------------------------------------- writing


def _require_signed_in(user) -> None:
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("Please log in first."))


def require_may_sign_in(user) -> None:
    """A suspended member may not sign in, on the web, in the API or with a token they already hold."""
    restriction = safeguarding.restriction(user)
    if restriction is not None and restriction.blocks_sign_in:
        raise PermissionDenied(restriction.message)


def require_may_write(user, *, private: bool = False) -> None:
    """May this user write now? Signed in, and not silenced or suspended.

    The one answer for every write: posts, notes, reports, names. A silenced member
    may still write privately to the counsellors: safeguarding must never be cut off
    by a sanction. A suspended member cannot write at all.
    """
    _require_signed_in(user)
    restriction = safeguarding.restriction(user)
    if restriction is not None and not (private and not restriction.blocks_sign_in):
        raise PermissionDenied(restriction.message)
    if not private:
        require_verified_email(user)
        require_current_rules_accepted(user)


def require_can_start(user, space, mode: str) -> None:
    """Start a wall question or a private conversation in a space."""
    require_may_write(user, private=mode == Mode.CONVERSATION)
    if mode == Mode.WALL:
        require_space_feature(space, Feature.WALL_QUESTIONS)
    elif mode == Mode.CONVERSATION:
        if roles.is_counsellor(user):
            raise PermissionDenied(_("Private conversations are started by members; counsellors answer them."))
        require_space_feature(space, Feature.PRIVATE_MESSAGES)
    else:
        raise PermissionDenied(_("Update discussions open when a counsellor publishes an update."))


def _thread_write_feature(thread: Thread, parent: Post | None) -> Feature:
    if thread.mode == Mode.CONVERSATION:
        return Feature.PRIVATE_MESSAGES
    if thread.mode == Mode.UPDATE:
        return Feature.UPDATE_DISCUSSION
    return Feature.PEER_ANSWERS


def require_can_post(user, thread: Thread, parent: Post | None = None) -> None:
    """Answer a wall question, comment on an update, reply to an answer, or write in a conversation."""
    require_may_write(user, private=thread.mode == Mode.CONVERSATION)
    require_visible_thread(user, thread)
    if thread.mode == Mode.CONVERSATION:
        if parent is not None:
            raise PermissionDenied(_("Messages in a conversation are not replies to each other."))
    elif thread.state == ModerationState.HIDDEN:
        raise PermissionDenied(_("This question is hidden, so nobody can answer it now."))
    elif thread.state != ModerationState.PUBLISHED:
        raise PermissionDenied(_("This question is waiting for review; answers open once it is published."))
    if parent is not None:
        require_visible_post(user, parent)
        if parent.thread_id != thread.pk:
            raise PermissionDenied(_("You can only reply to an answer in the same thread."))
        if parent.kind != PostKind.ANSWER:
            raise PermissionDenied(_("Replies go one level deep: reply to an answer, not to a reply."))
        if parent.state != ModerationState.PUBLISHED:
            raise PermissionDenied(_("You can only reply to a published answer."))
    if not opened_for_safety(thread):
        require_space_feature(thread.space, _thread_write_feature(thread, parent))


def require_can_edit_post(user, post: Post) -> None:
    require_may_write(user, private=post.thread.mode == Mode.CONVERSATION)
    require_visible_post(user, post)
    if post.author_id != user.pk:
        raise PermissionDenied(_("You can only edit your own posts."))
    if post.state == ModerationState.HIDDEN and post.hidden_reason != HiddenReason.FLAGGED:
        raise PermissionDenied(_("This post is hidden and can no longer be edited."))
    if post.state == ModerationState.REJECTED and post.rejection_final:
        raise PermissionDenied(_("A moderator rejected this post for good; it can no longer be edited."))
    if post.kind == PostKind.UPDATE:
        raise PermissionDenied(_("Updates are edited in the counsellor area."))
    if not opened_for_safety(post.thread):
        require_space_feature(post.thread.space, _thread_write_feature(post.thread, post.parent))


def require_can_withdraw(user, post: Post) -> None:
    _require_signed_in(user)
    require_visible_post(user, post)
    if post.author_id != user.pk:
        raise PermissionDenied(_("You can only withdraw your own posts."))
    if post.kind == PostKind.UPDATE:
        raise PermissionDenied(_("Updates are unpublished in the counsellor area."))
    if post.state == ModerationState.HIDDEN:
        raise PermissionDenied(_("This post is already hidden."))


def require_can_see_history(user, post: Post) -> None:
    """Readers of a published post in a public thread see how it changed (an endorsed answer may have);
    a private conversation's or an unpublished post's history is for counsellors only."""
    require_visible_post(user, post)
    if roles.is_counsellor(user):
        return
    if post.thread.mode == Mode.CONVERSATION or post.state != ModerationState.PUBLISHED:
        raise PermissionDenied(_("Only counsellors can see the edit history of this post."))


def edit_needs_review_late(post: Post, *, now) -> bool:
    """A member's published answer edited after ``ANSWER_EDIT_WINDOW_MINUTES``: a counsellor reads the new
    text before it is shown, because readers (and endorsements) relied on the old one for a while."""
    window = settings.ANSWER_EDIT_WINDOW_MINUTES
    return (
        window is not None
        and post.kind in (PostKind.ANSWER, PostKind.REPLY)
        and post.state == ModerationState.PUBLISHED
        and post.thread.mode != Mode.CONVERSATION
        and post.author_role != AuthorRole.COUNSELLOR
        and now - post.created_at > timedelta(minutes=window)
    )


# ---------------------------------------------------------------- co-construction


def _require_public_published(user, post: Post) -> None:
    require_may_write(user)
    require_visible_post(user, post)
    if post.thread.mode == Mode.CONVERSATION:
        raise PermissionDenied(_("Private messages cannot be reacted to, marked or endorsed."))
    if post.state != ModerationState.PUBLISHED:
        raise PermissionDenied(_("This post is not published."))


def require_can_react(user, post: Post, kind: str) -> None:
    _require_public_published(user, post)
    if kind not in ReactionKind.values:
        raise PermissionDenied(_("Unknown reaction."))
    if post.author_id == user.pk:
        raise PermissionDenied(_("You cannot react to your own post."))
    require_space_feature(post.thread.space, Feature.REACTIONS)


def require_can_mark_helped(user, post: Post) -> None:
    _require_public_published(user, post)
    if post.thread.mode != Mode.WALL or post.kind not in (PostKind.ANSWER, PostKind.REPLY):
        raise PermissionDenied(_("Only answers to a wall question can be marked as helpful."))
    if post.thread.author_id != user.pk:
        raise PermissionDenied(_("Only the person who asked can mark the answers that helped."))
    if post.author_id == user.pk:
        raise PermissionDenied(_("You cannot mark your own answer as helpful."))
    require_space_feature(post.thread.space, Feature.HELPED_MARKS)


def endorser_role(user) -> str:
    return AuthorRole.COUNSELLOR if roles.is_counsellor(user) else AuthorRole.PEER_GUIDE


def require_can_endorse(user, post: Post) -> None:
    _require_public_published(user, post)
    if post.kind not in (PostKind.ANSWER, PostKind.REPLY):
        raise PermissionDenied(_("Only answers can be endorsed."))
    if post.author_id == user.pk:
        raise PermissionDenied(_("You cannot endorse your own answer."))
    if post.author_role == AuthorRole.COUNSELLOR:
        raise PermissionDenied(_("Counsellors' answers carry their badge already; endorse members' answers."))
    if roles.is_counsellor(user):
        require_space_feature(post.thread.space, Feature.COUNSELLOR_ENDORSEMENTS)
    elif roles.is_peer_guide(user):
        require_space_feature(post.thread.space, Feature.PEER_ENDORSEMENTS)
    else:
        raise PermissionDenied(_("Only counsellors, and peer guides at level 4, can endorse answers."))


def require_can_edit_summary(user, thread: Thread) -> None:
    require_may_write(user)
    require_visible_thread(user, thread)
    if thread.mode == Mode.CONVERSATION:
        raise PermissionDenied(_("Private conversations have no co-constructed answer."))
    if thread.state != ModerationState.PUBLISHED:
        raise PermissionDenied(_("This question is waiting for review."))
    if roles.is_counsellor(user):
        require_space_feature(thread.space, Feature.SUMMARY_ANSWERS)
    elif roles.is_peer_guide(user):
        require_space_feature(thread.space, Feature.PEER_GUIDE_SUMMARIES)
    else:
        raise PermissionDenied(
            _("The co-constructed answer is written by counsellors, and by peer guides at level 4.")
        )


def require_can_follow(user, *, space=None, thread: Thread | None = None) -> None:
    _require_signed_in(user)
    if thread is not None:
        require_visible_thread(user, thread)
        if thread.mode == Mode.CONVERSATION:
            raise PermissionDenied(_("You hear about your private conversations anyway."))
        space = thread.space
    if not space.live:
        raise Http404
    require_space_feature(space, Feature.FOLLOW)


def require_can_propose_update(user, space) -> None:
    require_may_write(user)
    if roles.is_counsellor(user):
        raise PermissionDenied(_("Counsellors write updates in the counsellor area."))
    require_space_feature(space, Feature.UPDATE_PROPOSALS)


# ---------------------------------------------------------------- counsellor workflow


def require_counsellor_on_conversation(user, thread: Thread) -> None:
    """Counsellor-only actions on a private conversation (claim, hand over, notes, stage...)."""
    _require_signed_in(user)
    require_visible_thread(user, thread)
    if thread.mode != Mode.CONVERSATION:
        raise Http404
    if not roles.is_counsellor(user):
        raise PermissionDenied(_("Only counsellors can do this."))


# ---------------------------------------------------------------- reports


def require_can_flag(user, post: Post) -> None:
    """Report a published public post that is not one's own."""
    require_may_write(user)
    require_visible_post(user, post)
    if post.thread.mode == Mode.CONVERSATION:
        raise PermissionDenied(_("Private conversations are read by counsellors already."))
    if post.author_id == user.pk:
        raise PermissionDenied(_("You cannot report your own post. You can edit or withdraw it."))
    if post.state != ModerationState.PUBLISHED or post.kind == PostKind.UPDATE:
        raise PermissionDenied(_("This post cannot be reported."))


def edit_needs_review(post: Post) -> safeguarding.Reconsider:
    """Why an edit must go back to a moderator rather than be screened afresh ("" if it need not).

    A decision sticks: rewriting a rejected, held or report-hidden post never publishes it
    on its own; the new text waits for a moderator, linked to the earlier decision.
    """
    if post.state == ModerationState.REJECTED:
        return safeguarding.Reconsider.REJECTED
    if post.state == ModerationState.PENDING:
        return safeguarding.Reconsider.HELD
    if post.state == ModerationState.HIDDEN and post.hidden_reason == HiddenReason.FLAGGED:
        return safeguarding.Reconsider.HIDDEN
    if edit_needs_review_late(post, now=timezone.now()):
        return safeguarding.Reconsider.LATE_EDIT
    return safeguarding.Reconsider.NONE


# ---------------------------------------------------------------- reaching out (issue 10: safety before levels)


def opened_for_safety(thread: Thread) -> bool:
    """A conversation a counsellor opened by reaching out: open whatever the space's level.

    This is the one exception to the level check for private messages: a young
    person a counsellor is worried about must be able to answer, even in a
    space whose level has no private messages.
    """
    if thread.mode != Mode.CONVERSATION:
        return False
    conversation = getattr(thread, "conversation", None)
    return conversation is not None and conversation.opened_by_id is not None


def _require_counsellor(user, message) -> None:
    _require_signed_in(user)
    if not roles.is_counsellor(user):
        raise PermissionDenied(message)


def require_can_reach_out(user, *, member=None, space=None) -> None:
    """A counsellor opens a private conversation with a member, in any live space, whatever its level."""
    _require_counsellor(user, _("Only counsellors can reach out to a member privately."))
    require_may_write(user, private=True)
    if member is None:
        return
    if not member.is_active:
        raise PermissionDenied(_("This member's account is closed; they cannot be reached here."))
    if roles.is_counsellor(member):
        raise PermissionDenied(_("Private conversations are with members; talk to colleagues in the team."))
    if space is not None and not space.live:
        raise Http404


def require_can_offer_private_talk(user, post: Post) -> None:
    """A counsellor offers to continue a wall question privately; the member decides."""
    _require_counsellor(user, _("Only counsellors can offer to continue privately."))
    require_visible_post(user, post)
    if post.thread.mode != Mode.WALL:
        raise PermissionDenied(_("Only posts on a wall can be moved into a private talk."))
    if post.author_role == AuthorRole.COUNSELLOR or roles.is_counsellor(post.author):
        raise PermissionDenied(_("This post is by a counsellor."))
    if post.private_talk_offers.filter(status="offered").exists():
        raise PermissionDenied(_("The member has not answered the earlier offer on this post yet."))


def require_can_answer_private_talk(user, offer) -> None:
    """Only the member the offer is for may accept or decline it; anyone else sees nothing."""
    _require_signed_in(user)
    if offer.member_id != user.pk:
        raise Http404
    if offer.status != "offered":
        raise PermissionDenied(_("You have answered this offer already."))


def require_can_decide_public_post(user, offer) -> None:
    """The counsellor who made the offer (or a moderator) decides what happens to the public post."""
    _require_counsellor(user, _("Only counsellors decide what happens to the public post."))
    if offer.counsellor_id != user.pk and not roles.is_moderator(user):
        raise PermissionDenied(_("The counsellor who made the offer decides this, or a moderator."))
    if offer.status != "accepted":
        raise PermissionDenied(_("The member has not accepted the offer."))


def require_can_refer(user, thread: Thread) -> None:
    """Refer the member of a conversation to another service (counsellors)."""
    require_counsellor_on_conversation(user, thread)


def require_can_follow_up(user, referral) -> None:
    """The counsellor who referred follows up (or a moderator)."""
    _require_counsellor(user, _("Only counsellors follow up referrals."))
    if referral.counsellor_id != user.pk and not roles.is_moderator(user):
        raise PermissionDenied(_("The counsellor who made the referral follows it up."))


# ---------------------------------------------------------------- verified e-mail (data protection, issue 11)


def require_verified_email(user) -> None:
    """Writing in public and reporting wait until the member has confirmed their e-mail address:
    a throw-away account cannot post or hide others' posts by reporting them. Writing privately
    to the counsellors never waits (a young person in trouble must always reach them)."""
    if user.is_authenticated and not user.email_verified:
        raise PermissionDenied(
            _("Please confirm your e-mail address first: follow the link we sent you. You can ask for a new link on your profile.")
        )


def require_current_rules_accepted(user) -> None:
    """A new version of the community rules is read and accepted before the next public post."""
    if rules_to_accept(user) is not None:
        raise PermissionDenied(
            _("The community rules have changed. Please read and accept them first (on your profile).")
        )
