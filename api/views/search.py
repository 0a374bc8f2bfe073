from drf_spectacular.utils import extend_schema

from api.pagination import PagePagination
from api.serializers.search import SearchParamsSerializer, SearchResultSerializer
from community.selectors.search import search_for_user

from ._base import APIView


class SearchPagination(PagePagination):
    page_size = 10


class Search(APIView):
    """Search what the caller may read: questions, answers, information pages and updates."""

    public = True
    pagination_class = SearchPagination

    @extend_schema(
        parameters=[SearchParamsSerializer],
        responses=SearchResultSerializer(many=True),
        summary="Search questions, answers, information pages and updates",
    )
    def get(self, request):
        params = SearchParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        space = self.space(params.validated_data["space"]) if "space" in params.validated_data else None
        results = search_for_user(user=request.user, query=params.validated_data["q"], space=space)
        return self.paginated(results, SearchResultSerializer)
