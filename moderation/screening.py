"""Screening: the single entry point every member-written text passes before anyone else sees it.

Synchronous, so the verdict is known before the response. Every rule runs on what a
reader will be shown, never on the raw input: markup and comments removed, character
references decoded, invisible characters dropped (``detection.normalise``). So
``idi<!-- -->ots`` is "idiots" and ``anna&#64;example.com`` an e-mail address. In order:

1. sanitising (``moderation.sanitiser``); a text with nothing left to show is refused;
2. watched words: block (refused), censor (only the matched words are replaced, in the
   author's own text), require approval (held), flag (published, queued);
3. personal data where others would see it: phone numbers, e-mail addresses, identity
   numbers, contact handles, street addresses (held; never in private conversations);
4. crisis signals in any of the service's languages (held, urgent, help shown at once);
5. links from members with few approved posts (held);
6. pre-moderation: a member's first posts, and every post in a space that asks for it.

Where a text cannot wait in the queue on its own (a note, a display name), a verdict that
would hold it refuses it instead, and a crisis signal in it still reaches a counsellor
(``Verdict.refused``). Counsellors' texts are sanitised and checked for blocked words only:
they are the moderators.

Rules are compiled once per process and rebuilt when a moderator changes one
(``rulebook``); screening itself runs no query but the author's approved-post count, and
only when a rule needs it.
"""

import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from community import roles
from community.models import Mode, ModerationState, Post
from community.safeguarding import Reconsider, Surface

from . import rulebook
from .detection import rules
from .detection.contact_details import personal_data
from .detection.normalise import shown_text
from .models import CrisisCategory, Rule, WordAction
from .sanitiser import sanitise


@dataclass(frozen=True)
class RuleHit:
    """One rule that fired: its code, what the author is told, and details for the moderator."""

    rule: str
    message: str
    detail: str = ""
    holds: bool = True
    urgent: bool = False

    def as_record(self) -> dict:
        return {"rule": self.rule, "message": str(self.message), "detail": self.detail}


@dataclass(frozen=True)
class Verdict:
    state: ModerationState
    html: str
    text: str  # the author's text after censoring: what is stored
    title: str = ""
    hits: tuple[RuleHit, ...] = field(default_factory=tuple)
    surface: Surface = Surface.POST

    @property
    def held(self) -> bool:
        return self.state == ModerationState.PENDING

    @property
    def urgent(self) -> bool:
        return any(hit.urgent for hit in self.hits)

    @property
    def queued(self) -> bool:
        """Does a moderator need to look (held, or published but flagged by a rule)?"""
        return bool(self.hits)

    @property
    def refused(self) -> bool:
        """A held verdict on a text that cannot wait in the queue (a note, a name): refuse it instead."""
        return self.held and self.surface in CANNOT_WAIT

    @property
    def reason(self) -> str:
        """What the author is told about a held text."""
        return " ".join(dict.fromkeys(str(hit.message) for hit in self.hits if hit.holds))


class ScreeningBlocked(ValidationError):
    """A watched word with the "block" action: the text is refused and nothing is stored."""


CANNOT_WAIT = frozenset({Surface.PUBLIC_NOTE, Surface.DISPLAY_NAME, Surface.PRIVATE_NOTE})
# Where others see the text at once, so personal data must not be in it.
SHOWN_TO_OTHERS = frozenset({Surface.POST, Surface.SUMMARY, Surface.UPDATE_PROPOSAL, Surface.PUBLIC_NOTE, Surface.DISPLAY_NAME})
# A report quotes what was said; a name has no crisis to signal.
BLOCKED_WORDS_APPLY = frozenset(Surface) - {Surface.PRIVATE_NOTE}
CRISIS_APPLIES = frozenset(Surface) - {Surface.DISPLAY_NAME}
HTML_SURFACES = frozenset({Surface.POST, Surface.SUMMARY, Surface.UPDATE_PROPOSAL})

PERSONAL_DATA_LABELS = {
    "se_personnummer": _("a Swedish personal identity number"),
    "dk_cpr": _("a Danish CPR number"),
    "fi_hetu": _("a Finnish personal identity code"),
    "no_fodselsnummer": _("a Norwegian national identity number"),
    "phone": _("a phone number"),
    "email": _("an e-mail address"),
    "handle": _("a contact name for another app"),
    "address": _("a street address"),
}


APPROVED_KEY = "screening:approved-posts:{}"
APPROVED_SECONDS = 600
# Members past every threshold stay past it unless a moderator removes posts, so this process
# remembers them for a minute instead of reading the shared cache (a round trip) per text. A
# member below a threshold is always read afresh: a post approved elsewhere must count at once.
ESTABLISHED_SECONDS = 60
ESTABLISHED_LIMIT = 10_000
_established: dict[int, float] = {}  # author pk -> until (time.monotonic())


def _largest_threshold() -> int:
    return max(settings.MODERATION_LINK_MIN_APPROVED_POSTS, settings.MODERATION_FIRST_POSTS_HELD)


class _ApprovedPosts:
    """The author's published public posts, counted only if a rule asks, and kept in the shared cache
    (up to the largest threshold) until one of their posts changes (``_posts_changed``)."""

    def __init__(self, author):
        self.author = author
        self._count = None

    def __lt__(self, needed: int) -> bool:
        if self._count is None:
            self._count = self._read()
        return self._count < needed

    def _read(self) -> int:
        largest = _largest_threshold()
        pk = self.author.pk
        if _established.get(pk, 0.0) > time.monotonic():
            return largest
        key = APPROVED_KEY.format(pk)
        count = cache.get(key)
        if count is None:
            count = (
                Post.objects.filter(author=self.author, state=ModerationState.PUBLISHED)
                .exclude(thread__mode=Mode.CONVERSATION)[:largest]
                .count()
            )
            cache.set(key, count, APPROVED_SECONDS)
        if count >= largest:
            if len(_established) >= ESTABLISHED_LIMIT:
                _established.clear()
            _established[pk] = time.monotonic() + ESTABLISHED_SECONDS
        return count


def forget_established_members() -> None:
    """Read every member's approved-post count from the shared cache again (after ``cache.clear()``)."""
    _established.clear()


@receiver([post_save, post_delete], sender=Post, dispatch_uid="screening_approved_posts")
def _posts_changed(sender, instance, **kwargs) -> None:
    # A post published, hidden or rejected changes how many of the author's posts count as approved.
    if instance.author_id:
        # A post saved as published can only keep or raise the count: an established member stays so.
        if kwargs.get("signal") is post_delete or instance.state != ModerationState.PUBLISHED:
            _established.pop(instance.author_id, None)
        cache.delete(APPROVED_KEY.format(instance.author_id))


def _matched_words(matches) -> str:
    return ", ".join(f"“{match.matched}”" for match in matches)


def _with_links(seen: str, shown) -> str:
    links = getattr(shown, "link_texts", ())
    return "\n".join([seen, *links]) if links else seen


def crisis_categories_label(categories) -> str:
    labels = dict(CrisisCategory.choices)
    return ", ".join(str(labels.get(category, category)) for category in dict.fromkeys(categories))


RECONSIDER_HITS = {
    Reconsider.REJECTED: (
        Rule.EDITED_AFTER_REJECTION,
        _("You edited a post a moderator had rejected; a counsellor reads it again before it is shown."),
    ),
    Reconsider.HELD: (Rule.EDITED_WHILE_HELD, _("A counsellor reads your post before it is shown.")),
    Reconsider.HIDDEN: (
        Rule.EDITED_AFTER_HIDING,
        _("Your post was hidden after reports; a counsellor reads it again before it is shown."),
    ),
    Reconsider.LATE_EDIT: (
        Rule.EDITED_LATE,
        _("Others have already read your answer, so a counsellor reads your changes before they are shown."),
    ),
}


def screen(
    *, author, space, mode: str, text: str, title: str = "", surface: Surface = Surface.POST, reconsider: str = ""
) -> Verdict:
    """Screen one text (and its title, if it has one) by ``author`` in ``space`` for a thread of ``mode``.

    ``reconsider`` is set when the author edits a post a moderator held, rejected or hid after
    reports: the edit goes back to the queue whatever the rules find, so a decision sticks.
    """
    surface = Surface(surface)
    staff = roles.is_counsellor(author)
    public = mode != Mode.CONVERSATION
    language = getattr(author, "preferred_language", "") or ""
    book = rulebook.current()
    hits: list[RuleHit] = []

    html = sanitise(text) if surface in HTML_SURFACES else ""
    shown_body = shown_text(text or "")
    shown_title = shown_text(title or "")
    if surface in HTML_SURFACES and not shown_body.text.strip():
        raise ValidationError(
            {"body": gettext("Your text is empty once formatting is removed. Please write something.")}, code="empty"
        )

    # 2. Watched words, on what a reader sees of the title and the text.
    words = book.words_for(language)
    if surface in BLOCKED_WORDS_APPLY:
        blocked = [m for m in words.find(title, shown_title) + words.find(text, shown_body) if m.rule.action == WordAction.BLOCK]
        if blocked:
            raise ScreeningBlocked(
                gettext("Your text uses words that aren't allowed here (%(words)s). Please rephrase it and send it again.")
                % {"words": _matched_words(blocked)},
                code="blocked",
            )
    if not staff and surface in BLOCKED_WORDS_APPLY:
        title_matches, body_matches = words.find(title, shown_title), words.find(text, shown_body)
        censored = [m for m in title_matches + body_matches if m.rule.action == WordAction.CENSOR]
        if censored:
            # Only the matched words change; the rest of the author's text stays as written.
            text = words.censor(text, [m for m in body_matches if m.rule.action == WordAction.CENSOR])
            title = words.censor(title, [m for m in title_matches if m.rule.action == WordAction.CENSOR])
            if surface in HTML_SURFACES:
                html = sanitise(text)
            shown_body, shown_title = shown_text(text), shown_text(title)
            hits.append(RuleHit("watched_word_censor", _("Some words were replaced."), ", ".join(sorted({m.rule.pattern for m in censored})), holds=False))
        for action, code, message, holds in (
            (WordAction.REQUIRE_APPROVAL, "watched_word_approval", _("A counsellor reads posts with certain words before they are shown."), True),
            (WordAction.FLAG, "watched_word_flag", _("A counsellor will have a look at this post."), False),
        ):
            found = [m for m in title_matches + body_matches if m.rule.action == action]
            if found:
                hits.append(RuleHit(code, message, ", ".join(sorted({m.rule.pattern for m in found})), holds=holds))

    seen = f"{shown_title.text}\n{shown_body.text}"
    if not staff:
        # 3. Personal data where others would see it: counsellors need it in private conversations.
        if (public or surface != Surface.POST) and surface in SHOWN_TO_OTHERS:
            # Link targets and titles are hidden text, but a reader who follows them sees an address or number.
            found = personal_data(_with_links(seen, shown_body), allowed_numbers=book.help_numbers)
            if found:
                what = ", ".join(str(PERSONAL_DATA_LABELS.get(kind, kind)) for kind in dict.fromkeys(item.kind for item in found))
                hits.append(
                    RuleHit(
                        "personal_data",
                        gettext(
                            "Your text seems to contain %(what)s. To protect you, a counsellor checks it before it is "
                            "shown. You can edit it out yourself."
                        )
                        % {"what": what},
                        what,
                    )
                )

        # 4. Crisis signals, in any language: a young person may write in any of them, or mix them.
        if surface in CRISIS_APPLIES:
            signals = book.crisis.find(seen)
            if signals:
                hits.append(
                    RuleHit(
                        "crisis",
                        _("A counsellor will read what you wrote and get in touch with you."),
                        "; ".join(
                            f"{crisis_categories_label([signal.category])}: “{signal.matched}”" for signal in signals
                        ),
                        urgent=True,
                    )
                )

        approved = _ApprovedPosts(author)
        if public and surface == Surface.POST:
            # 5. Links from members who are new here.
            needed = settings.MODERATION_LINK_MIN_APPROVED_POSTS
            if needed and rules.has_link(seen, html) and approved < needed:
                hits.append(RuleHit("new_member_link", _("Links from new members are checked before they are shown.")))
        if public and surface in (Surface.POST, Surface.SUMMARY):
            # 6. Pre-moderation.
            first_posts = settings.MODERATION_FIRST_POSTS_HELD
            if first_posts and approved < first_posts:
                hits.append(RuleHit("first_posts", _("A counsellor reads new members' first posts before they are shown.")))
            if space is not None and space.premoderate_all_posts:
                hits.append(
                    RuleHit("space_premoderation", _("Every post in this space is read by a counsellor before it is shown."))
                )

    if reconsider:
        code, message = RECONSIDER_HITS[Reconsider(reconsider)]
        hits.append(RuleHit(code, message))

    state = ModerationState.PENDING if any(hit.holds for hit in hits) else ModerationState.PUBLISHED
    return Verdict(state=state, html=html, text=text, title=title, hits=tuple(hits), surface=surface)


@dataclass(frozen=True)
class Hint:
    """A word to the writer before they post: nothing is stored, nothing is decided."""

    kind: str  # "personal_data", "crisis", "blocked_word"
    message: str
    detail: str = ""

    def as_dict(self) -> dict:
        return {"kind": self.kind, "message": str(self.message), "detail": self.detail}


def draft_hints(*, author, text: str, title: str = "", private: bool = False) -> list[Hint]:
    """What to tell a member while they write: personal data they may not want to share, a crisis, a word that
    will be refused. Runs the same detection as ``screen`` and writes nothing."""
    language = getattr(author, "preferred_language", "") or ""
    book = rulebook.current()
    shown_body, shown_title = shown_text(text or ""), shown_text(title or "")
    seen = f"{shown_title.text}\n{shown_body.text}"
    hints: list[Hint] = []
    staff = roles.is_counsellor(author)
    if not staff:
        signals = book.crisis.find(seen)
        if signals:
            hints.append(
                Hint(
                    "crisis",
                    gettext(
                        "It sounds like things are hard right now. You can talk to someone straight away: "
                        "the help lines below are there for you, and a counsellor will read what you write."
                    ),
                    crisis_categories_label(signal.category for signal in signals),
                )
            )
        if not private:
            found = personal_data(_with_links(seen, shown_body), allowed_numbers=book.help_numbers)
            if found:
                what = ", ".join(str(PERSONAL_DATA_LABELS.get(kind, kind)) for kind in dict.fromkeys(item.kind for item in found))
                hints.append(
                    Hint(
                        "personal_data",
                        gettext("You may not want to share %(what)s here: everyone in the space can read it.") % {"what": what},
                        what,
                    )
                )
    words = book.words_for(language)
    blocked = [m for m in words.find(title, shown_title) + words.find(text, shown_body) if m.rule.action == WordAction.BLOCK]
    if blocked:
        hints.append(
            Hint(
                "blocked_word",
                gettext("Some words aren't allowed here (%(words)s); your post would be refused.") % {"words": _matched_words(blocked)},
            )
        )
    return hints
