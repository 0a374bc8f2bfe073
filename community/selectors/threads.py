"""Reads of threads and posts: the wall feed, a thread page (similar questions: see .search)."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import LazyObject, empty

from cms.locales import translation_for_reader
from community import policy, roles
from community.models import (
    Endorsement,
    Follow,
    FollowLevel,
    Mode,
    ModerationState,
    Post,
    PostKind,
    Reaction,
    ReactionKind,
    SummaryAnswer,
    SummaryRevision,
    Thread,
)
from community.tiers import Feature, space_allows

from .labels import AuthorLabel, person_label, post_author_label, summary_editor_label

WALL_PAGE_SIZE = 15
SIMILAR_QUESTIONS = 5


def allowed(check, *args, **kwargs) -> bool:
    """Would this policy check pass? For showing only the buttons that will work."""
    try:
        check(*args, **kwargs)
    except (PermissionDenied, Http404, ValidationError):
        return False
    return True


def refusal(check, *args, **kwargs) -> str | None:
    """The message a policy check would refuse with, or None when it passes."""
    try:
        check(*args, **kwargs)
    except (PermissionDenied, ValidationError) as error:
        return " ".join(getattr(error, "messages", None) or [str(error)])
    except Http404:
        return ""
    return None


def threads_for_user(user) -> QuerySet[Thread]:
    return Thread.objects.filter(policy.visible_threads_q(user))


def thread_for_user(*, user, thread_id, mode: str | None = None) -> Thread:
    """A thread the user may see, or 404 exactly as for a missing id."""
    queryset = threads_for_user(user).select_related("space", "author", "update_page__owner")
    if mode is not None:
        queryset = queryset.filter(mode=mode)
    return get_object_or_404(queryset, pk=thread_id)


def post_for_user(*, user, post_id) -> Post:
    """A post the user may see, with its thread, or 404."""
    post = get_object_or_404(
        Post.objects.select_related("thread__space", "thread__author", "author", "parent"), pk=post_id
    )
    policy.require_visible_post(user, post)
    return post


# ---------------------------------------------------------------- the wall


class WallFilter:
    NEWEST = "newest"
    UNANSWERED = "unanswered"
    COUNSELLOR = "counsellor"
    HELPFUL = "helpful"
    ALL = (NEWEST, UNANSWERED, COUNSELLOR, HELPFUL)


WALL_ORDERING = {
    WallFilter.NEWEST: ("-created_at", "-pk"),
    WallFilter.UNANSWERED: ("-created_at", "-pk"),
    WallFilter.COUNSELLOR: ("-last_activity_at", "-pk"),
    WallFilter.HELPFUL: ("-helpful_count", "-last_activity_at", "-pk"),
}


def wall_threads(*, user, space, wall_filter: str = WallFilter.NEWEST) -> QuerySet[Thread]:
    """A space's wall questions the user may see, filtered and ordered (web and API alike); below the
    level that opens the wall there is none to list (a refusal naming the level)."""
    policy.require_space_feature(space, Feature.WALL_QUESTIONS)
    # The counters live on the thread (see community.counters): no aggregate over posts here.
    threads = (
        threads_for_user(user)
        .filter(space=space, mode=Mode.WALL)
        .select_related("author")
        .prefetch_related(
            Prefetch("posts", queryset=Post.objects.filter(kind=PostKind.QUESTION).select_related("author"), to_attr="questions")
        )
    )
    return wall_filtered(threads, wall_filter)


def answered_wall_questions(*, user, spaces, limit: int) -> list[Thread]:
    """The latest answered, published wall questions across ``spaces`` that the user may see, for the
    home page: only spaces whose level opens the wall, one query whatever the number of spaces.

    Each thread's ``space`` is the one given (as the caller shows it: in the reader's language)."""
    wall_spaces = {space.pk: space for space in spaces if space_allows(space, Feature.WALL_QUESTIONS)}
    # The thread's counters (community.counters) say whether it is answered: no aggregate over posts.
    threads = list(
        threads_for_user(user)
        .filter(space__in=list(wall_spaces), mode=Mode.WALL, state=ModerationState.PUBLISHED, answer_count__gt=0)
        .order_by("-last_activity_at", "-pk")[:limit]
    )
    for thread in threads:
        thread.space = wall_spaces[thread.space_id]
    return threads


def wall_filtered(threads, wall_filter: str) -> QuerySet[Thread]:
    """Narrow and order wall threads (from ``wall_threads``) as one of the wall's filters says; the
    web falls back to the newest first for a value it does not know (the API refuses it)."""
    if wall_filter not in WallFilter.ALL:
        wall_filter = WallFilter.NEWEST
    if wall_filter == WallFilter.UNANSWERED:
        threads = threads.filter(answer_count=0)
    elif wall_filter == WallFilter.COUNSELLOR:
        threads = threads.filter(has_counsellor_answer=True)
    return threads.order_by(*WALL_ORDERING[wall_filter])


def decorate_wall_threads(threads, user) -> list[Thread]:
    """Give each thread of a page its question and its asker as the viewer may see them."""
    threads = list(threads)
    for thread in threads:
        thread.question = thread.questions[0] if thread.questions else None
        thread.author_label = post_author_label(thread.question, user) if thread.question else None
    return threads


def wall_feed(*, user, space, wall_filter: str = WallFilter.NEWEST, page_number=1) -> PaginatorPage:
    """The web's wall: filtered, paginated, decorated."""
    page = Paginator(wall_threads(user=user, space=space, wall_filter=wall_filter), WALL_PAGE_SIZE).get_page(page_number)
    page.object_list = decorate_wall_threads(page.object_list, user)
    return page


# ---------------------------------------------------------------- one thread


@dataclass
class PostView:
    """A post as one viewer sees it, with what that viewer may do with it."""

    post: Post
    author: AuthorLabel
    helpful_count: int = 0
    me_too_count: int = 0
    my_reactions: frozenset = frozenset()
    endorsements: list = field(default_factory=list)
    replies: list = field(default_factory=list)
    can_edit: bool = False
    can_withdraw: bool = False
    can_react: bool = False
    can_mark_helped: bool = False
    can_endorse: bool = False
    endorsed_by_me: bool = False
    can_reply: bool = False
    can_see_history: bool = False
    can_report: bool = False
    state_reason: str = ""  # only for the author and counsellors

    @property
    def is_visible_placeholder(self) -> bool:
        return self.post is None


@dataclass(frozen=True)
class EndorsementView:
    by: AuthorLabel
    note: str


def visible_posts(*, user, thread: Thread) -> QuerySet[Post]:
    """The posts of a thread the user may see, oldest first."""
    return (
        Post.objects.filter(thread=thread)
        .filter(policy.visible_posts_q(user))
        .select_related("author")
        .order_by("created_at", "pk")
    )


def post_views(*, user, thread: Thread, posts) -> list[PostView]:
    """Posts as the viewer sees them, with what they may do: for any page of posts."""
    posts = list(posts)
    views = _post_views(user=user, thread=thread, posts=posts)
    return [views[post.pk] for post in posts]


def _post_views(*, user, thread: Thread, posts: list[Post]) -> dict[int, PostView]:
    ids = [post.pk for post in posts]
    counts: dict[tuple[int, str], int] = {}
    for row in Reaction.objects.filter(post_id__in=ids).values("post_id", "kind").annotate(n=Count("pk")):
        counts[(row["post_id"], row["kind"])] = row["n"]
    mine: dict[int, set] = {}
    if user is not None and user.is_authenticated:
        for post_id, kind in Reaction.objects.filter(post_id__in=ids, user=user).values_list("post_id", "kind"):
            mine.setdefault(post_id, set()).add(kind)
    endorsements: dict[int, list[Endorsement]] = {}
    for endorsement in Endorsement.objects.filter(post_id__in=ids).select_related("endorsed_by"):
        endorsements.setdefault(endorsement.post_id, []).append(endorsement)

    # Every per-post action check begins with the writer checks (withdrawing with being signed
    # in): asked once here, so a reader who may not write (every anonymous visitor) costs no
    # per-post policy calls, and refusals are not raised and caught seven times a post.
    signed_in = user is not None and user.is_authenticated
    writes_here = signed_in and allowed(policy.require_may_write, user, private=thread.mode == Mode.CONVERSATION)
    writes_publicly = signed_in and allowed(policy.require_may_write, user)
    views = {}
    for post in posts:
        post.thread = thread  # share the loaded thread: policy checks then need no queries
        own = endorsements.get(post.pk, [])
        views[post.pk] = PostView(
            post=post,
            author=post_author_label(post, user),
            helpful_count=counts.get((post.pk, ReactionKind.HELPFUL), 0),
            me_too_count=counts.get((post.pk, ReactionKind.ME_TOO), 0),
            my_reactions=frozenset(mine.get(post.pk, ())),
            endorsements=[
                EndorsementView(person_label(e.endorsed_by, e.endorser_role, anonymous=False, user=user), e.note)
                for e in own
            ],
            endorsed_by_me=any(e.endorsed_by_id == getattr(user, "pk", None) for e in own),
            can_edit=writes_here and allowed(policy.require_can_edit_post, user, post),
            can_withdraw=signed_in and allowed(policy.require_can_withdraw, user, post),
            can_react=writes_publicly and allowed(policy.require_can_react, user, post, ReactionKind.HELPFUL),
            can_mark_helped=writes_publicly and allowed(policy.require_can_mark_helped, user, post),
            can_endorse=writes_publicly and allowed(policy.require_can_endorse, user, post),
            can_reply=post.kind == PostKind.ANSWER and writes_here and allowed(policy.require_can_post, user, thread, post),
            can_see_history=post.edited_at is not None and allowed(policy.require_can_see_history, user, post),
            can_report=writes_publicly and allowed(policy.require_can_flag, user, post),
            state_reason=post.state_reason if policy.sees_state_reason(user, post) else "",
        )
    return views


def _unwrapped(user):
    """request.user itself, not its lazy wrapper: a page of posts asks it thousands of questions."""
    if isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        return user._wrapped
    return user


def thread_page(*, user, thread: Thread) -> dict:
    """Everything a thread page (or the discussion under an update) shows to this viewer."""
    user = _unwrapped(user)
    posts = list(visible_posts(user=user, thread=thread))
    views = _post_views(user=user, thread=thread, posts=posts)
    opening = next((views[p.pk] for p in posts if p.kind in (PostKind.QUESTION, PostKind.UPDATE)), None)
    answers: list[PostView] = []
    orphans: dict[int, PostView] = {}
    for post in posts:
        view = views[post.pk]
        if post.kind in (PostKind.ANSWER, PostKind.MESSAGE):
            answers.append(view)
        elif post.kind == PostKind.REPLY:
            parent = views.get(post.parent_id)
            if parent is None:
                # The answer replied to is not visible to this viewer: keep its replies under a placeholder.
                parent = orphans.get(post.parent_id)
                if parent is None:
                    parent = orphans[post.parent_id] = PostView(post=None, author=None)
                    answers.append(parent)
            parent.replies.append(view)
    answers.sort(key=lambda view: (view.post.created_at if view.post else view.replies[0].post.created_at))
    signed_in = user is not None and user.is_authenticated
    update = translation_for_reader(thread.update_page) if thread.update_page_id else None
    return {
        "viewer": user,  # unwrapped: a page of posts asks it thousands of questions
        "thread": thread,
        # The discussion of an update shows the update in the reader's language (its live translation,
        # else the original), and names its author and first publication from the original.
        "update": update,
        "update_original": thread.update_page if update is not None else None,
        "heading": update.title if update is not None else thread.title,
        "opening": opening,
        "answers": answers,
        "summary": summary_view(user=user, thread=thread),
        "can_answer": allowed(policy.require_can_post, user, thread),
        "answer_refusal": refusal(policy.require_can_post, user, thread) if signed_in else None,
        "can_edit_summary": allowed(policy.require_can_edit_summary, user, thread),
        "can_follow": allowed(policy.require_can_follow, user, thread=thread),
        "follow": Follow.objects.filter(user=user, thread=thread).first() if signed_in else None,
        "follow_levels": FollowLevel.choices,
        "sees_identities": roles.is_counsellor(user),
    }


# ---------------------------------------------------------------- the co-constructed answer


@dataclass
class SummaryView:
    summary: SummaryAnswer
    current: SummaryRevision | None
    contributors: list[AuthorLabel]
    revision_count: int
    latest_number: int  # of any revision, visible or not: what an edit must be based on


def _visible_revisions(user, summary: SummaryAnswer):
    revisions = summary.revisions.all()
    if not roles.is_counsellor(user):
        revisions = revisions.filter(Q(state=ModerationState.PUBLISHED) | Q(editor_id=getattr(user, "pk", None)))
    return revisions


def summary_view(*, user, thread: Thread) -> SummaryView | None:
    """The co-constructed answer with everyone credited: its editors and the authors of the answers it cites."""
    summary = SummaryAnswer.objects.filter(thread=thread).select_related("current__editor").first()
    if summary is None:
        return None
    revisions = list(
        _visible_revisions(user, summary)
        .select_related("editor")
        .prefetch_related(Prefetch("cited_posts", queryset=Post.objects.select_related("author")))
        .order_by("number")
    )
    contributors: list[AuthorLabel] = []
    seen: set = set()
    for revision in revisions:
        if revision.state != ModerationState.PUBLISHED:
            continue
        label = summary_editor_label(revision, thread, user)
        key = ("editor", revision.editor_id)
        if key not in seen:
            seen.add(key)
            contributors.append(label)
        for post in revision.cited_posts.all():
            post.thread = thread
            key = ("anonymous", post.pk) if post.is_anonymous else ("editor", post.author_id)
            if key not in seen:
                seen.add(key)
                contributors.append(post_author_label(post, user))
    if summary.current is not None:
        summary.current.editor_label = summary_editor_label(summary.current, thread, user)
    latest_number = summary.revisions.aggregate(number=Max("number"))["number"] or 0
    return SummaryView(
        summary=summary,
        current=summary.current,
        contributors=contributors,
        revision_count=len(revisions),
        latest_number=latest_number,
    )


def summary_revisions_for_user(*, user, thread: Thread) -> list[SummaryRevision]:
    summary = SummaryAnswer.objects.filter(thread=thread).first()
    if summary is None:
        return []
    revisions = list(_visible_revisions(user, summary).select_related("editor").prefetch_related("cited_posts").order_by("-number"))
    for revision in revisions:
        revision.editor_label = summary_editor_label(revision, thread, user)
    return revisions


def summary_history_for_user(*, user, thread: Thread) -> list[SummaryRevision]:
    """The versions the user may see, newest first, each with ``changes``: its word diff against the
    version before it (the first version is all new)."""
    revisions = summary_revisions_for_user(user=user, thread=thread)
    for newer, older in zip(revisions, revisions[1:] + [None], strict=False):
        newer.changes = summary_diff(older.body if older else "", newer.body)
    return revisions


def summary_diff(old: str, new: str) -> list[tuple[str, str]]:
    """A word-level diff of two revisions' texts: (op, text) with op in equal/insert/delete."""
    import difflib
    import re

    old_words, new_words = re.findall(r"\S+|\s+", old), re.findall(r"\S+|\s+", new)
    segments = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append(("equal", "".join(old_words[a1:a2])))
            continue
        if op in ("delete", "replace"):
            segments.append(("delete", "".join(old_words[a1:a2])))
        if op in ("insert", "replace"):
            segments.append(("insert", "".join(new_words[b1:b2])))
    return segments


def post_revisions(*, user, post: Post) -> list:
    policy.require_can_see_history(user, post)
    revisions = post.revisions.all()
    if not roles.is_counsellor(user):
        revisions = revisions.filter(was_published=True)
    return list(revisions)


def follows_space(*, user, space) -> bool:
    return bool(user and user.is_authenticated and Follow.objects.filter(user=user, space=space).exists())
