"""The moderators' rules, compiled once per process and rebuilt when a moderator changes one.

Screening runs on every write and every draft hint, so it must not query the rules or
compile a pattern per call. A change to a watched word, a crisis signal or a help
resource bumps a version number in the shared cache; each process checks that number
at most every ``CHECK_SECONDS`` and rebuilds when it moved (at once in the process that
made the change).
"""

import threading
import time
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .detection import crisis as crisis_detection
from .detection.rules import WordRule, compile_words
from .models import CrisisRule, HelpResource, WatchedWord

VERSION_KEY = "moderation:rulebook:version"
CHECK_SECONDS = 2.0
# Help lines every Nordic site lists: a young person quoting one is not sharing personal data.
NATIONAL_HELP_NUMBERS = ("112", "116 111", "116 123")


@dataclass
class Rulebook:
    version: int
    words: dict = field(default_factory=dict)  # language ("" = all) -> compiled watched words
    crisis: object = None
    help_numbers: tuple[str, ...] = ()
    _by_language: dict = field(default_factory=dict)

    def words_for(self, language: str):
        """Rules for every language plus the author's own, compiled once per language."""
        if language not in self._by_language:
            rules = [*self.words.get("", ()), *(self.words.get(language, ()) if language else ())]
            self._by_language[language] = compile_words(rules)
        return self._by_language[language]


_lock = threading.Lock()
_book: Rulebook | None = None
_checked_at = 0.0


def _version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def _build(version: int) -> Rulebook:
    words: dict[str, list[WordRule]] = {}
    for word in WatchedWord.objects.filter(is_active=True).order_by("pk"):
        words.setdefault(word.language, []).append(
            WordRule(
                id=word.pk,
                pattern=word.pattern,
                action=word.action,
                replacement=word.replacement,
                lookalikes=getattr(word, "lookalikes", False),
            )
        )
    extra = [
        (f"db:{rule.pk}", rule.pattern, rule.category, rule.language)
        for rule in CrisisRule.objects.filter(is_active=True).order_by("pk")
    ]
    phones = tuple(phone for phone in HelpResource.objects.exclude(phone="").values_list("phone", flat=True))
    return Rulebook(
        version=version,
        words=words,
        crisis=crisis_detection.compile_matcher(extra),
        help_numbers=NATIONAL_HELP_NUMBERS + phones,
    )


def current() -> Rulebook:
    """The compiled rules, rebuilt if a moderator changed one since."""
    global _book, _checked_at
    now = time.monotonic()
    if _book is not None and now - _checked_at < CHECK_SECONDS:
        return _book
    version = _version()
    with _lock:
        if _book is None or _book.version != version:
            _book = _build(version)
        _checked_at = now
    return _book


def invalidate() -> None:
    """Every process rebuilds its rules on its next check; this one at once."""
    global _book
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)
    _book = None


@receiver([post_save, post_delete], sender=WatchedWord, dispatch_uid="rulebook_watched_word")
@receiver([post_save, post_delete], sender=CrisisRule, dispatch_uid="rulebook_crisis_rule")
@receiver([post_save, post_delete], sender=HelpResource, dispatch_uid="rulebook_help_resource")
def _rules_changed(**kwargs) -> None:
    invalidate()
