"""Moderators appoint and remove peer guides (level 4's trusted members), each step in the audit log."""

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from community import roles
from community.roles import GROUP_NAMES, Role

from ..models import AuditAction
from ..policy import require_can_appoint_peer_guides
from .audit import audit_record


@transaction.atomic
def peer_guide_set(*, moderator, member, appointed: bool) -> None:
    """Make ``member`` a peer guide (``appointed=True``) or take the role back, as a moderator."""
    require_can_appoint_peer_guides(moderator)
    if not member.is_active:
        raise ValidationError(_("This account is closed."), code="inactive")
    if roles.is_counsellor(member):
        raise ValidationError(_("Counsellors and moderators are not peer guides."), code="staff")
    if roles.is_peer_guide(member) == appointed:
        raise ValidationError(
            _("%(name)s is already a peer guide.") if appointed else _("%(name)s is not a peer guide."),
            code="unchanged",
            params={"name": member.display_name},
        )
    group = Group.objects.filter(name=GROUP_NAMES[Role.PEER_GUIDE]).first()
    if group is None:
        raise ValidationError(_("The role groups are missing; run the migrations."), code="no_groups")
    if appointed:
        member.groups.add(group)
    else:
        member.groups.remove(group)
    roles.forget_roles(member)
    audit_record(
        action=AuditAction.PEER_GUIDE_APPOINTED if appointed else AuditAction.PEER_GUIDE_REMOVED,
        actor=moderator,
        member=member,
    )
