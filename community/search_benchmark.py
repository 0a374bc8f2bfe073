"""Search and suggestion latency, for ``manage.py benchmark_search`` and the project's benchmark.

``search_latency`` runs the search selector as the search page and the API do
(count, then the first page of results with snippets) and the similar-question
suggestions as the ask form does, and gives p50/p95 in milliseconds.
"""

import random
import statistics
import time

from django.core.paginator import Paginator

from cms.models import CommunitySpacePage
from community.selectors.search import SEARCH_PAGE_SIZE, search_for_user, similar_questions

# Queries in the five languages, rare and common words, one and several of them.
SEARCH_QUERIES = [
    "summer job",
    "sommarjobben",
    "sommerjobbet",
    "kesätyöt",
    "sommerjobben",
    "apprenticeship electrician",
    "work permit under 18",
    "gymnasiet ansökan",
    "studievejledning",
    "ammattikoulu haku",
    "how do I apply",
    "nursing",
]
SUGGESTION_TEXTS = [
    "Where do I find a summer job when I am 15?",
    "Hur söker jag sommarjobb i kommunen?",
    "Hvordan får jeg en læreplads som elektriker?",
    "Miten haen kesätyöhön kunnasta?",
    "Trenger jeg arbeidstillatelse for sommerjobben?",
]


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"p50_ms": round(statistics.median(ordered) * 1000, 2), "p95_ms": round(p95 * 1000, 2), "n": len(ordered)}


def search_latency(*, user=None, space: CommunitySpacePage | None = None, rounds: int = 10) -> dict[str, dict[str, float]]:
    """p50 and p95 of a search (first page) and of suggestions, as ``user`` (None: a visitor)."""
    space = space or CommunitySpacePage.objects.live().order_by("-pk").first()
    search_times, suggestion_times = [], []
    for _ in range(rounds):
        for query in random.sample(SEARCH_QUERIES, len(SEARCH_QUERIES)):
            start = time.perf_counter()
            page = Paginator(search_for_user(user=user, query=query), SEARCH_PAGE_SIZE).get_page(1)
            list(page.object_list)
            search_times.append(time.perf_counter() - start)
        if space is not None:
            for text in SUGGESTION_TEXTS:
                start = time.perf_counter()
                similar_questions(user=user, space=space, text=text)
                suggestion_times.append(time.perf_counter() - start)
    result = {"search": _percentiles(search_times)}
    if suggestion_times:
        result["suggestions"] = _percentiles(suggestion_times)
    return result
