"""Threads and posts in all three guidance modes."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.page_cache import space_pages_invalidate
from community import policy, safeguarding
from community.counters import thread_counters_refresh
from community.models import (
    Conversation,
    ConversationEvent,
    ConversationEventKind,
    ConversationStatus,
    HiddenReason,
    Mode,
    ModerationState,
    Post,
    PostKind,
    PostRevision,
    Stage,
    Thread,
)
from community.notify import dispatch
from community.search_index import search_index_update
from community.validation import BODY_MAX, TITLE_MAX, TITLE_MIN, author_role_of, clean_text

from . import coconstruction
from .follows import follow_set, thread_visit_record


def _question_fields(title, body) -> tuple[str, str]:
    errors = {}
    cleaned = []
    for field, value, label, limits in (
        ("title", title, _("The title"), {"min_length": TITLE_MIN, "max_length": TITLE_MAX}),
        ("body", body, _("The question"), {"max_length": BODY_MAX}),
    ):
        try:
            cleaned.append(clean_text(value, field=field, label=label, **limits))
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return cleaned[0], cleaned[1]


@transaction.atomic
def wall_question_ask(*, author, space, title: str, body: str, anonymous: bool = False) -> Thread:
    """A member asks on a space's wall (level 3+). The asker follows the thread."""
    policy.require_can_start(author, space, Mode.WALL)
    title, body = _question_fields(title, body)
    verdict = safeguarding.screen(author=author, space=space, mode=Mode.WALL, text=body, title=title)
    thread = Thread.objects.create(
        space=space, mode=Mode.WALL, title=verdict.title, author=author, is_anonymous=bool(anonymous), state=verdict.state
    )
    question = Post.objects.create(
        thread=thread,
        kind=PostKind.QUESTION,
        author=author,
        author_role=author_role_of(author),
        is_anonymous=bool(anonymous),
        body=verdict.text,
        body_html=verdict.html,
        state=verdict.state,
        state_reason=verdict.reason,
    )
    safeguarding.record(post=question, verdict=verdict)
    search_index_update(posts=[question])
    if question.state == ModerationState.PUBLISHED:
        dispatch.post_published(question)
    follow_set(user=author, thread=thread, following=True)
    thread_visit_record(user=author, thread=thread)
    thread.verdict = verdict  # for the caller: e.g. show help resources at once after a crisis signal
    space_pages_invalidate(space_id=thread.space_id)
    return thread


@transaction.atomic
def conversation_start(*, member, space, body: str, subject: str = "") -> Thread:
    """A member writes privately to the counsellor team from a space (level 2+)."""
    policy.require_can_start(member, space, Mode.CONVERSATION)
    body = clean_text(body, field="body", label=_("The message"), max_length=BODY_MAX)
    subject = clean_text(subject, field="subject", label=_("The subject"), max_length=TITLE_MAX, required=False)
    # Never derived from the message: a title travels further (inbox lists, search index) than the text.
    title = subject or _("Private conversation")
    verdict = safeguarding.screen(author=member, space=space, mode=Mode.CONVERSATION, text=body, title=subject)
    now = timezone.now()
    thread = Thread.objects.create(space=space, mode=Mode.CONVERSATION, title=title, author=member)
    Conversation.objects.create(thread=thread, member_last_message_at=now)
    message = Post.objects.create(
        thread=thread,
        kind=PostKind.MESSAGE,
        author=member,
        author_role=author_role_of(member),
        body=verdict.text,
        body_html=verdict.html,
        state=verdict.state,
        state_reason=verdict.reason,
    )
    safeguarding.record(post=message, verdict=verdict)
    if message.state == ModerationState.PUBLISHED:
        dispatch.post_published(message)
    thread_visit_record(user=member, thread=thread)
    thread.verdict = verdict
    return thread


def _excerpt(text: str, length: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


@transaction.atomic
def post_create(*, author, thread: Thread, body: str, parent: Post | None = None) -> Post:
    """An answer, a reply to an answer, a comment on an update, or a message in a conversation."""
    thread = Thread.objects.select_for_update(of=("self",)).select_related("space").get(pk=thread.pk)
    policy.require_can_post(author, thread, parent)
    body = clean_text(body, field="body", label=_("Your text"), max_length=BODY_MAX)
    verdict = safeguarding.screen(author=author, space=thread.space, mode=thread.mode, text=body)
    if thread.mode == Mode.CONVERSATION:
        kind = PostKind.MESSAGE
    else:
        kind = PostKind.REPLY if parent is not None else PostKind.ANSWER
    post = Post.objects.create(
        thread=thread,
        parent=parent,
        kind=kind,
        author=author,
        author_role=author_role_of(author),
        is_anonymous=thread.is_anonymous and thread.author_id == author.pk,
        body=verdict.text,
        body_html=verdict.html,
        state=verdict.state,
        state_reason=verdict.reason,
    )
    safeguarding.record(post=post, verdict=verdict)
    search_index_update(posts=[post])
    post.verdict = verdict
    now = timezone.now()
    thread_counters_refresh(thread_id=thread.pk, activity_at=now if post.state == ModerationState.PUBLISHED else None)
    reopened = False
    if thread.mode == Mode.CONVERSATION:
        reopened = _conversation_after_message(thread=thread, author=author, now=now)
    else:
        # Answering a thread means wanting to hear how it goes on.
        follow_set(user=author, thread=thread, following=True)
    thread_visit_record(user=author, thread=thread)
    if post.state == ModerationState.PUBLISHED:
        dispatch.post_published(post, reopened=reopened)
    space_pages_invalidate(space_id=thread.space_id)
    return post


def _conversation_after_message(*, thread: Thread, author, now) -> bool:
    """Keep the counsellors' case file in step; returns whether the member's message reopened it."""
    reopened = False
    conversation = Conversation.objects.select_for_update(of=("self",)).get(thread=thread)
    if author.pk == thread.author_id:
        conversation.member_last_message_at = now
        if conversation.status == ConversationStatus.CONCLUDED:
            # The young person sets the pace: writing again reopens the conversation.
            conversation.status = ConversationStatus.OPEN
            conversation.stage = Stage.KONTAKT
            conversation.concluded_at = None
            reopened = True
            ConversationEvent.objects.create(
                conversation=conversation, kind=ConversationEventKind.REOPENED, actor=author, stage=Stage.KONTAKT
            )
    else:
        conversation.counsellor_last_message_at = now
        if conversation.assigned_to_id is None:
            # Answering an unclaimed conversation claims it, so two counsellors don't both answer.
            conversation.assigned_to = author
            ConversationEvent.objects.create(conversation=conversation, kind=ConversationEventKind.CLAIMED, actor=author)
    conversation.save()
    return reopened


@transaction.atomic
def post_edit(*, editor, post: Post, body: str, title: str | None = None) -> Post:
    """The author edits their post; the earlier text is kept for counsellors."""
    post = Post.objects.select_for_update(of=("self",)).select_related("thread__space", "parent").get(pk=post.pk)
    policy.require_can_edit_post(editor, post)
    thread = post.thread
    if post.kind == PostKind.QUESTION:
        title, body = _question_fields(title if title is not None else thread.title, body)
    else:
        body = clean_text(body, field="body", label=_("Your text"), max_length=BODY_MAX)
    if body == post.body and (post.kind != PostKind.QUESTION or title == thread.title):
        raise ValidationError({"body": _("Nothing has changed.")}, code="unchanged")
    verdict = safeguarding.screen(
        author=editor,
        space=thread.space,
        mode=thread.mode,
        text=body,
        title=title if post.kind == PostKind.QUESTION else "",
        reconsider=policy.edit_needs_review(post),
    )
    revision = PostRevision.objects.create(
        post=post,
        body=post.body,
        body_html=post.body_html,
        written_at=post.edited_at or post.created_at,
        was_published=post.state == ModerationState.PUBLISHED,
        helped_asker=post.helped_asker,
    )
    # Endorsements vouched for the old text: they lapse (kept on the revision), endorsers are told.
    coconstruction.endorsements_lapse(post=post, revision=revision)
    post.body, post.body_html = verdict.text, verdict.html
    post.state, post.state_reason = verdict.state, verdict.reason
    if post.state != ModerationState.HIDDEN:
        post.hidden_reason = ""
    post.edited_at = timezone.now()
    post.save()
    safeguarding.record(post=post, verdict=verdict)
    if post.kind == PostKind.QUESTION:
        thread.title = verdict.title
        thread.state = post.state
        thread.save(update_fields=["title", "state"])
    thread_counters_refresh(thread_id=thread.pk)
    search_index_update(posts=[post])
    if post.state == ModerationState.PUBLISHED:
        # Editing out what held it publishes it; people hear of it once (the event key is the post's).
        dispatch.post_published(post)
    post.verdict = verdict
    space_pages_invalidate(space_id=thread.space_id)
    return post


@transaction.atomic
def post_withdraw(*, user, post: Post) -> Post:
    """The author takes their post back. It is hidden, never deleted."""
    post = Post.objects.select_for_update(of=("self",)).select_related("thread__space").get(pk=post.pk)
    policy.require_can_withdraw(user, post)
    post.state = ModerationState.HIDDEN
    post.hidden_reason = HiddenReason.WITHDRAWN
    post.state_reason = ""
    post.save(update_fields=["state", "hidden_reason", "state_reason"])
    if post.kind == PostKind.QUESTION:
        Thread.objects.filter(pk=post.thread_id).update(state=ModerationState.HIDDEN)
    thread_counters_refresh(thread_id=post.thread_id)
    space_pages_invalidate(space_id=post.thread.space_id)
    return post
