"""Reads in moderation: the queue, an item in context, the audit log, sanctions, help resources."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext as _
from wagtail.models import Site

from cms.locales import in_default_locale, translate_titles
from cms.models import CommunitySettings, CommunitySpacePage
from community import roles
from community import selectors as community_selectors
from community.models import (
    Conversation,
    ConversationStatus,
    Endorsement,
    ModerationState,
    Post,
    PostKind,
    User,
)
from community.roles import GROUP_NAMES, Role
from community.tiers import Tier

from . import hours
from .models import (
    AuditEntry,
    CounsellorDuty,
    Decision,
    DecisionAction,
    Flag,
    FlagReason,
    HelpResource,
    ItemStatus,
    ModerationItem,
    Rule,
    Sanction,
    SanctionKind,
    StaffedHours,
)
from .policy import require_can_appoint_peer_guides, require_can_moderate

QUEUE_PAGE_SIZE = 25
AUDIT_PAGE_SIZE = 50
QUEUE_LANES = ("urgent", "normal")


def active_restriction(user) -> Sanction | None:
    """The member's active silence or suspension, if any (suspension first)."""
    if user is None or not user.is_authenticated:
        return None
    cached = getattr(user, "_restriction_cache", "unset")
    if cached != "unset":
        return cached
    active = Sanction.objects.active().filter(member=user, kind__in=SanctionKind.restricting()).order_by("-starts_at", "-pk")
    sanction = max(active, key=lambda sanction: SanctionKind(sanction.kind).severity, default=None)
    user._restriction_cache = sanction
    return sanction


def sanctions_for_member(*, member) -> list[Sanction]:
    """What the member sees of their own sanctions, active ones first."""
    return list(Sanction.objects.filter(member=member).select_related("imposed_by"))


def queue_counts() -> dict:
    """Open and urgent items: straight from the database, never waiting on a broker."""
    counts = ModerationItem.objects.filter(status=ItemStatus.OPEN).aggregate(
        open=Count("pk"), urgent=Count("pk", filter=Q(urgent=True))
    )
    return {"open": counts["open"] or 0, "urgent": counts["urgent"] or 0}


@dataclass(frozen=True)
class AuthorHistory:
    published: int
    held: int
    rejected: int
    flags: int
    restriction: Sanction | None


def _histories(author_ids) -> dict[int, AuthorHistory]:
    rows = {
        row["author_id"]: row
        for row in Post.objects.filter(author_id__in=author_ids)
        .values("author_id")
        .annotate(
            published=Count("pk", filter=Q(state=ModerationState.PUBLISHED)),
            held=Count("pk", filter=Q(state=ModerationState.PENDING)),
            rejected=Count("pk", filter=Q(state=ModerationState.REJECTED)),
        )
    }
    flags = dict(
        Flag.objects.filter(post__author_id__in=author_ids).values("post__author_id").annotate(n=Count("pk")).values_list("post__author_id", "n")
    )
    restrictions = {}
    for sanction in Sanction.objects.active().filter(member_id__in=author_ids, kind__in=SanctionKind.restricting()):
        held = restrictions.get(sanction.member_id)
        if held is None or SanctionKind(sanction.kind).severity > SanctionKind(held.kind).severity:
            restrictions[sanction.member_id] = sanction
    return {
        author_id: AuthorHistory(
            published=rows.get(author_id, {}).get("published", 0),
            held=rows.get(author_id, {}).get("held", 0),
            rejected=rows.get(author_id, {}).get("rejected", 0),
            flags=flags.get(author_id, 0),
            restriction=restrictions.get(author_id),
        )
        for author_id in author_ids
    }


def _items():
    return ModerationItem.objects.select_related(
        "space",
        "post__thread",
        "post__author",
        "post__parent",
        "summary_revision__summary__thread",
        "summary_revision__editor",
        "handled_by",
        "escalated_to",
    )


def queue_items(*, user, space_id=None, rule=None, flag_reason=None, lane=None):
    """The open queue: urgent lane first, then oldest first; filterable by space, rule, flag reason and lane."""
    require_can_moderate(user)
    items = _items().filter(status=ItemStatus.OPEN).order_by("-urgent", "created_at", "pk").in_written_join_order()
    return queue_filtered(items, space_id=space_id, rule=rule, flag_reason=flag_reason, lane=lane)


def queue_filtered(items, *, space_id=None, rule=None, flag_reason=None, lane=None):
    """Narrow queue items by space, rule, flag reason and lane; an unknown value is refused, naming it."""
    unknown = []
    if rule and rule not in Rule.values:
        unknown.append("rule")
    if flag_reason and flag_reason not in FlagReason.values:
        unknown.append("reason")
    if lane and lane not in QUEUE_LANES:
        unknown.append("lane")
    if unknown:
        raise ValidationError({name: _("There is no such filter value.") for name in unknown}, code="invalid_filter")
    if space_id:
        items = items.filter(space_id=space_id)
    if rule:
        items = items.filter(rule_codes__contains=f",{rule},")
    if flag_reason:
        items = items.filter(rule_codes__contains=f",reason:{flag_reason},")
    if lane:
        items = items.filter(urgent=lane == "urgent")
    return items


def queue_page(
    *, user, space_id=None, rule=None, flag_reason=None, lane=None, page_number=1, counts: dict | None = None
) -> dict:
    """The queue page of the admin: one page of items with their authors' histories, and the counts
    (``counts``: the caller's, when it has already read them for this request)."""
    items = queue_items(user=user, space_id=space_id, rule=rule, flag_reason=flag_reason, lane=lane)
    page = Paginator(items, QUEUE_PAGE_SIZE).get_page(page_number)
    page.object_list = with_author_history(page.object_list)
    translate_titles([item.space for item in page.object_list])  # each item's space in the reader's language
    return {"page": page, "counts": queue_counts() if counts is None else counts}


def queue_spaces() -> list[CommunitySpacePage]:
    """The spaces the queue can be narrowed to, named in the reader's language."""
    return translate_titles(in_default_locale(CommunitySpacePage.objects).order_by("path").only("pk", "title"))


def with_author_history(items) -> list[ModerationItem]:
    """Give each item its author's history, for a whole page in a few queries."""
    items = list(items)
    authors = {item.post.author_id if item.post else item.summary_revision.editor_id for item in items}
    histories = _histories(authors)
    for item in items:
        item.author_history = histories[item.post.author_id if item.post else item.summary_revision.editor_id]
    return items


def item_for_moderator(*, user, item_id) -> ModerationItem:
    require_can_moderate(user)
    return get_object_or_404(_items(), pk=item_id)


def item_context(*, user, item: ModerationItem) -> dict:
    """An item with the post in context: the thread, what it replies to, the author's recent posts, flags, decisions."""
    require_can_moderate(user)
    post = item.post
    author = post.author if post else item.summary_revision.editor
    context = {
        "item": item,
        "author": author,
        "history": _histories({author.pk})[author.pk],
        "recent_posts": list(
            Post.objects.filter(author=author).select_related("thread").order_by("-created_at")[:10]
        ),
        "flags": list(Flag.objects.filter(post=post).select_related("flagged_by")) if post else [],
        "decisions": list(Decision.objects.filter(item=item).select_related("moderator", "escalated_to")),
        "audit": list(AuditEntry.objects.filter(item=item).select_related("actor")),
    }
    if post is not None:
        context["thread_posts"] = list(
            Post.objects.filter(thread=post.thread).select_related("author").order_by("created_at")[:50]
        )
    return context


def audit_entries(*, user, member_id=None, post_id=None):
    """The audit log, newest first, for one member or one post if asked (counsellors and moderators)."""
    require_can_moderate(user)
    entries = AuditEntry.objects.select_related("actor", "member", "post__thread").order_by("-created_at", "-pk")
    return audit_filtered(entries, member_id=member_id, post_id=post_id)


def audit_filtered(entries, *, member_id=None, post_id=None):
    if member_id:
        entries = entries.filter(member_id=member_id)
    if post_id:
        entries = entries.filter(post_id=post_id)
    return entries


def audit_page(*, user, member_id=None, post_id=None, page_number=1):
    return Paginator(audit_entries(user=user, member_id=member_id, post_id=post_id), AUDIT_PAGE_SIZE).get_page(page_number)


def sanctions_list(*, user, member_id=None):
    """Every sanction, newest first (moderators)."""
    from .policy import require_can_sanction

    require_can_sanction(user)
    sanctions = Sanction.objects.select_related("member", "imposed_by", "revoked_by").order_by("-starts_at", "-pk")
    return sanctions_of_member(sanctions, member_id=member_id)


MEMBER_PICKER_LIMIT = 20


def member_by_reference(*, user, ref: str):
    """The member a moderator means: an id from the picker, a display name (as readers see it, look-alike
    letters folded) or a username. None when nothing, or more than one person, matches."""
    from community.display_names import skeleton

    from .policy import require_can_sanction

    require_can_sanction(user)
    ref = (ref or "").strip()
    if not ref:
        return None
    people = User.objects.filter(is_active=True)
    if ref.isdigit():
        found = people.filter(pk=int(ref)).first()
        if found is not None:
            return found
    for lookup in ({"display_name__iexact": ref}, {"display_name_key": skeleton(ref)}, {"username": ref}):
        matches = list(people.filter(**lookup)[:2])
        if len(matches) == 1:
            return matches[0]
    return None


def members_matching(*, user, query: str) -> list:
    """Members whose display name (or username) contains ``query``: the sanction form's picker."""
    from .policy import require_can_sanction

    require_can_sanction(user)
    query = (query or "").strip()
    if not query:
        return []
    return list(
        User.objects.filter(is_active=True)
        .filter(Q(display_name__icontains=query) | Q(username__iexact=query))
        .order_by("display_name", "pk")[:MEMBER_PICKER_LIMIT]
    )


def sanctions_of_member(sanctions, *, member_id=None):
    return sanctions.filter(member_id=member_id) if member_id else sanctions


def help_resources(*, language: str, site=None) -> list[HelpResource]:
    """Help lines for the reader's language (and every language), for this site or all sites."""
    resources = HelpResource.objects.filter(language__in=["", language]).filter(Q(site__isnull=True) | Q(site=site))
    return list(resources.order_by("sort_order", "name"))


def own_posts(*, user, page_number=1):
    """The member's own posts in every state, with the reason for any that are held, rejected or hidden."""
    posts = (
        Post.objects.filter(author=user)
        .exclude(kind=PostKind.UPDATE)
        .select_related("thread__space", "parent")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(posts, 20).get_page(page_number)
    edits = {}
    for decision in Decision.objects.filter(item__post__in=page.object_list, action=DecisionAction.EDIT_APPROVE).select_related("item"):
        edits.setdefault(decision.item.post_id, decision)
    page.object_list = list(page.object_list)
    for post in page.object_list:
        post.moderator_edit = edits.get(post.pk)
    translate_titles([post.thread.space for post in page.object_list])  # named in the reader's language
    return page


# ---------------------------------------------------------------- staffed hours and duty


def staffed_schedule(*, site=None, request=None) -> hours.Schedule:
    """The site's staffed hours as plain values for ``moderation.hours`` (the default site without a request)."""
    if request is not None:
        setting = StaffedHours.for_request(request)
    else:
        site = site or Site.objects.filter(is_default_site=True).first()
        if site is None:  # a bare database (before the first migration's site): no hours known
            return hours.Schedule()
        setting = StaffedHours.for_site(site)
    cached = getattr(setting, "_schedule_cache", None)
    if cached is not None:
        return cached
    schedule = hours.Schedule(
        time_zone=setting.time_zone,
        slots=tuple(hours.Slot(slot.weekday, slot.opens, slot.closes) for slot in setting.slots.all()),
        closures=tuple(hours.Closure(closure.first_day, closure.last_day) for closure in setting.closures.all()),
    )
    setting._schedule_cache = schedule
    return schedule


@dataclass(frozen=True)
class CounsellorHours:
    configured: bool
    open: bool
    text: str
    status: hours.HoursStatus


def counsellor_hours(*, request=None, site=None, now: datetime | None = None) -> CounsellorHours:
    """What members read about when counsellors answer, for the request's site."""
    now = now or timezone.now()
    status = hours.status_at(staffed_schedule(site=site, request=request), now)
    return CounsellorHours(configured=status.configured, open=status.open, text=hours.describe(status, now), status=status)


def staffed_now(*, now: datetime | None = None) -> bool:
    """Is the team staffed now? Without configured hours, always: nothing is ever "out of hours" then."""
    status = hours.status_at(staffed_schedule(), now or timezone.now())
    return status.open or not status.configured


def counsellor_on_duty(*, user) -> bool:
    """Is this counsellor on duty? Asked only by counsellors, of themselves."""
    if user is None or not user.is_authenticated or not roles.is_counsellor(user):
        raise PermissionDenied(_("Only counsellors go on and off duty."))
    return CounsellorDuty.objects.filter(counsellor=user, on_duty=True).exists()


def on_duty_counsellor_ids() -> list[int]:
    """Active counsellors who marked themselves on duty."""
    return list(
        CounsellorDuty.objects.filter(on_duty=True, counsellor__is_active=True).values_list("counsellor_id", flat=True)
    )


def moderator_ids() -> list[int]:
    return list(
        User.objects.filter(Q(groups__name=GROUP_NAMES[Role.MODERATOR]) | Q(is_superuser=True), is_active=True)
        .distinct()
        .values_list("pk", flat=True)
    )


# ---------------------------------------------------------------- "needs you now"

NOW_GROUP_LIMIT = 20


@dataclass(frozen=True)
class NowEntry:
    """One thing waiting for a counsellor, oldest first within its group."""

    kind: str
    id: int
    title: str
    space: str
    since: datetime
    url: str


@dataclass(frozen=True)
class NowGroup:
    key: str
    title: str
    count: int
    entries: list[NowEntry]


def _urgent_items(*, user, now):
    return (
        ModerationItem.objects.filter(status=ItemStatus.OPEN, urgent=True)
        .select_related("space", "post__thread", "summary_revision__summary__thread", "update_page")
        .order_by("created_at", "pk")
    )


def _item_title(item) -> str:
    if item.post is not None:
        return item.post.thread.title
    if item.summary_revision is not None:
        return item.summary_revision.summary.thread.title
    if item.update_page is not None:
        return item.update_page.title
    return item.text[:80]  # a note, a report's note, a display name: its own words


def _urgent_item_entry(item) -> NowEntry:
    return NowEntry(
        kind="urgent_item",
        id=item.pk,
        title=_item_title(item),
        space=item.space.title,
        since=item.created_at,
        url=reverse("moderation_item", args=[item.pk]),
    )


def _unclaimed_conversations(*, user, now):
    waited = now - timedelta(minutes=settings.NEEDS_YOU_NOW_UNCLAIMED_MINUTES)
    return (
        Conversation.objects.filter(status=ConversationStatus.OPEN, assigned_to__isnull=True, thread__created_at__lte=waited)
        .select_related("thread__space")
        .order_by("thread__created_at", "thread_id")
    )


def _unclaimed_conversation_entry(conversation) -> NowEntry:
    return NowEntry(
        kind="unclaimed_conversation",
        id=conversation.thread_id,
        title=conversation.thread.title,
        space=conversation.thread.space.title,
        since=conversation.thread.created_at,
        url=reverse("conversation_detail", args=[conversation.thread_id]),
    )


def _urgent_conversations(*, user, now):
    return community_selectors.urgent_conversations_for_user(user=user).select_related("thread__space")


def _urgent_conversation_entry(conversation) -> NowEntry:
    return NowEntry(
        kind="urgent_conversation",
        id=conversation.thread_id,
        title=conversation.thread.title,
        space=conversation.thread.space.title,
        since=conversation.urgent_since,
        url=reverse("conversation_detail", args=[conversation.thread_id]),
    )


def _followups_due(*, user, now):
    return community_selectors.followups_due_for_user(user=user, now=now).select_related("conversation__thread__space")


def _followup_entry(referral) -> NowEntry:
    thread = referral.conversation.thread
    return NowEntry(
        kind="followup_due",
        id=referral.pk,
        title=gettext("Follow up the referral to %(service)s") % {"service": referral.service.name},
        space=thread.space.title,
        since=referral.follow_up_at,
        url=reverse("conversation_detail", args=[thread.pk]),
    )


@dataclass(frozen=True)
class NowSource:
    """One group of "needs you now": its rows (``fn(*, user, now)``, oldest first) and how each reads."""

    key: str
    title: str
    rows: Callable
    entry: Callable[..., NowEntry]


# Adding a group to the view, the API, the dashboard panel and the badges is adding a line here.
NEEDS_YOU_NOW_GROUPS: list[NowSource] = [
    NowSource("urgent_items", gettext_lazy("Urgent items in the queue"), _urgent_items, _urgent_item_entry),
    NowSource(
        "urgent_conversations",
        gettext_lazy("Urgent private conversations"),
        _urgent_conversations,
        _urgent_conversation_entry,
    ),
    NowSource("followups_due", gettext_lazy("Referrals to follow up"), _followups_due, _followup_entry),
    NowSource(
        "unclaimed_conversations",
        gettext_lazy("Conversations nobody has claimed"),
        _unclaimed_conversations,
        _unclaimed_conversation_entry,
    ),
]


def needs_you_now_for_user(*, user, now: datetime | None = None) -> list[NowGroup]:
    """What waits for a counsellor now, group by group, oldest first within each (counsellors and moderators)."""
    require_can_moderate(user)
    now = now or timezone.now()
    groups = []
    for source in NEEDS_YOU_NOW_GROUPS:
        rows = source.rows(user=user, now=now)
        groups.append(
            NowGroup(
                key=source.key,
                title=str(source.title),
                count=rows.count(),
                entries=[source.entry(row) for row in rows[:NOW_GROUP_LIMIT]],
            )
        )
    return groups


def needs_you_now_count(*, user) -> int:
    """For the header badges: everything in "needs you now", counted in the database (0 for members)."""
    if user is None or not user.is_authenticated or not roles.is_counsellor(user):
        return 0
    now = timezone.now()
    return sum(source.rows(user=user, now=now).count() for source in NEEDS_YOU_NOW_GROUPS)


# ---------------------------------------------------------------- peer guides

PEER_GUIDE_CANDIDATE_MIN = 3  # helpful answers and endorsements together, in level-4 spaces
PEER_GUIDE_CANDIDATES_SHOWN = 50


def _peer_guide_records(people, space_ids):
    """Annotate members with their record in the given spaces: answers that helped the asker, endorsements
    of their answers, and whether a sanction stands (any not revoked). Subqueries: one query, any size."""
    answers = Post.objects.filter(
        author=OuterRef("pk"),
        state=ModerationState.PUBLISHED,
        kind__in=[PostKind.ANSWER, PostKind.REPLY],
        thread__space_id__in=space_ids,
    )

    def count_of(queryset, field):
        return Coalesce(
            Subquery(queryset.order_by().values(field).annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()),
            0,
        )

    endorsed = Endorsement.objects.filter(
        post__author=OuterRef("pk"),
        post__state=ModerationState.PUBLISHED,
        post__thread__space_id__in=space_ids,
    )
    return people.annotate(
        helpful_answers=count_of(answers.filter(helped_asker=True), "author"),
        endorsement_count=count_of(endorsed, "post__author"),
        sanctioned=Exists(Sanction.objects.filter(member=OuterRef("pk"), revoked_at__isnull=True)),
    )


def _transformation_space_ids() -> list[int]:
    """Spaces at level 4, with the default site's default level for spaces that have none (one site)."""
    site = Site.objects.filter(is_default_site=True).first()
    default = CommunitySettings.for_site(site).default_tier if site else Tier.EMERGENCE
    level_four = Q(tier=Tier.TRANSFORMATION)
    if default == Tier.TRANSFORMATION:
        level_four |= Q(tier__isnull=True)
    return list(CommunitySpacePage.objects.filter(level_four).values_list("pk", flat=True))


def peer_guide_candidates(*, user) -> list:
    """Members a moderator may make peer guides: at least ``PEER_GUIDE_CANDIDATE_MIN`` answers that helped
    or were endorsed in level-4 spaces, and no standing sanction. Best record first."""
    require_can_appoint_peer_guides(user)
    members = User.objects.filter(is_active=True, is_superuser=False).exclude(
        groups__name__in=[GROUP_NAMES[Role.PEER_GUIDE], GROUP_NAMES[Role.COUNSELLOR], GROUP_NAMES[Role.MODERATOR]]
    )
    records = _peer_guide_records(members, _transformation_space_ids())
    return list(
        records.annotate(record=F("helpful_answers") + F("endorsement_count"))
        .filter(record__gte=PEER_GUIDE_CANDIDATE_MIN, sanctioned=False)
        .order_by("-record", "display_name", "pk")[:PEER_GUIDE_CANDIDATES_SHOWN]
    )


def peer_guides(*, user) -> list:
    """The current peer guides, with their record, for the moderators' page."""
    require_can_appoint_peer_guides(user)
    guides = User.objects.filter(is_active=True, groups__name=GROUP_NAMES[Role.PEER_GUIDE]).order_by("display_name", "pk")
    return list(_peer_guide_records(guides, _transformation_space_ids()))


def peer_guide_record(*, user, member):
    """One member's record, for the panel on their history page (moderators only, else None)."""
    if not roles.is_moderator(user) or member is None:
        return None
    record = _peer_guide_records(User.objects.filter(pk=member.pk), _transformation_space_ids()).first()
    record.is_staff_member = roles.is_counsellor(member)
    return record
