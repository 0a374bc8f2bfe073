from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from api.filters import WallFilterSet
from api.pagination import FeedPagination
from api.serializers.spaces import PageDetailSerializer, PageSummarySerializer, SpaceSerializer
from api.serializers.threads import (
    AskSerializer,
    ProposalSerializer,
    ProposeUpdateSerializer,
    ThreadSerializer,
    WallThreadSerializer,
)
from cms import selectors as cms_selectors
from community import selectors, services
from community.models import Thread

from ._base import APIView


class SpaceList(APIView):
    public = True
    pagination_class = None

    @extend_schema(responses=SpaceSerializer(many=True), summary="Community spaces, each with its level and features")
    def get(self, request):
        return Response(SpaceSerializer(cms_selectors.spaces_for_site(request=request), many=True).data)


class SpaceDetail(APIView):
    public = True

    @extend_schema(responses=SpaceSerializer, summary="One space")
    def get(self, request, space_id: int):
        return Response(SpaceSerializer(self.space(space_id)).data)


class SpaceThreads(APIView):
    """The wall of a space: list its questions, or ask one (level 3+)."""

    public = True
    pagination_class = FeedPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = WallFilterSet
    queryset = Thread.objects.none()  # names the model for the schema; the selector gives the rows

    @property
    def feed_ordering(self):
        return selectors.threads.WALL_ORDERING.get(self.request.query_params.get("filter"), ("-created_at", "-pk"))

    @extend_schema(responses=WallThreadSerializer(many=True), summary="Questions on the wall")
    def get(self, request, space_id: int):
        threads = self.filter_queryset(selectors.wall_threads(user=request.user, space=self.space(space_id)))
        return self.paginated(threads, WallThreadSerializer, decorate=lambda page: selectors.decorate_wall_threads(page, request.user))

    @extend_schema(request=AskSerializer, responses={201: ThreadSerializer}, summary="Ask on the wall")
    def post(self, request, space_id: int):
        data = self.valid(AskSerializer)
        thread = services.wall_question_ask(author=request.user, space=self.space(space_id), **data)
        return Response(ThreadSerializer(thread).data, status=status.HTTP_201_CREATED)


class SpaceUpdates(APIView):
    public = True
    pagination_class = FeedPagination
    feed_ordering = ("-first_published_at",)

    @extend_schema(responses=PageSummarySerializer(many=True), summary="Counsellors' updates in a space, newest first")
    def get(self, request, space_id: int):
        from cms.models import UpdatePage

        space = self.space(space_id)
        return self.paginated(UpdatePage.objects.child_of(space).live().public(), PageSummarySerializer)


class SpaceInformation(APIView):
    public = True
    pagination_class = None

    @extend_schema(responses=PageSummarySerializer(many=True), summary="Information pages in a space")
    def get(self, request, space_id: int):
        from cms.models import InformationPage

        space = self.space(space_id)
        pages = InformationPage.objects.child_of(space).live().public().order_by("path")
        return Response(PageSummarySerializer(pages, many=True).data)


class SpaceProposals(APIView):
    @extend_schema(request=ProposeUpdateSerializer, responses={201: ProposalSerializer}, summary="Propose an update (level 4)")
    def post(self, request, space_id: int):
        data = self.valid(ProposeUpdateSerializer)
        page = services.update_propose(member=request.user, space=self.space(space_id), **data)
        return Response(ProposalSerializer(page).data, status=status.HTTP_201_CREATED)


class PageDetail(APIView):
    """An information page or an update, with its discussion thread (updates)."""

    public = True

    @extend_schema(responses=PageDetailSerializer, summary="An information page or an update")
    def get(self, request, page_id: int):
        from wagtail.models import Page
        from wagtail.rich_text import expand_db_html

        from cms.models import InformationPage, UpdatePage

        page = get_object_or_404(Page.objects.live().public().type(InformationPage, UpdatePage), pk=page_id).specific
        space = cms_selectors.page_space(page)
        page.space_id = space.pk if space else None
        if isinstance(page, UpdatePage):
            page.body_html = expand_db_html(page.body)
            thread = selectors.threads_for_user(request.user).filter(update_page=page).first()
            page.discussion_thread = thread.pk if thread else None
        else:
            page.body_html = "".join(str(block) for block in page.body)
            page.discussion_thread = None
            page.deadline = None
        return Response(PageDetailSerializer(page).data)
