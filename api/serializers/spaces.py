from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from community.tiers import TIER_DESCRIPTIONS, feature_overview


class FeatureSerializer(serializers.Serializer):
    feature = serializers.CharField(source="feature.value")
    label = serializers.CharField(source="feature.label")
    opens_at_level = serializers.IntegerField(source="required_tier.value")
    open = serializers.BooleanField(source="is_open")


class SpaceSerializer(serializers.Serializer):
    """A community space with its level (Kettunen's usage level) and what that level opens."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    slug = serializers.CharField()
    url = serializers.CharField()
    intro = serializers.CharField(help_text="HTML")
    level = serializers.IntegerField(source="effective_tier.value")
    level_name = serializers.SerializerMethodField()
    level_meaning = serializers.SerializerMethodField()
    premoderated = serializers.BooleanField(source="premoderate_all_posts")
    features = serializers.SerializerMethodField()

    def get_level_name(self, space) -> str:
        return str(TIER_DESCRIPTIONS[space.effective_tier].name)

    def get_level_meaning(self, space) -> str:
        description = TIER_DESCRIPTIONS[space.effective_tier]
        return f"{description.role} {description.meaning}"

    @extend_schema_field(FeatureSerializer(many=True))
    def get_features(self, space):
        return FeatureSerializer(feature_overview(space.effective_tier), many=True).data


class PageSummarySerializer(serializers.Serializer):
    """An information page or a counsellor update, in a list."""

    id = serializers.IntegerField()
    type = serializers.SerializerMethodField()
    title = serializers.CharField()
    url = serializers.CharField()
    summary = serializers.SerializerMethodField()
    deadline = serializers.DateField(allow_null=True, required=False, default=None)
    published_at = serializers.DateTimeField(source="first_published_at", allow_null=True)

    def get_type(self, page) -> str:
        return "update" if page.specific_class.__name__ == "UpdatePage" else "information"

    def get_summary(self, page) -> str:
        from django.utils.html import strip_tags
        from django.utils.text import Truncator

        text = getattr(page, "summary", "") or strip_tags(str(getattr(page, "body", "") or ""))
        return Truncator(text).words(40)


class PageDetailSerializer(PageSummarySerializer):
    space = serializers.IntegerField(source="space_id")
    body_html = serializers.CharField()
    discussion_thread = serializers.IntegerField(allow_null=True)
