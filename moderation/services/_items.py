"""Shared steps of queue decisions."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.dates import format_when
from cms.page_cache import space_pages_invalidate
from community.signals import message_review_closed
from moderation.models import ItemStatus, ModerationItem


def locked_open_item(*, moderator, item) -> ModerationItem:
    """The item, locked for this decision: refused if decided already or handled by a colleague."""
    item = (
        ModerationItem.objects.select_for_update(of=("self",))
        .select_related("post__thread__space", "post__author", "summary_revision__summary__thread", "handled_by")
        .get(pk=item.pk)
    )
    if item.status != ItemStatus.OPEN:
        last = item.decisions.select_related("moderator").last()
        who = last.moderator.display_name if last else _("someone")
        raise ValidationError(
            _("%(name)s already decided this item (%(when)s).")
            % {"name": who, "when": format_when(item.resolved_at, "short")},
            code="decided",
        )
    fresh = item.handled_since and item.handled_since > timezone.now() - timedelta(minutes=settings.MODERATION_HANDLING_MINUTES)
    if item.handled_by_id and item.handled_by_id != moderator.pk and fresh:
        raise ValidationError(
            _("%(name)s is handling this item right now.") % {"name": item.handled_by.display_name}, code="handled"
        )
    return item


def resolve(item: ModerationItem) -> None:
    item.status = ItemStatus.RESOLVED
    item.resolved_at = timezone.now()
    item.handled_by = None
    item.handled_since = None
    item.save(update_fields=["status", "resolved_at", "handled_by", "handled_since"])
    space_pages_invalidate(space_id=item.space_id)
    if item.post_id is not None:
        # The review is over: a private conversation stops being urgent for this message.
        message_review_closed.send(sender=ModerationItem, post=item.post)
