"""Matching moderators' rules (watched words, crisis signals) against a text."""

import re
from dataclasses import dataclass

from .text import fold, pattern_regex


@dataclass(frozen=True)
class RuleMatch:
    rule_id: int
    pattern: str
    matched: str  # the words as the author wrote them


def _positions(folded: str, original: str) -> bool:
    return len(folded) == len(original)


def find(rules, text: str) -> list[tuple[object, RuleMatch]]:
    """Every rule that matches ``text``; rules need ``pk`` and ``pattern``."""
    folded = fold(text)
    hits = []
    for rule in rules:
        match = pattern_regex(rule.pattern).search(folded)
        if match:
            # Folding keeps length for most text, so the original words can be shown;
            # where it does not (æ -> ae), show the folded form instead.
            matched = text[match.start() : match.end()] if _positions(folded, text) else match.group(0)
            hits.append((rule, RuleMatch(rule.pk, rule.pattern, matched)))
    return hits


def censor(text: str, rules, default_replacement: str = "✱✱✱") -> str:
    """Replace every match of the censor rules in ``text`` (only where folding keeps positions)."""
    folded = fold(text)
    if not _positions(folded, text):
        # Rare (ligatures and the like): censor on the folded text rather than miss the word.
        text, folded = folded, folded
    spans = []
    for rule in rules:
        for match in pattern_regex(rule.pattern).finditer(folded):
            spans.append((match.start(), match.end(), rule.replacement or default_replacement))
    for start, end, replacement in sorted(spans, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


_LINK = re.compile(r"(https?://|www\.)\S+|\b[\w-]+\.(com|net|org|dk|se|fi|no|nu|eu|io|me|info)(/\S*)?\b", re.IGNORECASE)


def has_link(text: str, html: str) -> bool:
    return bool(_LINK.search(text)) or "<a " in html


# ---------------------------------------------------------------- compiled watched words (interim)
# INTERIM (lead): a stand-in so main runs until helper `pdata`'s version lands. On a rebase conflict,
# take the `pdata` version of this code wholesale; keep only the interface names used by moderation/rulebook.py
# and moderation/screening.py (WordRule, WordMatch, WatchedWords, compile_words, PersonalData, personal_data,
# Shown, shown_text).

from functools import lru_cache  # noqa: E402

from .normalise import Shown, shown_text  # noqa: E402


@dataclass(frozen=True)
class WordRule:
    id: int
    pattern: str
    action: str
    replacement: str = ""
    lookalikes: bool = False


@dataclass(frozen=True)
class WordMatch:
    rule: WordRule
    matched: str
    start: int
    end: int


_cached_regex = lru_cache(maxsize=4096)(pattern_regex)


class WatchedWords:
    def __init__(self, rules):
        self.rules = [(rule, _cached_regex(rule.pattern)) for rule in rules]

    def find(self, raw: str, shown: Shown | None = None) -> list[WordMatch]:
        shown = shown or shown_text(raw)
        folded = fold(shown.text)
        keeps = len(folded) == len(shown.text)
        found = []
        for rule, regex in self.rules:
            for match in regex.finditer(folded):
                if keeps:
                    start, end = shown.raw_span(match.start(), match.end())
                else:
                    start, end = 0, 0
                found.append(WordMatch(rule, raw[start:end] if end > start else match.group(0), start, end))
        return found

    def censor(self, raw: str, matches) -> str:
        for match in sorted((m for m in matches if m.end > m.start), key=lambda m: m.start, reverse=True):
            raw = raw[: match.start] + (match.rule.replacement or "✱✱✱") + raw[match.end :]
        return raw


def compile_words(rules) -> WatchedWords:
    return WatchedWords(list(rules))
