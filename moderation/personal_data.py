"""Moderation's part of a member's export and erasure (registered with ``community.personal_data``).

Export: the flags a member made, sanctions on them, and the decisions on their posts.
Erasure: the text they wrote or that quotes them (flag notes, queue hits, edit diffs)
is removed; audit rows stay, pseudonymised (see ``AuditEntry.objects.pseudonymise``),
so the log keeps its integrity; the erasure itself is recorded.
"""

from django.db.models import Q

from community.personal_data import register_eraser, register_exporter, register_post_text_eraser

from .models import AuditAction, AuditEntry, Decision, Flag, ModerationItem, Sanction

ERASED = "[erased]"


def _when(value):
    return value.isoformat() if value else None


def export(user) -> dict[str, list]:
    flags = Flag.objects.filter(flagged_by=user).order_by("created_at")
    sanctions = Sanction.objects.filter(member=user).order_by("starts_at")
    decisions = Decision.objects.filter(item__post__author=user).select_related("item").order_by("created_at")
    return {
        "flags_made": [
            {"post": flag.post_id, "reason": flag.reason, "note": flag.note, "created_at": _when(flag.created_at)}
            for flag in flags
        ],
        "sanctions": [
            {
                "kind": sanction.kind,
                "reason": sanction.reason,
                "starts_at": _when(sanction.starts_at),
                "ends_at": _when(sanction.ends_at),
                "revoked_at": _when(sanction.revoked_at),
            }
            for sanction in sanctions
        ],
        "decisions": [
            {
                "post": decision.item.post_id,
                "action": decision.action,
                "reason": decision.reason,
                "created_at": _when(decision.created_at),
            }
            for decision in decisions
        ],
    }


def _scrub_hits(hits):
    return [{**hit, "detail": ERASED} if isinstance(hit, dict) and hit.get("detail") else hit for hit in hits or []]


def _scrub_posts(posts: Q) -> None:
    for item in ModerationItem.objects.filter(posts).only("pk", "hits"):
        ModerationItem.objects.filter(pk=item.pk).update(hits=_scrub_hits(item.hits))
    Decision.objects.filter(**{f"item__{key}": value for key, value in posts.children}).update(text_before="", text_after="")


def erase_post_texts(post_ids) -> None:
    _scrub_posts(Q(post_id__in=post_ids))
    AuditEntry.objects.pseudonymise(Q(post_id__in=post_ids))


def _scrub_flag_notes(user) -> None:
    # A flag's note is copied into its queue item's hits, on someone else's post.
    for flag in Flag.objects.filter(flagged_by=user).exclude(note=""):
        for item in ModerationItem.objects.filter(post_id=flag.post_id).only("pk", "hits"):
            hits = [
                {**hit, "detail": ERASED} if isinstance(hit, dict) and hit.get("detail") == flag.note else hit
                for hit in item.hits or []
            ]
            ModerationItem.objects.filter(pk=item.pk).update(hits=hits)
    Flag.objects.filter(flagged_by=user).exclude(note="").update(note="")


def erase(user, *, by=None) -> None:
    _scrub_flag_notes(user)
    _scrub_posts(Q(post__author=user))
    AuditEntry.objects.pseudonymise(Q(member=user) | Q(actor=user) | Q(post__author=user))
    AuditEntry.objects.create(action=AuditAction.ERASED, actor=by, member=user, data={"by_moderator": by is not None})


def register() -> None:
    register_exporter("moderation", export)
    register_eraser("moderation", erase)
    register_post_text_eraser("moderation", erase_post_texts)
