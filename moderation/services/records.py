"""Recording what screening decided: a queue item for anything a moderator must see."""

from community import outbox
from community.signals import message_queued
from moderation.models import AuditAction, Decision, DecisionAction, ItemStatus, ModerationItem
from moderation.selectors import staffed_now

from .audit import audit_record


def _open_item(
    *, post=None, summary_revision=None, update_page=None, member=None, text="", surface="", space, hits: list[dict], urgent: bool
) -> ModerationItem:
    """Add hits to the subject's open item, or open one. Urgent wins."""
    item = None
    if post is not None:
        item = ModerationItem.objects.select_for_update(of=("self",)).filter(post=post, status=ItemStatus.OPEN).first()
    if item is None:
        item = ModerationItem.objects.create(
            post=post,
            summary_revision=summary_revision,
            update_page=update_page,
            member=member,
            text=text,
            surface=surface,
            space=space,
            hits=hits,
            urgent=urgent,
            out_of_hours=not staffed_now(),
        )
    else:
        item.hits = [*item.hits, *hits]
        item.urgent = item.urgent or urgent
        item.save(update_fields=["hits", "urgent"])
    if post is not None:
        # A held or flagged private message: the team inbox shows why, and urgent ones first (issue 10).
        message_queued.send(sender=ModerationItem, post=post, hits=item.hits, urgent=item.urgent)
    return item


def alert_urgent_on_commit(item: ModerationItem) -> None:
    """Tell counsellors about an urgent item once it is committed.

    The item itself is already in the database, so it shows in the queue and
    the counsellors' badge even if no worker runs; the alert waits in the
    outbox, written in the same transaction, until the broker takes it.
    """

    outbox.enqueue("moderation.tasks.alert_counsellors_urgent", item.pk)


def _apply(*, verdict, space, member, post=None, summary_revision=None, update_page=None) -> ModerationItem | None:
    item = None
    if verdict.queued:
        # A text with no post or revision of its own is kept on the item, so the moderator reads what was written.
        own_text = post is None and summary_revision is None
        item = _open_item(
            post=post,
            summary_revision=summary_revision,
            update_page=update_page,
            member=member if own_text else None,
            text=(f"{verdict.title}\n\n{verdict.text}".strip() if own_text else ""),
            surface=str(verdict.surface) if own_text else "",
            space=space,
            hits=[hit.as_record() for hit in verdict.hits],
            urgent=verdict.urgent,
        )
        if post is not None and item.previous_decision_id is None and any(hit.rule.startswith("edited_") for hit in verdict.hits):
            # The edit comes back linked to what was decided before, so the moderator sees the history.
            item.previous_decision = (
                Decision.objects.filter(item__post=post).exclude(action=DecisionAction.ESCALATE).order_by("-created_at", "-pk").first()
            )
            if item.previous_decision is not None:
                item.save(update_fields=["previous_decision"])
        if verdict.urgent:
            alert_urgent_on_commit(item)
    extra = {"summary_revision": summary_revision.pk} if summary_revision is not None else {}
    audit_record(
        action=AuditAction.SCREENED,
        member=member,
        post=post,
        item=item,
        state=verdict.state,
        rules=[hit.rule for hit in verdict.hits],
        **extra,
    )
    return item


def screening_apply(*, post, verdict) -> ModerationItem | None:
    """After a post is saved with its verdict: queue it if a rule fired, and log the verdict.

    Call inside the transaction that saved the post, so a held post is never
    without its queue item.
    """
    return _apply(verdict=verdict, space=post.thread.space, member=post.author, post=post)


def verdict_record(*, verdict, post=None, summary_revision=None, update_page=None, member=None, space=None):
    """Record any verdict inside the writing transaction: the subject decides what is recorded against."""
    if post is not None:
        return screening_apply(post=post, verdict=verdict)
    if summary_revision is not None:
        return summary_screening_apply(revision=summary_revision, verdict=verdict)
    return _apply(verdict=verdict, space=space, member=member, update_page=update_page)


def summary_screening_apply(*, revision, verdict) -> ModerationItem | None:
    """The same for a new version of a co-constructed answer."""
    return _apply(
        verdict=verdict, space=revision.summary.thread.space, member=revision.editor, summary_revision=revision
    )
