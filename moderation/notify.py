"""What moderation tells people: counsellors about urgent and escalated items, authors about decisions and sanctions.

Delivered like every notification (one per person and event), so a task that runs twice notifies once.
"""

from django.urls import reverse

from community.models import EventKind, Mode
from community.notify.delivery import deliver
from community.notify.messages import message, page_title
from community.selectors import counsellors

from .models import Decision, DecisionAction, ItemStatus, ModerationItem, Sanction
from .services.alerts import MODERATORS, realert_recipient_ids


def urgent_item_alert(*, item_id: int) -> None:
    item = ModerationItem.objects.select_related("space").filter(pk=item_id, status=ItemStatus.OPEN).first()
    if item is None:
        return
    deliver(
        event_key=f"urgent-item:{item.pk}",
        kind=EventKind.URGENT_ITEM,
        recipient_ids=[person.pk for person in counsellors()],
        actor=item,
        url=reverse("moderation_item", args=[item.pk]),
        text=message("urgent_item", space=page_title(item.space)),
    )


def decision_notice(*, decision_id: int) -> None:
    decision = Decision.objects.select_related("item__post__thread__space").get(pk=decision_id)
    post = decision.item.post
    if post is None or decision.action == DecisionAction.ESCALATE:
        return

    def describe() -> dict:
        if post.thread.mode == Mode.CONVERSATION:
            # A private conversation's title may be the member's own words: say where, never what.
            space = page_title(post.thread.space)
            if decision.action == DecisionAction.REJECT:
                return message("conversation_message_rejected", space=space, reason=post.state_reason)
            return message("conversation_message_delivered", space=space)
        title = post.thread.title
        if decision.action == DecisionAction.REJECT:
            return message("post_rejected", title=title, reason=post.state_reason)
        if decision.action == DecisionAction.EDIT_APPROVE:
            return message("post_edited_and_published", title=title)
        return message("post_published", title=title)

    deliver(
        event_key=f"decision:{decision.pk}",
        kind=EventKind.MODERATION_DECISION,
        recipient_ids=[post.author_id],
        actor=decision.item,
        url=reverse("my_posts"),
        text=describe(),
    )


def escalation_notice(*, decision_id: int) -> None:
    decision = Decision.objects.select_related("item", "moderator").get(pk=decision_id)
    deliver(
        event_key=f"escalation:{decision.pk}",
        kind=EventKind.ESCALATED_TO_ME,
        recipient_ids=[decision.escalated_to_id],
        actor=decision.item,
        url=reverse("moderation_item", args=[decision.item_id]),
        text=message("escalated", name=decision.moderator.display_name),
    )


def sanction_notice(*, sanction_id: int) -> None:
    sanction = Sanction.objects.get(pk=sanction_id)
    deliver(
        event_key=f"sanction:{sanction.pk}",
        kind=EventKind.SANCTION,
        recipient_ids=[sanction.member_id],
        actor=sanction,
        url=reverse("my_posts"),
        text=message("sanction", kind=message(f"sanction_kind:{sanction.kind}"), reason=sanction.reason),
    )


def urgent_item_realert(*, item_id: int, level: str) -> None:
    """The second (counsellors on duty) or third (moderators) alert about an urgent item nobody has closed."""
    item = ModerationItem.objects.select_related("space").filter(pk=item_id, status="open").first()
    if item is None:
        return


    deliver(
        event_key=f"urgent-realert:{item.pk}:{level}",
        kind=EventKind.URGENT_ITEM,
        recipient_ids=realert_recipient_ids(level),
        actor=item,
        url=reverse("moderation_item", args=[item.pk]),
        text=message("urgent_realert_moderators" if level == MODERATORS else "urgent_realert", space=page_title(item.space)),
    )
