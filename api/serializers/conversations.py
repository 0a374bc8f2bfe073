from rest_framework import serializers

from community.models import Stage

from .common import IdField, PersonSerializer, StrictSerializer


class ConversationSerializer(serializers.Serializer):
    """A private conversation (its id is the thread's). Visible to its member and counsellors only."""

    id = serializers.IntegerField(source="thread_id")
    space = serializers.IntegerField(source="thread.space_id")
    title = serializers.CharField(source="thread.title")
    member = serializers.CharField(source="thread.author.display_name")
    status = serializers.CharField()
    stage = serializers.CharField()
    counsellor = serializers.CharField(source="assigned_to.display_name", allow_null=True, default=None)
    unread = serializers.BooleanField(default=False)
    member_last_message_at = serializers.DateTimeField(allow_null=True)
    counsellor_last_message_at = serializers.DateTimeField(allow_null=True)
    last_activity_at = serializers.DateTimeField(source="thread.last_activity_at")


class MessageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    author = PersonSerializer(source="author_label")
    body = serializers.CharField()
    body_html = serializers.CharField()
    status = serializers.CharField(source="state")
    status_reason = serializers.CharField(source="state_reason")
    created_at = serializers.DateTimeField()
    edited_at = serializers.DateTimeField(allow_null=True)


class NoteSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    author = serializers.CharField(source="author.display_name")
    body = serializers.CharField()
    created_at = serializers.DateTimeField()


class EventSerializer(serializers.Serializer):
    kind = serializers.CharField()
    description = serializers.CharField(source="describe")
    note = serializers.CharField()
    created_at = serializers.DateTimeField()


class ConversationDetailSerializer(ConversationSerializer):
    messages = MessageSerializer(many=True)
    can_write = serializers.BooleanField()
    notes = NoteSerializer(many=True, required=False, help_text="Counsellors only; never sent to the member.")
    events = EventSerializer(many=True, required=False, help_text="Counsellors only.")


class StartConversationSerializer(StrictSerializer):
    space = IdField()
    body = serializers.CharField(max_length=5000)
    subject = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")


class WriteMessageSerializer(StrictSerializer):
    body = serializers.CharField(max_length=5000)


class WriteNoteSerializer(StrictSerializer):
    body = serializers.CharField(max_length=2000)


class HandOverSerializer(StrictSerializer):
    to_user = IdField()
    note = serializers.CharField(max_length=500)


class StageSerializer(StrictSerializer):
    stage = serializers.ChoiceField(choices=Stage.choices)


class ConcludeSerializer(StrictSerializer):
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
