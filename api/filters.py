"""Query filters of the API (django-filter), matching the web's: a value the filter does not know is
a 400 naming the parameter. The narrowing itself is the selectors' (one place for web and API)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from community import roles
from community import selectors as community_selectors
from community.selectors import InboxTab, WallFilter
from community.validation import MAX_ID
from moderation import selectors as moderation_selectors
from moderation.models import FlagReason, Rule


def _choices(values):
    return [(value, value) for value in values]


class StrictBooleanField(forms.Field):
    """true/false (or 1/0); anything else is an error rather than silently no filter at all."""

    widget = forms.TextInput

    def to_python(self, value):
        if value in (None, ""):
            return None
        meaning = {"true": True, "1": True, "false": False, "0": False}.get(str(value).strip().lower())
        if meaning is None:
            raise forms.ValidationError(_("Use true or false."), code="invalid")
        return meaning


class StrictBooleanFilter(django_filters.Filter):
    field_class = StrictBooleanField


class IdFilter(django_filters.NumberFilter):
    """A whole, positive id that our databases can store (a larger one would fail in the database)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=MAX_ID, **kwargs)


class WallFilterSet(django_filters.FilterSet):
    filter = django_filters.ChoiceFilter(
        choices=_choices(WallFilter.ALL), method="by_wall_filter", help_text=_("As on the web's wall: newest first by default.")
    )

    def by_wall_filter(self, queryset, name, value: str):
        return community_selectors.wall_filtered(queryset, value)


class QueueFilterSet(django_filters.FilterSet):
    space = IdFilter(method="by_space", help_text=_("Only this space."))
    rule = django_filters.ChoiceFilter(choices=_choices(Rule.values), method="by_rule", help_text=_("Only items where this rule fired."))
    reason = django_filters.ChoiceFilter(
        choices=_choices(FlagReason.values), method="by_reason", help_text=_("Only items members reported for this reason.")
    )
    lane = django_filters.ChoiceFilter(
        choices=_choices(moderation_selectors.QUEUE_LANES), method="by_lane", help_text=_("Only the urgent or the normal lane.")
    )

    def by_space(self, queryset, name, value: int):
        return moderation_selectors.queue_filtered(queryset, space_id=value)

    def by_rule(self, queryset, name, value: str):
        return moderation_selectors.queue_filtered(queryset, rule=value)

    def by_reason(self, queryset, name, value: str):
        return moderation_selectors.queue_filtered(queryset, flag_reason=value)

    def by_lane(self, queryset, name, value: str):
        return moderation_selectors.queue_filtered(queryset, lane=value)


class ConversationFilterSet(django_filters.FilterSet):
    tab = django_filters.ChoiceFilter(
        choices=_choices(InboxTab.ALL), method="by_tab", help_text=_("Counsellors: one tab of the team inbox (unassigned by default).")
    )

    def by_tab(self, queryset, name, value: str):
        return queryset  # applied in filter_queryset, which also knows the default tab

    def filter_queryset(self, queryset):
        if not roles.is_counsellor(self.request.user):
            return queryset  # a member's own conversations have no tabs
        tab = self.form.cleaned_data.get("tab") or InboxTab.UNASSIGNED
        return community_selectors.inbox_tab(queryset, user=self.request.user, tab=tab)


class NotificationFilterSet(django_filters.FilterSet):
    unread = StrictBooleanFilter(method="by_unread", help_text=_("Only unread ones."))

    def by_unread(self, queryset, name, value: bool):
        return community_selectors.only_unread(queryset) if value else queryset


class AuditFilterSet(django_filters.FilterSet):
    member = IdFilter(method="by_member", help_text=_("Only entries about this member."))
    post = IdFilter(method="by_post", help_text=_("Only entries about this post."))

    def by_member(self, queryset, name, value: int):
        return moderation_selectors.audit_filtered(queryset, member_id=value)

    def by_post(self, queryset, name, value: int):
        return moderation_selectors.audit_filtered(queryset, post_id=value)


class SanctionFilterSet(django_filters.FilterSet):
    member = IdFilter(method="by_member", help_text=_("Only this member's sanctions."))

    def by_member(self, queryset, name, value: int):
        return moderation_selectors.sanctions_of_member(queryset, member_id=value)
