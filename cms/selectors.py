"""Reads of CMS pages for the member-facing site.

Listings only show live pages without view restrictions; Wagtail enforces
restrictions again when a page itself is served.
"""

import datetime

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from wagtail.models import Page, Site

from community import selectors as community_selectors
from community.tiers import Feature, Tier, space_allows

from .locales import default_language, in_default_locale, reading_language, translate_for_reader
from .models import CommunitySettings, CommunitySpacePage, InformationPage, UpdatePage
from .page_cache import site_cached

LATEST_UPDATES_ON_SPACE = 5
HOME_ANSWERED_QUESTIONS = 5
HOME_DEADLINES = 4
UPDATES_PER_PAGE = 10
SPACE_DEPTH = 3  # root (1) > home (2) > space (3), as the page type rules allow


def site_default_tier(request) -> Tier:
    """The site's default level; cached on the request by Wagtail."""
    site = Site.find_for_request(request)
    if site is None:
        return Tier.EMERGENCE
    return Tier(CommunitySettings.for_request(request).default_tier)


def _with_effective_tier(spaces, default: Tier):
    for space in spaces:
        # Pre-fill the cached_property so templates never query per space.
        space.__dict__["effective_tier"] = space.resolve_tier(default)
    return spaces


def spaces_for_home(*, home: Page, request) -> list[CommunitySpacePage]:
    spaces = list(in_default_locale(CommunitySpacePage.objects.child_of(home)).live().public().order_by("path"))
    return _with_effective_tier(translate_for_reader(spaces, ("title", "intro")), site_default_tier(request))


def home_overview(*, home: Page, request) -> dict:
    """What the home page shows: the spaces, the latest answered questions members may see, and
    counsellor updates whose deadline has not passed (the soonest first). A fixed number of queries
    whatever the number of spaces, questions or updates."""
    spaces = spaces_for_home(home=home, request=request)
    for space in spaces:
        # Whether the space's level opens these at all; the form itself says if this member may.
        space.wall_open = space_allows(space, Feature.WALL_QUESTIONS)
        space.private_open = space_allows(space, Feature.PRIVATE_MESSAGES)
    today = timezone.localdate()
    return {
        "spaces": spaces,
        "ask_spaces": [space for space in spaces if space.wall_open or space.private_open],
        "answered_questions": community_selectors.answered_wall_questions(
            user=request.user, spaces=spaces, limit=HOME_ANSWERED_QUESTIONS
        ),
        "deadline_updates": translate_for_reader(upcoming_deadlines(home=home, today=today), UPDATE_TEXT_FIELDS),
    }


def upcoming_deadlines(*, home: Page, today: datetime.date) -> list[UpdatePage]:
    return list(
        UpdatePage.objects.descendant_of(home)
        .live()
        .public()
        .filter(deadline__gte=today)
        .select_related("owner")
        .prefetch_related("owner__groups")
        .order_by("deadline", "-first_published_at", "-pk")[:HOME_DEADLINES]
    )


def spaces_for_site(*, request) -> list[CommunitySpacePage]:
    """Every live space members can see, with its level, in one query plus the settings."""
    spaces = list(in_default_locale(CommunitySpacePage.objects.live()).public().order_by("path"))
    return _with_effective_tier(translate_for_reader(spaces), site_default_tier(request))


def visible_spaces():
    """The spaces members and visitors may open: live, and without view restrictions (a restricted
    space is served only as a Wagtail page, which enforces them)."""
    return in_default_locale(CommunitySpacePage.objects.live()).public()


def space_or_404(space_id) -> CommunitySpacePage:
    """The one lookup of a space by id, for the web and the API alike (see ``visible_spaces``)."""
    return get_object_or_404(visible_spaces(), pk=space_id)


def space_for_request(*, space: CommunitySpacePage, request) -> CommunitySpacePage:
    if "effective_tier" not in space.__dict__:
        _with_effective_tier([space], site_default_tier(request))
    return space


def _updates_in(space: CommunitySpacePage):
    return (
        UpdatePage.objects.child_of(space)
        .live()
        .public()
        .select_related("owner")
        .prefetch_related("owner__groups")
        .order_by("-first_published_at", "-pk")
    )


def space_overview(*, space: CommunitySpacePage, request) -> dict:
    """What a space page shows: the wall, its information pages, latest updates and level."""
    from community import policy
    from community import selectors as community_selectors
    from community.models import Mode
    from community.tiers import Feature, space_allows

    space_for_request(space=space, request=request)
    user = request.user
    wall_filter = request.GET.get("filter", community_selectors.WallFilter.NEWEST)
    if wall_filter not in community_selectors.WallFilter.ALL:
        wall_filter = community_selectors.WallFilter.NEWEST
    allowed = community_selectors.allowed
    return {
        "wall_open": space_allows(space, Feature.WALL_QUESTIONS),
        "wall_filter": wall_filter,
        "wall_filters": community_selectors.WallFilter.ALL,
        "wall_page": community_selectors.wall_feed(
            user=user, space=space, wall_filter=wall_filter, page_number=request.GET.get("page")
        )
        if space_allows(space, Feature.WALL_QUESTIONS)
        else None,
        "can_ask": allowed(policy.require_can_start, user, space, Mode.WALL),
        "can_write_privately": allowed(policy.require_can_start, user, space, Mode.CONVERSATION),
        "can_propose_update": allowed(policy.require_can_propose_update, user, space),
        "can_follow_space": allowed(policy.require_can_follow, user, space=space),
        "follows_space": community_selectors.follows_space(user=user, space=space),
        "my_proposals": _proposals_by(user, space),
        **_space_cms_pages(space),
    }


def _space_cms_pages(space: CommunitySpacePage) -> dict:
    """A space's live, public information pages and latest updates in the reader's language: the same
    for every reader, so from the shared cache, read again after any CMS page is written (updates and
    their translations are pages too). Nobody's posts or drafts are in it."""

    def read() -> dict:
        return {
            "information_pages": translate_for_reader(
                InformationPage.objects.child_of(space).live().public().order_by("path"), ("title", "summary")
            ),
            "latest_updates": translate_for_reader(_updates_in(space)[:LATEST_UPDATES_ON_SPACE], UPDATE_TEXT_FIELDS),
            "has_more_updates": _updates_in(space)[LATEST_UPDATES_ON_SPACE:].exists(),
        }

    return site_cached(f"space-cms-pages:{space.pk}:{reading_language()}", read)


def _proposals_by(user, space) -> list[UpdatePage]:
    """A member's own update proposals that are not published yet, so they can see where they stand."""
    if not user.is_authenticated:
        return []
    return list(UpdatePage.objects.child_of(space).filter(owner=user, live=False).order_by("-latest_revision_created_at"))


class ProposalState:
    """Where a member's update proposal stands, as its author sees it on "Your posts"."""

    IN_REVIEW = "in_review"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    REJECTED = "rejected"


MY_PROPOSALS_SHOWN = 50


def update_proposals_for_member(*, user) -> list[UpdatePage]:
    """A member's own update proposals, newest first, each with ``proposal_state`` and, when a
    counsellor sent it back with a comment, ``proposal_comment``. Three queries, however many."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Revision, WorkflowState

    if not user.is_authenticated:
        return []
    proposals = list(
        UpdatePage.objects.filter(owner=user)
        .select_related("owner")
        .order_by("-latest_revision_created_at", "-pk")[:MY_PROPOSALS_SHOWN]
    )
    if not proposals:
        return []
    ids = [str(page.pk) for page in proposals]
    latest_state = {}
    for state in (
        WorkflowState.objects.filter(base_content_type=ContentType.objects.get_for_model(Page), object_id__in=ids)
        .select_related("current_task_state")
        .order_by("created_at", "pk")
    ):
        latest_state[state.object_id] = state  # ordered oldest first: the last one wins
    scheduled = set(
        Revision.page_revisions.filter(object_id__in=ids, approved_go_live_at__isnull=False).values_list(
            "object_id", flat=True
        )
    )
    for page in proposals:
        state = latest_state.get(str(page.pk))
        page.proposal_comment = ""
        if page.live:
            page.proposal_state = ProposalState.PUBLISHED
        elif str(page.pk) in scheduled:
            page.proposal_state = ProposalState.SCHEDULED
        elif state is not None and state.status in (WorkflowState.STATUS_NEEDS_CHANGES, WorkflowState.STATUS_CANCELLED):
            page.proposal_state = ProposalState.REJECTED
            if state.current_task_state is not None:
                page.proposal_comment = state.current_task_state.comment
        else:
            page.proposal_state = ProposalState.IN_REVIEW
    return proposals


UPDATE_TEXT_FIELDS = ("title", "body")  # what a list of updates shows of each, in the reader's language


def space_updates_page(*, space: CommunitySpacePage, page_number) -> PaginatorPage:
    page = Paginator(_updates_in(space), UPDATES_PER_PAGE).get_page(page_number)
    page.object_list = translate_for_reader(page.object_list, UPDATE_TEXT_FIELDS)
    return page


def page_space(page: Page) -> CommunitySpacePage | None:
    """The space an information page or update belongs to."""
    return CommunitySpacePage.objects.ancestor_of(page).live().first()


SEARCHED_PAGE_TEXT = {InformationPage: ("title", "summary", "body"), UpdatePage: ("title", "body")}


def searchable_pages(*, space: CommunitySpacePage | None = None):
    """The information pages and updates anyone may find (live, without view restrictions), in the
    default language: the pages the site's addresses serve (in the reader's language, if translated)."""
    pages = in_default_locale(Page.objects.live().public().type(*SEARCHED_PAGE_TEXT))
    if space is not None:
        pages = pages.descendant_of(space)
    return pages


def matching_page_ids(*, words: list[str], space: CommunitySpacePage | None = None, limit: int) -> list[int]:
    """The ids of the pages anyone may find (``searchable_pages``) whose own text or the text of one
    of their live, public translations has every word, best match first, at most ``limit``: for the
    search selector (``community.selectors.search``), which ranks them before questions and pages
    through them. A word found only in the Danish translation finds the page, at its one address.
    Two queries, whatever is found."""
    if not words:
        return []
    # Wagtail's search backend, over every language's tree; a draft or restricted translation is never searched.
    translations = Page.objects.live().public().type(*SEARCHED_PAGE_TEXT)
    found = translations.search(" ".join(words), operator="and")[: limit * len(settings.WAGTAIL_CONTENT_LANGUAGES)]
    rank: dict = {}
    for page in found:
        rank.setdefault(page.translation_key, len(rank))
        if len(rank) == limit:
            break
    sources = searchable_pages(space=space).filter(translation_key__in=list(rank)).values_list("pk", "translation_key")
    return [pk for pk, key in sorted(sources, key=lambda row: rank[row[1]])]


def pages_for_reader(page_ids: list[int]) -> list[Page]:
    """Information pages and updates by id, in that order, with their text (title, summary, body) in
    the reader's language where a live translation has it: each page stays the one at its address,
    only the shown text is the translation's (never saved). One query per kind of page."""
    if not page_ids:
        return []
    language = reading_language()
    by_id: dict[int, Page] = {}
    for model, fields in SEARCHED_PAGE_TEXT.items():
        wanted = Q(pk__in=page_ids)
        if language != default_language():
            keys = Page.objects.filter(pk__in=page_ids).values("translation_key")
            wanted |= Q(translation_key__in=keys, locale__language_code=language, live=True)
        rows = list(model.objects.filter(wanted))
        translated = {row.translation_key: row for row in rows if row.pk not in page_ids}
        for page in rows:
            if page.pk in page_ids:
                translation = translated.get(page.translation_key)
                for field in fields if translation is not None else ():
                    if getattr(translation, field):
                        setattr(page, field, getattr(translation, field))
                by_id[page.pk] = page
    return [by_id[page_id] for page_id in page_ids if page_id in by_id]


def spaces_of_pages(pages) -> dict[int, CommunitySpacePage]:
    """The space each page belongs to (by page id), for a whole page of results in one query."""
    space_paths = {page.path[: CommunitySpacePage.steplen * SPACE_DEPTH] for page in pages}
    spaces = {space.path: space for space in CommunitySpacePage.objects.filter(path__in=space_paths)}
    return {page.pk: spaces.get(page.path[: CommunitySpacePage.steplen * SPACE_DEPTH]) for page in pages}


def update_discussion(*, update: UpdatePage, request) -> dict:
    """The discussion thread under an update, as the viewer may see it (empty for drafts and previews)."""
    from community import selectors as community_selectors
    from community.forms import PostForm
    from community.models import ReactionKind, Thread

    thread = Thread.objects.filter(update_page=update).select_related("space", "author", "update_page").first()
    if thread is None or not community_selectors.threads_for_user(request.user).filter(pk=thread.pk).exists():
        return {"discussion": None}
    discussion = community_selectors.thread_page(user=request.user, thread=thread)
    discussion.update(answer_form=PostForm(), reaction_kinds=ReactionKind)
    return {"discussion": discussion}
