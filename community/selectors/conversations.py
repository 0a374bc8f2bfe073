"""Reads of private conversations: the member's inbox, the counsellor team's inbox, one conversation."""

import datetime

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, DateTimeField, Exists, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.locales import translate_titles
from community import policy, roles
from community.models import (
    Conversation,
    ConversationStatus,
    Mode,
    ModerationState,
    Post,
    PrivateTalkOffer,
    Referral,
    ReferralService,
    Stage,
    Thread,
    ThreadVisit,
    User,
)
from community.roles import STAFF_GROUP_NAMES
from community.validation import as_id

from .labels import post_author_label

INBOX_PAGE_SIZE = 20


_NEVER = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def _unread_for(user):
    """Is there a post by someone else since the user last read the thread?

    Members count published posts; counsellors also held ones: a message held for
    a crisis signal is exactly the one a counsellor must not miss.
    """
    last_read = ThreadVisit.objects.filter(thread=OuterRef(OuterRef("thread_id")), user=user).values("last_read_at")[:1]
    read_until = Coalesce(Subquery(last_read), Value(_NEVER), output_field=DateTimeField())
    states = [ModerationState.PUBLISHED]
    if roles.is_counsellor(user):
        states.append(ModerationState.PENDING)
    return Exists(
        Post.objects.filter(thread=OuterRef("thread_id"), state__in=states, created_at__gt=read_until).exclude(author=user)
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
    return with_space_titles_for_reader(member_conversations(user=user))


def with_space_titles_for_reader(conversations) -> list[Conversation]:
    """A page of conversations with their spaces named in the reader's language (one query for them all)."""
    conversations = list(conversations)
    translate_titles([conversation.thread.space for conversation in conversations])
    return conversations


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


def _handed_over_since_last_answer() -> Q:
    """Handed over after the last counsellor message: the new counsellor has not taken it up yet."""
    return Q(handed_over_at__isnull=False) & (
        Q(counsellor_last_message_at__isnull=True) | Q(handed_over_at__gt=F("counsellor_last_message_at"))
    )


def _tab_filter(tab: str, user) -> Q:
    open_ = Q(status=ConversationStatus.OPEN)
    if tab == InboxTab.UNASSIGNED:
        return open_ & Q(assigned_to__isnull=True)
    if tab == InboxTab.MINE:
        # A conversation handed to me is mine at once, even if the colleague answered last and it is the member's turn.
        return open_ & Q(assigned_to=user) & (~_waiting_for_member() | _handed_over_since_last_answer())
    if tab == InboxTab.WAITING:
        return open_ & _waiting_for_member() & ~_handed_over_since_last_answer()
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
    # Urgent ones (a crisis-held or flagged message) first, the longest urgent first.
    urgent_first = F("urgent_since").asc(nulls_last=True)
    if tab == InboxTab.CONCLUDED:
        return conversations.order_by(urgent_first, "-concluded_at", "-pk")
    # Then whoever has waited longest.
    return conversations.order_by(urgent_first, F("member_last_message_at").asc(nulls_last=True), "pk")


def counsellor_inbox(*, user, tab: str, page_number=1) -> dict:
    """The team inbox page: the tab's conversations and every tab's count."""
    conversations = team_conversations(user=user, tab=tab)
    tab = tab if tab in InboxTab.ALL else InboxTab.UNASSIGNED
    # Every tab's count in one pass over the conversations (four counts were four scans).
    counts = _conversations().aggregate(
        **{tab_name: Count("pk", filter=_tab_filter(tab_name, user)) for tab_name in InboxTab.ALL}
    )
    page = Paginator(conversations, INBOX_PAGE_SIZE).get_page(page_number)
    page.object_list = with_space_titles_for_reader(page.object_list)
    return {"tab": tab, "page": page, "counts": counts}


def conversation_page(*, user, thread: Thread) -> dict:
    """One private conversation: its messages; for counsellors also notes, timeline and colleagues."""
    policy.require_visible_thread(user, thread)
    conversation = Conversation.objects.select_related("assigned_to", "about_post__thread", "about_post__author").get(
        thread=thread
    )
    thread.conversation = conversation  # the policy asks whether a counsellor opened it
    counsellor = roles.is_counsellor(user)
    messages = Post.objects.filter(thread=thread).filter(policy.visible_posts_q(user)).select_related("author")
    if counsellor:
        messages = messages.select_related("held_message")
    messages = list(messages.order_by("created_at", "pk"))
    for message in messages:
        message.thread = thread
        message.author_label = post_author_label(message, user)
        held = getattr(message, "held_message", None) if counsellor else None
        # Counsellors read why it is held ("Held: crisis signal (suicide)"), not the member's "Waiting for review".
        message.counsellor_status = held.label if held is not None and message.state == ModerationState.PENDING else None
    context = {
        "thread": thread,
        "conversation": conversation,
        "conversation_messages": messages,
        "about_post": conversation.about_post,
        "referrals": list(conversation.referrals.select_related("service", "counsellor")),
        "can_write": policy_allows_write(user, thread),
        "stages": Stage.choices,
    }
    if counsellor:
        context.update(
            notes=list(conversation.notes.select_related("author")),
            events=list(conversation.events.select_related("actor", "to_user")),
            colleagues=counsellors(exclude=conversation.assigned_to_id),
            referral_services=referral_services(),
        )
    return context


def referral_services() -> list[ReferralService]:
    """The register counsellors pick from."""
    return list(ReferralService.objects.filter(is_active=True).order_by("name", "pk"))


def urgent_conversations_for_user(*, user) -> QuerySet[Conversation]:
    """Open conversations with a crisis-held or flagged message, the longest urgent first (counsellors only)."""
    if not roles.is_counsellor(user):
        raise PermissionDenied(_("Only counsellors can see urgent conversations."))
    return (
        _conversations()
        .filter(status=ConversationStatus.OPEN, urgent_since__isnull=False)
        .annotate(unread=_unread_for(user))
        .order_by("urgent_since", "pk")
    )


def followups_due_for_user(*, user, now=None) -> QuerySet[Referral]:
    """The counsellor's referrals whose follow-up is due and not done, the oldest first."""
    if not roles.is_counsellor(user):
        raise PermissionDenied(_("Only counsellors follow up referrals."))
    return (
        Referral.objects.filter(counsellor=user, followed_up_at__isnull=True, follow_up_at__lte=now or timezone.now())
        .filter(conversation__thread__space__live=True)
        .select_related("service", "counsellor", "conversation__thread__author")
        .order_by("follow_up_at", "pk")
    )


def referral_for_user(*, user, referral_id) -> Referral:
    """A referral, for counsellors; anyone else gets the same 404 as for a missing id."""
    referral = (
        Referral.objects.select_related("conversation__thread__space", "service").filter(pk=as_id(referral_id) or 0).first()
    )
    if referral is None or not roles.is_counsellor(user):
        raise Http404
    policy.require_visible_thread(user, referral.conversation.thread)
    return referral


# ---------------------------------------------------------------- reaching out, offers


def reach_out_target_for_user(*, user, post_id=None, member_id=None) -> dict:
    """What the reach-out form is about: the post (and its author) or the member. Counsellors only."""
    policy.require_can_reach_out(user)
    if post_id not in (None, ""):
        post = Post.objects.select_related("thread__space", "author").filter(pk=as_id(post_id) or 0).first()
        if post is None or post.thread.mode == Mode.CONVERSATION or not post.thread.space.live:
            raise Http404
        return {"post": post, "member": post.author}
    member = User.objects.filter(pk=as_id(member_id) or 0, is_active=True).first() if member_id not in (None, "") else None
    if member is None:
        raise Http404
    return {"post": None, "member": member}


def private_talk_offers_for_user(*, user) -> QuerySet[PrivateTalkOffer]:
    """Offers to continue privately made to this member, the open ones first."""
    return (
        PrivateTalkOffer.objects.filter(member=user, post__thread__space__live=True)
        .select_related("post__thread", "counsellor")
        .order_by(F("answered_at").desc(nulls_first=True), "-pk")
    )


def private_talk_offer_for_user(*, user, offer_id) -> PrivateTalkOffer:
    """One offer: for its member and counsellors; anyone else gets the same 404 as for a missing id."""
    offer = (
        PrivateTalkOffer.objects.select_related("post__thread__space", "post__author", "counsellor", "member")
        .filter(pk=as_id(offer_id) or 0)
        .first()
    )
    if offer is None or not offer.post.thread.space.live:
        raise Http404
    if offer.member_id != getattr(user, "pk", None) and not roles.is_counsellor(user):
        raise Http404
    return offer


def private_talk_offers_on_post(*, user, post) -> list[PrivateTalkOffer]:
    """The offers on a post, for the member it is about and counsellors; nobody else learns of them."""
    if not roles.is_counsellor(user) and getattr(user, "pk", None) != post.author_id:
        return []
    return list(post.private_talk_offers.select_related("counsellor"))


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


def open_private_talk_offers_in_thread(*, user, thread) -> list[PrivateTalkOffer]:
    """Open offers on a thread's posts for this member (nobody else sees them on the thread)."""
    if user is None or not user.is_authenticated or thread.mode != Mode.WALL:
        return []
    return list(
        PrivateTalkOffer.objects.filter(member=user, post__thread=thread, status="offered").select_related("counsellor")
    )
