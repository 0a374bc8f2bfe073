"""Data protection writes: export (GDPR art. 15/20), erasure (art. 17), retention.

Erasure never deletes the account's row: posts, conversations and the audit log
point at it and must keep doing so. Instead everything that identifies the
person leaves the row and the tables around it (see ``account_erase``).
"""

import hashlib
import hmac
import io
import json
import logging
import zipfile
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import Replace
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from knox.models import AuthToken
from wagtail.users.models import UserProfile

from cms.page_cache import site_pages_invalidate
from community import roles
from community.counters import threads_counters_refresh
from community.display_names import skeleton
from community.models import (
    ConversationEvent,
    ConversationNote,
    DataExport,
    DisplayNameQuarantine,
    ErasureRequest,
    EventKind,
    ExportStatus,
    Follow,
    HiddenReason,
    Mode,
    ModerationState,
    Notification,
    NotificationSettings,
    Post,
    PostRevision,
    Reaction,
    RetentionRun,
    Thread,
    ThreadVisit,
    User,
)
from community.notify.delivery import deliver
from community.notify.messages import message, replace_value
from community.personal_data import erase_elsewhere, erase_post_texts_elsewhere
from community.search_index import search_index_update
from community.selectors.privacy import latest_export_for, member_data, privacy_settings

log = logging.getLogger(__name__)

FORMER_MEMBER = "Former member"


# ---------------------------------------------------------------- export


def _export_is_large(user) -> bool:
    # Up to this many posts the export is built during the request; beyond, in the background.
    return Post.objects.filter(author=user).count() > getattr(settings, "PRIVACY_EXPORT_INLINE_MAX_POSTS", 200)


@transaction.atomic
def data_export_request(*, user) -> DataExport:
    """The member asks for their data: their current export, or a new one.

    A small account's export is built at once; a large one's by a background
    task, and the member is notified when it is ready.
    """
    User.objects.select_for_update().filter(pk=user.pk).first()  # one request at a time per member
    current = latest_export_for(user)
    if current is not None:
        return current
    export = DataExport.objects.create(user=user)
    if _export_is_large(user):
        from community.tasks import build_data_export

        transaction.on_commit(lambda: build_data_export.delay(export.pk))
    else:
        _build(export)
    return export


def _archive(data: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
        archive.writestr("index.html", render_to_string("community/privacy/export.html", {"data": data}))
    return buffer.getvalue()


def _build(export: DataExport) -> None:
    now = timezone.now()
    with translation.override(export.user.preferred_language):
        export.archive = _archive(member_data(export.user))
    export.status = ExportStatus.READY
    export.ready_at = now
    export.expires_at = now + timedelta(hours=privacy_settings().export_valid_hours)
    export.save(update_fields=["archive", "status", "ready_at", "expires_at"])


def data_export_build(*, export_id: int) -> None:
    """Build a prepared export (the background task's work; idempotent) and tell the member."""
    with transaction.atomic():
        export = DataExport.objects.select_for_update().filter(pk=export_id, status=ExportStatus.PREPARING).first()
        if export is None:
            return
        _build(export)
    deliver(
        event_key=f"export:{export.pk}",
        kind=EventKind.DATA_EXPORT_READY,
        recipient_ids=[export.user_id],
        actor=export,
        url=reverse("account_data_export"),
        text=message("data_export_ready"),
    )


# ---------------------------------------------------------------- erasure


def _quarantine_digest(name: str) -> str:
    # A keyed hash: the quarantine can recognise the name without keeping it.
    return hmac.new(settings.SECRET_KEY.encode(), skeleton(name).encode(), hashlib.sha256).hexdigest()


def display_name_quarantined(name: str) -> bool:
    return DisplayNameQuarantine.objects.filter(digest=_quarantine_digest(name), until__gt=timezone.now()).exists()


def _end_sessions(user) -> None:
    AuthToken.objects.filter(user=user).delete()  # the API's per-device tokens
    doomed = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            doomed.append(session.pk)
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session_key in doomed:
        # The engine's own delete: cached_db sessions live in the cache too, not only in the table.
        store(session_key=session_key).delete()


@transaction.atomic
def account_erasure_request(*, user, password: str, hide_posts: bool = False) -> ErasureRequest:
    """The member asks to be erased. It happens after the cooling-off period; logging in before then cancels it."""
    if not password or not user.check_password(password):
        raise ValidationError({"password": _("That is not your password.")}, code="wrong_password")
    now = timezone.now()
    days = privacy_settings().erasure_cooling_off_days
    request, _created = ErasureRequest.objects.update_or_create(
        user=user,
        defaults={
            "requested_at": now,
            "due_at": now + timedelta(days=days),
            "hide_posts": bool(hide_posts),
            "cancelled_at": None,
            "completed_at": None,
        },
    )
    _end_sessions(user)
    if user.email:
        with translation.override(user.preferred_language):
            subject = _("Your account will be erased")
            body = render_to_string(
                "community/privacy/erasure_scheduled.txt",
                {"user": user, "due_at": request.due_at, "days": days, "site_name": settings.WAGTAIL_SITE_NAME},
            )
        email = user.email
        transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    return request


@transaction.atomic
def account_login_seen(*, user) -> bool:
    """Logging in during the cooling-off period cancels the erasure (returns whether one was cancelled),
    and ends an inactive account's countdown."""
    if user.inactivity_warned_at is not None:
        User.objects.filter(pk=user.pk).update(inactivity_warned_at=None)
        user.inactivity_warned_at = None
    return bool(
        ErasureRequest.objects.filter(user=user, cancelled_at__isnull=True, completed_at__isnull=True).update(
            cancelled_at=timezone.now()
        )
    )


def _erase_post_texts(posts) -> int:
    """Remove the words of these posts (and every earlier version, and what quotes them); the rows stay."""
    ids = list(posts.values_list("pk", flat=True))
    if not ids:
        return 0
    PostRevision.objects.filter(post_id__in=ids).delete()
    Post.objects.filter(pk__in=ids).update(body="", body_html="", state_reason="")
    search_index_update(posts=ids)
    erase_post_texts_elsewhere(ids)
    return len(ids)


@transaction.atomic
def account_erase(*, user, by=None) -> User:
    """Erase an account now (the due erasure, or a moderator's from the admin)."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.erased_at is not None:
        return user
    now = timezone.now()
    request = ErasureRequest.objects.filter(user=user).first()
    hide_posts = bool(request and request.hide_posts)
    DisplayNameQuarantine.objects.update_or_create(
        digest=_quarantine_digest(user.display_name),
        defaults={"until": now + timedelta(days=privacy_settings().name_quarantine_days)},
    )
    mine = Post.objects.filter(author=user)
    public = mine.exclude(thread__mode=Mode.CONVERSATION)
    if hide_posts:
        for post in public.filter(state=ModerationState.PUBLISHED):
            post.state, post.hidden_reason = ModerationState.HIDDEN, HiddenReason.WITHDRAWN
            post.save(update_fields=["state", "hidden_reason"])
        questions = Thread.objects.filter(author=user, mode=Mode.WALL)
        questions.update(state=ModerationState.HIDDEN, title=_("Withdrawn question"))
        search_index_update(threads=questions.values_list("pk", flat=True))
        _erase_post_texts(public)
    else:
        # Public posts stay (under "Former member"); what never was public goes.
        _erase_post_texts(public.exclude(state=ModerationState.PUBLISHED))
    # Private conversations stay for the organisation's retention period (see retention_apply).
    erase_elsewhere(user, by=by)
    # Their posts hidden and their reactions gone change the counters of every thread they touched.
    touched = set(Reaction.objects.filter(user=user).values_list("post__thread_id", flat=True).distinct())
    if hide_posts:
        touched.update(public.values_list("thread_id", flat=True).distinct())
    Reaction.objects.filter(user=user).delete()
    threads_counters_refresh(thread_ids=touched)
    Notification.objects.filter(recipient=user).delete()
    # Others' notifications named them ("Skyrunner answered your question"): they now name a former member,
    # in the stored text and in the parameters it is written out from when read.
    named = Notification.objects.filter(description__contains=user.display_name)
    former = message("former_member")
    renamed = []
    for notification in named.only("pk", "data").iterator():
        if isinstance(notification.data, dict) and notification.data.get("text"):
            notification.data = {**notification.data, "text": replace_value(notification.data["text"], user.display_name, former)}
            renamed.append(notification)
    Notification.objects.bulk_update(renamed, ["data"], batch_size=500)
    named.update(description=Replace("description", Value(user.display_name), Value(_("Former member"))))
    NotificationSettings.objects.filter(user=user).delete()
    ThreadVisit.objects.filter(user=user).delete()
    DataExport.objects.filter(user=user).delete()
    UserProfile.objects.filter(user=user).delete()
    Follow.objects.filter(user=user).delete()
    _end_sessions(user)
    user.username = f"erased-{user.pk}"
    user.set_unusable_password()
    user.email = user.pending_email = user.first_name = user.last_name = ""
    user.display_name = FORMER_MEMBER
    user.birth_year = None
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.erased_at = now
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    if request:
        ErasureRequest.objects.filter(pk=request.pk).update(completed_at=now)
    site_pages_invalidate()  # their name, posts and reactions show in every space
    log.info("Account %s erased (by %s)", user.pk, by.pk if by else "its member")
    return user


# ---------------------------------------------------------------- retention


def _erase_conversations(threads) -> int:
    count = 0
    for thread in list(threads.filter(mode=Mode.CONVERSATION)):  # materialised: the loop updates these rows
        _erase_post_texts(Post.objects.filter(thread=thread))
        ConversationNote.objects.filter(conversation_id=thread.pk).delete()
        ConversationEvent.objects.filter(conversation_id=thread.pk).update(note="")
        Thread.objects.filter(pk=thread.pk).update(title=_("Erased conversation"), state=ModerationState.HIDDEN)
        count += 1
    return count


def retention_apply(*, now=None) -> RetentionRun:
    """Apply the site's retention periods (the daily beat task); returns the report of what was removed."""
    now = now or timezone.now()
    rules = privacy_settings()
    removed: dict[str, int] = {}
    with transaction.atomic():
        # Due erasures first: their conversations then age like everyone else's.
        due = ErasureRequest.objects.filter(cancelled_at__isnull=True, completed_at__isnull=True, due_at__lte=now)
        removed["accounts_erased"] = 0
        for request in list(due.select_related("user")):
            account_erase(user=request.user)
            removed["accounts_erased"] += 1
        conversation_cutoff = now - timedelta(days=rules.conversation_retention_days)
        # An erased conversation is hidden (nothing else hides a conversation thread).
        old = Thread.objects.filter(mode=Mode.CONVERSATION).exclude(state=ModerationState.HIDDEN)
        removed["private_conversations"] = _erase_conversations(
            old.filter(Q(last_activity_at__lte=conversation_cutoff) | Q(author__erased_at__lte=conversation_cutoff)).distinct()
        )
        held_cutoff = now - timedelta(days=rules.held_post_retention_days)
        removed["unpublished_posts"] = _erase_post_texts(
            Post.objects.filter(state__in=[ModerationState.REJECTED, ModerationState.HIDDEN], created_at__lte=held_cutoff)
            .exclude(body="", body_html="")
            .exclude(thread__mode=Mode.CONVERSATION)
        )
        removed["expired_exports"] = DataExport.objects.filter(
            Q(expires_at__lte=now) | Q(status=ExportStatus.PREPARING, created_at__lte=now - timedelta(days=1))
        ).delete()[0]
        removed["notifications"] = Notification.objects.filter(
            timestamp__lte=now - timedelta(days=rules.notification_retention_days)
        ).delete()[0]
        removed["inactive_accounts_warned"], removed["inactive_accounts_erased"] = _inactive_accounts(rules, now)
        run = RetentionRun.objects.create(ran_at=now, removed=removed)
        log.info("Retention applied: %s", removed)
    return run


def _inactive_accounts(rules, now) -> tuple[int, int]:
    """Warn members who have been away long, then erase those who stay away (staff accounts are never touched)."""
    members = User.objects.filter(erased_at__isnull=True, is_staff=False, is_superuser=False).exclude(
        groups__name__in=[roles.GROUP_NAMES[role] for role in roles.STAFF_ROLES]
    )
    last_seen = Q(last_login__lte=now - timedelta(days=rules.inactive_account_days - rules.inactive_warning_days)) | Q(
        last_login__isnull=True, date_joined__lte=now - timedelta(days=rules.inactive_account_days - rules.inactive_warning_days)
    )
    warned = 0
    for user in list(members.filter(last_seen, inactivity_warned_at__isnull=True).exclude(email="")):
        with translation.override(user.preferred_language):
            subject = _("We will erase your account unless you log in")
            body = render_to_string(
                "community/privacy/inactivity_warning.txt",
                {"user": user, "days": rules.inactive_warning_days, "site_name": settings.WAGTAIL_SITE_NAME},
            )
        email = user.email
        transaction.on_commit(lambda email=email, subject=subject, body=body: send_mail(subject, body, None, [email]))
        User.objects.filter(pk=user.pk).update(inactivity_warned_at=now)
        warned += 1
    erased = 0
    for user in list(members.filter(inactivity_warned_at__lte=now - timedelta(days=rules.inactive_warning_days))):
        account_erase(user=user)
        erased += 1
    return warned, erased
