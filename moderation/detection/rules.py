"""Watched words: moderators' words and phrases, matched in what a reader sees.

Rules are compiled once (``compile_words``) and matched against the shown text (markup,
comments, character references and invisible characters resolved), folded for case and
accents. Every match keeps the span of the raw text it came from, so a censor replaces
exactly what the author wrote there, markup inside the word included, and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .normalise import Shown, shown_text
from .text import fold, fold_lookalikes, fold_map, pattern_regex

DEFAULT_REPLACEMENT = "✱✱✱"


@dataclass(frozen=True)
class WordRule:
    """A watched word as the matcher needs it (built from a ``WatchedWord`` row)."""

    id: int
    pattern: str
    action: str
    replacement: str = ""
    lookalikes: bool = False


@dataclass(frozen=True)
class WordMatch:
    rule: WordRule
    matched: str  # as the author wrote it (the raw slice)
    start: int  # span in the raw text
    end: int


@dataclass(frozen=True)
class _Compiled:
    rule: WordRule
    regex: re.Pattern
    # A piece of folded text every match contains: rules whose piece is absent are skipped
    # without running their regex (most texts match no rule at all).
    needle: str


def _needle(pattern: str) -> str:
    pieces = re.split(r"[*\s]+", fold(pattern))
    return max(pieces, key=len)


class WatchedWords:
    """Compiled watched words; ``find`` and ``censor`` do no compiling."""

    def __init__(self, rules: Iterable[WordRule]):
        plain, lookalike = [], []
        for rule in rules:
            # Nothing but wildcards and whitespace once folded: "*" alone would match every
            # word, and a tab, a no-break space or a lone accent would match the empty string
            # between any two non-letters, flagging nearly every post.
            if not fold(rule.pattern).replace("*", " ").strip():
                continue
            regex = pattern_regex(rule.pattern, lookalikes=rule.lookalikes)
            if rule.lookalikes:
                lookalike.append(_Compiled(rule, regex, ""))
            else:
                plain.append(_Compiled(rule, regex, _needle(rule.pattern)))
        self._plain = tuple(plain)
        self._lookalike = tuple(lookalike)

    def __bool__(self) -> bool:
        return bool(self._plain or self._lookalike)

    def __len__(self) -> int:
        return len(self._plain) + len(self._lookalike)

    def find(self, raw: str, shown: Shown | None = None) -> list[WordMatch]:
        """Every match of every rule in what ``raw`` shows as, with its span in ``raw``."""
        if not (self._plain or self._lookalike):
            return []
        raw = raw or ""
        shown = shown if shown is not None else shown_text(raw)
        folded = fold_map(shown.text)
        matches: list[WordMatch] = []

        def add(rule: WordRule, start: int, end: int) -> None:
            shown_start, shown_end = folded.span(start, end)
            raw_start, raw_end = shown.raw_span(shown_start, shown_end)
            matches.append(WordMatch(rule, raw[raw_start:raw_end], raw_start, raw_end))

        for compiled in self._plain:
            if compiled.needle not in folded.text:
                continue
            for match in compiled.regex.finditer(folded.text):
                add(compiled.rule, match.start(), match.end())
        if self._lookalike:
            text = fold_lookalikes(folded.text)
            for compiled in self._lookalike:
                for match in compiled.regex.finditer(text):
                    # "455 kr" is a price, not "ass": a look-alike spelling has a letter in it.
                    if any(char.isalpha() for char in match.group(0)):
                        add(compiled.rule, match.start(), match.end())
        matches.sort(key=lambda match: (match.start, -match.end))
        return matches

    def censor(self, raw: str, matches: list[WordMatch], default: str = DEFAULT_REPLACEMENT) -> str:
        """``raw`` with each matched span replaced; everything else kept byte for byte."""
        raw = raw or ""
        spans: list[list] = []
        for match in sorted(matches, key=lambda match: (match.start, -match.end)):
            if spans and match.start < spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], match.end)  # overlapping matches: one replacement
                continue
            spans.append([match.start, match.end, match.rule.replacement or default])
        pieces: list[str] = []
        position = 0
        for start, end, replacement in spans:
            pieces.append(raw[position:start])
            pieces.append(replacement)
            position = end
        pieces.append(raw[position:])
        return "".join(pieces)


def compile_words(rules: Iterable[WordRule]) -> WatchedWords:
    """Compile watched words once; keep the result and reuse it for every text."""
    return WatchedWords(rules)


_LINK = re.compile(r"(https?://|www\.)\S+|\b[\w-]+\.(com|net|org|dk|se|fi|no|nu|eu|io|me|info)(/\S*)?\b", re.IGNORECASE)


def has_link(text: str, html: str) -> bool:
    return bool(_LINK.search(text)) or "<a " in html


# --- Compatibility with callers of the first matcher (rule objects with ``pk`` and ``pattern``).
# They match the shown text too, so markup and character references cannot slip past them.


@dataclass(frozen=True)
class RuleMatch:
    rule_id: int
    pattern: str
    matched: str  # the words as the author wrote them


def _word_rule(rule) -> WordRule:
    return WordRule(
        id=rule.pk,
        pattern=rule.pattern,
        action=getattr(rule, "action", "") or "",
        replacement=getattr(rule, "replacement", "") or "",
        lookalikes=bool(getattr(rule, "lookalikes", False)),
    )


@lru_cache(maxsize=64)
def _compiled(rules: tuple[WordRule, ...]) -> WatchedWords:
    return compile_words(rules)


def find(rules, text: str) -> list[tuple[object, RuleMatch]]:
    """Every rule that matches ``text`` (first match each); rules need ``pk`` and ``pattern``."""
    rules = list(rules)
    by_id = {}
    for rule in rules:
        by_id.setdefault(_word_rule(rule), rule)
    hits: dict[WordRule, tuple[object, RuleMatch]] = {}
    for match in _compiled(tuple(by_id)).find(text):
        if match.rule not in hits:
            hits[match.rule] = (by_id[match.rule], RuleMatch(match.rule.id, match.rule.pattern, match.matched))
    return [hits[rule] for rule in by_id if rule in hits]


def censor(text: str, rules, default_replacement: str = DEFAULT_REPLACEMENT) -> str:
    """Replace every match of ``rules`` in ``text``, keeping everything else as written."""
    words = _compiled(tuple(dict.fromkeys(_word_rule(rule) for rule in rules)))
    return words.censor(text, words.find(text), default_replacement)
