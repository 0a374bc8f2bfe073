"""Members flag posts; enough flags hide a post until a moderator has looked."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cms.page_cache import space_pages_invalidate
from community.counters import thread_counters_refresh
from community.models import HiddenReason, ModerationState, Post, PostKind, Thread
from community.safeguarding import Surface
from community.validation import clean_text
from moderation import policy, screening
from moderation.models import AuditAction, Flag, FlagReason

from .audit import audit_record
from .flag_limits import flag_weight, require_flag_rate
from .records import _open_item, alert_urgent_on_commit


@transaction.atomic
def flag_create(*, user, post, reason: str, note: str = "") -> Flag:
    """Report a post. "Worried about this person" goes to the urgent lane at once."""
    post = Post.objects.select_for_update(of=("self",)).select_related("thread__space", "author").get(pk=post.pk)
    policy.require_can_flag(user, post)
    require_flag_rate(user)
    if reason not in FlagReason.values:
        raise ValidationError({"reason": _("Choose a reason.")}, code="invalid")
    note = clean_text(note, field="note", label=_("The note"), max_length=500, required=False)
    try:
        with transaction.atomic():
            flag = Flag.objects.create(post=post, flagged_by=user, reason=reason, note=note)
    except IntegrityError as error:
        raise ValidationError(_("You have already reported this post. Thank you."), code="duplicate") from error
    # The note is read by counsellors only, but a crisis in it ("she says she'll end it") is urgent
    # whatever reason the reporter picked.
    note_verdict = screening.screen(author=user, space=post.thread.space, mode=post.thread.mode, text=note, surface=Surface.PRIVATE_NOTE) if note else None
    note_crisis = [hit.as_record() for hit in note_verdict.hits if hit.urgent] if note_verdict else []
    worried = reason == FlagReason.WORRIED or bool(note_crisis)
    hits = [
        {
            "rule": "worried_flag" if reason == FlagReason.WORRIED else "member_flag",
            "reason": reason,
            "message": str(FlagReason(reason).label),
            "detail": note,
        },
        *note_crisis,
    ]
    flaggers = flag_weight(post)
    hide = reason != FlagReason.WORRIED and flaggers >= settings.MODERATION_FLAG_THRESHOLD
    if hide:
        hits.append({"rule": "flag_threshold", "message": str(_("Hidden after several reports.")), "detail": str(flaggers)})
    item = _open_item(post=post, space=post.thread.space, hits=hits, urgent=worried)
    audit_record(action=AuditAction.FLAGGED, actor=user, member=post.author, post=post, item=item, reason=reason)
    if hide:
        post.state = ModerationState.HIDDEN
        post.hidden_reason = HiddenReason.FLAGGED
        post.save(update_fields=["state", "hidden_reason"])
        if post.kind == PostKind.QUESTION:
            Thread.objects.filter(pk=post.thread_id).update(state=ModerationState.HIDDEN)
        thread_counters_refresh(thread_id=post.thread_id)
        audit_record(action=AuditAction.HIDDEN_BY_FLAGS, member=post.author, post=post, item=item, flags=float(flaggers))
        space_pages_invalidate(space_id=post.thread.space_id)
    if worried:
        alert_urgent_on_commit(item)
    return flag
