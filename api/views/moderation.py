from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from api.filters import AuditFilterSet, QueueFilterSet, SanctionFilterSet
from api.pagination import FeedPagination, PagePagination
from api.serializers.moderation import (
    AuditEntrySerializer,
    BulkDecisionSerializer,
    BulkResultSerializer,
    DecisionResultSerializer,
    DecisionSerializer,
    DutySerializer,
    NeedsYouNowSerializer,
    NewSanctionSerializer,
    QueueItemSerializer,
    SanctionSerializer,
    StaffedHoursSerializer,
)
from community.models import User
from moderation import policy, selectors, services
from moderation.models import AuditEntry, ModerationItem, Sanction

from ._base import APIView


class Queue(APIView):
    """The moderation queue: urgent items first, then the oldest (counsellors and moderators)."""

    pagination_class = PagePagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = QueueFilterSet
    queryset = ModerationItem.objects.none()  # names the model for the schema; the selector gives the rows

    @extend_schema(responses=QueueItemSerializer(many=True), summary="The moderation queue")
    def get(self, request):
        items = self.filter_queryset(selectors.queue_items(user=request.user))
        return self.paginated(items, QueueItemSerializer, decorate=selectors.with_author_history)


class QueueItem(APIView):
    @extend_schema(responses=QueueItemSerializer, summary="One item")
    def get(self, request, item_id: int):
        item = selectors.item_for_moderator(user=request.user, item_id=item_id)
        return Response(QueueItemSerializer(selectors.with_author_history([item])[0]).data)


class QueueItemClaim(APIView):
    @extend_schema(request=None, responses=QueueItemSerializer, summary="Mark the item as yours to handle")
    def post(self, request, item_id: int):
        item = services.item_claim(moderator=request.user, item=selectors.item_for_moderator(user=request.user, item_id=item_id))
        return Response(QueueItemSerializer(selectors.with_author_history([item])[0]).data)


class QueueItemDecision(APIView):
    @extend_schema(request=DecisionSerializer, responses={201: DecisionResultSerializer}, summary="Decide: approve, reject, edit and approve, escalate")
    def post(self, request, item_id: int):
        from django.core.exceptions import ValidationError
        from django.utils.translation import gettext as _

        item = selectors.item_for_moderator(user=request.user, item_id=item_id)
        data = self.valid(DecisionSerializer)
        action = data["action"]
        outcome = {"outcome": data["outcome"], "referred_to": data["referred_to"]}
        if action == "approve":
            decision = services.item_approve(moderator=request.user, item=item, note=data["note"], **outcome)
        elif action == "reject":
            if "reason" not in data:
                raise ValidationError({"reason": _("Choose a reason for rejecting.")})
            decision = services.item_reject(
                moderator=request.user,
                item=item,
                reason=data["reason"],
                note=data["note"],
                final=data["final"],
                **outcome,
            )
        elif action == "edit_approve":
            if "body" not in data:
                raise ValidationError({"body": _("Give the text to publish.")})
            decision = services.item_edit_and_approve(
                moderator=request.user, item=item, body=data["body"], note=data["note"], **outcome
            )
        else:
            if "to_user" not in data:
                raise ValidationError({"to_user": _("Choose a colleague to escalate to.")})
            decision = services.item_escalate(moderator=request.user, item=item, to_user_id=data["to_user"], note=data["note"])
        return Response(DecisionResultSerializer(decision).data, status=status.HTTP_201_CREATED)


class QueueBulk(APIView):
    @extend_schema(request=BulkDecisionSerializer, responses=BulkResultSerializer, summary="Approve or reject many items")
    def post(self, request):
        policy.require_can_moderate(request.user)
        data = self.valid(BulkDecisionSerializer)
        result = services.items_bulk_decide(
            moderator=request.user,
            item_ids=data["items"],
            action=data["action"],
            reason=data.get("reason", ""),
            confirmed_ids=data["confirm"],
            outcome=data["outcome"],
            referred_to=data["referred_to"],
        )
        return Response(BulkResultSerializer(result).data)


class Sanctions(APIView):
    pagination_class = PagePagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = SanctionFilterSet
    queryset = Sanction.objects.none()  # names the model for the schema; the selector gives the rows

    @extend_schema(responses=SanctionSerializer(many=True), summary="Sanctions (moderators)")
    def get(self, request):
        sanctions = self.filter_queryset(selectors.sanctions_list(user=request.user))
        return self.paginated(sanctions, SanctionSerializer)

    @extend_schema(request=NewSanctionSerializer, responses={201: SanctionSerializer}, summary="Warn, silence or suspend a member")
    def post(self, request):
        policy.require_can_sanction(request.user)
        data = self.valid(NewSanctionSerializer)
        member = get_object_or_404(User, pk=data["member"])
        sanction = services.sanction_impose(
            moderator=request.user, member=member, kind=data["kind"], reason=data["reason"], days=data.get("days")
        )
        return Response(SanctionSerializer(sanction).data, status=status.HTTP_201_CREATED)


class SanctionRevoke(APIView):
    @extend_schema(request=None, responses=SanctionSerializer, summary="Revoke a sanction")
    def post(self, request, sanction_id: int):
        policy.require_can_sanction(request.user)
        sanction = services.sanction_revoke(moderator=request.user, sanction=get_object_or_404(Sanction, pk=sanction_id))
        return Response(SanctionSerializer(Sanction.objects.select_related("member", "imposed_by").get(pk=sanction.pk)).data)


class Audit(APIView):
    pagination_class = FeedPagination
    feed_ordering = ("-created_at",)
    filter_backends = [DjangoFilterBackend]
    filterset_class = AuditFilterSet
    queryset = AuditEntry.objects.none()  # names the model for the schema; the selector gives the rows

    @extend_schema(responses=AuditEntrySerializer(many=True), summary="The moderation audit log (append-only)")
    def get(self, request):
        entries = self.filter_queryset(selectors.audit_entries(user=request.user))
        return self.paginated(entries, AuditEntrySerializer)


class CounsellorNow(APIView):
    """What needs a counsellor now: the same groups as the site's page and the dashboard panel."""

    @extend_schema(responses=NeedsYouNowSerializer, summary="Needs you now (counsellors and moderators)")
    def get(self, request):
        groups = selectors.needs_you_now_for_user(user=request.user)
        return Response(NeedsYouNowSerializer({"count": sum(group.count for group in groups), "groups": groups}).data)


class CounsellorDuty(APIView):
    @extend_schema(responses=DutySerializer, summary="Am I on duty? (counsellors)")
    def get(self, request):
        return Response({"on_duty": selectors.counsellor_on_duty(user=request.user)})

    @extend_schema(request=DutySerializer, responses=DutySerializer, summary="Go on or off duty (counsellors)")
    def post(self, request):
        selectors.counsellor_on_duty(user=request.user)  # refuses members before reading their input
        data = self.valid(DutySerializer)
        duty = services.counsellor_duty_set(counsellor=request.user, on_duty=data["on_duty"])
        return Response({"on_duty": duty.on_duty})


class StaffedHours(APIView):
    """When counsellors answer: open now, until when, when next; and the sentence members read."""

    public = True

    @extend_schema(responses=StaffedHoursSerializer, summary="The counsellors' staffed hours now")
    def get(self, request):
        return Response(StaffedHoursSerializer(selectors.counsellor_hours(request=request)).data)
