"""Reads of a person's own notifications and preferences."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404

from community import roles
from community.models import COUNSELLOR_KINDS, EventKind, Follow, Notification, NotificationSettings
from community.notify.messages import with_page_titles

PAGE_SIZE = 25


def unread_count(*, user) -> int:
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, unread=True, deleted=False).count()


def notifications_for(*, user, unread_only: bool = False):
    """One's own notifications, newest first."""
    notifications = Notification.objects.filter(recipient=user, deleted=False).order_by("-timestamp", "-pk")
    if unread_only:
        notifications = only_unread(notifications)
    return notifications.only("pk", "unread", "description", "data", "url", "timestamp", "kind")


def only_unread(notifications):
    return notifications.filter(unread=True)


def notifications_page(*, user, unread_only: bool = False, page_number=1):
    """A page of one's notifications, with the reader's titles of the pages they name (one query)."""
    page = Paginator(notifications_for(user=user, unread_only=unread_only), PAGE_SIZE).get_page(page_number)
    page.object_list = with_page_titles(page.object_list)
    return page


def notification_for_user(*, user, notification_id) -> Notification:
    """One's own notification, or 404 exactly as for a missing one."""
    return get_object_or_404(Notification, pk=notification_id, recipient=user, deleted=False)


def kinds_for(user) -> list[EventKind]:
    """The kinds of notification this person can get (counsellors get more)."""
    counsellor = roles.is_counsellor(user)
    return [kind for kind in EventKind if counsellor or kind not in COUNSELLOR_KINDS]


def settings_for(user) -> NotificationSettings:
    return NotificationSettings.objects.filter(user=user).first() or NotificationSettings(user=user)


def follows_for(*, user):
    """What one follows: spaces first, then threads, by title."""
    return Follow.objects.filter(user=user).select_related("space", "thread").order_by("space__title", "thread__title", "pk")


def follow_of(*, user, thread=None, space=None) -> Follow | None:
    """One's follow of a thread (or a space), or None."""
    if user is None or not user.is_authenticated:
        return None
    target = {"thread": thread} if thread is not None else {"space": space}
    return Follow.objects.filter(user=user, **target).first()


def follows_of(*, user) -> list[Follow]:
    return list(follows_for(user=user))
