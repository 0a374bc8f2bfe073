from django.utils import timezone
from rest_framework import serializers

from moderation.models import RejectionReason, SanctionKind, UrgentOutcome

from .common import IdField, StrictSerializer


class HitSerializer(serializers.Serializer):
    rule = serializers.CharField()
    message = serializers.CharField()
    detail = serializers.CharField(required=False, allow_blank=True)


class HistorySerializer(serializers.Serializer):
    published = serializers.IntegerField()
    held = serializers.IntegerField()
    rejected = serializers.IntegerField()
    flags = serializers.IntegerField()
    restricted = serializers.SerializerMethodField()

    def get_restricted(self, history) -> str | None:
        return history.restriction.kind if history.restriction else None


class QueueItemSerializer(serializers.Serializer):
    """Something for a counsellor to look at, with the rules that fired and the author's history."""

    id = serializers.IntegerField()
    urgent = serializers.BooleanField()
    status = serializers.CharField()
    space = serializers.IntegerField(source="space_id")
    post = serializers.IntegerField(source="post_id", allow_null=True)
    summary_revision = serializers.IntegerField(source="summary_revision_id", allow_null=True)
    thread = serializers.SerializerMethodField()
    author = serializers.SerializerMethodField()
    text = serializers.SerializerMethodField()
    hits = HitSerializer(many=True)
    created_at = serializers.DateTimeField()
    handled_by = serializers.CharField(source="handled_by.display_name", allow_null=True, default=None)
    escalated_to = serializers.CharField(source="escalated_to.display_name", allow_null=True, default=None)
    author_history = HistorySerializer(allow_null=True, required=False)
    out_of_hours = serializers.BooleanField()
    outcome = serializers.CharField(allow_blank=True)
    outcome_referred_to = serializers.CharField(allow_blank=True)
    waiting_minutes = serializers.SerializerMethodField()

    def get_waiting_minutes(self, item) -> int:
        """How long the item has waited (open) or waited until it was decided, in whole minutes."""
        end = item.resolved_at or timezone.now()
        return max(int((end - item.created_at).total_seconds() // 60), 0)

    def _subject(self, item):
        return item.post if item.post is not None else item.summary_revision

    def get_thread(self, item) -> int:
        return item.post.thread_id if item.post is not None else item.summary_revision.summary.thread_id

    def get_author(self, item) -> str:
        return item.post.author.display_name if item.post is not None else item.summary_revision.editor.display_name

    def get_text(self, item) -> str:
        return self._subject(item).body


class DecisionSerializer(StrictSerializer):
    action = serializers.ChoiceField(choices=["approve", "reject", "edit_approve", "escalate"])
    reason = serializers.ChoiceField(choices=RejectionReason.choices, required=False, help_text="For reject.")
    final = serializers.BooleanField(
        required=False, default=False, help_text="For reject: the author cannot edit the post back into review."
    )
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    body = serializers.CharField(max_length=5000, required=False, help_text="For edit_approve: the text to publish.")
    to_user = IdField(required=False, help_text="For escalate: the colleague.")
    outcome = serializers.ChoiceField(
        choices=UrgentOutcome.choices,
        required=False,
        default="",
        help_text="Required to approve or reject an urgent item: what was done for the member.",
    )
    referred_to = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default="", help_text="With outcome=referred: to whom."
    )


class DecisionResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    action = serializers.CharField()
    item = serializers.IntegerField(source="item_id")
    created_at = serializers.DateTimeField()


class BulkDecisionSerializer(StrictSerializer):
    items = serializers.ListField(child=IdField(), min_length=1, max_length=200)
    action = serializers.ChoiceField(choices=["approve", "reject"])
    reason = serializers.ChoiceField(choices=RejectionReason.choices, required=False)
    confirm = serializers.ListField(
        child=IdField(),
        required=False,
        default=list,
        max_length=200,
        help_text="Urgent and personal-data items among `items` that you confirm one by one; the others are skipped.",
    )
    outcome = serializers.ChoiceField(
        choices=UrgentOutcome.choices, required=False, default="", help_text="For confirmed urgent items."
    )
    referred_to = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class SkippedItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    why = serializers.ChoiceField(choices=["urgent", "personal_data"])
    message = serializers.CharField()


class BulkResultSerializer(serializers.Serializer):
    decided = serializers.IntegerField()
    skipped = SkippedItemSerializer(many=True)
    problems = serializers.ListField(child=serializers.CharField())


class SanctionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    member = serializers.IntegerField(source="member_id")
    member_name = serializers.CharField(source="member.display_name")
    kind = serializers.CharField()
    reason = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField(allow_null=True)
    revoked_at = serializers.DateTimeField(allow_null=True)
    imposed_by = serializers.CharField(source="imposed_by.display_name")


class NewSanctionSerializer(StrictSerializer):
    member = IdField()
    kind = serializers.ChoiceField(choices=SanctionKind.choices)
    reason = serializers.CharField(max_length=1000)
    days = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=3650)


class AuditEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    action = serializers.CharField()
    actor = serializers.CharField(source="actor.display_name", allow_null=True, default=None)
    member = serializers.IntegerField(source="member_id", allow_null=True)
    post = serializers.IntegerField(source="post_id", allow_null=True)
    item = serializers.IntegerField(source="item_id", allow_null=True)
    data = serializers.DictField()
    created_at = serializers.DateTimeField()


class NowEntrySerializer(serializers.Serializer):
    kind = serializers.CharField()
    id = serializers.IntegerField()
    title = serializers.CharField()
    space = serializers.CharField()
    since = serializers.DateTimeField()
    url = serializers.CharField()


class NowGroupSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    count = serializers.IntegerField()
    entries = NowEntrySerializer(many=True)


class NeedsYouNowSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    groups = NowGroupSerializer(many=True)


class DutySerializer(StrictSerializer):
    on_duty = serializers.BooleanField()


class StaffedHoursSerializer(serializers.Serializer):
    configured = serializers.BooleanField()
    open = serializers.BooleanField()
    until = serializers.DateTimeField(source="status.until", allow_null=True)
    next_open = serializers.DateTimeField(source="status.next_open", allow_null=True)
    text = serializers.CharField()
