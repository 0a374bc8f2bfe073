from types import SimpleNamespace

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from api.pagination import FeedPagination
from api.serializers.common import InfoSerializer
from api.serializers.threads import (
    EditPostSerializer,
    EndorsementSerializer,
    EndorseSerializer,
    FlagSerializer,
    NewPostSerializer,
    PostRevisionSerializer,
    PostSerializer,
    RevisionDiffSerializer,
    SummarySerializer,
    SummaryWriteSerializer,
    ThreadDetailSerializer,
)
from community import selectors, services
from community.models import Mode, PostKind, ReactionKind
from moderation import services as moderation_services

from ._base import APIView


def _thread(request, thread_id, *, mode=None):
    return selectors.thread_for_user(user=request.user, thread_id=thread_id, mode=mode)


def _post_view(request, post):
    return selectors.post_views(user=request.user, thread=post.thread, posts=[post])[0]


class ThreadDetail(APIView):
    public = True

    @extend_schema(responses=ThreadDetailSerializer, summary="A thread: the question, the co-constructed answer, what you may do")
    def get(self, request, thread_id: int):
        thread = _thread(request, thread_id)
        page = selectors.thread_page(user=request.user, thread=thread)
        opening = page["opening"]
        view = SimpleNamespace(
            **{field: getattr(thread, field) for field in ("id", "space_id", "mode", "title", "state", "is_anonymous", "created_at", "last_activity_at", "update_page_id")},
            get_absolute_url=thread.get_absolute_url,
            asker=opening.author if opening and opening.post.kind == PostKind.QUESTION else None,
            question=opening,
            summary=page["summary"],
            following=page["follow"].level if page["follow"] else None,
            can={"answer": page["can_answer"], "edit_summary": page["can_edit_summary"], "follow": page["can_follow"]},
        )
        return Response(ThreadDetailSerializer(view).data)


class ThreadPosts(APIView):
    """The posts of a thread, oldest first; answering, commenting, replying or writing a message."""

    public = True
    pagination_class = FeedPagination
    feed_ordering = ("created_at",)

    @extend_schema(responses=PostSerializer(many=True), summary="Posts in a thread (answers, replies, messages)")
    def get(self, request, thread_id: int):
        thread = _thread(request, thread_id)
        posts = selectors.visible_posts(user=request.user, thread=thread)
        return self.paginated(posts, PostSerializer, decorate=lambda page: selectors.post_views(user=request.user, thread=thread, posts=page))

    @extend_schema(request=NewPostSerializer, responses={201: PostSerializer}, summary="Answer, reply to an answer, or comment")
    def post(self, request, thread_id: int):
        thread = _thread(request, thread_id)
        data = self.valid(NewPostSerializer)
        parent = selectors.post_for_user(user=request.user, post_id=data["parent"]) if data.get("parent") else None
        post = services.post_create(author=request.user, thread=thread, body=data["body"], parent=parent)
        return Response(PostSerializer(_post_view(request, post)).data, status=status.HTTP_201_CREATED)


class PostDetail(APIView):
    public = True

    @extend_schema(responses=PostSerializer, summary="One post")
    def get(self, request, post_id: int):
        return Response(PostSerializer(_post_view(request, selectors.post_for_user(user=request.user, post_id=post_id))).data)

    @extend_schema(request=EditPostSerializer, responses=PostSerializer, summary="Edit your post (earlier text kept)")
    def patch(self, request, post_id: int):
        post = selectors.post_for_user(user=request.user, post_id=post_id)
        data = self.valid(EditPostSerializer)
        edited = services.post_edit(editor=request.user, post=post, body=data["body"], title=data.get("title"))
        return Response(PostSerializer(_post_view(request, edited)).data)


class PostWithdraw(APIView):
    @extend_schema(request=None, responses=PostSerializer, summary="Withdraw your post (hidden, never deleted)")
    def post(self, request, post_id: int):
        post = services.post_withdraw(user=request.user, post=selectors.post_for_user(user=request.user, post_id=post_id))
        return Response(PostSerializer(_post_view(request, post)).data)


class PostRevisions(APIView):
    pagination_class = None

    @extend_schema(responses=PostRevisionSerializer(many=True), summary="Earlier texts of an edited post (readers: the once-published ones; counsellors: all)")
    def get(self, request, post_id: int):
        post = selectors.post_for_user(user=request.user, post_id=post_id)
        return Response(PostRevisionSerializer(selectors.post_revisions(user=request.user, post=post), many=True).data)


class PostReaction(APIView):
    """Your "helpful" or "me too" on a post: PUT to add, DELETE to take back."""

    def _set(self, request, post_id, kind, on):
        post = selectors.post_for_user(user=request.user, post_id=post_id)
        if kind not in ReactionKind.values:
            from django.http import Http404

            raise Http404
        services.reaction_set(user=request.user, post=post, kind=kind, on=on)
        return Response(PostSerializer(_post_view(request, post)).data)

    @extend_schema(request=None, responses=PostSerializer, summary="React to a post")
    def put(self, request, post_id: int, kind: str):
        return self._set(request, post_id, kind, True)

    @extend_schema(request=None, responses={200: PostSerializer}, summary="Take back a reaction")
    def delete(self, request, post_id: int, kind: str):
        return self._set(request, post_id, kind, False)


class PostHelped(APIView):
    """The asker's mark on an answer that helped: PUT to mark, DELETE to unmark."""

    def _set(self, request, post_id, helped):
        post = selectors.post_for_user(user=request.user, post_id=post_id)
        services.helped_mark_set(user=request.user, post=post, helped=helped)
        post.refresh_from_db()
        return Response(PostSerializer(_post_view(request, post)).data)

    @extend_schema(request=None, responses=PostSerializer, summary="Mark an answer that helped you")
    def put(self, request, post_id: int):
        return self._set(request, post_id, True)

    @extend_schema(request=None, responses={200: PostSerializer}, summary="Unmark it")
    def delete(self, request, post_id: int):
        return self._set(request, post_id, False)


class PostEndorsements(APIView):
    pagination_class = None
    public = True

    @extend_schema(responses=EndorsementSerializer(many=True), summary="Who endorsed an answer")
    def get(self, request, post_id: int):
        post = selectors.post_for_user(user=request.user, post_id=post_id)
        return Response(EndorsementSerializer(_post_view(request, post).endorsements, many=True).data)

    @extend_schema(request=EndorseSerializer, responses={201: PostSerializer}, summary="Endorse a member's answer")
    def post(self, request, post_id: int):
        post = selectors.post_for_user(user=request.user, post_id=post_id)
        data = self.valid(EndorseSerializer)
        services.endorsement_add(endorser=request.user, post=post, note=data["note"])
        return Response(PostSerializer(_post_view(request, post)).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: PostSerializer}, summary="Withdraw your endorsement")
    def delete(self, request, post_id: int):
        post = selectors.post_for_user(user=request.user, post_id=post_id)
        services.endorsement_withdraw(endorser=request.user, post=post)
        return Response(PostSerializer(_post_view(request, post)).data)


class PostFlags(APIView):
    @extend_schema(request=FlagSerializer, responses={201: InfoSerializer}, summary="Report a post")
    def post(self, request, post_id: int):
        from django.utils.translation import gettext as _

        post = selectors.post_for_user(user=request.user, post_id=post_id)
        data = self.valid(FlagSerializer)
        moderation_services.flag_create(user=request.user, post=post, **data)
        return Response({"message": _("Thank you. A counsellor will look at the post.")}, status=status.HTTP_201_CREATED)


class ThreadSummary(APIView):
    public = True

    @extend_schema(responses=SummarySerializer, summary="The co-constructed answer")
    def get(self, request, thread_id: int):
        thread = _thread(request, thread_id)
        if thread.mode == Mode.CONVERSATION:
            from django.http import Http404

            raise Http404
        summary = selectors.summary_view(user=request.user, thread=thread)
        if summary is None:
            return Response({"current": None, "contributors": [], "revision_count": 0, "latest_number": 0})
        return Response(SummarySerializer(summary).data)


class ThreadSummaryRevisions(APIView):
    public = True
    pagination_class = None

    @extend_schema(responses=RevisionDiffSerializer(many=True), summary="Every version, with the changes from the one before")
    def get(self, request, thread_id: int):
        thread = _thread(request, thread_id)
        revisions = selectors.summary_history_for_user(user=request.user, thread=thread)
        return Response(RevisionDiffSerializer(revisions, many=True).data)

    @extend_schema(request=SummaryWriteSerializer, responses={201: SummarySerializer}, summary="Write a new version")
    def post(self, request, thread_id: int):
        thread = _thread(request, thread_id)
        data = self.valid(SummaryWriteSerializer)
        services.summary_revise(
            editor=request.user,
            thread=thread,
            body=data["body"],
            change_note=data["change_note"],
            cited_post_ids=data["cited_posts"],
            based_on=data.get("based_on"),
        )
        return Response(SummarySerializer(selectors.summary_view(user=request.user, thread=thread)).data, status=status.HTTP_201_CREATED)

