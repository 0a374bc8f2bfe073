"""Nothing urgent waits unseen: re-alerts for urgent items, and who is on duty to receive them."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community import outbox, roles
from community.selectors import counsellors
from moderation import hours, selectors
from moderation.models import AuditAction, CounsellorDuty, ModerationItem

from .audit import audit_record

COUNSELLORS, MODERATORS = "counsellors", "moderators"
LEVEL_FIELDS = {COUNSELLORS: "realerted_counsellors_at", MODERATORS: "realerted_moderators_at"}


def _dispatch_on_commit(item_id: int, level: str) -> None:
    outbox.enqueue("moderation.tasks.notify_urgent_realert", item_id, level)


def _mark(item: ModerationItem, level: str, now, waited: timedelta) -> bool:
    """Claim this level for this item once: a second run (or a second worker) finds it taken."""
    field = LEVEL_FIELDS[level]
    claimed = ModerationItem.objects.filter(pk=item.pk, status="open", **{f"{field}__isnull": True}).update(**{field: now})
    if not claimed:
        return False
    audit_record(
        action=AuditAction.REALERTED,
        member=item.post.author if item.post_id else item.member,
        post=item.post,
        item=item,
        level=level,
        waited_minutes=int(waited.total_seconds() // 60),
    )
    _dispatch_on_commit(item.pk, level)
    return True


@transaction.atomic
def urgent_items_realert(*, now=None) -> list[tuple[int, str]]:
    """Alert again about urgent items that have waited too long in staffed hours; returns (item id, level) sent.

    After ``MODERATION_URGENT_REALERT_MINUTES`` of staffed time the counsellors
    on duty hear again; after ``MODERATION_URGENT_MODERATORS_MINUTES`` the
    moderators. Each level goes out once per item. Outside staffed hours
    nobody is there to hear it, so the clock only runs while the team is in.
    """
    now = now or timezone.now()
    schedule = selectors.staffed_schedule()
    status = hours.status_at(schedule, now)
    if status.configured and not status.open:
        return []
    first = timedelta(minutes=settings.MODERATION_URGENT_REALERT_MINUTES)
    second = timedelta(minutes=settings.MODERATION_URGENT_MODERATORS_MINUTES)
    sent = []
    waiting = (
        ModerationItem.objects.filter(status="open", urgent=True, realerted_moderators_at__isnull=True)
        .select_related("post__author", "member")
        .order_by("created_at")
    )
    for item in waiting:
        waited = hours.staffed_since(schedule, item.created_at, now)
        if waited < first:
            continue
        if item.realerted_counsellors_at is None and _mark(item, COUNSELLORS, now, waited):
            sent.append((item.pk, COUNSELLORS))
        if waited >= second and _mark(item, MODERATORS, now, waited):
            sent.append((item.pk, MODERATORS))
    return sent


def realert_recipient_ids(level: str) -> list[int]:
    """Counsellors on duty (everyone who counsels, if nobody marked themselves on duty); then the moderators."""
    if level == MODERATORS:
        return selectors.moderator_ids()
    on_duty = selectors.on_duty_counsellor_ids()
    if on_duty:
        return on_duty
    return [person.pk for person in counsellors()]


@transaction.atomic
def counsellor_duty_set(*, counsellor, on_duty: bool) -> CounsellorDuty:
    """A counsellor marks themselves on or off duty."""
    if counsellor is None or not counsellor.is_authenticated or not roles.is_counsellor(counsellor):
        raise PermissionDenied(_("Only counsellors go on and off duty."))
    if not isinstance(on_duty, bool):
        raise ValidationError({"on_duty": _("Say true (on duty) or false (off duty).")}, code="invalid")
    duty, created = CounsellorDuty.objects.select_for_update().get_or_create(counsellor=counsellor)
    if duty.on_duty != on_duty or created:
        duty.on_duty = on_duty
        duty.save()
        audit_record(action=AuditAction.DUTY_CHANGED, actor=counsellor, on_duty=on_duty)
    return duty
