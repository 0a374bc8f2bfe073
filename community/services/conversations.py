"""The counsellor team's work on private conversations: claim, hand over, notes, 4K stage, urgency.

Moderation calls the urgency functions, so this module imports nothing that imports moderation.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community import policy, roles
from community.models import (
    Conversation,
    ConversationEvent,
    ConversationEventKind,
    ConversationNote,
    ConversationStatus,
    HeldMessage,
    Mode,
    Stage,
    Thread,
    User,
)
from community.notify import dispatch
from community.validation import NOTE_MAX, as_id, clean_text

HANDOVER_NOTE_MAX = 500


def _conversation_for(counsellor, thread: Thread) -> Conversation:
    thread = Thread.objects.select_related("space").get(pk=thread.pk)
    policy.require_counsellor_on_conversation(counsellor, thread)
    return Conversation.objects.select_for_update(of=("self",)).select_related("assigned_to").get(thread=thread)


@transaction.atomic
def conversation_claim(*, counsellor, thread: Thread) -> Conversation:
    """Take an unassigned conversation."""
    conversation = _conversation_for(counsellor, thread)
    if conversation.assigned_to_id == counsellor.pk:
        raise ValidationError(_("This conversation is already yours."), code="unchanged")
    if conversation.assigned_to_id is not None:
        raise ValidationError(
            _("%(name)s has this conversation. Ask them to hand it over to you.")
            % {"name": conversation.assigned_to.display_name},
            code="claimed",
        )
    conversation.assigned_to = counsellor
    conversation.save(update_fields=["assigned_to"])
    ConversationEvent.objects.create(conversation=conversation, kind=ConversationEventKind.CLAIMED, actor=counsellor)
    return conversation


@transaction.atomic
def conversation_hand_over(*, counsellor, thread: Thread, to_user_id, note: str) -> Conversation:
    """Hand a conversation to a colleague, with a note on where it stands."""
    conversation = _conversation_for(counsellor, thread)
    note = clean_text(note, field="note", label=_("The handover note"), max_length=HANDOVER_NOTE_MAX)
    colleague = User.objects.filter(pk=as_id(to_user_id), is_active=True).first() if as_id(to_user_id) else None
    if colleague is None or not roles.is_counsellor(colleague):
        raise ValidationError({"to_user": _("Choose a counsellor to hand the conversation to.")}, code="invalid")
    if colleague.pk == conversation.assigned_to_id:
        raise ValidationError(
            {"to_user": _("%(name)s has this conversation already.") % {"name": colleague.display_name}},
            code="unchanged",
        )
    conversation.assigned_to = colleague
    # "Mine" for the colleague at once, even when the member's turn is next (see ``selectors.conversations``).
    conversation.handed_over_at = timezone.now()
    conversation.save(update_fields=["assigned_to", "handed_over_at"])
    event = ConversationEvent.objects.create(
        conversation=conversation, kind=ConversationEventKind.HANDED_OVER, actor=counsellor, to_user=colleague, note=note
    )
    dispatch.conversation_handed_over(event)
    return conversation


@transaction.atomic
def conversation_note_add(*, counsellor, thread: Thread, body: str) -> ConversationNote:
    """An internal note for the counsellor team; the member never sees it."""
    conversation = _conversation_for(counsellor, thread)
    body = clean_text(body, field="body", label=_("The note"), max_length=NOTE_MAX)
    return ConversationNote.objects.create(conversation=conversation, author=counsellor, body=body)


@transaction.atomic
def conversation_stage_set(*, counsellor, thread: Thread, stage: str) -> Conversation:
    """Move the conversation through the 4K model (Kontakt, Kontrakt, Kommunikation, Konklusion)."""
    conversation = _conversation_for(counsellor, thread)
    if stage not in Stage.values:
        raise ValidationError({"stage": _("Choose one of the four stages.")}, code="invalid")
    if conversation.status == ConversationStatus.CONCLUDED:
        raise ValidationError(_("Reopen the conversation before changing its stage."), code="concluded")
    if conversation.stage == stage:
        raise ValidationError({"stage": _("The conversation is at this stage already.")}, code="unchanged")
    conversation.stage = stage
    conversation.save(update_fields=["stage"])
    ConversationEvent.objects.create(
        conversation=conversation, kind=ConversationEventKind.STAGE, actor=counsellor, stage=stage
    )
    return conversation


@transaction.atomic
def conversation_conclude(*, counsellor, thread: Thread, note: str = "") -> Conversation:
    """Sum up: the conversation is concluded. The member can reopen it by writing again."""
    conversation = _conversation_for(counsellor, thread)
    if conversation.status == ConversationStatus.CONCLUDED:
        raise ValidationError(_("This conversation is concluded already."), code="unchanged")
    note = clean_text(note, field="note", label=_("The note"), max_length=HANDOVER_NOTE_MAX, required=False)
    conversation.status = ConversationStatus.CONCLUDED
    conversation.stage = Stage.KONKLUSION
    conversation.concluded_at = timezone.now()
    conversation.save(update_fields=["status", "stage", "concluded_at"])
    ConversationEvent.objects.create(
        conversation=conversation, kind=ConversationEventKind.CONCLUDED, actor=counsellor, stage=Stage.KONKLUSION, note=note
    )
    return conversation


@transaction.atomic
def conversation_reopen(*, counsellor, thread: Thread) -> Conversation:
    conversation = _conversation_for(counsellor, thread)
    if conversation.status != ConversationStatus.CONCLUDED:
        raise ValidationError(_("This conversation is open already."), code="unchanged")
    conversation.status = ConversationStatus.OPEN
    conversation.stage = Stage.KOMMUNIKATION
    conversation.concluded_at = None
    conversation.save(update_fields=["status", "stage", "concluded_at"])
    ConversationEvent.objects.create(
        conversation=conversation, kind=ConversationEventKind.REOPENED, actor=counsellor, stage=Stage.KOMMUNIKATION
    )
    return conversation




# ---------------------------------------------------------------- urgency (moderation calls these)


_RULE_LABELS = {
    "crisis": lambda: _("crisis signal"),
    "worried_flag": lambda: _("a member is worried about this person"),
    "watched_word_approval": lambda: _("watched word"),
    "watched_word_flag": lambda: _("watched word"),
    "member_flag": lambda: _("reported by a member"),
}


def held_label(hits) -> str:
    """What counsellors read about a held message, built from the rules that fired.

    E.g. "Held: crisis signal (suicide)". A crisis hit's detail reads "Category: matched words;
    ...": only the categories are shown, never the matched words out of context.
    """
    parts = []
    for hit in hits or []:
        rule = hit.get("rule", "")
        label = _RULE_LABELS.get(rule)
        text = str(label()) if label else str(hit.get("message", "")) or rule
        if rule == "crisis" and hit.get("detail"):
            categories = []
            for piece in str(hit["detail"]).split(";"):
                category = piece.split(":", 1)[0].strip().lower()
                if category and category not in categories:
                    categories.append(category)
            if categories:
                text = f"{text} ({', '.join(categories)})"
        if text and text not in parts:
            parts.append(text)
    return _("Held: %(why)s") % {"why": "; ".join(parts) if parts else _("waiting for review")}


@transaction.atomic
def conversation_hold_record(*, post, hits, urgent: bool) -> HeldMessage | None:
    """Moderation queued a message: keep the counsellors' reading of why, and mark the conversation urgent if it is.

    Does nothing for posts outside private conversations.
    """
    if post.thread.mode != Mode.CONVERSATION:
        return None
    conversation = Conversation.objects.get(thread_id=post.thread_id)
    held, _created = HeldMessage.objects.update_or_create(
        post=post, defaults={"conversation": conversation, "label": held_label(hits)[:300], "urgent": urgent}
    )
    if urgent:
        conversation_mark_urgent(thread=post.thread)
    return held


@transaction.atomic
def conversation_hold_clear(*, post) -> None:
    """The review of a message is over: it no longer makes its conversation urgent (unless another message does)."""
    held = HeldMessage.objects.select_related("conversation__thread").filter(post_id=post.pk).first()
    if held is None:
        return
    if held.urgent:
        held.urgent = False
        held.save(update_fields=["urgent"])
    if not HeldMessage.objects.filter(conversation_id=held.conversation_id, urgent=True).exists():
        conversation_clear_urgent(thread=held.conversation.thread)


@transaction.atomic
def conversation_mark_urgent(*, thread) -> Conversation:
    """A message in the conversation has an open urgent moderation item: it goes first in the team inbox."""
    conversation = Conversation.objects.select_for_update(of=("self",)).get(thread_id=thread.pk)
    if conversation.urgent_since is None:
        conversation.urgent_since = timezone.now()
        conversation.save(update_fields=["urgent_since"])
    return conversation


@transaction.atomic
def conversation_clear_urgent(*, thread) -> Conversation:
    """The urgent moderation items of the conversation are closed (moderation calls this when it resolves one)."""
    conversation = Conversation.objects.select_for_update(of=("self",)).get(thread_id=thread.pk)
    HeldMessage.objects.filter(conversation=conversation, urgent=True).update(urgent=False)
    if conversation.urgent_since is not None:
        conversation.urgent_since = None
        conversation.save(update_fields=["urgent_since"])
    return conversation
