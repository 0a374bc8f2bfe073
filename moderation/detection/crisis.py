"""Crisis signals by word forms, in English, Swedish, Danish, Finnish and Norwegian bokmål.

A pure module (no Django models): the screening pipeline passes in the moderators' rules and
gets back one ``CrisisHit`` per rule that fired, naming the category and the author's own words.

How a text is read
------------------
The text is split into words; each word is lower-cased, its accents are folded ("Självmord",
"sjalvmord" and "SJÄLVMORD" are one word; ø, æ, å, ä, ö fold to o, ae, a, a, o, and in Danish and
Norwegian "aa" to "a") and it is reduced to its stem by the Snowball stemmer of every language
(PyStemmer), so "skadar", "skadade" and "skada" meet, as do "hits", "hit" and "beats"/"beat". A
pack may list irregular forms the stemmer cannot join ("took" for "take", "slog" for "slå").
Every pack runs on every text: authors mix languages ("i just want to die, alt er lort").

Pattern grammar (rule packs and the moderators' crisis rules alike)
-------------------------------------------------------------------
``want to die``        words, each reduced to its base form, in this order;
``hit|beat|punch``     alternatives for one word;
``[I] swallowed``      words in square brackets may be left out (``[all of my mum's]``);
``self*``              ``*`` stands for any letters (matched on the folded word, not stemmed);
``kill ... myself``    ``...`` allows a gap of up to six words here;
``took # pills``       ``#`` stands for a number written in digits;
``=od``                ``=`` matches the word exactly as written (folded, not stemmed).

A rule from a pack also has a ``gap``: how many other words may come between any two of its
words ("I don't really want to die"). Moderators' rules have no gap except where they write
``...``, so a phrase they write means that phrase. Words never match across a full stop, a
question or exclamation mark, or a line break.

A pack rule may require ``context`` (a word near the match, e.g. a family member for "hits
me"), name ``unless`` words whose nearness cancels it (the ordinary reason in a look-alike: "I
won't be here next summer, I'm *moving*") and list ``exceptions``: idioms that look like the rule but are not a crisis ("dying to
know", "hon slår mig alltid i schack"). An exception that overlaps the match cancels it. A
pack's ``idiom`` entries cancel any rule, the moderators' included, whose match overlaps
them ("vill inte leva på studielån" is about money); an idiom allows ``IDIOM_GAP`` other words
between its words unless it sets its own ``gap``.

Negations and reports about someone else are signals too: "I don't want to live anymore" and
"my friend says she wants to die" both need a counsellor.
"""

from __future__ import annotations

import itertools
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path

import Stemmer

CATEGORIES = ("suicide", "self_harm", "abuse", "sexual_abuse", "eating_disorder", "overdose")
LANGUAGES = ("en", "sv", "da", "fi", "nb")
PACKS = Path(__file__).with_name("packs")

# What "..." in a pattern allows, and the most a pack rule may set as its gap.
WIDE_GAP = 6
# Other words allowed between two words of an idiom, unless the idiom sets its own `gap`.
IDIOM_GAP = 2
# Words either side of a match searched for a rule's context words, by default.
CONTEXT_WINDOW = 12
# Bounds the per-matcher word cache; ordinary vocabularies stay far below it.
CACHE_LIMIT = 200_000

_STEMMER_NAMES = {"en": "english", "sv": "swedish", "da": "danish", "fi": "finnish", "nb": "norwegian"}
_WORD = re.compile(r"[^\W_]+(?:[-'’:][^\W_]+)*")
_SENTENCE_END = re.compile(r"[!?\n]|(?<!\.)\.(?!\.)")
_JOINERS = str.maketrans("", "", "-'’:")
_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "ß": "ss", "đ": "d", "ł": "l", "œ": "oe"})


class PatternError(ValueError):
    """A rule's pattern cannot be read; the message says why."""


@dataclass(frozen=True)
class CrisisHit:
    category: str  # one of CATEGORIES
    rule: str  # stable rule id, e.g. "sv.self_harm.skada_sig_sjalv"; moderator rules: "db:<pk>"
    language: str  # "en", "sv", "da", "fi", "nb", or "" for any
    matched: str  # the words as the author wrote them (a slice of the input text)


def fold(word: str) -> str:
    """Lower-case, accents and joiners removed: "Själv-mord" -> "sjalvmord"."""
    lowered = word.casefold().translate(_LETTERS)
    if lowered.isascii():
        return lowered.translate(_JOINERS)
    decomposed = unicodedata.normalize("NFKD", lowered)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    # Compatibility letters decompose to capitals ("𝐃𝐈𝐄", "ᴰᴵᴱ" -> "DIE") or to "ø" ("ǿ"): fold again.
    return bare.casefold().translate(_LETTERS).translate(_JOINERS)


def _nordic(folded: str) -> str:
    # Danes and Norwegians without the letters å and ø write "aa" and "oe" ("paa", "skaaret",
    # "roerer", "noegenbilleder"); ø itself folds to "o".
    return folded.replace("aa", "a").replace("oe", "o")


@lru_cache(maxsize=None)
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(_STEMMER_NAMES[language])


def _language_keys(word: str, language: str, lowered: str | None = None, folded: str | None = None) -> set[str]:
    """The base forms of one word in one language, with and without its accents."""
    lowered = lowered if lowered is not None else word.casefold().translate(_JOINERS)
    folded = folded if folded is not None else fold(word)
    stem = _stemmer(language).stemWord
    stemmed = stem(folded)
    keys = {fold(stem(lowered)), stemmed} if lowered != folded else {stemmed}
    if language in ("da", "nb") and ("aa" in folded or "oe" in folded):
        nordic = _nordic(folded)
        keys |= {_nordic(key) for key in keys} | {stem(nordic)}
    if language == "da":
        # The Danish stemmer keeps the past tense's "-ed" ("skadede" -> "skaded"); join it to "skad".
        keys |= {key[:-2] for key in keys if key.endswith("ed") and len(key) > 4}
    return {f"{language}:{key}" for key in keys}


@lru_cache(maxsize=20_000)
def _pattern_keys(word: str, language: str) -> frozenset[str]:
    """A pattern word's keys: packs repeat the same words ("mig", "jeg") many times."""
    return frozenset(_language_keys(word, language))


def word_keys(word: str) -> frozenset[str]:
    """Every key one written word can match: its base form in each language."""
    lowered = word.casefold().translate(_JOINERS)
    folded = fold(word)
    keys: set[str] = set()
    for language in LANGUAGES:
        keys |= _language_keys(word, language, lowered, folded)
    return frozenset(keys)


# --- Compiled patterns ---------------------------------------------------------------------


_slot_ids = itertools.count()


@dataclass(frozen=True)
class _Slot:
    """One word of a pattern: keys of its alternatives, and wildcard alternatives.

    Each slot has a number; a matcher works out once per written word which slots it fills, so
    matching a text is set look-ups, with no stemming or regular expressions per call.
    """

    keys: frozenset[str]
    globs: tuple[re.Pattern, ...] = ()
    id: int = field(default_factory=lambda: next(_slot_ids))


@dataclass(frozen=True)
class _Element:
    slot: _Slot
    optional: bool
    gap: int  # words that may come between the previous element and this one


@dataclass(frozen=True)
class _Pattern:
    elements: tuple[_Element, ...]

    @cached_property
    def required(self) -> frozenset[int]:
        """The slots a text must fill somewhere for this pattern to be tried."""
        return frozenset(element.slot.id for element in self.elements if not element.optional)

    @cached_property
    def first_required(self) -> int:
        return next(index for index, element in enumerate(self.elements) if not element.optional)

    @cached_property
    def lead(self) -> int:
        """How many words before its first required word a match may start (left-out words)."""
        first = self.first_required
        return sum(1 + element.gap for element in self.elements[1 : first + 1]) if first else 0

    @property
    def slots(self) -> Iterable[_Slot]:
        return (element.slot for element in self.elements)


class _Words:
    """A text's words as the matcher reads them: the slots each word fills, and its sentence.

    Built with a few C-level passes (split into sentences, find the words, look up their slots);
    where a word stands in the text is worked out only for a match (``written``).
    """

    __slots__ = ("text", "slots", "sentences")

    def __init__(self, text: str, slots: list[frozenset[int]], sentences: list[int]) -> None:
        self.text = text
        self.slots = slots
        self.sentences = sentences

    def written(self, span: tuple[int, int]) -> str:
        """The words ``span`` covers, as the author wrote them."""
        found = list(itertools.islice(_WORD.finditer(self.text), span[0], span[1]))
        return self.text[found[0].start() : found[-1].end()]


@dataclass
class _Rule:
    rule_id: str
    category: str
    language: str
    patterns: tuple[_Pattern, ...]
    context: tuple[_Slot, ...] = ()
    context_window: int = CONTEXT_WINDOW
    exceptions: tuple[_Pattern, ...] = ()
    # Words that cancel the rule when one is within ``context_window`` words of the match: the
    # ordinary reason a look-alike gives ("I won't be here next summer, I'm *moving* to Aarhus").
    unless: tuple[_Slot, ...] = ()
    index: int = field(default=0, compare=False)


class _Forms:
    """Irregular forms from the packs: any form of a group stands for all of them."""

    def __init__(self) -> None:
        self.groups: dict[str, dict[str, tuple[str, ...]]] = {language: {} for language in LANGUAGES}

    def add(self, language: str, base: str, forms: Iterable[str]) -> None:
        group = (base, *forms)
        for word in group:
            if not _WORD.fullmatch(word):
                raise PatternError(f"[forms] {base}: “{word}” is not one word")
        for word in group:
            known = self.groups[language].get(fold(word), ())
            self.groups[language][fold(word)] = tuple(dict.fromkeys((*known, *group)))

    def of(self, word: str, language: str) -> tuple[str, ...]:
        return self.groups[language].get(fold(word), (word,))


# One slot per distinct word set: the packs say "mig", "myself" or "jeg" in many rules, and a
# word that fills one shared slot is one set entry per text, not one per rule.
_INTERNED: dict[tuple[frozenset[str], tuple[str, ...]], _Slot] = {}


def _interned(keys: frozenset[str], globs: tuple[re.Pattern, ...]) -> _Slot:
    identity = (keys, tuple(glob.pattern for glob in globs))
    slot = _INTERNED.get(identity)
    if slot is None:
        slot = _INTERNED.setdefault(identity, _Slot(keys, globs))
    return slot


def _slot(text: str, languages: tuple[str, ...], forms: _Forms) -> _Slot:
    keys: set[str] = set()
    globs: list[re.Pattern] = []
    for alternative in text.split("|"):
        alternative = alternative.strip()
        if not alternative:
            raise PatternError(f"an empty alternative in “{text}”")
        if alternative.startswith("=") and len(alternative) > 1:
            globs.append(re.compile(re.escape(fold(alternative[1:]))))
            continue
        if alternative == "#":
            globs.append(re.compile(r"\d+"))
            continue
        if "*" in alternative:
            parts = [re.escape(fold(part)) for part in alternative.split("*")]
            if not any(parts):
                raise PatternError("“*” needs at least one letter beside it")
            globs.append(re.compile(r"\w*".join(parts)))
            continue
        if not _WORD.fullmatch(alternative):
            raise PatternError(f"“{alternative}” is not one word (use spaces between words)")
        for language in languages:
            for form in forms.of(alternative, language):
                keys |= _pattern_keys(form, language)
    return _interned(frozenset(keys), tuple(globs))


def compile_pattern(pattern: str, *, gap: int, languages: tuple[str, ...], forms: _Forms | None = None) -> _Pattern:
    """Read one pattern of the grammar in the module docstring."""
    forms = forms or _Forms()
    elements: list[_Element] = []
    optional = False
    next_gap = gap
    for part in pattern.replace("…", " ... ").split():
        if part == "...":
            next_gap = WIDE_GAP
            continue
        opens, closes = part.startswith("["), part.endswith("]")
        word = part.strip("[]")
        if opens:
            if optional:
                raise PatternError("“[” inside “[ ]”")
            optional = True
        if not word:
            raise PatternError(f"nothing inside “{part}”")
        elements.append(_Element(_slot(word, languages, forms), optional, next_gap if elements else 0))
        next_gap = gap
        if closes:
            if not optional:
                raise PatternError("“]” without “[”")
            optional = False
    if optional:
        raise PatternError("“[” without “]”")
    if not any(not element.optional for element in elements):
        raise PatternError("a pattern needs at least one word outside “[ ]”")
    return _Pattern(tuple(elements))


def _match_at(pattern: _Pattern, words: _Words, start: int) -> int | None:
    """The end (exclusive) of a match of ``pattern`` beginning with the word at ``start``."""
    elements = pattern.elements
    slots, sentences = words.slots, words.sentences
    count = len(slots)

    def walk(index: int, position: int, allowance: int, previous: int | None) -> int | None:
        if index == len(elements):
            return previous + 1 if previous is not None else None
        element = elements[index]
        if previous is None:
            candidates = range(position, position + 1)
        else:
            candidates = range(position, min(count, position + allowance + 1))
        for at in candidates:
            if at >= count:
                break
            if previous is not None and sentences[at] != sentences[previous]:
                break
            if element.slot.id in slots[at]:
                following = elements[index + 1].gap if index + 1 < len(elements) else 0
                end = walk(index + 1, at + 1, following, at)
                if end is not None:
                    return end
        if element.optional:
            if previous is None:
                return walk(index + 1, position, 0, None)
            following = elements[index + 1].gap if index + 1 < len(elements) else 0
            return walk(index + 1, position, allowance + 1 + following, previous)
        return None

    return walk(0, start, 0, None)


def _spans(pattern: _Pattern, words: _Words) -> Iterable[tuple[int, int]]:
    """Every match, tried only where the pattern's first required word occurs."""
    anchor = pattern.elements[pattern.first_required].slot.id
    lead = pattern.lead
    tried = -1
    for position, filled in enumerate(words.slots):
        if anchor not in filled:
            continue
        for start in range(max(tried + 1, position - lead), position + 1):
            end = _match_at(pattern, words, start)
            if end is not None:
                yield start, end
        tried = position


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# --- The matcher ---------------------------------------------------------------------------


class CrisisMatcher:
    """Compiled rules; ``find`` is safe to call from many threads (its cache only grows)."""

    def __init__(self, rules: list[_Rule], idioms: list[_Pattern]) -> None:
        self._rules = rules
        self._idioms = idioms
        slots: dict[int, _Slot] = {}
        for pattern in self._all_patterns():
            slots.update((slot.id, slot) for slot in pattern.slots)
        for rule in rules:
            slots.update((slot.id, slot) for slot in (*rule.context, *rule.unless))
        self._by_key: dict[str, list[int]] = {}
        # Wildcards filed by their first two letters, so a new word is tried against few of them.
        self._globs: dict[str, list[tuple[re.Pattern, int]]] = {}
        for slot in slots.values():
            for key in slot.keys:
                self._by_key.setdefault(key, []).append(slot.id)
            for glob in slot.globs:
                literal = re.match(r"[^\W\d_]{2}", glob.pattern)
                self._globs.setdefault(literal.group(0) if literal else "", []).append((glob, slot.id))
        # One expression per bucket says whether any of its wildcards fits: most words fit none,
        # so a new word costs one match per bucket instead of one per wildcard.
        self._any_glob: dict[str, re.Pattern] = {
            start: re.compile("|".join(f"(?:{glob.pattern})" for glob, _slot_id in globs))
            for start, globs in self._globs.items()
        }
        # The prefilter: each (rule, pattern) pair is filed under one of its required words, the
        # one fewest patterns share ("pills" rather than "my"): a text that fills it is checked for
        # the rest, so common words do not make every text a candidate for many rules.
        shared: dict[int, int] = {}
        for rule in rules:
            for pattern in rule.patterns:
                for slot_id in pattern.required:
                    shared[slot_id] = shared.get(slot_id, 0) + 1
        self._anchored: dict[int, list[tuple[int, int, frozenset[int]]]] = {}
        for rule in rules:
            for number, pattern in enumerate(rule.patterns):
                anchor = min(pattern.required, key=lambda slot_id: (shared[slot_id], slot_id))
                self._anchored.setdefault(anchor, []).append((rule.index, number, pattern.required))
        self._cache: dict[str, frozenset[int]] = {}

    def _all_patterns(self) -> Iterable[_Pattern]:
        for rule in self._rules:
            yield from rule.patterns
            yield from rule.exceptions
        yield from self._idioms

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(rule.rule_id for rule in self._rules)

    def _read(self, word: str) -> tuple[frozenset[int], tuple[tuple[int, int, frozenset[int]], ...]]:
        """The slots a written word fills, and the patterns filed under them (cached: most texts
        reuse the same words)."""
        reading = self._cache.get(word)
        if reading is None:
            folded = fold(word)
            found = {slot_id for key in word_keys(word) for slot_id in self._by_key.get(key, ())}
            # Wildcards meet the word as written and, for "aa"/"oe" writers, as "å"/"ø" fold.
            for written in {folded, _nordic(folded)}:
                for start in {written[:2], ""}:
                    any_glob = self._any_glob.get(start)
                    if any_glob is not None and any_glob.fullmatch(written):
                        found.update(slot_id for glob, slot_id in self._globs[start] if glob.fullmatch(written))
            anchored = tuple(entry for slot_id in found for entry in self._anchored.get(slot_id, ()))
            if len(self._cache) >= CACHE_LIMIT:
                self._cache.clear()
            reading = self._cache[word] = (frozenset(found), anchored)
        return reading

    def find(self, text: str) -> list[CrisisHit]:
        """Every rule that fires on ``text`` (plain visible text), in the order they occur."""
        if not text:
            return []
        cached, read = self._cache.get, self._read
        readings = [cached(word) or read(word) for word in set(_WORD.findall(text))]
        # Most texts fill no pattern's filed word: they are done without collecting their slots.
        entries = [entry for _slots, anchored in readings if anchored for entry in anchored]
        if not entries:
            return []
        filled = set().union(*(slots for slots, _anchored in readings))
        candidates: dict[int, set[int]] = {}
        for rule_index, number, required in entries:
            if required <= filled:
                candidates.setdefault(rule_index, set()).add(number)
        if not candidates:
            return []
        tokens = self._tokens(text)
        idiom_spans: list[tuple[int, int]] | None = None
        found: list[tuple[int, CrisisHit]] = []
        seen: set[tuple[str, tuple[int, int]]] = set()
        for index in sorted(candidates):
            rule = self._rules[index]
            span = self._rule_span(rule, sorted(candidates[index]), tokens)
            if span is None:
                continue
            if idiom_spans is None:
                # Only idioms whose words are all in the text can match: the rest are not tried.
                idiom_spans = [
                    idiom for pattern in self._idioms if pattern.required <= filled for idiom in _spans(pattern, tokens)
                ]
            if any(_overlaps(span, idiom) for idiom in idiom_spans):
                continue
            if (rule.category, span) in seen:
                continue  # the same words, caught by a neighbour language's rule too
            seen.add((rule.category, span))
            matched = tokens.written(span)
            found.append((span[0], CrisisHit(rule.category, rule.rule_id, rule.language, matched)))
        return [hit for _start, hit in sorted(found, key=lambda item: item[0])]

    def _tokens(self, text: str) -> _Words:
        # Every word was read by ``find`` just before, so its slots come from the cache. Words
        # never straddle a sentence end, so reading sentence by sentence finds the same words.
        cached, read = self._cache.get, self._read
        slots: list[frozenset[int]] = []
        sentences: list[int] = []
        for number, sentence in enumerate(_SENTENCE_END.split(text)):
            found = _WORD.findall(sentence)
            if found:
                slots += [(cached(word) or read(word))[0] for word in found]
                sentences += [number] * len(found)
        return _Words(text, slots, sentences)

    def _rule_span(self, rule: _Rule, numbers: list[int], tokens: _Words) -> tuple[int, int] | None:
        """The first match of the rule's candidate patterns that has its context and is no idiom."""
        exceptions: list[tuple[int, int]] | None = None
        for number in numbers:
            for span in _spans(rule.patterns[number], tokens):
                if rule.context and not _near(rule.context, rule.context_window, tokens, span):
                    continue
                if rule.unless and _near(rule.unless, rule.context_window, tokens, span):
                    continue
                if rule.exceptions:
                    if exceptions is None:
                        exceptions = [found for exception in rule.exceptions for found in _spans(exception, tokens)]
                    if any(_overlaps(span, exception) for exception in exceptions):
                        continue
                return span
        return None


def _near(slots: tuple[_Slot, ...], window: int, tokens: _Words, span: tuple[int, int]) -> bool:
    """Does a word within ``window`` words of the match fill one of ``slots``?"""
    wanted = {slot.id for slot in slots}
    nearby = tokens.slots[max(0, span[0] - window) : span[1] + window]
    return any(not wanted.isdisjoint(filled) for filled in nearby)


# --- Packs ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Packs:
    rules: tuple[dict, ...]
    idioms: tuple[tuple[str, str, int], ...]  # (language, pattern, gap)
    forms: _Forms


def _check(condition: bool, where: str, message: str) -> None:
    if not condition:
        raise PatternError(f"{where}: {message}")


@lru_cache(maxsize=1)
def _load_packs() -> _Packs:
    forms = _Forms()
    rules: list[dict] = []
    idioms: list[tuple[str, str, int]] = []
    seen: set[str] = set()
    for language in LANGUAGES:
        path = PACKS / f"{language}.toml"
        with path.open("rb") as handle:
            pack = tomllib.load(handle)
        _check(pack.get("language") == language, path.name, "its `language` must name the file's language")
        for base, extra in pack.get("forms", {}).items():
            forms.add(language, base, extra)
        for entry in pack.get("rule", []):
            rule_id = f"{language}.{entry.get('category')}.{entry.get('id')}"
            _check(entry.get("category") in CATEGORIES, rule_id, f"category must be one of {CATEGORIES}")
            _check(bool(entry.get("patterns")), rule_id, "a rule needs `patterns`")
            _check(bool(entry.get("why")), rule_id, "say in `why` what the rule is for")
            _check(rule_id not in seen, rule_id, "rule ids must be unique")
            _check(0 <= entry.get("gap", 2) <= WIDE_GAP, rule_id, f"gap must be 0 to {WIDE_GAP}")
            seen.add(rule_id)
            rules.append({**entry, "rule_id": rule_id, "language": language})
        for entry in pack.get("idiom", []):
            # An idiom may set a narrower `gap` ("om självskad*" with none between: "om mitt
            # självskadebeteende" is the author's own).
            _check(0 <= entry.get("gap", IDIOM_GAP) <= WIDE_GAP, f"{language} idiom", f"gap must be 0 to {WIDE_GAP}")
            idioms.append((language, entry["pattern"], entry.get("gap", IDIOM_GAP)))
    return _Packs(tuple(rules), tuple(idioms), forms)


@lru_cache(maxsize=1)
def _compiled_packs() -> tuple[tuple[_Rule, ...], tuple[_Pattern, ...]]:
    """The packs' rules and idioms, compiled once per process (moderators' rules come on top)."""
    packs = _load_packs()
    rules: list[_Rule] = []
    for entry in packs.rules:
        language = (entry["language"],)
        gap = entry.get("gap", 2)
        try:
            rules.append(
                _Rule(
                    rule_id=entry["rule_id"],
                    category=entry["category"],
                    language=entry["language"],
                    patterns=tuple(compile_pattern(p, gap=gap, languages=language, forms=packs.forms) for p in entry["patterns"]),
                    context=tuple(_slot(word, language, packs.forms) for word in entry.get("context", [])),
                    context_window=entry.get("context_window", CONTEXT_WINDOW),
                    unless=tuple(_slot(word, language, packs.forms) for word in entry.get("unless", [])),
                    # Every pack runs on every text, so a rule may fire on a neighbour language's
                    # idiom: exceptions read words in all languages.
                    exceptions=tuple(
                        compile_pattern(p, gap=entry.get("exception_gap", gap), languages=LANGUAGES, forms=packs.forms)
                        for p in entry.get("exceptions", [])
                    ),
                )
            )
        except PatternError as error:
            raise PatternError(f"{entry['rule_id']}: {error}") from error
    idioms = tuple(
        compile_pattern(pattern, gap=gap, languages=LANGUAGES, forms=packs.forms) for _language, pattern, gap in packs.idioms
    )
    return tuple(rules), idioms


def compile_matcher(extra_rules: Iterable[tuple[str, str, str, str]] = ()) -> CrisisMatcher:
    """The packs (the floor) plus moderators' rules as (rule_id, pattern, category, language).

    A moderator's pattern that cannot be read raises ``PatternError`` naming the rule, so a form
    can validate a pattern by compiling it (see ``check_pattern``).
    """
    pack_rules, idioms = _compiled_packs()
    forms = _load_packs().forms
    rules = [replace(rule) for rule in pack_rules]
    for rule_id, pattern, category, language in extra_rules:
        if category not in CATEGORIES:
            raise PatternError(f"{rule_id}: category must be one of {CATEGORIES}")
        languages = (language,) if language in LANGUAGES else LANGUAGES
        try:
            compiled = compile_pattern(pattern, gap=0, languages=languages, forms=forms)
        except PatternError as error:
            raise PatternError(f"{rule_id}: {error}") from error
        rules.append(_Rule(rule_id=rule_id, category=category, language=language or "", patterns=(compiled,)))
    for index, rule in enumerate(rules):
        rule.index = index
    return CrisisMatcher(rules, list(idioms))


def check_pattern(pattern: str) -> None:
    """Raise ``PatternError`` if a moderator's pattern cannot be read (for form validation)."""
    compile_pattern(pattern, gap=0, languages=LANGUAGES, forms=_load_packs().forms)


@lru_cache(maxsize=1)
def default_matcher() -> CrisisMatcher:
    """The packs alone, compiled once per process."""
    return compile_matcher()
