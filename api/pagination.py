"""Cursor pagination for feeds (stable while new items arrive), page numbers for inboxes and queues."""

from rest_framework.pagination import CursorPagination, PageNumberPagination


class FeedPagination(CursorPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = ("-created_at",)

    def get_ordering(self, request, queryset, view):
        return getattr(view, "feed_ordering", None) or self.ordering


class PagePagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
