"""What services call when something happened. Each queues a task once the transaction commits,
so a write that rolls back notifies nobody, and a slow fan-out never slows the request."""

import logging

from django.db import transaction

log = logging.getLogger(__name__)


def _after_commit(name: str, **kwargs) -> None:
    def send():
        from community.tasks import deliver_event

        try:
            deliver_event.delay(name, kwargs)
        except Exception:  # the write is done; a broker outage must not turn it into an error page
            log.exception("Could not queue the notification event %s %s", name, kwargs)

    transaction.on_commit(send)


def post_published(post, *, reopened: bool = False) -> None:
    _after_commit("post_published", post_id=post.pk, reopened=reopened)


def update_published(update_page) -> None:
    _after_commit("update_published", update_id=update_page.pk)


def endorsed(endorsement) -> None:
    _after_commit("endorsed", endorsement_id=endorsement.pk)


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
