"""The one seam between the community and moderation.

Moderation sits above the community: its queue, decisions and sanctions read the
community's threads, posts and members. The community still needs moderation on
every write: each text a member writes is screened before anyone else sees it, and a
silenced or suspended member is refused. Importing moderation from here would close a
cycle, so the community declares what it needs (``Safeguard``) and moderation
registers the implementation when its app is ready (``moderation.apps``).

Community code calls the module functions below and nothing in ``moderation``
except its pure modules (``moderation.sanitiser``, ``moderation.detection``).
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction


class Surface(StrEnum):
    """Where a text will be shown, which decides what screening may do with it.

    A post can be held until a counsellor has read it. A note, a name or a subject
    cannot wait in a queue on its own, so a text there that would be held is
    refused with a message saying why (a crisis signal still reaches a counsellor).
    """

    POST = "post"  # a question, answer, reply or private message: held or published
    SUMMARY = "summary"  # a revision of a co-constructed answer: held or published
    UPDATE_PROPOSAL = "update_proposal"  # a member's proposed update: reviewed in the workflow anyway
    PUBLIC_NOTE = "public_note"  # an endorsement note or a change note: shown to everyone at once
    PRIVATE_NOTE = "private_note"  # a report's note or a conversation subject: read by counsellors only
    DISPLAY_NAME = "display_name"  # shown next to everything the member writes


class Reconsider(StrEnum):
    """Why an edit goes back to a moderator whatever the rules find: a decision sticks."""

    NONE = ""
    REJECTED = "rejected"
    HELD = "held"
    HIDDEN = "hidden"
    LATE_EDIT = "late_edit"


@dataclass(frozen=True)
class Restriction:
    """A sanction that keeps a member from writing, as the community needs to know it."""

    blocks_sign_in: bool  # suspended: no log-in, no writing at all
    message: str  # what the member is told: until when, and why


class Safeguard(Protocol):
    def screen(
        self, *, author, space, mode: str, text: str, title: str = "", surface: Surface = Surface.POST, reconsider: str = ""
    ) -> Any:
        """Screen a text; returns a verdict (``state``, ``html``, ``text``, ``title``, ``reason``, ``held``,
        ``urgent``, ``refused``), or raises ``ValidationError`` when the text is refused. ``reconsider`` says why
        an edit goes back to a moderator whatever the rules find ("rejected", "held", "hidden")."""

    def record(self, *, verdict, post=None, summary_revision=None, update_page=None, member=None, space=None) -> Any:
        """Record a verdict inside the writing transaction: the queue item and the audit entry."""

    def restriction(self, user) -> Restriction | None:
        """The member's active silence or suspension, if any (the most severe)."""


_safeguard: Safeguard | None = None


def register(safeguard: Safeguard) -> None:
    global _safeguard
    _safeguard = safeguard


def _registered() -> Safeguard:
    if _safeguard is None:
        raise ImproperlyConfigured("No safeguard is registered: is the moderation app installed?")
    return _safeguard


def screen(*, author, space, mode: str, text: str, title: str = "", surface: Surface = Surface.POST, reconsider: str = ""):
    return _registered().screen(
        author=author, space=space, mode=mode, text=text, title=title, surface=surface, reconsider=reconsider
    )


def record(*, verdict, post=None, summary_revision=None, update_page=None, member=None, space=None):
    return _registered().record(
        verdict=verdict, post=post, summary_revision=summary_revision, update_page=update_page, member=member, space=space
    )


def require_note_acceptable(*, author, space, mode: str, text: str, field: str, surface: "Surface" = None) -> str:
    """Screen a note shown at once (an endorsement note); return it as it may be stored.

    A note cannot wait in the queue, so one that would be held is refused with the reason.
    A crisis signal in it is recorded first, in its own transaction, so a counsellor sees it
    even though the note itself is refused: nothing a young person writes about a crisis is lost.
    """
    verdict = screen(author=author, space=space, mode=mode, text=text, surface=surface or Surface.PUBLIC_NOTE)
    if not verdict.refused:
        return verdict.text
    if verdict.urgent:
        with transaction.atomic():
            record(verdict=verdict, member=author, space=space)
    raise ValidationError({field: verdict.reason}, code="held")


def restriction(user) -> Restriction | None:
    if user is None or not user.is_authenticated:
        return None
    return _registered().restriction(user)
