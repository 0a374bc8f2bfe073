"""The counsellors' way from the Wagtail admin to the team inbox on the site."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from community import roles


class TeamInboxMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.is_counsellor(request.user)


@hooks.register("register_admin_menu_item")
def team_inbox():
    return TeamInboxMenuItem(
        _("Private conversations"), reverse("counsellor_inbox"), name="team-inbox", icon_name="mail", order=140
    )
