"""What moderation tells people: counsellors about urgent items, authors about decisions and sanctions.

Each notice carries a key; a notice whose key a recipient already has is not
sent again, so a task that runs twice notifies once.
"""

from django.utils import translation
from django.utils.translation import gettext as _
from notifications.models import Notification
from notifications.signals import notify

from community.selectors import counsellors

from .models import Decision, DecisionAction, ModerationItem, Sanction


def _send_once(*, recipients, key: str, actor, verb: str, description: str, target=None) -> None:
    have = set(Notification.objects.filter(data__key=key).values_list("recipient_id", flat=True))
    todo = [person for person in recipients if person.pk not in have]
    for person in todo:
        # Written in the recipient's own language.
        with translation.override(person.preferred_language):
            notify.send(
                actor, recipient=person, verb=verb, description=description(), target=target, data={"key": key}
            )


def urgent_item_alert(*, item_id: int) -> None:
    item = ModerationItem.objects.select_related("space").filter(pk=item_id, status="open").first()
    if item is None:
        return
    _send_once(
        recipients=counsellors(),
        key=f"urgent-item:{item.pk}",
        actor=item,
        verb="urgent_moderation_item",
        description=lambda: _("Urgent: a post in “%(space)s” needs a counsellor now.") % {"space": item.space.title},
        target=item,
    )


def decision_notice(*, decision_id: int) -> None:
    decision = Decision.objects.select_related("item__post__thread", "moderator").get(pk=decision_id)
    post = decision.item.post
    if post is None or decision.action == DecisionAction.ESCALATE:
        return

    def text():
        title = post.thread.title
        if decision.action == DecisionAction.REJECT:
            return _("Your post in “%(title)s” was not published. %(reason)s") % {"title": title, "reason": post.state_reason}
        if decision.action == DecisionAction.EDIT_APPROVE:
            return _("Your post in “%(title)s” was edited by a moderator and published.") % {"title": title}
        return _("Your post in “%(title)s” is published.") % {"title": title}

    _send_once(
        recipients=[post.author],
        key=f"decision:{decision.pk}",
        actor=decision.item,
        verb="moderation_decision",
        description=text,
        target=post,
    )


def escalation_notice(*, decision_id: int) -> None:
    decision = Decision.objects.select_related("item__space", "moderator", "escalated_to").get(pk=decision_id)
    _send_once(
        recipients=[decision.escalated_to],
        key=f"escalation:{decision.pk}",
        actor=decision.item,
        verb="moderation_escalated",
        description=lambda: _("%(name)s asked you to look at an item in the moderation queue.")
        % {"name": decision.moderator.display_name},
        target=decision.item,
    )


def sanction_notice(*, sanction_id: int) -> None:
    sanction = Sanction.objects.select_related("member").get(pk=sanction_id)
    _send_once(
        recipients=[sanction.member],
        key=f"sanction:{sanction.pk}",
        actor=sanction,
        verb="sanction",
        description=lambda: _("A moderator has given you a sanction: %(kind)s. %(reason)s")
        % {"kind": sanction.get_kind_display(), "reason": sanction.reason},
        target=sanction,
    )
