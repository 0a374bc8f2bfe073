"""Search: one selector for the search page, the search API and similar-question suggestions.

What can be found is what anyone may read and the asker may see: published
questions and answers in threads visible to them (``policy.visible_threads_q``, the
policy's rule), and live, unrestricted information pages and updates. Never a
held, rejected, hidden or withdrawn post, nor anything of a private
conversation, whoever asks (the text is matched only while the post is
published, and conversations are never indexed).

Word forms: PostgreSQL matches the stored ``search_vector`` against the query
reduced in each of the five language configurations (the content's language is
not known, nor the query's), ranks with ``ts_rank`` and highlights with
``ts_headline``. SQLite matches stored stems (``community.search_text``).
Pages go through Wagtail's search backend, in every language's tree: a page is found by the text
of any of its live translations, at its one address (``cms.selectors.matching_page_ids``).
"""

from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass
from functools import reduce
from operator import add, or_

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorExact,
)
from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When
from django.utils.html import strip_tags
from django.utils.safestring import SafeString

from cms import selectors as cms_selectors
from cms.locales import titles_for_reader
from cms.models import CommunitySpacePage
from community import policy
from community.models import Mode, ModerationState, Post, PostKind, Thread
from community.search_index import INDEXED_KINDS
from community.search_text import (
    HEADLINE_START,
    HEADLINE_STOP,
    SEARCH_CONFIGS,
    clean_query,
    headline_html,
    highlight,
    query_words,
    word_stems,
)

from .threads import SIMILAR_QUESTIONS

SEARCH_PAGE_SIZE = 10
# Nobody reads past the twentieth page of results; on PostgreSQL only this many matches are ranked
# (see ``_postgres_matches``). At 500, PostgreSQL judged that hashing every visible thread of the
# site beat looking up the threads of the matches; at 200 it looks them up.
MAX_RESULTS = 200


class ResultType:
    THREAD = "thread"
    POST = "post"
    PAGE = "page"
    ALL = (THREAD, POST, PAGE)


@dataclass
class SearchHit:
    """One result as every caller shows it: the API's contract fields, and the space it is in."""

    type: str
    id: int
    title: str
    url: str
    snippet: SafeString
    space: CommunitySpacePage | None = None
    thread: Thread | None = None


# ---------------------------------------------------------------- threads and posts


def _through(condition: Q, relation: str) -> Q:
    """The same condition on a related model: ``Q(state=...)`` on threads as ``Q(thread__state=...)``
    on posts."""
    through = copy(condition)
    through.children = [
        _through(child, relation) if isinstance(child, Q) else (f"{relation}__{child[0]}", child[1])
        for child in condition.children
    ]
    return through


def _visible_posts(*, user, space) -> QuerySet[Post]:
    """Published, indexed posts of public threads the user may see (the visibility rules are the
    policy's and, for spaces, the CMS's).

    The thread's rule is applied through the post's own join to its thread, not as
    ``thread__in=<visible threads>``: that made PostgreSQL hash every visible thread of the site
    before reading the first match (17-25 ms at 10,000 threads), where a join looks up only the
    threads of the matches it reads."""
    posts = (
        Post.objects.filter(
            kind__in=INDEXED_KINDS,
            state=ModerationState.PUBLISHED,
            thread__mode__in=[Mode.WALL, Mode.UPDATE],
            thread__state=ModerationState.PUBLISHED,
        )
        .filter(policy.visible_posts_q(user))
        .filter(_through(policy.visible_threads_q(user), "thread"))
    )
    if space is not None:
        posts = posts.filter(thread__space=space)
    return posts


def _postgres_matches(
    posts: QuerySet[Post], text: str, words: list[str], *, match_any: bool, headline: bool
) -> QuerySet[Post]:
    if match_any:
        per_config = {
            config: SearchQuery(" | ".join(words), search_type="raw", config=config)
            for config in SEARCH_CONFIGS
        }
    else:
        per_config = {
            config: SearchQuery(text, search_type="websearch", config=config)
            for config in SEARCH_CONFIGS
        }
    query = reduce(or_, per_config.values())
    # Bounded ranking: ``ts_rank`` reads each matching post's whole stored vector (five languages of
    # title and text), so ranking every match of a common word costs seconds at a national site's
    # size. The candidates are the newest ``MAX_RESULTS`` visible matches; only they are ranked, and
    # they are all that is ever shown or counted. Newest, not "whatever the index yields first": a
    # bitmap scan yields rows in table order, so a common word would only ever show the oldest posts
    # (measured at 100,000 posts: the same time either way, about 70-90 ms under load). The
    # visibility rule stays in ``posts``: the candidates are chosen through it.
    candidates = posts.filter(search_vector=query).order_by("-pk").values("pk")[:MAX_RESULTS]
    posts = (
        Post.objects.filter(pk__in=candidates)
        .select_related("thread__space", "thread__update_page")
        .annotate(rank=SearchRank(F("search_vector"), query))
        .order_by("-rank", "-pk")
    )
    if not headline:
        return posts
    options = {
        "start_sel": HEADLINE_START,
        "stop_sel": HEADLINE_STOP,
        "max_words": 30,
        "min_words": 12,
    }
    # The headline in the language the text matched in (computed only for the rows shown).
    return posts.annotate(
        headline=Case(
            *[
                When(
                    SearchVectorExact(SearchVector("body", config=Value(config)), config_query),
                    then=SearchHeadline("body", config_query, config=Value(config), **options),
                )
                for config, config_query in per_config.items()
            ],
            default=SearchHeadline("body", query, config=Value("simple"), **options),
        )
    )


def _stems_matches(posts: QuerySet[Post], words: list[str], *, match_any: bool) -> QuerySet[Post]:
    conditions = [
        reduce(or_, [Q(search_stems__contains=f" {stem} ") for stem in word_stems(word)])
        for word in words
    ]
    question = Case(
        When(kind=PostKind.QUESTION, then=Value(0.5)), default=Value(0.0), output_field=FloatField()
    )
    if match_any:
        matched = reduce(
            add,
            [
                Case(When(c, then=Value(1.0)), default=Value(0.0), output_field=FloatField())
                for c in conditions
            ],
        )
        posts = posts.filter(reduce(or_, conditions)).annotate(rank=matched + question)
    else:
        posts = posts.filter(*conditions).annotate(rank=question)
    return posts.order_by("-rank", "-pk")


def matching_posts(
    *,
    user,
    query: str,
    space=None,
    questions_only: bool = False,
    wall_only: bool = False,
    match_any: bool = False,
    headline: bool = False,
    within: list[int] | None = None,
) -> QuerySet[Post]:
    """Posts the user may see that match the query, best first (annotated with ``rank``, and on
    PostgreSQL with ``headline`` if asked). ``match_any``: any of the words rather than all of them.
    Narrow it here (``questions_only``, ``wall_only``), not afterwards: on PostgreSQL only the first
    ``MAX_RESULTS`` matches are ranked, so a later filter could leave fewer than there are.
    ``within``: ids this query found already, to rank and show only those (the rules still apply)."""
    text = clean_query(query)
    words = query_words(text, match_any=match_any)
    if not words:
        return Post.objects.none()
    posts = _visible_posts(user=user, space=space)
    if questions_only:
        posts = posts.filter(kind=PostKind.QUESTION)
    if wall_only:
        posts = posts.filter(thread__mode=Mode.WALL)
    posts = posts.select_related("thread__space", "thread__update_page")
    if within is not None:
        posts = posts.filter(pk__in=within)
    if connection.vendor == "postgresql":
        return _postgres_matches(posts, text, words, match_any=match_any, headline=headline)
    return _stems_matches(posts, words, match_any=match_any)


def _post_hit(post: Post, stem_sets) -> SearchHit:
    thread = post.thread
    url = thread.get_absolute_url()
    headline = getattr(post, "headline", None)
    snippet = headline_html(headline) if headline is not None else highlight(post.body, stem_sets)
    if post.kind == PostKind.QUESTION:
        return SearchHit(
            ResultType.THREAD, thread.pk, thread.title, url, snippet, thread.space, thread
        )
    return SearchHit(
        ResultType.POST,
        post.pk,
        thread.title,
        f"{url.split('#')[0]}#post-{post.pk}",
        snippet,
        thread.space,
        thread,
    )


# ---------------------------------------------------------------- pages


def _page_text(page) -> str:
    return " ".join(
        filter(
            None, [getattr(page, "summary", ""), strip_tags(str(getattr(page, "body", "") or ""))]
        )
    )


def _page_hits(pages, stem_sets) -> list[SearchHit]:
    pages = list(pages)
    spaces = cms_selectors.spaces_of_pages(pages)
    return [
        SearchHit(
            ResultType.PAGE,
            page.pk,
            page.title,
            page.url,
            highlight(_page_text(page), stem_sets),
            spaces.get(page.pk),
        )
        for page in pages
    ]


# ---------------------------------------------------------------- together


class SearchResults(Sequence):
    """Every result for one query, pages first (the counsellors' checked information), then questions
    and answers by rank; sliceable and countable, so Django's and DRF's paginators page it with a
    constant number of queries."""

    def __init__(self, *, user, query: str, space=None):
        self.query = clean_query(query)
        self._stem_sets = [word_stems(word) for word in query_words(self.query)]
        self._space = space
        self._page_ids: list[int] | None = None
        self._user = user
        self._posts = matching_posts(user=user, query=self.query, space=space)
        self._post_ids: list[int] | None = None
        self._counts: tuple[int, int] | None = None

    def _pages(self) -> list[int]:
        """The ids of the CMS pages found, best first (found by their text in any live translation)."""
        if self._page_ids is None:
            # Only the words: Wagtail's SQLite backend cannot parse every punctuation a person may type.
            self._page_ids = cms_selectors.matching_page_ids(
                words=query_words(self.query), space=self._space, limit=MAX_RESULTS
            )
        return self._page_ids

    def _found_posts(self) -> list[int]:
        """The matching posts' ids, best first: looked for once, then counted and paged from this list.
        Counting and then reading a page each looked for the matches (36 ms each for a common word at a
        million posts, where the newest visible matches are sparse)."""
        if self._post_ids is None:
            self._post_ids = list(self._posts.values_list("pk", flat=True)[:MAX_RESULTS])
        return self._post_ids

    def _shown_posts(self, ids: list[int]) -> list[Post]:
        """Those posts, with their snippets (computed for the shown rows only), in the order given."""
        if not ids:
            return []
        posts = matching_posts(user=self._user, query=self.query, space=self._space, headline=True, within=ids)
        by_pk = {post.pk: post for post in posts}
        return [by_pk[pk] for pk in ids if pk in by_pk]

    def _count_parts(self) -> tuple[int, int]:
        if self._counts is None:
            self._counts = (len(self._pages()), len(self._found_posts()))
        return self._counts

    def count(self) -> int:
        return sum(self._count_parts())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop, _step = index.indices(self.count())
        pages_count, _posts_count = self._count_parts()
        hits: list[SearchHit] = []
        if start < pages_count:
            shown = cms_selectors.pages_for_reader(self._pages()[start : min(stop, pages_count)])
            hits += _page_hits(shown, self._stem_sets)
        if stop > pages_count:
            post_start, post_stop = max(start - pages_count, 0), stop - pages_count
            shown = self._shown_posts(self._found_posts()[post_start:post_stop])
            hits += [_post_hit(post, self._stem_sets) for post in shown]
        return _in_readers_language(hits)


def _in_readers_language(hits: list[SearchHit]) -> list[SearchHit]:
    """Spaces' titles in the reader's language where translated, for a page of results in one query
    (pages come in the reader's language already: ``cms.selectors.pages_for_reader``)."""
    spaces = {hit.space.pk: hit.space for hit in hits if hit.space is not None}
    titles = titles_for_reader(set(spaces))
    for hit in hits:
        if hit.space is not None and hit.space.pk in titles:
            hit.space.title = titles[hit.space.pk]  # shown, never saved
    return hits


def search_for_user(*, user, query: str, space=None) -> SearchResults:
    """Everything the user may find for the query (optionally within one space): slice or paginate it."""
    return SearchResults(user=user, query=query, space=space)


def similar_questions(*, user, space, text: str) -> list[Thread]:
    """Published questions in the space that look like the one being asked: any of its words in the
    question or in a published answer, the closest first."""
    posts = matching_posts(user=user, query=text, space=space, match_any=True, wall_only=True)
    threads: dict[int, Thread] = {}
    for post in posts.defer("body", "body_html")[: SIMILAR_QUESTIONS * 4]:
        threads.setdefault(post.thread_id, post.thread)
        if len(threads) == SIMILAR_QUESTIONS:
            break
    return list(threads.values())
