from django.shortcuts import render

from cms import selectors

MAX_QUERY_LENGTH = 200


def search(request):
    """Search information pages and updates (open at every level)."""
    # NUL characters cannot be searched for (PostgreSQL refuses them); they are never meant.
    query = request.GET.get("q", "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]
    results = selectors.search_pages(query=query, page_number=request.GET.get("page")) if query else None
    return render(request, "cms/search.html", {"query": query, "results": results})
