from django.utils.translation import gettext_lazy as _
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
    urgent = serializers.BooleanField(
        default=False, help_text="A message in it is held for a crisis signal or flagged as worrying; urgent ones come first."
    )
    reached_out = serializers.BooleanField(default=False, help_text="A counsellor opened this conversation.")
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
    counsellor_status = serializers.CharField(
        allow_null=True, default=None, help_text="Counsellors only: why the message is held, e.g. “Held: crisis signal (suicide)”."
    )
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


class AboutPostSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    thread = serializers.IntegerField(source="thread_id")
    title = serializers.CharField(source="thread.title")
    body_html = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, post) -> str:
        return f"{post.thread.get_absolute_url()}#post-{post.pk}"


class ReferralServiceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    helps_with = serializers.CharField()
    contact = serializers.CharField()
    hours = serializers.CharField()
    region = serializers.CharField()
    language = serializers.CharField()


class ReferralSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    service = ReferralServiceSerializer()
    note = serializers.CharField()
    referred_by = serializers.CharField(source="counsellor.display_name")
    created_at = serializers.DateTimeField()


class CounsellorReferralSerializer(ReferralSerializer):
    conversation = serializers.IntegerField(source="conversation.thread_id")
    member = serializers.CharField(source="conversation.thread.author.display_name")
    follow_up_at = serializers.DateTimeField()
    followed_up_at = serializers.DateTimeField(allow_null=True)


class ConversationDetailSerializer(ConversationSerializer):
    about_post = AboutPostSerializer(allow_null=True, default=None, help_text="The post a counsellor reached out about.")
    referrals = ReferralSerializer(many=True, default=list)
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


class ReachOutSerializer(StrictSerializer):
    """A counsellor reaches out: about a post (its author is the member) or to a member."""

    about_post = IdField(required=False)
    member = IdField(required=False)
    body = serializers.CharField(max_length=5000)
    space = IdField(required=False)

    def validate(self, data):
        if "about_post" in data and "member" in data:
            raise serializers.ValidationError({"member": [_("Send either about_post or member, not both.")]})
        if "about_post" not in data and "member" not in data:
            raise serializers.ValidationError({"member": [_("Send about_post (a post id) or member (a user id).")]})
        return data


class PrivateTalkOfferSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    post = serializers.IntegerField(source="post_id")
    thread = serializers.IntegerField(source="post.thread_id")
    title = serializers.CharField(source="post.thread.title")
    counsellor = serializers.CharField(source="counsellor.display_name")
    message = serializers.CharField()
    status = serializers.CharField()
    conversation = serializers.IntegerField(source="conversation_id", allow_null=True)
    public_post = serializers.CharField()
    created_at = serializers.DateTimeField()
    answered_at = serializers.DateTimeField(allow_null=True)


class OfferPrivateTalkSerializer(StrictSerializer):
    message = serializers.CharField(max_length=5000)


class PublicPostSerializer(StrictSerializer):
    outcome = serializers.ChoiceField(choices=["stays", "hidden", "anonymised"])


class ReferSerializer(StrictSerializer):
    service = IdField()
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    follow_up_days = serializers.IntegerField(min_value=1, max_value=365, required=False, allow_null=True, default=None)
