from collections.abc import Mapping
from types import SimpleNamespace

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema
from rest_framework import status
from rest_framework.response import Response

from api.filters import ConversationFilterSet
from api.pagination import PagePagination
from api.serializers.conversations import (
    ConcludeSerializer,
    ConversationDetailSerializer,
    ConversationSerializer,
    CounsellorReferralSerializer,
    HandOverSerializer,
    MessageSerializer,
    NoteSerializer,
    OfferPrivateTalkSerializer,
    PrivateTalkOfferSerializer,
    PublicPostSerializer,
    ReachOutSerializer,
    ReferralSerializer,
    ReferralServiceSerializer,
    ReferSerializer,
    StageSerializer,
    StartConversationSerializer,
    WriteMessageSerializer,
    WriteNoteSerializer,
)
from community import policy, roles, selectors, services
from community.models import Conversation, Mode, ReferralService

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
        urgent=conversation.urgent,
        reached_out=conversation.reached_out,
        about_post=context["about_post"],
        referrals=context["referrals"],
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

    @extend_schema(
        request=PolymorphicProxySerializer(
            component_name="ConversationCreate",
            serializers=[StartConversationSerializer, ReachOutSerializer],
            resource_type_field_name=None,
        ),
        responses={201: ConversationDetailSerializer},
        summary="Members: write privately to the counsellors. Counsellors: reach out to a member",
    )
    def post(self, request):
        reaching_out = isinstance(request.data, Mapping) and ("about_post" in request.data or "member" in request.data)
        if reaching_out or roles.is_counsellor(request.user):
            # The policy answers members who try this with a clear 403, before their input is even read.
            policy.require_can_reach_out(request.user)
            data = self.valid(ReachOutSerializer)
            thread = services.conversation_reach_out(
                counsellor=request.user,
                member=data.get("member"),
                about_post=data.get("about_post"),
                body=data["body"],
                space=self.space(data["space"]) if data.get("space") else None,
            )
        else:
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


# ---------------------------------------------------------------- referrals and follow-ups (issue 10)


class ConversationRefer(APIView):
    @extend_schema(request=ReferSerializer, responses={201: ReferralSerializer}, summary="Refer the member to a service (counsellors)")
    def post(self, request, thread_id: int):
        thread = _conversation(request, thread_id)
        data = self.valid(ReferSerializer)
        referral = services.referral_create(
            counsellor=request.user,
            thread=thread,
            service_id=data["service"],
            note=data["note"],
            follow_up_days=data["follow_up_days"],
        )
        return Response(ReferralSerializer(referral).data, status=status.HTTP_201_CREATED)


class ReferralServiceList(APIView):
    """The register of services counsellors refer to (moderators keep it in the admin)."""

    pagination_class = None
    queryset = ReferralService.objects.none()

    @extend_schema(responses=ReferralServiceSerializer(many=True), summary="The referral register (counsellors)")
    def get(self, request):
        policy.require_can_reach_out(request.user)
        return Response(ReferralServiceSerializer(selectors.referral_services(), many=True).data)


class FollowUpList(APIView):
    pagination_class = PagePagination

    @extend_schema(responses=CounsellorReferralSerializer(many=True), summary="Your referrals whose follow-up is due")
    def get(self, request):
        return self.paginated(selectors.followups_due_for_user(user=request.user), CounsellorReferralSerializer)


class FollowUpDone(APIView):
    @extend_schema(request=None, responses=CounsellorReferralSerializer, summary="Mark a follow-up as done")
    def post(self, request, referral_id: int):
        referral = selectors.referral_for_user(user=request.user, referral_id=referral_id)
        referral = services.referral_follow_up_done(counsellor=request.user, referral=referral)
        return Response(CounsellorReferralSerializer(selectors.referral_for_user(user=request.user, referral_id=referral.pk)).data)


# ---------------------------------------------------------------- moving a wall post into a private talk


class PostPrivateTalkOffer(APIView):
    @extend_schema(request=OfferPrivateTalkSerializer, responses={201: PrivateTalkOfferSerializer}, summary="Offer to continue privately (counsellors)")
    def post(self, request, post_id: int):
        post = selectors.post_for_user(user=request.user, post_id=post_id)
        policy.require_can_offer_private_talk(request.user, post)
        offer = services.private_talk_offer(counsellor=request.user, post=post, message=self.valid(OfferPrivateTalkSerializer)["message"])
        return Response(PrivateTalkOfferSerializer(offer).data, status=status.HTTP_201_CREATED)


class PrivateTalkOfferList(APIView):
    pagination_class = PagePagination

    @extend_schema(responses=PrivateTalkOfferSerializer(many=True), summary="Offers to continue privately made to you")
    def get(self, request):
        return self.paginated(selectors.private_talk_offers_for_user(user=request.user), PrivateTalkOfferSerializer)


def _offer(request, offer_id):
    return selectors.private_talk_offer_for_user(user=request.user, offer_id=offer_id)


class PrivateTalkOfferDetail(APIView):
    @extend_schema(responses=PrivateTalkOfferSerializer, summary="One offer (its member and counsellors)")
    def get(self, request, offer_id: int):
        return Response(PrivateTalkOfferSerializer(_offer(request, offer_id)).data)


class PrivateTalkAccept(APIView):
    @extend_schema(request=None, responses=PrivateTalkOfferSerializer, summary="Accept: a private conversation starts")
    def post(self, request, offer_id: int):
        offer = services.private_talk_accept(member=request.user, offer=_offer(request, offer_id))
        return Response(PrivateTalkOfferSerializer(offer).data)


class PrivateTalkDecline(APIView):
    @extend_schema(request=None, responses=PrivateTalkOfferSerializer, summary="Decline; the counsellor is told")
    def post(self, request, offer_id: int):
        offer = services.private_talk_decline(member=request.user, offer=_offer(request, offer_id))
        return Response(PrivateTalkOfferSerializer(offer).data)


class PrivateTalkPublicPost(APIView):
    @extend_schema(request=PublicPostSerializer, responses=PrivateTalkOfferSerializer, summary="Decide what happens to the public post")
    def post(self, request, offer_id: int):
        offer = _offer(request, offer_id)
        data = self.valid(PublicPostSerializer)
        offer = services.private_talk_public_post_set(counsellor=request.user, offer=offer, outcome=data["outcome"])
        return Response(PrivateTalkOfferSerializer(offer).data)
