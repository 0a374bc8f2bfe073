"""Reads of private conversations: the member's inbox, the counsellor team's inbox, one conversation."""

import datetime

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import DateTimeField, Exists, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from community import policy, roles
from community.models import (
    Conversation,
    ConversationStatus,
    Mode,
    ModerationState,
    Post,
    Stage,
    Thread,
    ThreadVisit,
    User,
)
from community.roles import STAFF_GROUP_NAMES

from .labels import post_author_label

INBOX_PAGE_SIZE = 20


_NEVER = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def _unread_for(user):
    """Is there a published post by someone else since the user last read the thread?"""
    last_read = ThreadVisit.objects.filter(thread=OuterRef(OuterRef("thread_id")), user=user).values("last_read_at")[:1]
    read_until = Coalesce(Subquery(last_read), Value(_NEVER), output_field=DateTimeField())
    return Exists(
        Post.objects.filter(thread=OuterRef("thread_id"), state=ModerationState.PUBLISHED, created_at__gt=read_until)
        .exclude(author=user)
    )


def _conversations() -> QuerySet[Conversation]:
    return Conversation.objects.select_related("thread__space", "thread__author", "assigned_to").filter(
        thread__space__live=True
    )


def member_conversations(*, user) -> QuerySet[Conversation]:
    """The member's own conversations, newest activity first, with unread marks."""
    return (
        _conversations()
        .filter(thread__author=user, thread__mode=Mode.CONVERSATION)
        .annotate(unread=_unread_for(user))
        .order_by("-thread__last_activity_at", "-pk")
    )


def member_inbox(*, user) -> list[Conversation]:
    return list(member_conversations(user=user))


class InboxTab:
    UNASSIGNED = "unassigned"
    MINE = "mine"
    WAITING = "waiting"
    CONCLUDED = "concluded"
    ALL = (UNASSIGNED, MINE, WAITING, CONCLUDED)


def _waiting_for_member() -> Q:
    return Q(counsellor_last_message_at__isnull=False) & (
        Q(member_last_message_at__isnull=True) | Q(counsellor_last_message_at__gt=F("member_last_message_at"))
    )


def _tab_filter(tab: str, user) -> Q:
    open_ = Q(status=ConversationStatus.OPEN)
    if tab == InboxTab.UNASSIGNED:
        return open_ & Q(assigned_to__isnull=True)
    if tab == InboxTab.MINE:
        return open_ & Q(assigned_to=user) & ~_waiting_for_member()
    if tab == InboxTab.WAITING:
        return open_ & _waiting_for_member()
    return Q(status=ConversationStatus.CONCLUDED)


def team_conversations(*, user, tab: str) -> QuerySet[Conversation]:
    """One tab of the team inbox: unassigned, mine (needing an answer), waiting for the member, concluded."""
    return inbox_tab(team_inbox(user=user), user=user, tab=tab)


def team_inbox(*, user) -> QuerySet[Conversation]:
    """Every conversation of the team, each marked unread or not for this counsellor (counsellors only)."""
    if not roles.is_counsellor(user):
        raise PermissionDenied(_("Only counsellors can see the team inbox."))
    return _conversations().annotate(unread=_unread_for(user))


def inbox_tab(conversations, *, user, tab: str) -> QuerySet[Conversation]:
    """Narrow the team inbox to one tab, in that tab's order (an unknown tab is the unassigned one)."""
    tab = tab if tab in InboxTab.ALL else InboxTab.UNASSIGNED
    conversations = conversations.filter(_tab_filter(tab, user))
    if tab == InboxTab.CONCLUDED:
        return conversations.order_by("-concluded_at", "-pk")
    # Whoever has waited longest comes first.
    return conversations.order_by(F("member_last_message_at").asc(nulls_last=True), "pk")


def counsellor_inbox(*, user, tab: str, page_number=1) -> dict:
    """The team inbox page: the tab's conversations and every tab's count."""
    conversations = team_conversations(user=user, tab=tab)
    tab = tab if tab in InboxTab.ALL else InboxTab.UNASSIGNED
    base = _conversations()
    counts = {tab_name: base.filter(_tab_filter(tab_name, user)).count() for tab_name in InboxTab.ALL}
    return {
        "tab": tab,
        "page": Paginator(conversations, INBOX_PAGE_SIZE).get_page(page_number),
        "counts": counts,
    }


def conversation_page(*, user, thread: Thread) -> dict:
    """One private conversation: its messages; for counsellors also notes, timeline and colleagues."""
    policy.require_visible_thread(user, thread)
    conversation = Conversation.objects.select_related("assigned_to").get(thread=thread)
    messages = list(
        Post.objects.filter(thread=thread).filter(policy.visible_posts_q(user)).select_related("author").order_by("created_at", "pk")
    )
    for message in messages:
        message.thread = thread
        message.author_label = post_author_label(message, user)
    context = {
        "thread": thread,
        "conversation": conversation,
        "conversation_messages": messages,
        "can_write": policy_allows_write(user, thread),
        "stages": Stage.choices,
    }
    if roles.is_counsellor(user):
        context.update(
            notes=list(conversation.notes.select_related("author")),
            events=list(conversation.events.select_related("actor", "to_user")),
            colleagues=counsellors(exclude=conversation.assigned_to_id),
        )
    return context


def policy_allows_write(user, thread) -> bool:
    from .threads import allowed

    return allowed(policy.require_can_post, user, thread)


def counsellors(*, exclude=None) -> list[User]:
    people = (
        User.objects.filter(Q(groups__name__in=STAFF_GROUP_NAMES) | Q(is_superuser=True), is_active=True)
        .distinct()
        .order_by("display_name")
    )
    if exclude:
        people = people.exclude(pk=exclude)
    return list(people)
