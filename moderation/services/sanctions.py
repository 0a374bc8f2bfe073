"""Sanctions: warn, silence for a period, suspend."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community import outbox, roles
from community.validation import clean_text
from moderation import policy
from moderation.models import AuditAction, Sanction, SanctionKind

from .audit import audit_record

MAX_DAYS = {SanctionKind.SILENCE: 365, SanctionKind.SUSPENSION: 3650}


@transaction.atomic
def sanction_impose(*, moderator, member, kind: str, reason: str, days: int | None = None) -> Sanction:
    policy.require_can_sanction(moderator)
    errors = {}
    if kind not in SanctionKind.values:
        errors["kind"] = _("Choose warning, silence or suspension.")
    if member.pk == moderator.pk:
        errors["member"] = _("You cannot sanction yourself.")
    elif roles.is_counsellor(member):
        errors["member"] = _("Counsellors and moderators are not sanctioned here; talk to an administrator.")
    try:
        reason = clean_text(reason, field="reason", label=_("The reason"), max_length=1000)
    except ValidationError as error:
        errors.update(error.message_dict)
    ends_at = None
    if kind == SanctionKind.SILENCE and not days:
        errors["days"] = _("Say for how many days the member is silenced.")
    if days is not None and kind in MAX_DAYS:
        if not isinstance(days, int) or days < 1 or days > MAX_DAYS[kind]:
            errors["days"] = _("Give a number of days from 1 to %(max)d.") % {"max": MAX_DAYS[kind]}
        else:
            ends_at = timezone.now() + timedelta(days=days)
    if errors:
        raise ValidationError(errors)
    sanction = Sanction.objects.create(member=member, kind=kind, reason=reason, ends_at=ends_at, imposed_by=moderator)
    audit_record(
        action=AuditAction.SANCTIONED,
        actor=moderator,
        member=member,
        kind=kind,
        days=days,
        reason=reason,
        sanction=sanction.pk,
    )
    outbox.enqueue("moderation.tasks.notify_member_of_sanction", sanction.pk)
    return sanction


@transaction.atomic
def sanction_revoke(*, moderator, sanction: Sanction) -> Sanction:
    policy.require_can_sanction(moderator)
    sanction = Sanction.objects.select_for_update(of=("self",)).get(pk=sanction.pk)
    if sanction.revoked_at is not None or (sanction.ends_at and sanction.ends_at <= timezone.now()):
        raise ValidationError(_("This sanction is no longer active."), code="inactive")
    sanction.revoked_at, sanction.revoked_by = timezone.now(), moderator
    sanction.save(update_fields=["revoked_at", "revoked_by"])
    audit_record(action=AuditAction.SANCTION_REVOKED, actor=moderator, member=sanction.member, sanction=sanction.pk)
    return sanction
