"""Moving a public wall question into a private talk, with the member's consent."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.page_cache import space_pages_invalidate
from community import policy, safeguarding
from community.counters import thread_counters_refresh
from community.models import (
    ConversationEvent,
    ConversationEventKind,
    HiddenReason,
    Mode,
    ModerationState,
    OfferStatus,
    Post,
    PostKind,
    PrivateTalkOffer,
    PublicPostOutcome,
    Thread,
)
from community.notify import dispatch
from community.safeguarding import Surface
from community.validation import BODY_MAX, clean_text

from .outreach import conversation_reach_out


@transaction.atomic
def private_talk_offer(*, counsellor, post: Post, message: str) -> PrivateTalkOffer:
    """A counsellor offers "let's continue privately" on a wall post. Nothing moves until the member accepts."""
    post = Post.objects.select_for_update(of=("self",)).select_related("thread__space", "author").get(pk=post.pk)
    policy.require_can_offer_private_talk(counsellor, post)
    message = clean_text(message, field="message", label=_("The message"), max_length=BODY_MAX)
    # A counsellor's text the member reads privately: screened like every text (blocked words, for staff).
    message = safeguarding.require_note_acceptable(
        author=counsellor, space=post.thread.space, mode=Mode.WALL, text=message, field="message", surface=Surface.PRIVATE_NOTE
    )
    offer = PrivateTalkOffer.objects.create(post=post, member=post.author, counsellor=counsellor, message=message)
    dispatch.private_talk_offered(offer)
    return offer


def _offer_for_update(offer: PrivateTalkOffer) -> PrivateTalkOffer:
    return (
        PrivateTalkOffer.objects.select_for_update(of=("self",))
        .select_related("post__thread__space", "member", "counsellor")
        .get(pk=offer.pk)
    )


@transaction.atomic
def private_talk_accept(*, member, offer: PrivateTalkOffer) -> PrivateTalkOffer:
    """The member says yes: a private conversation starts with the counsellor's message, quoting the post."""
    offer = _offer_for_update(offer)
    policy.require_can_answer_private_talk(member, offer)
    thread = conversation_reach_out(counsellor=offer.counsellor, about_post=offer.post, body=offer.message)
    offer.status = OfferStatus.ACCEPTED
    offer.answered_at = timezone.now()
    offer.conversation = thread.conversation
    offer.save(update_fields=["status", "answered_at", "conversation"])
    dispatch.private_talk_answered(offer)
    return offer


@transaction.atomic
def private_talk_decline(*, member, offer: PrivateTalkOffer) -> PrivateTalkOffer:
    """The member says no, thank you: recorded, and the counsellor is told."""
    offer = _offer_for_update(offer)
    policy.require_can_answer_private_talk(member, offer)
    offer.status = OfferStatus.DECLINED
    offer.answered_at = timezone.now()
    offer.save(update_fields=["status", "answered_at"])
    dispatch.private_talk_answered(offer)
    return offer


@transaction.atomic
def private_talk_public_post_set(*, counsellor, offer: PrivateTalkOffer, outcome: str) -> PrivateTalkOffer:
    """After acceptance the counsellor decides: the public post stays, is hidden (never deleted) or is anonymised."""
    offer = _offer_for_update(offer)
    policy.require_can_decide_public_post(counsellor, offer)
    if outcome not in (PublicPostOutcome.STAYS, PublicPostOutcome.HIDDEN, PublicPostOutcome.ANONYMISED):
        raise ValidationError({"outcome": _("Choose whether the post stays, is hidden or is anonymised.")}, code="invalid")
    if offer.public_post:
        raise ValidationError({"outcome": _("This has been decided already.")}, code="unchanged")
    post = Post.objects.select_for_update(of=("self",)).get(pk=offer.post_id)
    if outcome == PublicPostOutcome.HIDDEN and post.state != ModerationState.HIDDEN:
        post.state = ModerationState.HIDDEN
        post.hidden_reason = HiddenReason.MODERATOR
        post.save(update_fields=["state", "hidden_reason"])
        if post.kind == PostKind.QUESTION:
            Thread.objects.filter(pk=post.thread_id).update(state=ModerationState.HIDDEN)
        thread_counters_refresh(thread_id=post.thread_id)
    elif outcome == PublicPostOutcome.ANONYMISED:
        post.is_anonymous = True
        post.save(update_fields=["is_anonymous"])
        if post.kind == PostKind.QUESTION:
            # The asker's name goes from the whole thread: their question and their posts in it.
            Thread.objects.filter(pk=post.thread_id).update(is_anonymous=True)
            Post.objects.filter(thread_id=post.thread_id, author_id=post.author_id).update(is_anonymous=True)
    offer.public_post = outcome
    offer.save(update_fields=["public_post"])
    ConversationEvent.objects.create(
        conversation_id=offer.conversation_id,
        kind=ConversationEventKind.PUBLIC_POST,
        actor=counsellor,
        note=str(PublicPostOutcome(outcome).label),
    )
    space_pages_invalidate(space_id=post.thread.space_id)
    return offer
