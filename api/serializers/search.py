"""Search: what the query string may hold, and the shape of one result (the acceptance contract)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from community.search_text import MAX_QUERY_LENGTH
from community.selectors.search import ResultType
from community.validation import MAX_ID


class SearchParamsSerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=MAX_QUERY_LENGTH,
        help_text=_("What to look for. Word forms match: “summer job” finds “summer jobs”, “sommarjobben” finds “sommarjobb”."),
    )
    space = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text=_("Only results in this space (its id).")
    )
    page = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID, help_text=_("Page number, from 1."))
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=100, help_text=_("Results per page (at most 100)."))

    def validate_q(self, value: str) -> str:
        value = value.replace("\x00", "").strip()
        if not value:
            raise serializers.ValidationError(_("Type something to search for."))
        return value


class SearchSpaceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class SearchResultSerializer(serializers.Serializer):
    type = serializers.ChoiceField(
        choices=ResultType.ALL, help_text=_("thread: a question; post: an answer or reply in a thread; page: an information page or update.")
    )
    id = serializers.IntegerField(help_text=_("The thread's, post's or page's id."))
    title = serializers.CharField(help_text=_("The question's title (for a post, of its thread), or the page's title."))
    url = serializers.CharField(help_text=_("Where the result is on the site."))
    snippet = serializers.CharField(
        help_text=_("An extract of the text, HTML-escaped, with the matching words in <mark> elements.")
    )
    space = SearchSpaceSerializer(allow_null=True, help_text=_("The space the result belongs to."))
