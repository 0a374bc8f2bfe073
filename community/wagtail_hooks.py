"""The counsellors' way from the Wagtail admin to the team inbox on the site."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from community import roles
from community.admin_views import retention_report


class TeamInboxMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.is_counsellor(request.user)


@hooks.register("register_admin_menu_item")
def team_inbox():
    return TeamInboxMenuItem(
        _("Private conversations"), reverse("counsellor_inbox"), name="team-inbox", icon_name="mail", order=140
    )


# ---------------------------------------------------------------- data protection


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.is_moderator(request.user)


@hooks.register("register_admin_urls")
def retention_report_urls():
    return [path("data-retention/", retention_report, name="retention_report")]


@hooks.register("register_admin_menu_item")
def retention_report_menu():
    return ModeratorMenuItem(
        _("Data retention"), reverse("retention_report"), name="data-retention", icon_name="lock", order=900
    )
