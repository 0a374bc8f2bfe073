"""How much a report counts, and how many a member may make: throw-away accounts must not hide others' posts.

- A report from an account younger than a day, or without a verified e-mail address,
  counts ``MODERATION_NEW_ACCOUNT_FLAG_WEIGHT`` (default one half) towards the hide threshold.
- A member may make at most ``MODERATION_FLAGS_PER_HOUR`` reports an hour (default 10).
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from moderation.models import Flag, FlagReason

NEW_ACCOUNT_AGE = timedelta(days=1)


def _weight_of(reporter, now) -> Decimal:
    new = reporter.date_joined > now - NEW_ACCOUNT_AGE or not reporter.email_verified
    return Decimal(str(getattr(settings, "MODERATION_NEW_ACCOUNT_FLAG_WEIGHT", 0.5))) if new else Decimal(1)


def flag_weight(post) -> Decimal:
    """The weighted number of members who reported ``post`` (not counting "worried" reports)."""
    now = timezone.now()
    flags = Flag.objects.filter(post=post).exclude(reason=FlagReason.WORRIED).select_related("flagged_by")
    reporters = {flag.flagged_by_id: flag.flagged_by for flag in flags}
    return sum((_weight_of(reporter, now) for reporter in reporters.values()), Decimal(0))


def require_flag_rate(user) -> None:
    limit = getattr(settings, "MODERATION_FLAGS_PER_HOUR", 10)
    recent = Flag.objects.filter(flagged_by=user, created_at__gte=timezone.now() - timedelta(hours=1)).count()
    if recent >= limit:
        raise ValidationError(
            _("You have reported many posts in a short time. Please wait a while; the moderators are looking."),
            code="rate_limited",
        )
