from django.core.paginator import Paginator
from django.shortcuts import render

from community.selectors.search import SEARCH_PAGE_SIZE, search_for_user


def search(request):
    """Search information pages, updates, questions and answers (open at every level)."""
    results = search_for_user(user=request.user, query=request.GET.get("q", ""))
    page = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get("page")) if results.query else None
    return render(request, "cms/search.html", {"query": results.query, "results": page})
