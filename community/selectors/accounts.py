"""Reads in the community domain: members, roles and languages."""

from django.conf import settings
from django.db.models import Q
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from community import roles
from community.models import User
from community.roles import STAFF_GROUP_NAMES


def supported_language(code: str | None) -> str | None:
    """The service's language for ``code`` ("sv-SE" -> "sv"), or None if not offered."""
    if not code:
        return None
    offered = {language for language, _name in settings.LANGUAGES}
    code = code.lower()
    if code in offered:
        return code
    base = code.split("-")[0].split("_")[0]
    return base if base in offered else None


def counsellor_display_names() -> set[str]:
    """Every counsellor's and moderator's display name, in one query (for impersonation checks)."""
    return set(
        User.objects.filter(Q(groups__name__in=STAFF_GROUP_NAMES) | Q(is_superuser=True))
        .values_list("display_name", flat=True)
        .distinct()
    )


def second_factor_required(user) -> bool:
    """Staff (counsellors, moderators, admins) read minors' private messages: they log in with a second factor."""
    if not settings.STAFF_MFA_REQUIRED or user is None or not user.is_authenticated:
        return False
    return user.is_staff or roles.is_counsellor(user)


def has_authenticator(user) -> bool:
    """Has this person set up an authenticator app (confirmed with a first code)?"""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
