"""Counsellors reach out: a private conversation a counsellor opens with a member (issue 10)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cms.locales import in_default_locale
from cms.models import CommunitySpacePage
from community import policy
from community.models import (
    Conversation,
    ConversationEvent,
    ConversationEventKind,
    Mode,
    Post,
    Thread,
    User,
)
from community.validation import BODY_MAX, TITLE_MAX, as_id, clean_text

from .threads import post_create


def _reach_out_target(*, member, about_post, space) -> tuple[User, Post | None, CommunitySpacePage]:
    """Who the conversation is with, the post it is about and the space it lives in; a clear error otherwise."""
    post = None
    if about_post is not None:
        post_id = about_post.pk if isinstance(about_post, Post) else as_id(about_post)
        post = Post.objects.select_related("thread__space", "author").filter(pk=post_id).first() if post_id else None
        if post is None or not post.thread.space.live:
            raise ValidationError({"about_post": _("There is no such post.")}, code="invalid")
        if post.thread.mode == Mode.CONVERSATION:
            raise ValidationError({"about_post": _("This is a private message; answer it in its conversation.")}, code="invalid")
        return post.author, post, post.thread.space
    if member is None:
        raise ValidationError({"member": _("Choose the member to write to, or the post it is about.")}, code="required")
    member_id = member.pk if isinstance(member, User) else as_id(member)
    person = User.objects.filter(pk=member_id).first() if member_id else None
    if person is None:
        raise ValidationError({"member": _("There is no such member.")}, code="invalid")
    if space is None:
        # The space the member was last active in; the first live space for someone who never wrote.
        latest = Post.objects.filter(author=person, thread__space__live=True).order_by("-created_at", "-pk").first()
        space = latest.thread.space if latest else in_default_locale(CommunitySpacePage.objects.live()).order_by("path").first()
    if space is None:
        raise ValidationError({"space": _("There is no community space to write in.")}, code="invalid")
    return person, None, space


@transaction.atomic
def conversation_reach_out(*, counsellor, member=None, about_post=None, body: str, space=None) -> Thread:
    """A counsellor opens a private conversation with a member, from a post, a flag, a queue item or their history.

    Safety comes before levels: this works in any live space (``policy.opened_for_safety``).
    ``member`` and ``about_post`` may be objects or ids; with ``about_post`` the member is
    its author (anonymous posts too: counsellors know who wrote them, peers never learn).
    The member is notified in the app and by e-mail, without the message's content.
    """
    policy.require_can_reach_out(counsellor)
    person, post, space = _reach_out_target(member=member, about_post=about_post, space=space)
    policy.require_can_reach_out(counsellor, member=person, space=space)
    body = clean_text(body, field="body", label=_("The message"), max_length=BODY_MAX)
    if post is not None:
        title = _("About your post in “%(title)s”") % {"title": post.thread.title}
    else:
        title = _("A message from the counsellor team")
    if len(title) > TITLE_MAX:
        title = title[: TITLE_MAX - 1].rstrip() + "…"
    thread = Thread.objects.create(space=space, mode=Mode.CONVERSATION, title=title, author=person)
    conversation = Conversation.objects.create(thread=thread, opened_by=counsellor, about_post=post, assigned_to=counsellor)
    ConversationEvent.objects.create(conversation=conversation, kind=ConversationEventKind.REACHED_OUT, actor=counsellor)
    thread.conversation = conversation
    # The counsellor's message goes through the one write path (screening, the member's notification).
    thread.first_message = post_create(author=counsellor, thread=thread, body=body)
    return thread
