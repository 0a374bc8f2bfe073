"""Shared serializer pieces: strict input, people as the viewer may see them."""

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class StrictSerializer(serializers.Serializer):
    """Input that refuses fields it does not accept (e.g. author, status, role), instead of ignoring them."""

    def to_internal_value(self, data):
        if not isinstance(data, Mapping):
            raise serializers.ValidationError({"non_field_errors": [_("Send a JSON object.")]})
        writable = {name for name, field in self.fields.items() if not field.read_only}
        unknown = sorted(set(data) - writable)
        if unknown:
            raise serializers.ValidationError({name: [_("This field cannot be set.")] for name in unknown})
        return super().to_internal_value(data)


class PersonSerializer(serializers.Serializer):
    """A person as the viewer may see them: never an anonymous member's name to peers."""

    name = serializers.CharField()
    role = serializers.ChoiceField(choices=["member", "peer_guide", "counsellor"])
    anonymous = serializers.BooleanField(help_text="The author hid their name from other members.")
    is_you = serializers.BooleanField(source="is_viewer")


class InfoSerializer(serializers.Serializer):
    """A short message for the person."""

    message = serializers.CharField()


class CountSerializer(serializers.Serializer):
    count = serializers.IntegerField()


def IdField(**kwargs) -> serializers.IntegerField:  # noqa: N802 (a field factory, used like a class)
    """An id from the client: a positive integer our databases can hold."""
    from community.validation import MAX_ID

    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)
