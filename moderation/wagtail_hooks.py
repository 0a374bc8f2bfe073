"""The moderation area in the Wagtail admin: queue, audit log, sanctions and the rules."""

from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from laces.components import Component
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from community import roles

from . import admin_views, selectors
from .context_processors import needs_you_now_count_for_request, queue_counts_for_request
from .models import CrisisRule, HelpResource, WatchedWord


@hooks.register("register_admin_urls")
def urls():
    return [
        path("moderation/queue/", admin_views.queue, name="moderation_queue"),
        path("moderation/queue/bulk/", admin_views.bulk, name="moderation_bulk"),
        path("moderation/queue/<id:item_id>/", admin_views.item_detail, name="moderation_item"),
        path("moderation/queue/<id:item_id>/claim/", admin_views.claim, name="moderation_claim"),
        path("moderation/queue/<id:item_id>/approve/", admin_views.approve, name="moderation_approve"),
        path("moderation/queue/<id:item_id>/reject/", admin_views.reject, name="moderation_reject"),
        path("moderation/queue/<id:item_id>/edit-approve/", admin_views.edit_approve, name="moderation_edit_approve"),
        path("moderation/queue/<id:item_id>/escalate/", admin_views.escalate, name="moderation_escalate"),
        path("moderation/audit/", admin_views.audit, name="moderation_audit"),
        path("moderation/sanctions/", admin_views.sanctions, name="moderation_sanctions"),
        path("moderation/sanctions/<id:sanction_id>/revoke/", admin_views.sanction_revoke, name="moderation_sanction_revoke"),
        path("moderation/peer-guides/", admin_views.peer_guides, name="moderation_peer_guides"),
        path("moderation/peer-guides/<id:member_id>/", admin_views.peer_guide_set, name="moderation_peer_guide_set"),
    ]


class CounsellorMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.is_counsellor(request.user)


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.is_moderator(request.user)


class QueueMenuItem(CounsellorMenuItem):
    """The queue, with its open and urgent counts read from the database on every page (once a page)."""

    def render_component(self, request):
        counts = queue_counts_for_request(request)
        label = gettext("Queue (%(open)d)") % counts
        if counts["urgent"]:
            label = gettext("Queue (%(open)d, %(urgent)d urgent)") % counts
        return LinkMenuItemComponent(self.name, label, self.url, icon_name=self.icon_name, attrs=self.attrs)


class NeedsYouNowMenuItem(CounsellorMenuItem):
    """ "Needs you now", with everything in it counted from the database on every page (once a page)."""

    def render_component(self, request):
        count = needs_you_now_count_for_request(request)
        label = gettext("Needs you now (%(count)d)") % {"count": count} if count else gettext("Needs you now")
        return LinkMenuItemComponent(self.name, label, self.url, icon_name=self.icon_name, attrs=self.attrs)


@hooks.register("register_admin_menu_item")
def moderation_menu():
    menu = Menu(
        items=[
            NeedsYouNowMenuItem(_("Needs you now"), reverse("needs_you_now"), name="needs-you-now", icon_name="warning", order=50),
            QueueMenuItem(_("Queue"), reverse("moderation_queue"), name="moderation-queue", icon_name="warning", order=100),
            CounsellorMenuItem(_("Audit log"), reverse("moderation_audit"), name="moderation-audit", icon_name="history", order=200),
            CounsellorMenuItem(_("Statistics"), reverse("counsellor_statistics"), name="counsellor-statistics", icon_name="table", order=250),
            ModeratorMenuItem(_("Sanctions"), reverse("moderation_sanctions"), name="moderation-sanctions", icon_name="lock", order=300),
            ModeratorMenuItem(_("Peer guides"), reverse("moderation_peer_guides"), name="moderation-peer-guides", icon_name="group", order=400),
        ]
    )
    return SubmenuMenuItem(_("Moderation"), menu, name="moderation", icon_name="warning", order=150)


class WatchedWordViewSet(SnippetViewSet):
    model = WatchedWord
    icon = "warning"
    list_display = ["pattern", "action", "language", "is_active"]
    list_filter = ["action", "language", "is_active"]


class CrisisRuleViewSet(SnippetViewSet):
    model = CrisisRule
    icon = "warning"
    list_display = ["pattern", "category", "language", "is_active"]
    list_filter = ["category", "language", "is_active"]


class HelpResourceViewSet(SnippetViewSet):
    model = HelpResource
    icon = "help"
    list_display = ["name", "language", "phone", "site"]
    list_filter = ["language"]


class ModerationRulesGroup(SnippetViewSetGroup):
    items = (WatchedWordViewSet, CrisisRuleViewSet, HelpResourceViewSet)
    menu_icon = "cogs"
    menu_label = _("Moderation rules")
    menu_name = "moderation-rules"
    menu_order = 160


register_snippet(ModerationRulesGroup)


class QueuePanel(Component):
    """On the counsellors' admin dashboard: what waits in the queue, urgent first."""

    name = "moderation_queue"
    template_name = "moderation/admin/home_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["counts"] = queue_counts_for_request(parent_context.get("request"))
        return context


@hooks.register("construct_homepage_panels")
def add_queue_panel(request, panels):
    if roles.is_counsellor(request.user):
        panels.insert(0, QueuePanel())


class NeedsYouNowPanel(Component):
    """On the counsellors' admin dashboard, first: what needs a counsellor now, oldest first in each group."""

    name = "needs_you_now"
    template_name = "moderation/admin/needs_you_now_panel.html"
    order = 40

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["groups"] = selectors.needs_you_now_for_user(user=self.user)
        return context


@hooks.register("construct_homepage_panels")
def add_needs_you_now_panel(request, panels):
    if roles.is_counsellor(request.user):
        panels.insert(0, NeedsYouNowPanel(request.user))
