from django.conf import settings
from rest_framework import serializers

from community import roles
from community.models import Digest, EventKind, FollowLevel
from community.notify.messages import with_page_titles

from .common import IdField, StrictSerializer


class TokenRequestSerializer(StrictSerializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=256, trim_whitespace=False, style={"input_type": "password"})
    otp_code = serializers.CharField(
        max_length=32,
        required=False,
        help_text="Staff accounts only: the code from the authenticator app (or a backup code).",
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


class RestrictionSerializer(serializers.Serializer):
    kind = serializers.CharField()
    reason = serializers.CharField()
    ends_at = serializers.DateTimeField(allow_null=True)


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    display_name = serializers.CharField()
    email = serializers.EmailField()
    pending_email = serializers.CharField(
        help_text="A new address asked for and not yet confirmed (empty if none): `email` changes when the link sent there is opened."
    )
    preferred_language = serializers.CharField()
    roles = serializers.SerializerMethodField()
    restriction = RestrictionSerializer(allow_null=True, required=False)

    def get_roles(self, user) -> list[str]:
        return sorted(str(role) for role in roles.user_roles(user))


class ErasureRequestSerializer(StrictSerializer):
    password = serializers.CharField(max_length=256, trim_whitespace=False, style={"input_type": "password"})
    hide_posts = serializers.BooleanField(
        required=False, default=False, help_text="Hide your public posts (and erase their text) instead of keeping them as “Former member”."
    )


class ErasureScheduledSerializer(serializers.Serializer):
    message = serializers.CharField()
    due_at = serializers.DateTimeField()
    hide_posts = serializers.BooleanField()


class ExportPreparingSerializer(serializers.Serializer):
    status = serializers.CharField()
    message = serializers.CharField()


class ProfileUpdateSerializer(StrictSerializer):
    display_name = serializers.CharField(max_length=30, required=False)
    email = serializers.EmailField(
        required=False, help_text="A new address is kept as `pending_email` until the link we send to it is opened."
    )
    preferred_language = serializers.ChoiceField(choices=[code for code, _name in settings.LANGUAGES], required=False)


class NotificationSettingsSerializer(StrictSerializer):
    email_kinds = serializers.ListField(child=serializers.ChoiceField(choices=EventKind.choices), max_length=50)
    digest = serializers.ChoiceField(choices=Digest.choices)


class FollowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    space = serializers.IntegerField(source="space_id", allow_null=True)
    thread = serializers.IntegerField(source="thread_id", allow_null=True)
    level = serializers.CharField()
    title = serializers.SerializerMethodField()

    def get_title(self, follow) -> str:
        return follow.space.title if follow.space_id else follow.thread.title


class NewFollowSerializer(StrictSerializer):
    space = IdField(required=False, help_text="Give a space or a thread.")
    thread = IdField(required=False)
    level = serializers.ChoiceField(choices=FollowLevel.choices, default=FollowLevel.NORMAL)


class FollowLevelSerializer(StrictSerializer):
    level = serializers.ChoiceField(choices=FollowLevel.choices)


class NotificationListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        # The titles of the spaces and updates the texts name, in the reader's language, in one query.
        return super().to_representation(with_page_titles(data.all() if hasattr(data, "all") else data))


class NotificationSerializer(serializers.Serializer):
    class Meta:
        list_serializer_class = NotificationListSerializer

    id = serializers.IntegerField()
    kind = serializers.CharField()
    # Written out in the reader's language of this request (stored as a message and its parameters).
    text = serializers.CharField()
    url = serializers.CharField()
    unread = serializers.BooleanField()
    timestamp = serializers.DateTimeField()
