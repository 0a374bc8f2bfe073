from rest_framework import serializers

from community.models import ReactionKind
from moderation.models import FlagReason

from .common import IdField, PersonSerializer, StrictSerializer


class QuestionExcerptSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    excerpt = serializers.SerializerMethodField()

    def get_excerpt(self, post) -> str:
        from django.utils.html import strip_tags
        from django.utils.text import Truncator

        return Truncator(strip_tags(post.body_html)).words(40)


class ThreadSerializer(serializers.Serializer):
    """A wall question, an update discussion, or (for its member and counsellors) a private conversation."""

    id = serializers.IntegerField()
    space = serializers.IntegerField(source="space_id")
    mode = serializers.ChoiceField(choices=["wall", "update", "conversation"])
    title = serializers.CharField()
    status = serializers.CharField(source="state", help_text="published, pending (held for review), hidden or rejected")
    anonymous = serializers.BooleanField(source="is_anonymous")
    created_at = serializers.DateTimeField()
    last_activity_at = serializers.DateTimeField()
    url = serializers.CharField(source="get_absolute_url")


class WallThreadSerializer(ThreadSerializer):
    asker = PersonSerializer(source="author_label", allow_null=True)
    question = QuestionExcerptSerializer(allow_null=True)
    answer_count = serializers.IntegerField()
    counsellor_answered = serializers.BooleanField(source="has_counsellor_answer")


class ReactionCountsSerializer(serializers.Serializer):
    helpful = serializers.IntegerField(source="helpful_count")
    me_too = serializers.IntegerField(source="me_too_count")


class EndorsementSerializer(serializers.Serializer):
    by = PersonSerializer()
    note = serializers.CharField()


class PostAbilitiesSerializer(serializers.Serializer):
    edit = serializers.BooleanField(source="can_edit")
    withdraw = serializers.BooleanField(source="can_withdraw")
    react = serializers.BooleanField(source="can_react")
    mark_helpful = serializers.BooleanField(source="can_mark_helped")
    endorse = serializers.BooleanField(source="can_endorse")
    reply = serializers.BooleanField(source="can_reply")
    report = serializers.BooleanField(source="can_report")
    see_history = serializers.BooleanField(source="can_see_history")


class PostSerializer(serializers.Serializer):
    """A post as the viewer sees it (a ``PostView``), with what the viewer may do with it."""

    id = serializers.IntegerField(source="post.id")
    thread = serializers.IntegerField(source="post.thread_id")
    parent = serializers.IntegerField(source="post.parent_id", allow_null=True)
    kind = serializers.CharField(source="post.kind")
    author = PersonSerializer()
    body = serializers.CharField(source="post.body", help_text="What the author wrote.")
    body_html = serializers.CharField(source="post.body_html", help_text="Sanitised HTML.")
    status = serializers.CharField(source="post.state")
    status_reason = serializers.CharField(
        source="state_reason", help_text="Why it is held, rejected or changed (for its author and counsellors; empty otherwise)."
    )
    hidden_reason = serializers.CharField(source="post.hidden_reason")
    helped_asker = serializers.BooleanField(source="post.helped_asker")
    created_at = serializers.DateTimeField(source="post.created_at")
    edited_at = serializers.DateTimeField(source="post.edited_at", allow_null=True)
    reactions = ReactionCountsSerializer(source="*")
    my_reactions = serializers.ListField(child=serializers.ChoiceField(choices=ReactionKind.values))
    endorsements = EndorsementSerializer(many=True)
    can = PostAbilitiesSerializer(source="*")


class LapsedEndorsementSerializer(serializers.Serializer):
    """An endorsement of an earlier text, dropped when the answer was edited."""

    name = serializers.CharField()
    role = serializers.CharField()
    note = serializers.CharField(allow_blank=True)


class PostRevisionSerializer(serializers.Serializer):
    body = serializers.CharField()
    body_html = serializers.CharField()
    written_at = serializers.DateTimeField()
    replaced_at = serializers.DateTimeField()
    helped_asker = serializers.BooleanField(help_text="The asker had marked this text as helpful.")
    endorsements = LapsedEndorsementSerializer(many=True, help_text="Who had endorsed this text.")


class ThreadAbilitiesSerializer(serializers.Serializer):
    answer = serializers.BooleanField()
    edit_summary = serializers.BooleanField()
    follow = serializers.BooleanField()


class SummaryRevisionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    body = serializers.CharField()
    body_html = serializers.CharField()
    editor = serializers.CharField(source="editor_label.name", help_text="An anonymous asker who edits stays anonymous.")
    editor_role = serializers.CharField(source="editor_label.role")
    change_note = serializers.CharField()
    status = serializers.CharField(source="state")
    cited_posts = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    def get_cited_posts(self, revision) -> list[int]:
        return [post.pk for post in revision.cited_posts.all()]


class SummarySerializer(serializers.Serializer):
    """The co-constructed answer: its current text and everyone who made it."""

    current = SummaryRevisionSerializer(allow_null=True)
    contributors = PersonSerializer(many=True)
    revision_count = serializers.IntegerField()
    latest_number = serializers.IntegerField(help_text="Send as `based_on` when writing a new version.")


class ThreadDetailSerializer(ThreadSerializer):
    asker = PersonSerializer(allow_null=True)
    question = PostSerializer(allow_null=True, help_text="The question (wall) or the update's post (update discussions).")
    summary = SummarySerializer(allow_null=True)
    following = serializers.CharField(allow_null=True, help_text="Your follow level, or null.")
    update_page = serializers.IntegerField(source="update_page_id", allow_null=True)
    can = ThreadAbilitiesSerializer()


# Input


class AskSerializer(StrictSerializer):
    title = serializers.CharField(max_length=150)
    body = serializers.CharField(max_length=5000)
    anonymous = serializers.BooleanField(default=False)


class NewPostSerializer(StrictSerializer):
    body = serializers.CharField(max_length=5000)
    parent = IdField(required=False, allow_null=True, help_text="The answer you reply to.")


class EditPostSerializer(StrictSerializer):
    body = serializers.CharField(max_length=5000)
    title = serializers.CharField(max_length=150, required=False, help_text="Questions only.")


class EndorseSerializer(StrictSerializer):
    note = serializers.CharField(max_length=280, required=False, allow_blank=True, default="")


class FlagSerializer(StrictSerializer):
    reason = serializers.ChoiceField(choices=FlagReason.choices)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class SummaryWriteSerializer(StrictSerializer):
    body = serializers.CharField(max_length=10000)
    change_note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    cited_posts = serializers.ListField(child=IdField(), required=False, default=list, max_length=100)
    based_on = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=10**9, help_text="The latest_number you edited from.")


class RevisionDiffSerializer(SummaryRevisionSerializer):
    changes = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField(), min_length=2, max_length=2),
        help_text='[op, text] pairs against the version before: op is "equal", "insert" or "delete".',
    )


class ProposeUpdateSerializer(StrictSerializer):
    title = serializers.CharField(max_length=150)
    body = serializers.CharField(max_length=5000)
    deadline = serializers.DateField(required=False, allow_null=True)


class ProposalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.CharField(default="waiting_for_review")
