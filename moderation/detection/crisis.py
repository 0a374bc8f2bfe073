"""Crisis signals (interim: moderators' phrase rules only)."""

# INTERIM (lead): a stand-in so main runs until helper `crisis`'s engine lands. On a rebase conflict, take the
# `crisis` version of this file wholesale (the interface: CrisisHit, CrisisMatcher, compile_matcher, default_matcher).

from dataclasses import dataclass
from functools import lru_cache

from .text import fold, pattern_regex

CATEGORIES = ("suicide", "self_harm", "abuse", "sexual_abuse", "eating_disorder", "overdose")


@dataclass(frozen=True)
class CrisisHit:
    category: str
    rule: str
    language: str
    matched: str


class CrisisMatcher:
    def __init__(self, rules):
        self.rules = [(rule_id, pattern_regex(pattern), category, language) for rule_id, pattern, category, language in rules]

    def find(self, text: str) -> list[CrisisHit]:
        folded = fold(text)
        keeps = len(folded) == len(text)
        hits = []
        for rule_id, regex, category, language in self.rules:
            match = regex.search(folded)
            if match:
                matched = text[match.start() : match.end()] if keeps else match.group(0)
                hits.append(CrisisHit(category, rule_id, language, matched))
        return hits


def compile_matcher(extra_rules=()) -> CrisisMatcher:
    return CrisisMatcher(list(extra_rules))


@lru_cache(maxsize=1)
def default_matcher() -> CrisisMatcher:
    return compile_matcher()
