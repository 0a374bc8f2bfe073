"""Referring a member to another service from a conversation, with a follow-up reminder for the counsellor."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community import policy, safeguarding
from community.models import (
    Conversation,
    ConversationEvent,
    ConversationEventKind,
    Mode,
    Referral,
    ReferralService,
    Thread,
)
from community.notify import dispatch
from community.safeguarding import Surface
from community.validation import NOTE_MAX, as_id, clean_text

DEFAULT_FOLLOW_UP_DAYS = 7
MAX_FOLLOW_UP_DAYS = 365


def follow_up_days_default() -> int:
    """Days until the counsellor is reminded to check in (``REFERRAL_FOLLOW_UP_DAYS``, 7 by default)."""
    return int(getattr(settings, "REFERRAL_FOLLOW_UP_DAYS", DEFAULT_FOLLOW_UP_DAYS))


@transaction.atomic
def referral_create(*, counsellor, thread: Thread, service_id, note: str = "", follow_up_days=None) -> Referral:
    """Refer the conversation's member to a service from the register; the member sees it with the service's details."""
    thread = Thread.objects.select_related("space").get(pk=thread.pk)
    policy.require_can_refer(counsellor, thread)
    service = ReferralService.objects.filter(pk=as_id(service_id) or 0, is_active=True).first()
    if service is None:
        raise ValidationError({"service": _("Choose a service from the register.")}, code="invalid")
    note = clean_text(note, field="note", label=_("The note"), max_length=NOTE_MAX, required=False)
    if note:
        # The member reads it: screened like every text (for staff, blocked words).
        note = safeguarding.require_note_acceptable(
            author=counsellor, space=thread.space, mode=Mode.CONVERSATION, text=note, field="note", surface=Surface.PRIVATE_NOTE
        )
    if follow_up_days in (None, ""):
        days = follow_up_days_default()
    else:
        days = as_id(follow_up_days)
        if days is None or days > MAX_FOLLOW_UP_DAYS:
            raise ValidationError(
                {"follow_up_days": _("Follow up after 1 to %(max)d days.") % {"max": MAX_FOLLOW_UP_DAYS}}, code="invalid"
            )
    conversation = Conversation.objects.select_for_update(of=("self",)).get(thread=thread)
    referral = Referral.objects.create(
        conversation=conversation,
        service=service,
        counsellor=counsellor,
        note=note,
        follow_up_at=timezone.now() + datetime.timedelta(days=days),
    )
    ConversationEvent.objects.create(
        conversation=conversation, kind=ConversationEventKind.REFERRED, actor=counsellor, note=str(service)
    )
    dispatch.referral_made(referral)
    return referral


@transaction.atomic
def referral_follow_up_done(*, counsellor, referral: Referral) -> Referral:
    """The counsellor has checked in with the member: the reminder goes away."""
    referral = Referral.objects.select_for_update(of=("self",)).get(pk=referral.pk)
    policy.require_can_follow_up(counsellor, referral)
    if referral.followed_up_at is not None:
        raise ValidationError(_("This referral has been followed up already."), code="unchanged")
    referral.followed_up_at = timezone.now()
    referral.save(update_fields=["followed_up_at"])
    return referral
