"""Moderation's side of the seam the community declares in ``community.safeguarding``."""

from community.safeguarding import Restriction, Surface

from . import screening
from .models import SanctionKind
from .policy import restriction_message
from .selectors import active_restriction
from .services import records


class ModerationSafeguard:
    """Screening, the queue and sanctions, as the community's write paths need them."""

    def screen(
        self, *, author, space, mode: str, text: str, title: str = "", surface: Surface = Surface.POST, reconsider: str = ""
    ):
        return screening.screen(
            author=author, space=space, mode=mode, text=text, title=title, surface=surface, reconsider=reconsider
        )

    def record(self, *, verdict, post=None, summary_revision=None, update_page=None, member=None, space=None):
        return records.verdict_record(
            verdict=verdict, post=post, summary_revision=summary_revision, update_page=update_page, member=member, space=space
        )

    def restriction(self, user) -> Restriction | None:
        sanction = active_restriction(user)
        if sanction is None:
            return None
        return Restriction(blocks_sign_in=sanction.kind == SanctionKind.SUSPENSION, message=restriction_message(sanction))
