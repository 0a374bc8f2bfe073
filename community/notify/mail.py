"""E-mail: at once for the kinds a person chose, or gathered in a daily or weekly digest."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from community.models import Digest, Notification, NotificationSettings, User

from .messages import with_page_titles

DIGEST_PERIODS = {Digest.DAILY: datetime.timedelta(days=1), Digest.WEEKLY: datetime.timedelta(days=7)}


def _absolute(url: str) -> str:
    return url if url.startswith("http") else settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def _claim(queryset) -> list[Notification]:
    """Mark notifications as e-mailed before sending, so a task that runs twice sends once."""
    with transaction.atomic():
        claimed = list(queryset.select_for_update(of=("self",)).filter(emailed=False))
        Notification.objects.filter(pk__in=[n.pk for n in claimed]).update(emailed=True)
    return claimed


def email_notifications(*, event_key: str, user_ids: list[int]) -> int:
    """Send the e-mails people asked for about one event; returns how many were sent."""
    sent = 0
    for notification in _claim(Notification.objects.filter(event_key=event_key, recipient_id__in=user_ids)):
        user = User.objects.get(pk=notification.recipient_id)
        if not user.email:
            continue
        with translation.override(user.preferred_language):
            body = render_to_string(
                "community/email/notification.txt",
                {
                    "user": user,
                    "notification": notification,
                    "link": _absolute(notification.url),
                    "preferences": _absolute(reverse("notification_settings")),
                    "site_name": settings.WAGTAIL_SITE_NAME,
                },
            )
            send_mail(f"[{settings.WAGTAIL_SITE_NAME}] {notification.text}", body, None, [user.email])
        sent += 1
    return sent


def send_digests(*, frequency: str, now=None) -> int:
    """One e-mail per person choosing this digest, with what they have not read or been mailed; returns how many."""
    now = now or timezone.now()
    period = DIGEST_PERIODS[frequency]
    sent = 0
    # A little slack (0.9), so a beat that fires a few minutes early still sends today's digest.
    due = NotificationSettings.objects.filter(digest=frequency).filter(
        Q(last_digest_at__isnull=True) | Q(last_digest_at__lte=now - period * 0.9)
    )
    for settings_row in due.select_related("user"):
        user = settings_row.user
        with transaction.atomic():
            # Claim this person's digest first: a second beat or a retried task finds it done.
            claimed = NotificationSettings.objects.filter(pk=settings_row.pk, last_digest_at=settings_row.last_digest_at).update(
                last_digest_at=now
            )
        if not claimed or not user.email or not user.is_active:
            continue
        since = settings_row.last_digest_at or now - period
        notifications = _claim(
            Notification.objects.filter(recipient=user, unread=True, timestamp__gt=since).order_by("kind", "-timestamp")
        )
        if not notifications:
            continue
        groups: dict[str, list[Notification]] = {}
        for notification in sorted(notifications, key=lambda n: (n.kind, -n.timestamp.timestamp())):
            groups.setdefault(notification.kind, []).append(notification)
        with translation.override(user.preferred_language):
            with_page_titles(notifications)  # the titles of the spaces and updates they name, in one query
            from community.models import EventKind

            body = render_to_string(
                "community/email/digest.txt",
                {
                    "user": user,
                    "groups": [
                        (EventKind(kind).label, [(n.text, _absolute(n.url)) for n in items])
                        for kind, items in groups.items()
                    ],
                    "notifications_url": _absolute(reverse("notifications")),
                    "preferences": _absolute(reverse("notification_settings")),
                    "site_name": settings.WAGTAIL_SITE_NAME,
                },
            )
            subject = ngettext(
                "[%(site)s] %(count)d thing you have missed", "[%(site)s] %(count)d things you have missed", len(notifications)
            ) % {"site": settings.WAGTAIL_SITE_NAME, "count": len(notifications)}
            send_mail(subject, body, None, [user.email])
        sent += 1
    return sent
