from types import SimpleNamespace

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from api.filters import ConversationFilterSet
from api.pagination import PagePagination
from api.serializers.conversations import (
    ConcludeSerializer,
    ConversationDetailSerializer,
    ConversationSerializer,
    HandOverSerializer,
    MessageSerializer,
    NoteSerializer,
    StageSerializer,
    StartConversationSerializer,
    WriteMessageSerializer,
    WriteNoteSerializer,
)
from community import roles, selectors, services
from community.models import Conversation, Mode

from ._base import APIView

def _conversation(request, thread_id):
    return selectors.thread_for_user(user=request.user, thread_id=thread_id, mode=Mode.CONVERSATION)


def _detail(request, thread):
    context = selectors.conversation_page(user=request.user, thread=thread)
    conversation = context["conversation"]
    counsellor = roles.is_counsellor(request.user)
    view = SimpleNamespace(
        thread_id=thread.pk,
        thread=thread,
        status=conversation.status,
        stage=conversation.stage,
        assigned_to=conversation.assigned_to,
        unread=False,
        member_last_message_at=conversation.member_last_message_at,
        counsellor_last_message_at=conversation.counsellor_last_message_at,
        messages=context["conversation_messages"],
        can_write=context["can_write"],
        notes=context.get("notes", []),
        events=context.get("events", []),
    )
    data = ConversationDetailSerializer(view).data
    if not counsellor:
        # Internal notes and the counsellors' timeline are never sent to the member.
        data.pop("notes", None)
        data.pop("events", None)
    return data


class ConversationList(APIView):
    """Members: your own conversations. Counsellors: the team inbox, one tab at a time."""

    pagination_class = PagePagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = ConversationFilterSet
    queryset = Conversation.objects.none()  # names the model for the schema; the selector gives the rows

    @extend_schema(responses=ConversationSerializer(many=True), summary="Your conversations, or the team inbox")
    def get(self, request):
        if roles.is_counsellor(request.user):
            conversations = selectors.team_inbox(user=request.user)  # the filter set picks the tab
        else:
            conversations = selectors.member_conversations(user=request.user)
        return self.paginated(self.filter_queryset(conversations), ConversationSerializer)

    @extend_schema(request=StartConversationSerializer, responses={201: ConversationDetailSerializer}, summary="Write privately to the counsellors")
    def post(self, request):
        data = self.valid(StartConversationSerializer)
        thread = services.conversation_start(
            member=request.user, space=self.space(data["space"]), body=data["body"], subject=data["subject"]
        )
        return Response(_detail(request, thread), status=status.HTTP_201_CREATED)


class ConversationDetail(APIView):
    @extend_schema(responses=ConversationDetailSerializer, summary="One conversation (its member and counsellors only)")
    def get(self, request, thread_id: int):
        thread = _conversation(request, thread_id)
        services.thread_visit_record(user=request.user, thread=thread)
        return Response(_detail(request, thread))


class ConversationMessages(APIView):
    pagination_class = None

    @extend_schema(responses=MessageSerializer(many=True), summary="The messages")
    def get(self, request, thread_id: int):
        thread = _conversation(request, thread_id)
        return Response(MessageSerializer(selectors.conversation_page(user=request.user, thread=thread)["conversation_messages"], many=True).data)

    @extend_schema(request=WriteMessageSerializer, responses={201: ConversationDetailSerializer}, summary="Write a message")
    def post(self, request, thread_id: int):
        thread = _conversation(request, thread_id)
        services.post_create(author=request.user, thread=thread, body=self.valid(WriteMessageSerializer)["body"])
        return Response(_detail(request, thread), status=status.HTTP_201_CREATED)


class ConversationNotes(APIView):
    pagination_class = None

    @extend_schema(responses=NoteSerializer(many=True), summary="Internal notes (counsellors)")
    def get(self, request, thread_id: int):
        from community import policy

        thread = _conversation(request, thread_id)
        policy.require_counsellor_on_conversation(request.user, thread)
        return Response(NoteSerializer(thread.conversation.notes.select_related("author"), many=True).data)

    @extend_schema(request=WriteNoteSerializer, responses={201: NoteSerializer}, summary="Add an internal note")
    def post(self, request, thread_id: int):
        thread = _conversation(request, thread_id)
        note = services.conversation_note_add(counsellor=request.user, thread=thread, body=self.valid(WriteNoteSerializer)["body"])
        return Response(NoteSerializer(note).data, status=status.HTTP_201_CREATED)


class _Action(APIView):
    def act(self, request, thread_id, call):
        thread = _conversation(request, thread_id)
        call(thread)
        return Response(_detail(request, thread))


class ConversationClaim(_Action):
    @extend_schema(request=None, responses=ConversationDetailSerializer, summary="Claim an unassigned conversation")
    def post(self, request, thread_id: int):
        return self.act(request, thread_id, lambda thread: services.conversation_claim(counsellor=request.user, thread=thread))


class ConversationHandOver(_Action):
    @extend_schema(request=HandOverSerializer, responses=ConversationDetailSerializer, summary="Hand over to a colleague, with a note")
    def post(self, request, thread_id: int):
        data = self.valid(HandOverSerializer)
        return self.act(
            request,
            thread_id,
            lambda thread: services.conversation_hand_over(
                counsellor=request.user, thread=thread, to_user_id=data["to_user"], note=data["note"]
            ),
        )


class ConversationStage(_Action):
    @extend_schema(request=StageSerializer, responses=ConversationDetailSerializer, summary="Set the 4K stage")
    def post(self, request, thread_id: int):
        data = self.valid(StageSerializer)
        return self.act(
            request, thread_id, lambda thread: services.conversation_stage_set(counsellor=request.user, thread=thread, stage=data["stage"])
        )


class ConversationConclude(_Action):
    @extend_schema(request=ConcludeSerializer, responses=ConversationDetailSerializer, summary="Conclude")
    def post(self, request, thread_id: int):
        data = self.valid(ConcludeSerializer)
        return self.act(
            request, thread_id, lambda thread: services.conversation_conclude(counsellor=request.user, thread=thread, note=data["note"])
        )


class ConversationReopen(_Action):
    @extend_schema(request=None, responses=ConversationDetailSerializer, summary="Reopen")
    def post(self, request, thread_id: int):
        return self.act(request, thread_id, lambda thread: services.conversation_reopen(counsellor=request.user, thread=thread))
