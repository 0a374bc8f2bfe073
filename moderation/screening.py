"""Screening: the single entry point every write path calls before anything is shown.

Synchronous, so the verdict is known before the response. It decides whether
a text is published or held for review, and gives the sanitised HTML. The
moderation issue adds watched words, personal data, crisis signals and more
rules here; callers do not change.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from community import roles
from community.models import Mode, ModerationState

from .sanitiser import sanitise


@dataclass(frozen=True)
class RuleHit:
    """One rule that fired, recorded so the moderator (and the author) see why."""

    rule: str
    message: str


@dataclass(frozen=True)
class Verdict:
    state: ModerationState
    html: str
    hits: tuple[RuleHit, ...] = field(default_factory=tuple)

    @property
    def held(self) -> bool:
        return self.state == ModerationState.PENDING

    @property
    def reason(self) -> str:
        """What the author is told about a held text."""
        return " ".join(str(hit.message) for hit in self.hits)


def screen(*, author, space, mode: str, text: str, title: str = "") -> Verdict:
    """Screen one text (and its title, if it has one) by ``author`` in ``space`` for a thread of ``mode``.

    The title is checked by the rules but not rendered: titles are shown as plain text.
    """
    html = sanitise(text)
    hits: list[RuleHit] = []
    # A private conversation is read only by counsellors, so holding it for
    # counsellors to approve would only delay the answer.
    if mode != Mode.CONVERSATION and not roles.is_counsellor(author) and space.premoderate_all_posts:
        hits.append(
            RuleHit(
                "space_premoderation",
                _("Every post in this space is read by a counsellor before it is shown."),
            )
        )
    state = ModerationState.PENDING if hits else ModerationState.PUBLISHED
    return Verdict(state=state, html=html, hits=tuple(hits))
