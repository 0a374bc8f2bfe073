from django.shortcuts import render

from cms import selectors

MAX_QUERY_LENGTH = 200


def search_query(raw: str) -> str:
    """The query as the search backend can parse it, on SQLite and PostgreSQL alike."""
    query = raw.replace("\x00", "")[:MAX_QUERY_LENGTH]
    if query.count('"') % 2:
        # An unclosed phrase makes SQLite's full-text search fail; search the words instead.
        query = query.replace('"', " ")
    return query.strip()


def search(request):
    """Search information pages and updates (open at every level)."""
    # NUL characters cannot be searched for (PostgreSQL refuses them); they are never meant.
    query = search_query(request.GET.get("q", ""))
    results = selectors.search_pages(query=query, page_number=request.GET.get("page")) if query else None
    return render(request, "cms/search.html", {"query": query, "results": results})
