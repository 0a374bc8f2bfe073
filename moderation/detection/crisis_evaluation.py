"""The labelled crisis corpus and its evaluation: recall on crisis texts, precision on look-alikes.

Pure (no Django models): ``evaluate_screening`` passes in the moderators' rules.

The corpus lives in ``corpus/<language>.toml``: ``[crisis]`` maps each category to texts,
``[benign].texts`` lists look-alikes (career questions sharing words with a crisis). Every fifth
text of each list is held out: the packs were written against the rest, and the held-out part
shows how the rules do on texts they were not tuned on. ``corpus/heldout/`` is a separate set in
the same format, written after the packs and never tuned on.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .crisis import CATEGORIES, LANGUAGES, CrisisHit, CrisisMatcher

CORPUS = Path(__file__).with_name("corpus")
# Written after the packs and never tuned on: how detection does on new ways of saying things.
HELDOUT = CORPUS / "heldout"
# Batch 4: written by a helper who had not seen the packs or the other corpora.
HELDOUT2 = CORPUS / "heldout2"
# Batch 5: written by another helper before reading the packs or the other corpora.
HELDOUT3 = CORPUS / "heldout3"
# Batch 6: written by another helper before reading the packs, the other corpora or the tests.
HELDOUT4 = CORPUS / "heldout4"
# Batch 7: written by another helper before reading the packs, the other corpora or the tests.
HELDOUT5 = CORPUS / "heldout5"
CORPORA = {
    "project": CORPUS,
    "heldout": HELDOUT,
    "heldout2": HELDOUT2,
    "heldout3": HELDOUT3,
    "heldout4": HELDOUT4,
    "heldout5": HELDOUT5,
}
BENIGN = "benign"
SPLITS = ("all", "dev", "holdout")


@dataclass(frozen=True)
class Sample:
    language: str
    label: str  # a category, or "benign"
    text: str
    holdout: bool

    @property
    def is_crisis(self) -> bool:
        return self.label != BENIGN


def load_corpus(split: str = "all", directory: Path = CORPUS) -> list[Sample]:
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    samples = []
    for language in LANGUAGES:
        with (directory / f"{language}.toml").open("rb") as handle:
            data = tomllib.load(handle)
        lists = [(category, texts) for category, texts in data.get("crisis", {}).items()]
        lists.append((BENIGN, data.get(BENIGN, {}).get("texts", [])))
        for label, texts in lists:
            if label != BENIGN and label not in CATEGORIES:
                raise ValueError(f"{language}.toml: unknown category {label!r}")
            for index, text in enumerate(texts):
                samples.append(Sample(language, label, text, holdout=index % 5 == 4))
    if split == "dev":
        return [sample for sample in samples if not sample.holdout]
    if split == "holdout":
        return [sample for sample in samples if sample.holdout]
    return samples


@dataclass
class Tally:
    total: int = 0
    right: int = 0  # crisis held, or benign left alone

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 1.0


@dataclass
class Outcome:
    sample: Sample
    hits: list[CrisisHit]

    @property
    def flagged(self) -> bool:
        return bool(self.hits)


@dataclass
class Evaluation:
    recall_by_language: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    precision_by_language: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    recall_by_category: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    misses: list[Outcome] = field(default_factory=list)
    false_alarms: list[Outcome] = field(default_factory=list)
    other_category: list[Outcome] = field(default_factory=list)  # held, but under another category

    @property
    def recall(self) -> Tally:
        return _sum(self.recall_by_language.values())

    @property
    def precision(self) -> Tally:
        return _sum(self.precision_by_language.values())

    def failures(self, *, min_recall: float, min_precision: float) -> list[str]:
        """Every language below a threshold, in words."""
        problems = []
        for language in LANGUAGES:
            recall = self.recall_by_language.get(language)
            precision = self.precision_by_language.get(language)
            if recall and recall.total and recall.share < min_recall:
                problems.append(f"{language}: crisis recall {recall.share:.1%} is below {min_recall:.0%}")
            if precision and precision.total and precision.share < min_precision:
                problems.append(f"{language}: benign precision {precision.share:.1%} is below {min_precision:.0%}")
        return problems


def _sum(tallies: Iterable[Tally]) -> Tally:
    total = Tally()
    for tally in tallies:
        total.total += tally.total
        total.right += tally.right
    return total


def evaluate(matcher: CrisisMatcher, samples: Iterable[Sample]) -> Evaluation:
    result = Evaluation()
    for sample in samples:
        outcome = Outcome(sample, matcher.find(sample.text))
        if sample.is_crisis:
            for tally in (result.recall_by_language[sample.language], result.recall_by_category[sample.label]):
                tally.total += 1
                tally.right += outcome.flagged
            if not outcome.flagged:
                result.misses.append(outcome)
            elif sample.label not in {hit.category for hit in outcome.hits}:
                result.other_category.append(outcome)
        else:
            tally = result.precision_by_language[sample.language]
            tally.total += 1
            tally.right += not outcome.flagged
            if outcome.flagged:
                result.false_alarms.append(outcome)
    return result


def report(result: Evaluation) -> list[str]:
    """The evaluation as lines of text: tables, then every miss and every false alarm."""
    lines = [f"{'language':<10}{'crisis':>8}{'held':>6}{'recall':>9}   {'benign':>7}{'clear':>7}{'precision':>11}"]
    for language in LANGUAGES:
        recall, precision = result.recall_by_language.get(language, Tally()), result.precision_by_language.get(language, Tally())
        lines.append(
            f"{language:<10}{recall.total:>8}{recall.right:>6}{recall.share:>9.1%}   "
            f"{precision.total:>7}{precision.right:>7}{precision.share:>11.1%}"
        )
    recall, precision = result.recall, result.precision
    lines.append(
        f"{'all':<10}{recall.total:>8}{recall.right:>6}{recall.share:>9.1%}   "
        f"{precision.total:>7}{precision.right:>7}{precision.share:>11.1%}"
    )
    lines += ["", f"{'category':<17}{'crisis':>8}{'held':>6}{'recall':>9}"]
    for category in CATEGORIES:
        tally = result.recall_by_category.get(category, Tally())
        lines.append(f"{category:<17}{tally.total:>8}{tally.right:>6}{tally.share:>9.1%}")
    lines += ["", f"Misses ({len(result.misses)}):"]
    lines += [f"  [{o.sample.language} {o.sample.label}] {o.sample.text}" for o in result.misses]
    lines += ["", f"False alarms ({len(result.false_alarms)}):"]
    lines += [
        f"  [{o.sample.language}] {o.sample.text}  <- " + "; ".join(f"{h.rule}: “{h.matched}”" for h in o.hits)
        for o in result.false_alarms
    ]
    lines += ["", f"Held under another category ({len(result.other_category)}):"]
    lines += [
        f"  [{o.sample.language} {o.sample.label}] {o.sample.text}  <- " + ", ".join(sorted({h.category for h in o.hits}))
        for o in result.other_category
    ]
    return lines
