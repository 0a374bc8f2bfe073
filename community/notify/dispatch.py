"""What services call when something happened. Each writes the event to the outbox in the same
transaction, so a write that rolls back notifies nobody, a committed one always does (even when the
broker is down at that moment), and a slow fan-out never slows the request."""

from community import outbox


def _after_commit(name: str, **kwargs) -> None:
    outbox.enqueue("community.tasks.deliver_event", name, kwargs)


def post_published(post, *, reopened: bool = False) -> None:
    _after_commit("post_published", post_id=post.pk, reopened=reopened)


def update_published(update_page) -> None:
    _after_commit("update_published", update_id=update_page.pk)


def update_proposal_decided(update_page, *, published: bool, decision_id: int | None = None) -> None:
    """A member's update proposal was published or sent back; ``decision_id`` tells rejections apart."""
    _after_commit("update_proposal_decided", update_id=update_page.pk, published=published, decision_id=decision_id)


def endorsed(endorsement) -> None:
    _after_commit("endorsed", endorsement_id=endorsement.pk)


def endorsement_lapsed(revision) -> None:
    _after_commit("endorsement_lapsed", revision_id=revision.pk)


def marked_helpful(post) -> None:
    _after_commit("marked_helpful", post_id=post.pk)


def summary_updated(revision) -> None:
    _after_commit("summary_updated", revision_id=revision.pk)


def conversation_handed_over(event) -> None:
    _after_commit("conversation_handed_over", event_id=event.pk)


def private_talk_offered(offer) -> None:
    _after_commit("private_talk_offered", offer_id=offer.pk)


def private_talk_answered(offer) -> None:
    _after_commit("private_talk_answered", offer_id=offer.pk)


def referral_made(referral) -> None:
    _after_commit("referral_made", referral_id=referral.pk)
