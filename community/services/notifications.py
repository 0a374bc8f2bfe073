"""A person's own notifications and preferences."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from community.models import Digest, Follow, FollowLevel, Notification, NotificationSettings
from community.selectors.notifications import kinds_for, notification_for_user
from community.validation import as_id


def notification_mark_read(*, user, notification_id) -> Notification:
    notification = notification_for_user(user=user, notification_id=notification_id)
    notification.mark_as_read()
    return notification


def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, unread=True).update(unread=False)


@transaction.atomic
def notification_settings_update(*, user, email_kinds, digest: str) -> NotificationSettings:
    """Which kinds also come by e-mail, and the digest. Unknown kinds are refused, not ignored."""
    allowed = {str(kind) for kind in kinds_for(user)}
    chosen = {str(kind) for kind in email_kinds}
    unknown = chosen - allowed
    errors = {}
    if unknown:
        errors["email_kinds"] = _("Unknown kinds of notification: %(kinds)s.") % {"kinds": ", ".join(sorted(unknown))}
    if digest not in Digest.values:
        errors["digest"] = _("Choose no digest, daily or weekly.")
    if errors:
        raise ValidationError(errors)
    settings_row, _created = NotificationSettings.objects.select_for_update(of=("self",)).get_or_create(user=user)
    settings_row.email_kinds = "," + ",".join(sorted(chosen)) + "," if chosen else ""
    settings_row.digest = digest
    settings_row.save(update_fields=["email_kinds", "digest"])
    return settings_row


@transaction.atomic
def follow_level_set(*, user, follow_id, level: str) -> Follow:
    """Watch, follow normally or mute one of one's own follows."""
    if level not in FollowLevel.values:
        raise ValidationError({"level": _("Choose watching, normal or muted.")}, code="invalid")
    follow = Follow.objects.filter(pk=as_id(follow_id), user=user).first() if as_id(follow_id) else None
    if follow is None:
        raise ValidationError({"follow": _("You don't follow this space or thread.")}, code="invalid")
    follow.level = level
    follow.save(update_fields=["level"])
    return follow
