"""Decisions on queue items: approve, reject with a reason, edit and approve, escalate; in bulk too."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from community import outbox, roles
from community.counters import thread_counters_refresh
from community.models import (
    HiddenReason,
    ModerationState,
    PostKind,
    PostRevision,
    SummaryAnswer,
    Thread,
    User,
)
from community.notify import dispatch
from community.search_index import search_index_update
from community.validation import BODY_MAX, as_id, clean_text
from moderation import policy
from moderation.models import (
    AuditAction,
    Decision,
    DecisionAction,
    ModerationItem,
    RejectionReason,
    UrgentOutcome,
)
from moderation.sanitiser import sanitise

from ._items import locked_open_item, resolve
from .audit import audit_record


def _notify_author_on_commit(decision: Decision) -> None:
    outbox.enqueue("moderation.tasks.notify_author_of_decision", decision.pk)


def _set_post_state(post, state: str, reason: str = "") -> None:
    post.state = state
    post.state_reason = reason
    if state == ModerationState.PUBLISHED:
        post.hidden_reason = ""
    if state == ModerationState.PUBLISHED:
        post.rejection_final = False
    post.save(update_fields=["state", "state_reason", "hidden_reason", "rejection_final", "body", "body_html", "edited_at"])
    if post.kind == PostKind.QUESTION:
        Thread.objects.filter(pk=post.thread_id).update(state=state)
    thread_counters_refresh(thread_id=post.thread_id, activity_at=timezone.now() if state == ModerationState.PUBLISHED else None)
    if state == ModerationState.PUBLISHED:
        # Approval is when followers may hear of it: never before.
        dispatch.post_published(post)


def _publish_summary_revision(revision) -> None:
    revision.state = ModerationState.PUBLISHED
    revision.save(update_fields=["state"])
    summary = SummaryAnswer.objects.select_for_update(of=("self",)).get(pk=revision.summary_id)
    if summary.current is None or summary.current.number < revision.number:
        summary.current = revision
        summary.save(update_fields=["current", "updated_at"])
        dispatch.summary_updated(revision)


def _refuse_withdrawn(item) -> None:
    if item.post is not None and item.post.hidden_reason == HiddenReason.WITHDRAWN:
        raise ValidationError(_("The author has withdrawn this post; it stays hidden. Reject the item to close it."), code="withdrawn")


REFERRED_TO_MAX = 200


def _close_urgent(*, moderator, item: ModerationItem, outcome: str, referred_to: str) -> None:
    """An urgent item closes only with what was done for the member; recorded on the item and in the audit log.

    Call with the locked item, inside the decision's transaction: a refusal leaves nothing half-written.
    """
    if not item.needs_outcome:
        return
    if outcome not in UrgentOutcome.values:
        raise ValidationError(
            {
                "outcome": _(
                    "This item is urgent. Before closing it, record the outcome: reached out, referred, "
                    "no risk found or already in contact."
                )
            },
            code="outcome_required",
        )
    referred_to = clean_text(
        referred_to,
        field="referred_to",
        label=_("Referred to"),
        max_length=REFERRED_TO_MAX,
        required=outcome == UrgentOutcome.REFERRED,
    )
    item.outcome, item.outcome_referred_to = outcome, referred_to
    item.save(update_fields=["outcome", "outcome_referred_to"])
    audit_record(
        action=AuditAction.URGENT_OUTCOME,
        actor=moderator,
        member=_author(item),
        post=item.post,
        item=item,
        outcome=outcome,
        referred_to=referred_to,
    )


@transaction.atomic
def item_claim(*, moderator, item: ModerationItem) -> ModerationItem:
    """Mark the item as being handled by this moderator, so colleagues don't collide."""
    policy.require_can_moderate(moderator)
    item = locked_open_item(moderator=moderator, item=item)
    item.handled_by = moderator
    item.handled_since = timezone.now()
    item.save(update_fields=["handled_by", "handled_since"])
    return item


@transaction.atomic
def item_approve(
    *, moderator, item: ModerationItem, note: str = "", outcome: str = "", referred_to: str = ""
) -> Decision:
    policy.require_can_moderate(moderator)
    item = locked_open_item(moderator=moderator, item=item)
    _refuse_withdrawn(item)
    _close_urgent(moderator=moderator, item=item, outcome=outcome, referred_to=referred_to)
    if item.post is not None:
        _set_post_state(item.post, ModerationState.PUBLISHED)
    elif item.summary_revision is not None:
        _publish_summary_revision(item.summary_revision)
    # Other subjects (a proposed update, a refused note) have nothing to publish here: the item closes.
    decision = Decision.objects.create(item=item, moderator=moderator, action=DecisionAction.APPROVE, note=note)
    resolve(item)
    audit_record(action=AuditAction.APPROVED, actor=moderator, member=_author(item), post=item.post, item=item, note=note)
    _notify_author_on_commit(decision)
    return decision


@transaction.atomic
def item_reject(
    *,
    moderator,
    item: ModerationItem,
    reason: str,
    note: str = "",
    final: bool = False,
    outcome: str = "",
    referred_to: str = "",
) -> Decision:
    """Reject with a reason the author reads; ``final`` means the author cannot edit it back into review."""
    policy.require_can_moderate(moderator)
    if reason not in RejectionReason.values:
        raise ValidationError({"reason": _("Choose a reason for rejecting.")}, code="invalid")
    note = clean_text(note, field="note", label=_("The note"), max_length=500, required=False)
    item = locked_open_item(moderator=moderator, item=item)
    _close_urgent(moderator=moderator, item=item, outcome=outcome, referred_to=referred_to)
    # Written for the author, in the author's language, whatever the moderator's.
    with translation.override(getattr(_author(item), "preferred_language", None)):
        explanation = RejectionReason(reason).explanation
    message = f"{explanation} {note}".strip()
    if item.post is not None and item.post.hidden_reason != HiddenReason.WITHDRAWN:
        item.post.rejection_final = bool(final)
        _set_post_state(item.post, ModerationState.REJECTED, message)
    elif item.summary_revision is not None:
        item.summary_revision.state = ModerationState.REJECTED
        item.summary_revision.save(update_fields=["state"])
    decision = Decision.objects.create(
        item=item, moderator=moderator, action=DecisionAction.REJECT, reason=reason, note=note, final=bool(final)
    )
    resolve(item)
    audit_record(
        action=AuditAction.REJECTED, actor=moderator, member=_author(item), post=item.post, item=item, reason=reason, note=note
    )
    _notify_author_on_commit(decision)
    return decision


@transaction.atomic
def item_edit_and_approve(
    *, moderator, item: ModerationItem, body: str, note: str = "", outcome: str = "", referred_to: str = ""
) -> Decision:
    """Publish the post with the moderator's changes (e.g. a phone number removed); the author sees what changed."""
    policy.require_can_moderate(moderator)
    item = locked_open_item(moderator=moderator, item=item)
    if item.post is None:
        raise ValidationError(_("Summary revisions are approved or rejected; edit the answer itself instead."), code="invalid")
    _refuse_withdrawn(item)
    _close_urgent(moderator=moderator, item=item, outcome=outcome, referred_to=referred_to)
    body = clean_text(body, field="body", label=_("The text"), max_length=BODY_MAX)
    post = item.post
    if body == post.body:
        raise ValidationError({"body": _("Nothing has changed; approve the post instead.")}, code="unchanged")
    before = post.body
    PostRevision.objects.create(post=post, body=post.body, body_html=post.body_html, written_at=post.edited_at or post.created_at)
    post.body, post.body_html, post.edited_at = body, sanitise(body), timezone.now()
    with translation.override(post.author.preferred_language):
        edited_note = _("A moderator edited this post before publishing it.")
    _set_post_state(post, ModerationState.PUBLISHED, edited_note)
    search_index_update(posts=[post])
    decision = Decision.objects.create(
        item=item, moderator=moderator, action=DecisionAction.EDIT_APPROVE, note=note, text_before=before, text_after=body
    )
    resolve(item)
    audit_record(action=AuditAction.EDITED_APPROVED, actor=moderator, member=post.author, post=post, item=item, note=note)
    _notify_author_on_commit(decision)
    return decision


@transaction.atomic
def item_escalate(*, moderator, item: ModerationItem, to_user_id, note: str) -> Decision:
    """Ask a colleague to take the item; it stays open, in their hands."""
    policy.require_can_moderate(moderator)
    note = clean_text(note, field="note", label=_("The note"), max_length=500)
    colleague = User.objects.filter(pk=as_id(to_user_id), is_active=True).first() if as_id(to_user_id) else None
    if colleague is None or not roles.is_counsellor(colleague) or colleague.pk == moderator.pk:
        raise ValidationError({"to_user": _("Choose a colleague to escalate to.")}, code="invalid")
    item = locked_open_item(moderator=moderator, item=item)
    item.escalated_to = colleague
    item.handled_by, item.handled_since = colleague, timezone.now()
    item.save(update_fields=["escalated_to", "handled_by", "handled_since"])
    decision = Decision.objects.create(
        item=item, moderator=moderator, action=DecisionAction.ESCALATE, note=note, escalated_to=colleague
    )
    audit_record(action=AuditAction.ESCALATED, actor=moderator, member=_author(item), post=item.post, item=item, to=colleague.pk, note=note)
    outbox.enqueue("moderation.tasks.notify_escalation", decision.pk)
    return decision


@dataclass
class BulkResult:
    """What a bulk decision did: how many were decided, which were skipped and why, and what went wrong."""

    decided: int = 0
    skipped: list[dict] = field(default_factory=list)  # [{"id", "why", "message"}]
    problems: list[str] = field(default_factory=list)


def _ids(values, *, field_name: str, required: bool) -> list[int]:
    values = list(values or ())
    bad = [str(value) for value in values if as_id(value) is None]
    if bad:
        raise ValidationError(
            {field_name: _("Item ids are whole numbers; these are not: %(ids)s.") % {"ids": ", ".join(bad[:10])}},
            code="invalid",
        )
    if required and not values:
        raise ValidationError({field_name: _("Choose the items to decide.")}, code="required")
    return sorted({as_id(value) for value in values})


def _needs_confirmation(item: ModerationItem) -> tuple[str, str] | None:
    """Urgent and personal-data items are never decided in bulk without a per-item confirmation."""
    if item.urgent:
        return "urgent", _(
            "#%(id)s was skipped: it is urgent (a crisis signal or a worried report). Open it, or tick its confirmation "
            "and choose an outcome."
        ) % {"id": item.pk}
    if item.personal_data:
        return "personal_data", _(
            "#%(id)s was skipped: it holds personal data. Check it, or tick its confirmation."
        ) % {"id": item.pk}
    return None


def items_bulk_decide(
    *,
    moderator,
    item_ids,
    action: str,
    reason: str = "",
    confirmed_ids=(),
    outcome: str = "",
    referred_to: str = "",
) -> BulkResult:
    """Approve or reject many items; each in its own transaction.

    Urgent and personal-data items are skipped unless their id is also in
    ``confirmed_ids``; a confirmed urgent item still needs ``outcome``.
    """
    policy.require_can_moderate(moderator)
    if action not in ("approve", "reject"):
        raise ValidationError({"action": _("Choose approve or reject.")}, code="invalid")
    if action == "reject" and reason not in RejectionReason.values:
        raise ValidationError({"reason": _("Choose a reason for rejecting.")}, code="invalid")
    ids = _ids(item_ids, field_name="items", required=True)
    confirmed = set(_ids(confirmed_ids, field_name="confirm", required=False))
    result = BulkResult()
    found = set()
    for item in ModerationItem.objects.filter(pk__in=ids).order_by("pk"):
        found.add(item.pk)
        check = _needs_confirmation(item)
        if check is not None and item.pk not in confirmed:
            why, message = check
            result.skipped.append({"id": item.pk, "why": why, "message": message})
            continue
        extra = {"outcome": outcome, "referred_to": referred_to}
        try:
            if action == "approve":
                item_approve(moderator=moderator, item=item, **extra)
            else:
                item_reject(moderator=moderator, item=item, reason=reason, **extra)
            result.decided += 1
        except ValidationError as error:
            messages = sum(error.message_dict.values(), []) if hasattr(error, "error_dict") else error.messages
            result.problems.append(f"#{item.pk}: {' '.join(messages)}")
    result.problems += [_("#%(id)s: no such item.") % {"id": pk} for pk in ids if pk not in found]
    return result


def _author(item):
    if item.post is not None:
        return item.post.author
    if item.summary_revision is not None:
        return item.summary_revision.editor
    return item.member or (item.update_page.owner if item.update_page is not None else None)
