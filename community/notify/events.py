"""Each event: who may and wants to hear about it, and what they are told.

Rules that keep notifications from leaking what a recipient may not see:
- nothing is sent for a post until it is published (held posts notify on approval);
- an anonymous author is never named, to anyone;
- private conversations notify only their member and counsellors, and never quote a message;
- the actor stored on a notification is the thing it is about, never a person.
"""

from django.urls import reverse

from community import outbox
from community.models import (
    AuthorRole,
    Conversation,
    ConversationEvent,
    EventKind,
    Follow,
    FollowLevel,
    Mode,
    ModerationState,
    NotificationSettings,
    Post,
    PostKind,
    PostRevision,
    PrivateTalkOffer,
    Referral,
    SummaryRevision,
    Thread,
)
from community.selectors import counsellors

from .delivery import deliver
from .messages import message, page_title


def _name(post: Post):
    """How a post's author is named: a display name, or a message translated when read."""
    if post.is_anonymous:
        return message("anonymous_member")
    if post.author_role == AuthorRole.COUNSELLOR:
        return message("name_counsellor", name=post.author.display_name)
    return post.author.display_name


def _thread_followers(thread: Thread, *levels) -> set[int]:
    return set(Follow.objects.filter(thread=thread, level__in=levels).values_list("user_id", flat=True))


def _muted(thread: Thread) -> set[int]:
    return _thread_followers(thread, FollowLevel.MUTED)


def post_published(*, post_id: int, reopened: bool = False) -> None:
    """A post became visible: tell the asker, the author replied to, followers, or the conversation's people."""
    post = (
        Post.objects.select_related("thread__space", "thread__author", "author", "parent")
        .filter(pk=post_id, state=ModerationState.PUBLISHED)
        .first()
    )
    if post is None or not post.thread.space.live:
        return
    if post.thread.mode == Mode.CONVERSATION:
        _conversation_message(post, reopened=reopened)
        return
    thread = post.thread
    if thread.state != ModerationState.PUBLISHED:
        return
    key, url, name = f"post:{post.pk}", f"{thread.get_absolute_url()}#post-{post.pk}", _name(post)
    muted = _muted(thread)
    skip = {post.author_id} | muted

    if post.kind == PostKind.QUESTION:
        watchers = set(
            Follow.objects.filter(space_id=thread.space_id, level=FollowLevel.WATCHING).values_list("user_id", flat=True)
        )
        deliver(
            event_key=key,
            kind=EventKind.QUESTION_IN_FOLLOWED_SPACE,
            recipient_ids=watchers - {post.author_id},
            actor=post,
            url=url,
            text=message("question_in_space", space=page_title(thread.space), title=thread.title),
        )
        return

    # The most specific news first: one notification per person and post.
    if post.kind == PostKind.ANSWER and thread.mode == Mode.WALL and thread.author_id not in skip:
        deliver(
            event_key=key,
            kind=EventKind.ANSWER_ON_MY_QUESTION,
            recipient_ids=[thread.author_id],
            actor=post,
            url=url,
            text=message("answered_your_question", name=name, title=thread.title),
        )
    if post.kind == PostKind.REPLY and post.parent and post.parent.author_id not in skip:
        deliver(
            event_key=key,
            kind=EventKind.REPLY_TO_MY_ANSWER,
            recipient_ids=[post.parent.author_id],
            actor=post,
            url=url,
            text=message("replied_to_your_answer", name=name, title=thread.title),
        )
    followers = _thread_followers(thread, FollowLevel.WATCHING)
    if post.kind == PostKind.ANSWER:
        followers |= _thread_followers(thread, FollowLevel.NORMAL)
    deliver(
        event_key=key,
        kind=EventKind.POST_IN_FOLLOWED_THREAD,
        recipient_ids=followers - skip,
        actor=post,
        url=url,
        text=message("wrote_in_thread", name=name, title=thread.title),
    )


def _conversation_message(post: Post, *, reopened: bool) -> None:
    # Who and where, never what: a conversation's title may be the member's own words
    # (or, before subjects were separate, the start of their message), and a notification
    # ends up on lock screens and in e-mail subjects.
    thread = post.thread
    conversation = Conversation.objects.select_related("assigned_to").get(thread=thread)
    url = reverse("conversation_detail", args=[thread.pk]) + f"#post-{post.pk}"
    key = f"post:{post.pk}"
    space = page_title(thread.space)
    if conversation.opened_by_id and post.author_id != thread.author_id and _is_first(post):
        _reached_out(post, url=url, key=key)
        return
    if post.author_id != thread.author_id:
        deliver(
            event_key=key,
            kind=EventKind.CONVERSATION_REPLY,
            recipient_ids=[thread.author_id],
            actor=post,
            url=url,
            text=message("answered_private_message", name=_name(post), space=space),
        )
        return
    is_first = not Post.objects.filter(thread=thread, created_at__lt=post.created_at).exists()
    if is_first or reopened:
        kind = EventKind.CONVERSATION_NEW
        recipients = [person.pk for person in counsellors()]
        key_of_text = "reopened_conversation" if reopened else "new_conversation"
    else:
        kind = EventKind.CONVERSATION_MESSAGE
        recipients = [conversation.assigned_to_id] if conversation.assigned_to_id else [p.pk for p in counsellors()]
        key_of_text = "new_private_message"
    deliver(
        event_key=key,
        kind=kind,
        recipient_ids=recipients,
        actor=post,
        url=url,
        text=message(key_of_text, name=post.author.display_name, space=space),
    )


def update_published(*, update_id: int) -> None:
    """A counsellor's update reached a space: tell everyone following the space (but not those who muted it)."""
    thread = Thread.objects.select_related("space", "update_page").filter(update_page_id=update_id).first()
    if thread is None or not thread.update_page.live:
        return
    followers = Follow.objects.filter(space_id=thread.space_id, level__in=[FollowLevel.NORMAL, FollowLevel.WATCHING])
    deliver(
        event_key=f"update:{update_id}",
        kind=EventKind.UPDATE_PUBLISHED,
        recipient_ids=followers.exclude(user_id=thread.author_id).values("user_id"),
        actor=thread,
        url=thread.update_page.url or "",
        text=message("update_in_space", space=page_title(thread.space), title=page_title(thread.update_page)),
    )


def update_proposal_decided(*, update_id: int, published: bool, decision_id: int | None = None) -> None:
    """A member's update proposal was published, or a counsellor sent it back: tell its author."""
    from cms.models import UpdatePage

    page = UpdatePage.objects.filter(pk=update_id).first()
    if page is None or page.owner_id is None or (published and not page.live):
        return
    title = page_title(page)
    deliver(
        event_key=f"update-proposal:{page.pk}:published" if published else f"update-proposal:{page.pk}:rejected:{decision_id}",
        kind=EventKind.MODERATION_DECISION,
        recipient_ids=[page.owner_id],
        actor=page,
        url=(page.url or "") if published else reverse("my_posts"),
        text=message("proposal_published" if published else "proposal_rejected", title=title),
    )


def endorsed(*, endorsement_id: int) -> None:
    from community.models import Endorsement

    endorsement = Endorsement.objects.select_related("post__thread", "endorsed_by").filter(pk=endorsement_id).first()
    if endorsement is None:
        return
    post = endorsement.post
    title = post.thread.title
    counsellor = endorsement.endorser_role == AuthorRole.COUNSELLOR
    deliver(
        event_key=f"endorsement:{endorsement.pk}",
        kind=EventKind.ENDORSED,
        recipient_ids=[post.author_id],
        actor=post,
        url=f"{post.thread.get_absolute_url()}#post-{post.pk}",
        text=message(
            "endorsed_by_counsellor" if counsellor else "endorsed_by_peer_guide",
            name=endorsement.endorsed_by.display_name,
            title=title,
        ),
    )


def endorsement_lapsed(*, revision_id: int) -> None:
    """An answer someone endorsed was edited: their endorsement lapsed; they may check it and endorse again."""
    revision = PostRevision.objects.select_related("post__thread").filter(pk=revision_id).first()
    if revision is None or not revision.endorsements:
        return
    post = revision.post
    title = post.thread.title
    deliver(
        event_key=f"endorsement-lapsed:{revision.pk}",
        kind=EventKind.ENDORSED_ANSWER_EDITED,
        recipient_ids=[entry["by"] for entry in revision.endorsements],
        actor=post,
        url=f"{post.thread.get_absolute_url()}#post-{post.pk}",
        text=message("endorsement_lapsed", title=title),
    )


def marked_helpful(*, post_id: int) -> None:
    post = Post.objects.select_related("thread").filter(pk=post_id, helped_asker=True).first()
    if post is None:
        return
    deliver(
        event_key=f"helped:{post.pk}",
        kind=EventKind.MARKED_HELPFUL,
        recipient_ids=[post.author_id],
        actor=post,
        url=f"{post.thread.get_absolute_url()}#post-{post.pk}",
        text=message("marked_helpful", title=post.thread.title),
    )


def summary_updated(*, revision_id: int) -> None:
    revision = (
        SummaryRevision.objects.select_related("summary__thread", "editor")
        .filter(pk=revision_id, state=ModerationState.PUBLISHED)
        .first()
    )
    if revision is None:
        return
    thread = revision.summary.thread
    recipients = (_thread_followers(thread, FollowLevel.WATCHING) | {thread.author_id}) - _muted(thread) - {revision.editor_id}
    deliver(
        event_key=f"summary:{revision.pk}",
        kind=EventKind.SUMMARY_UPDATED,
        recipient_ids=recipients,
        actor=revision,
        url=f"{thread.get_absolute_url()}#summary",
        text=message("summary_updated", title=thread.title),
    )


def conversation_handed_over(*, event_id: int) -> None:
    event = (
        ConversationEvent.objects.select_related("conversation__thread__space", "conversation__thread__author", "actor")
        .filter(pk=event_id)
        .first()
    )
    if event is None or event.to_user_id is None:
        return
    thread = event.conversation.thread
    deliver(
        event_key=f"handover:{event.pk}",
        kind=EventKind.CONVERSATION_HANDED_TO_ME,
        recipient_ids=[event.to_user_id],
        actor=event.conversation,
        url=reverse("conversation_detail", args=[thread.pk]),
        text=message(
            "handed_over",
            name=event.actor.display_name,
            member=thread.author.display_name if thread.author else "",
            space=page_title(thread.space),
        ),
    )


def _is_first(post: Post) -> bool:
    return not Post.objects.filter(thread_id=post.thread_id, created_at__lt=post.created_at).exists()


def _email_at_once(event_key: str, user_ids: list[int]) -> None:
    """Safety messages come by e-mail too, whatever the member chose; the mail says only that there is news."""
    outbox.enqueue("community.tasks.email_notifications", event_key, user_ids)


def _reached_out(post: Post, *, url: str, key: str) -> None:
    """A counsellor reached out: the member hears of it in the app and by e-mail, with no content."""
    written = deliver(
        event_key=key,
        kind=EventKind.COUNSELLOR_REACHED_OUT,
        recipient_ids=[post.thread.author_id],
        actor=post,
        url=url,
        text=message("counsellor_reached_out"),
    )
    if written and post.thread.author.email and not NotificationSettings.objects.filter(
        user_id=post.thread.author_id, email_kinds__contains=f",{EventKind.COUNSELLOR_REACHED_OUT},"
    ).exists():
        _email_at_once(key, [post.thread.author_id])


def private_talk_offered(*, offer_id: int) -> None:
    offer = PrivateTalkOffer.objects.select_related("post__thread", "member").filter(pk=offer_id, status="offered").first()
    if offer is None:
        return
    key = f"private-talk:{offer.pk}"
    written = deliver(
        event_key=key,
        kind=EventKind.PRIVATE_TALK_OFFERED,
        recipient_ids=[offer.member_id],
        actor=offer.post,
        url=reverse("private_talk_offer", args=[offer.pk]),
        text=message("private_talk_offered", title=offer.post.thread.title),
    )
    if written and offer.member.email:
        _email_at_once(key, [offer.member_id])


def private_talk_answered(*, offer_id: int) -> None:
    offer = PrivateTalkOffer.objects.select_related("post__thread", "member").filter(pk=offer_id).first()
    if offer is None or offer.status == "offered":
        return
    accepted = offer.status == "accepted"
    url = reverse("conversation_detail", args=[offer.conversation_id]) if accepted else reverse("thread_detail", args=[offer.post.thread_id])
    deliver(
        event_key=f"private-talk-answer:{offer.pk}",
        kind=EventKind.PRIVATE_TALK_ANSWERED,
        recipient_ids=[offer.counsellor_id],
        actor=offer.post,
        url=url,
        text=message("private_talk_accepted" if accepted else "private_talk_declined", title=offer.post.thread.title),
    )


def referral_made(*, referral_id: int) -> None:
    referral = Referral.objects.select_related("conversation__thread__space").filter(pk=referral_id).first()
    if referral is None:
        return
    thread = referral.conversation.thread
    deliver(
        event_key=f"referral:{referral.pk}",
        kind=EventKind.REFERRED,
        recipient_ids=[thread.author_id],
        actor=referral.conversation,
        url=reverse("conversation_detail", args=[thread.pk]) + f"#referral-{referral.pk}",
        text=message("referred", space=page_title(thread.space)),
    )


EVENTS = {
    "post_published": post_published,
    "update_published": update_published,
    "update_proposal_decided": update_proposal_decided,
    "endorsed": endorsed,
    "endorsement_lapsed": endorsement_lapsed,
    "marked_helpful": marked_helpful,
    "summary_updated": summary_updated,
    "conversation_handed_over": conversation_handed_over,
    "private_talk_offered": private_talk_offered,
    "private_talk_answered": private_talk_answered,
    "referral_made": referral_made,
}


def run(name: str, **kwargs) -> None:
    EVENTS[name](**kwargs)

