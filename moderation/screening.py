"""Screening: the single entry point every write path calls before anything is shown.

Synchronous, so the verdict is known before the response. In order:

1. sanitising (``moderation.sanitiser``);
2. watched words: block (refused), censor (replaced), require approval (held), flag (published, queued);
3. personal data in public posts: phone numbers, e-mail addresses (also spelled out), national
   identity numbers with their check digits (held; never applied to private conversations);
4. crisis signals in any of the service's languages (held, urgent, help shown to the author);
5. links from members with few approved posts (held);
6. pre-moderation: a member's first posts, and every post in a space that asks for it (held).

Every rule that fired is returned as a ``RuleHit`` and recorded on the queue item, so the
moderator (and, in plain words, the author) sees why. Counsellors' texts are sanitised and
checked for blocked words only: they are the moderators.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy as _

from community import roles
from community.models import Mode, ModerationState, Post

from .detection import contact_details, identity_numbers, rules
from .models import CrisisRule, WatchedWord, WordAction
from .sanitiser import plain_text, sanitise


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
    def reason(self) -> str:
        """What the author is told about a held text."""
        return " ".join(dict.fromkeys(str(hit.message) for hit in self.hits if hit.holds))


class ScreeningBlocked(ValidationError):
    """A watched word with the "block" action: the text is refused and nothing is stored."""


ID_LABELS = {
    "se_personnummer": _("a Swedish personal identity number"),
    "dk_cpr": _("a Danish CPR number"),
    "fi_hetu": _("a Finnish personal identity code"),
    "no_fodselsnummer": _("a Norwegian national identity number"),
}


def _words_for(author):
    language = getattr(author, "preferred_language", "") or ""
    return list(WatchedWord.objects.filter(is_active=True, language__in=["", language]))


def _approved_posts(author) -> int:
    return Post.objects.filter(author=author, state=ModerationState.PUBLISHED).exclude(thread__mode=Mode.CONVERSATION).count()


def screen(*, author, space, mode: str, text: str, title: str = "") -> Verdict:
    """Screen one text (and its title, if it has one) by ``author`` in ``space`` for a thread of ``mode``."""
    staff = roles.is_counsellor(author)
    public = mode != Mode.CONVERSATION
    hits: list[RuleHit] = []
    words = _words_for(author)

    # 2. Watched words, on title and text together.
    blocked = [match for rule, match in rules.find([w for w in words if w.action == WordAction.BLOCK], f"{title}\n{text}")]
    if blocked:
        raise ScreeningBlocked(
            gettext("Your post uses words that aren't allowed here (%(words)s). Please rephrase it and send it again.")
            % {"words": ", ".join(f"“{match.matched}”" for match in blocked)},
            code="blocked",
        )
    if not staff:
        censor_rules = [w for w in words if w.action == WordAction.CENSOR]
        censored = rules.find(censor_rules, f"{title}\n{text}")
        if censored:
            text, title = rules.censor(text, censor_rules), rules.censor(title, censor_rules)
            hits.append(RuleHit("watched_word_censor", _("Some words were replaced."), ", ".join(m.pattern for _r, m in censored), holds=False))
        for rule, match in rules.find([w for w in words if w.action == WordAction.REQUIRE_APPROVAL], f"{title}\n{text}"):
            hits.append(RuleHit("watched_word_approval", _("A counsellor reads posts with certain words before they are shown."), match.pattern))
        for rule, match in rules.find([w for w in words if w.action == WordAction.FLAG], f"{title}\n{text}"):
            hits.append(RuleHit("watched_word_flag", _("A counsellor will have a look at this post."), match.pattern, holds=False))

    html = sanitise(text)
    words_to_check = f"{title}\n{plain_text(html)}"

    if not staff:
        # 3. Personal data, in public posts only: counsellors need it in private conversations.
        if public:
            found = []
            for kind, numbers in identity_numbers.identity_numbers(words_to_check).items():
                found.append(str(ID_LABELS[kind]))
            if contact_details.phone_numbers(words_to_check):
                found.append(gettext("a phone number"))
            if contact_details.email_addresses(words_to_check):
                found.append(gettext("an e-mail address"))
            if found:
                hits.append(
                    RuleHit(
                        "personal_data",
                        gettext(
                            "Your post seems to contain %(what)s. To protect you, a counsellor checks it before it is "
                            "shown. You can edit it out yourself."
                        )
                        % {"what": ", ".join(found)},
                        ", ".join(found),
                    )
                )

        # 4. Crisis signals, in any language: a young person may write in any of them.
        crisis = rules.find(CrisisRule.objects.filter(is_active=True), words_to_check)
        if crisis:
            hits.append(
                RuleHit(
                    "crisis",
                    _("A counsellor will read your post and get in touch with you."),
                    "; ".join(f"{rule.get_category_display()}: {match.matched}" for rule, match in crisis),
                    urgent=True,
                )
            )

        # 5. Links from members who are new here.
        if public and rules.has_link(words_to_check, html):
            needed = settings.MODERATION_LINK_MIN_APPROVED_POSTS
            if needed and _approved_posts(author) < needed:
                hits.append(RuleHit("new_member_link", _("Links from new members are checked before they are shown.")))

        # 6. Pre-moderation.
        if public:
            first_posts = settings.MODERATION_FIRST_POSTS_HELD
            if first_posts and _approved_posts(author) < first_posts:
                hits.append(RuleHit("first_posts", _("A counsellor reads new members' first posts before they are shown.")))
            if space.premoderate_all_posts:
                hits.append(
                    RuleHit("space_premoderation", _("Every post in this space is read by a counsellor before it is shown."))
                )

    state = ModerationState.PENDING if any(hit.holds for hit in hits) else ModerationState.PUBLISHED
    return Verdict(state=state, html=html, text=text, title=title, hits=tuple(hits))
