"""Reads of CMS pages for the member-facing site.

Listings only show live pages without view restrictions; Wagtail enforces
restrictions again when a page itself is served.
"""

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from wagtail.models import Page, Site

from community.tiers import Tier

from .models import CommunitySettings, CommunitySpacePage, InformationPage, UpdatePage

LATEST_UPDATES_ON_SPACE = 5
UPDATES_PER_PAGE = 10
SEARCH_RESULTS_PER_PAGE = 10
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
    spaces = list(CommunitySpacePage.objects.child_of(home).live().public().order_by("path"))
    return _with_effective_tier(spaces, site_default_tier(request))


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
    """What a space page shows: its information pages, latest updates and level."""
    space_for_request(space=space, request=request)
    return {
        "information_pages": list(
            InformationPage.objects.child_of(space).live().public().order_by("path")
        ),
        "latest_updates": list(_updates_in(space)[:LATEST_UPDATES_ON_SPACE]),
        "has_more_updates": _updates_in(space)[LATEST_UPDATES_ON_SPACE:].exists(),
    }


def space_updates_page(*, space: CommunitySpacePage, page_number) -> PaginatorPage:
    return Paginator(_updates_in(space), UPDATES_PER_PAGE).get_page(page_number)


def page_space(page: Page) -> CommunitySpacePage | None:
    """The space an information page or update belongs to."""
    return CommunitySpacePage.objects.ancestor_of(page).live().first()


def search_pages(*, query: str, page_number) -> PaginatorPage:
    """Full-text search over the information pages and updates members can see.

    Each result carries ``result_space``, the space it belongs to, found for
    the whole page of results in one query.
    """
    results = (
        Page.objects.live()
        .public()
        .type(InformationPage, UpdatePage)
        .specific()
        .search(query, operator="and")
    )
    page = Paginator(results, SEARCH_RESULTS_PER_PAGE).get_page(page_number)
    space_paths = {result.path[: CommunitySpacePage.steplen * SPACE_DEPTH] for result in page.object_list}
    spaces = {space.path: space for space in CommunitySpacePage.objects.filter(path__in=space_paths)}
    for result in page.object_list:
        result.result_space = spaces.get(result.path[: CommunitySpacePage.steplen * SPACE_DEPTH])
    return page
