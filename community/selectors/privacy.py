"""Reads for data protection: what a member's export holds, and their own exports."""

from datetime import timedelta

from django.http import Http404
from django.utils import timezone

from community.models import (
    DataExport,
    ErasureRequest,
    ExportStatus,
    Follow,
    Mode,
    ModerationState,
    Notification,
    NotificationSettings,
    Post,
    PrivacySettings,
    Reaction,
    Thread,
)
from community.personal_data import exported_sections


def privacy_settings() -> PrivacySettings:
    return PrivacySettings.load()


def _when(value):
    return value.isoformat() if value else None


def _post(post: Post) -> dict:
    return {
        "id": post.pk,
        "thread": post.thread_id,
        "thread_title": post.thread.title,
        "space": post.thread.space.title,
        "kind": post.kind,
        "anonymous": post.is_anonymous,
        "text": post.body,
        "state": post.state,
        "state_reason": post.state_reason,
        "hidden_reason": post.hidden_reason,
        "created_at": _when(post.created_at),
        "edited_at": _when(post.edited_at),
        "earlier_versions": [{"text": r.body, "written_at": _when(r.written_at)} for r in post.revisions.all()],
    }


def member_data(user) -> dict:
    """Everything the service holds about ``user`` that is theirs to have (GDPR articles 15 and 20).

    Counsellors' internal notes and the conversation's case-file timeline are the
    organisation's records and are left out; so is what other people wrote that the
    member could not see (their unpublished messages).
    """
    own_posts = (
        Post.objects.filter(author=user)
        .exclude(thread__mode=Mode.CONVERSATION)
        .select_related("thread__space")
        .prefetch_related("revisions")
        .order_by("created_at", "pk")
    )
    conversations = []
    for thread in Thread.objects.filter(author=user, mode=Mode.CONVERSATION).select_related("space").order_by("created_at"):
        messages = (
            thread.posts.filter(author=user) | thread.posts.filter(state=ModerationState.PUBLISHED)
        ).select_related("author", "thread__space").prefetch_related("revisions").order_by("created_at", "pk")
        conversations.append(
            {
                "id": thread.pk,
                "title": thread.title,
                "space": thread.space.title,
                "started_at": _when(thread.created_at),
                "messages": [
                    {**_post(message), "from": "you" if message.author_id == user.pk else message.author.display_name}
                    for message in messages
                ],
            }
        )
    settings_row = NotificationSettings.objects.filter(user=user).first()
    erasure = ErasureRequest.objects.filter(user=user).first()
    data = {
        "account": {
            "username": user.username,
            "display_name": user.display_name,
            "email": user.email,
            "email_verified": user.email_verified,
            "birth_year": user.birth_year,
            "preferred_language": user.preferred_language,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
            "roles": sorted(user.groups.values_list("name", flat=True)),
            "community_rules_version_accepted": user.rules_version_accepted,
            "notification_settings": {
                "email_kinds": [kind for kind in (settings_row.email_kinds.split(",") if settings_row else []) if kind],
                "digest": settings_row.digest if settings_row else "off",
            },
            "erasure_scheduled_for": _when(erasure.due_at) if erasure and erasure.pending else None,
        },
        "posts": [_post(post) for post in own_posts],
        "private_conversations": conversations,
        "reactions": [
            {"post": reaction.post_id, "kind": reaction.kind, "created_at": _when(reaction.created_at)}
            for reaction in Reaction.objects.filter(user=user).order_by("created_at")
        ],
        "follows": [
            {
                "space": follow.space.title if follow.space_id else None,
                "thread": follow.thread.title if follow.thread_id else None,
                "level": follow.level,
                "created_at": _when(follow.created_at),
            }
            for follow in Follow.objects.filter(user=user).select_related("space", "thread").order_by("created_at")
        ],
        "notifications": [
            {"kind": n.kind, "text": n.text, "link": n.url, "unread": n.unread, "created_at": _when(n.timestamp)}
            for n in Notification.objects.filter(recipient=user).order_by("timestamp")
        ],
    }
    data.update(exported_sections(user))
    data["exported_at"] = _when(timezone.now())
    return data


def data_export_for_user(*, user, export_id) -> DataExport:
    """The member's own ready export; someone else's is not found, an expired one is gone."""
    export = DataExport.objects.filter(pk=export_id, user=user, status=ExportStatus.READY).first()
    if export is None or not user.is_authenticated:
        raise Http404
    if export.expires_at <= timezone.now():
        raise ExportExpired
    return export


# An export still "being prepared" after this long has failed (a lost task); the member may ask again.
PREPARING_GIVES_UP_AFTER = timedelta(hours=1)


def latest_export_for(user) -> DataExport | None:
    """The member's current export: being prepared, or ready and not expired."""
    now = timezone.now()
    for export in DataExport.objects.filter(user=user).defer("archive")[:5]:
        if export.status == ExportStatus.PREPARING and export.created_at > now - PREPARING_GIVES_UP_AFTER:
            return export
        if export.status == ExportStatus.READY and export.expires_at > now:
            return export
    return None


class ExportExpired(Http404):
    """The link has expired; the member can ask for a new export."""
