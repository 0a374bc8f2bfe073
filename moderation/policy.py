"""Who may moderate, flag and sanction; and who is kept from writing by a sanction."""

from django.core.exceptions import PermissionDenied
from django.utils import formats
from django.utils.translation import gettext as _

from community import roles


def require_can_moderate(user) -> None:
    if user is None or not user.is_authenticated or not roles.is_counsellor(user):
        raise PermissionDenied(_("Only counsellors and moderators can make moderation decisions."))


def require_can_sanction(user) -> None:
    if user is None or not user.is_authenticated or not roles.is_moderator(user):
        raise PermissionDenied(_("Only moderators can give sanctions."))


def restriction_message(sanction) -> str:
    if sanction.kind == "suspension":
        text = (
            _("Your account is suspended until %(end)s.") % {"end": formats.date_format(sanction.ends_at, "DATETIME_FORMAT")}
            if sanction.ends_at
            else _("Your account is suspended.")
        )
    else:
        text = _("You can't post until %(end)s.") % {"end": formats.date_format(sanction.ends_at, "DATETIME_FORMAT")}
    reason_label = _("Reason:")
    return f"{text} {reason_label} {sanction.reason}"


def require_not_restricted(user, *, private_to_counsellors: bool = False) -> None:
    """Refuse writes from a silenced or suspended member, saying until when and why.

    A silenced member can still write privately to the counsellors: safeguarding
    must never be cut off by a sanction. A suspended member cannot.
    """
    from moderation.selectors import active_restriction

    sanction = active_restriction(user)
    if sanction is None:
        return
    if private_to_counsellors and sanction.kind == "silence":
        return
    raise PermissionDenied(restriction_message(sanction))


def require_can_flag(user, post) -> None:
    """Report a published public post that is not one's own."""
    from community import policy as community_policy
    from community.models import Mode, ModerationState

    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("Please log in first."))
    community_policy.require_visible_post(user, post)
    if post.thread.mode == Mode.CONVERSATION:
        raise PermissionDenied(_("Private conversations are read by counsellors already."))
    if post.author_id == user.pk:
        raise PermissionDenied(_("You cannot report your own post. You can edit or withdraw it."))
    if post.state != ModerationState.PUBLISHED or post.kind == "update":
        raise PermissionDenied(_("This post cannot be reported."))
