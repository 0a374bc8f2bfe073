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
