"""Who may moderate and sanction, and how a sanction reads to the member it restricts.

"May this member write now?" is answered in one place, ``community.policy.require_may_write``;
moderation supplies the sanctions behind it through the safeguard it registers
(``moderation.safeguard``).
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from cms.dates import format_when
from community import roles
from community.policy import require_can_flag  # noqa: F401  (reports are a community rule; re-exported for callers here)

from .models import SanctionKind


def require_can_moderate(user) -> None:
    if user is None or not user.is_authenticated or not roles.is_counsellor(user):
        raise PermissionDenied(_("Only counsellors and moderators can make moderation decisions."))


def require_can_sanction(user) -> None:
    if user is None or not user.is_authenticated or not roles.is_moderator(user):
        raise PermissionDenied(_("Only moderators can give sanctions."))


def require_can_appoint_peer_guides(user) -> None:
    if user is None or not user.is_authenticated or not roles.is_moderator(user):
        raise PermissionDenied(_("Only moderators can appoint or remove peer guides."))


def restriction_message(sanction) -> str:
    """What a silenced or suspended member reads: until when (in their time zone), and why."""
    end = format_when(sanction.ends_at)
    if sanction.kind == SanctionKind.SUSPENSION:
        text = _("Your account is suspended until %(end)s.") % {"end": end} if end else _("Your account is suspended.")
    else:
        text = _("You can't post until %(end)s.") % {"end": end}
    reason_label = _("Reason:")
    return f"{text} {reason_label} {sanction.reason}"
