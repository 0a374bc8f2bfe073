"""Draft hints: what screening would say about a text, before it is posted. Stores nothing."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from wagtail.models import Site

from api.serializers.common import StrictSerializer
from community.validation import BODY_MAX, TITLE_MAX
from moderation import selectors as moderation_selectors
from moderation.screening import draft_hints

from ._base import APIView


class PreviewRequestSerializer(StrictSerializer):
    body = serializers.CharField(max_length=BODY_MAX, allow_blank=True, trim_whitespace=False)
    title = serializers.CharField(max_length=TITLE_MAX, allow_blank=True, required=False, default="")
    private = serializers.BooleanField(
        required=False, default=False, help_text="A private message to the counsellors: personal data is not hinted at."
    )


class HintSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["personal_data", "crisis", "blocked_word"])
    message = serializers.CharField()
    detail = serializers.CharField()


class HelpLineSerializer(serializers.Serializer):
    name = serializers.CharField()
    phone = serializers.CharField()
    url = serializers.CharField()
    hours = serializers.CharField()
    description = serializers.CharField()


class PreviewSerializer(serializers.Serializer):
    hints = HintSerializer(many=True)
    help = HelpLineSerializer(many=True, help_text="Where to get help now; only when a hint is about a crisis.")


class PreviewThrottle(ScopedRateThrottle):
    scope_attr = "throttle_scope"


class ScreeningPreview(APIView):
    """Hints while a member writes: personal data they may not want to share, a crisis, a refused word."""

    permission_classes = [AllowAny]
    throttle_classes = [PreviewThrottle]
    throttle_scope = "screening_preview"

    def get_permissions(self):
        return [AllowAny()]

    @extend_schema(request=PreviewRequestSerializer, responses=PreviewSerializer, summary="Hints on a draft (stores nothing)")
    def post(self, request):
        data = self.valid(PreviewRequestSerializer)
        hints = draft_hints(author=request.user, text=data["body"], title=data["title"], private=data["private"])
        lines = []
        if any(hint.kind == "crisis" for hint in hints):
            lines = [
                {"name": r.name, "phone": r.phone, "url": r.url, "hours": r.hours, "description": r.description}
                for r in moderation_selectors.help_resources(language=request.LANGUAGE_CODE, site=Site.find_for_request(request))
            ]
        return Response({"hints": [hint.as_dict() for hint in hints], "help": lines})
