"""Text folding shared by the detectors: case- and accent-insensitive matching.

Folding changes lengths ("æ" -> "ae", "ß" -> "ss"), so ``fold_map`` keeps, for every folded
character, the index of the character it came from: a match in folded text can be traced
back to the words the author wrote, and only those are censored.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

# Letters NFKD does not decompose but readers treat as accented forms.
_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "đ": "d", "ł": "l", "Ł": "L", "Đ": "D"})

# Cyrillic and Greek letters that look like Latin ones: "іdіot" written with Cyrillic "і".
# Only used for rules that ask for look-alike spellings. One character to one, so the
# position map of the folded text still holds.
_HOMOGLYPHS = str.maketrans(
    "аеорсухіјѕԁкмтвнпгլ" "αεοριτυνκχβ" "ɑɡіⅼ",
    "aeopcyxijsdkmtbhnrl" "aeopitunkxb" "agil",
)


def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    stripped = "".join(part for part in decomposed if not unicodedata.combining(part))
    return stripped.translate(_LETTERS).casefold()


_FOLDED: dict[str, str] = {}


def _folded_char(char: str) -> str:
    folded = _FOLDED.get(char)
    if folded is None:
        folded = _fold_char(char)
        if len(_FOLDED) < 50_000:
            _FOLDED[char] = folded
    return folded


def _fold_lowered(lowered: str) -> tuple[str, list[tuple[int, int]]]:
    """Fold lower-cased text: replace its few distinct non-ASCII characters (C speed), and
    list (index, folded length) for the ones whose folded form has another length."""
    resized: list[tuple[int, int]] = []
    folded = lowered
    for char in set(lowered):
        if char.isascii():
            continue
        replacement = _folded_char(char)
        if replacement == char:
            continue
        if len(replacement) != 1:
            resized.extend((index, len(replacement)) for index in _positions(lowered, char))
        folded = folded.replace(char, replacement)
    resized.sort()
    return folded, resized


def _slow_fold(text: str) -> tuple[str, list[int]]:
    chars, source = [], []
    for index, char in enumerate(text):
        folded = _folded_char(char)
        chars.append(folded)
        source.extend([index] * len(folded))
    source.append(len(text))
    return "".join(chars), source


def fold(text: str) -> str:
    """Lower-case and strip accents ("Självmord" -> "sjalvmord"), keep everything else."""
    text = text or ""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    if len(lowered) != len(text):  # "İ" lower-cases to two characters
        return _slow_fold(text)[0]
    return _fold_lowered(lowered)[0]


@dataclass(frozen=True)
class Folded:
    """Folded text with, for each folded character, the index of its source character."""

    text: str
    # One entry per folded character and one extra at the end (the length of the unfolded
    # text); a ``range`` when folding kept every length.
    source: Sequence[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the unfolded text that folds to ``text[start:end]``."""
        if end <= start:
            return self.source[start], self.source[start]
        return self.source[start], self.source[end - 1] + 1


class _ResizedSource(Sequence):
    """Folded position -> unfolded index, kept as the few characters that changed length."""

    __slots__ = ("_unfolded", "_folded", "_lengths", "_size")

    def __init__(self, resized: list[tuple[int, int]], size: int):
        self._unfolded = [index for index, _length in resized]
        self._lengths = [length for _index, length in resized]
        self._folded = []
        shift = 0
        for index, length in resized:
            self._folded.append(index + shift)
            shift += length - 1
        self._size = size

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, position):
        if isinstance(position, slice):
            return tuple(self[i] for i in range(*position.indices(self._size)))
        if position < 0:
            position += self._size
        if not 0 <= position < self._size:
            raise IndexError(position)
        k = bisect_right(self._folded, position) - 1
        if k < 0:
            return position
        start, length = self._folded[k], self._lengths[k]
        if position < start + length:
            return self._unfolded[k]
        return position - (start + length) + self._unfolded[k] + 1

    def __iter__(self):
        return (self[i] for i in range(self._size))


def fold_map(text: str) -> Folded:
    """``fold`` with a map back to the unfolded positions."""
    text = text or ""
    lowered = text.lower()
    if lowered.isascii() and len(lowered) == len(text):
        return Folded(lowered, range(len(text) + 1))
    if len(lowered) != len(text):
        folded, source = _slow_fold(text)
        return Folded(folded, tuple(source))
    folded, resized = _fold_lowered(lowered)
    if not resized:
        return Folded(folded, range(len(text) + 1))
    return Folded(folded, _ResizedSource(resized, len(folded) + 1))


def _positions(text: str, char: str):
    index = text.find(char)
    while index != -1:
        yield index
        index = text.find(char, index + 1)


def fold_lookalikes(folded: str) -> str:
    """Folded text with Cyrillic and Greek look-alike letters read as Latin (same length)."""
    return folded if folded.isascii() else folded.translate(_HOMOGLYPHS)


# Digits and symbols written for letters: "l0ser", "1d10t", "$hit", "@ss", "f*ck".
_LOOKALIKE_CLASSES = {
    "a": "a4@*",
    "b": "b8",
    "e": "e3€*",
    "g": "g9",
    "i": "i1!|l*",
    "l": "l1|i",
    "o": "o0*",
    "s": "s5$",
    "t": "t7+",
    "u": "uv*",
    "y": "y*",
    "z": "z2",
}
# Letters spelled out one by one: "f u c k", "f.u.c.k", "i d i o t s".
_SPACER_CHAR = r"[\s._\-·,:;'\"/\\~]"
_SPACER = _SPACER_CHAR + "{1,3}"
# Not inside a spelled-out run, that is, not right after a lone letter and its spacer: a rule
# starting with "*" then reads each run once from its first letter, not again from each letter.
_RUN_START = "".join(rf"(?<!(?<!\w)\w{_SPACER_CHAR}{{{n}}})" for n in (1, 2, 3))
_WORD_START = r"(?<!\w)"
_WORD_END = r"(?!\w)"


def _letter_class(char: str) -> str:
    alternatives = _LOOKALIKE_CLASSES.get(char)
    if not alternatives:
        return re.escape(char)
    return "[" + "".join(re.escape(alt) for alt in alternatives) + "]"


def _plain_atoms(folded: str) -> list[str]:
    atoms: list[str] = []
    for char in folded:
        if char == "*":
            atoms.append(r"\w*")
        elif char.isspace():
            if not (atoms and atoms[-1] == r"\s+"):
                atoms.append(r"\s+")
        else:
            atoms.append(re.escape(char))
    return atoms


def pattern_body(pattern: str) -> str:
    """A watched pattern as a regex body over folded text; ``*`` means any letters and a
    space matches any run of whitespace."""
    return "".join(_plain_atoms(fold(pattern).strip()))


def _lookalike_forms(folded: str) -> tuple[list[str], list[str]]:
    """The joined form ("l0ser", "fuuuck") and the spaced form ("f.u.c.k"), atom by atom."""
    joined: list[str] = []
    for char in folded:
        if char == "*":
            joined.append(r"[\w@$!|€*+]*")
        elif char.isspace():
            if not (joined and joined[-1] == r"\s+"):
                joined.append(r"\s+")
        else:
            joined.append(_letter_class(char) + "+")
    spaced: list[str] = []
    leading = True  # no letter yet: a wildcard here stands for letters before the first one
    for char in folded:
        if char.isspace():
            continue
        if char == "*":
            # "*hole" spaced out is "a.s.s.h.o.l.e": letters, each followed by a spacer.
            if not leading:
                spaced.append(rf"(?:{_SPACER}\w)*")
            elif not spaced:
                spaced.append(_RUN_START + rf"(?:\w{_SPACER})*")
        else:
            if not leading:
                spaced.append(_SPACER)
            spaced.append(_letter_class(char))
            leading = False
    return joined, spaced


def lookalike_body(pattern: str) -> str:
    """A watched pattern that also matches look-alike spellings: digits and symbols for
    letters, repeated letters ("fuuuck"), and the letters spaced or dotted out."""
    joined, spaced = _lookalike_forms(fold(pattern).strip())
    return "(?:" + "".join(joined) + "|" + "".join(spaced) + ")"


# The word-start check comes right after the first letter where it can ("i(?<!\w.)diot"):
# a regex that starts with a letter lets the engine skip ahead to where that letter occurs
# instead of trying the check at every position, which makes matching many times faster.
_AFTER_FIRST = r"(?<!\w.)"


def pattern_regex(pattern: str, *, lookalikes: bool = False) -> re.Pattern:
    """A watched pattern as a whole-word regex over folded text."""
    folded = fold(pattern).strip()
    if not folded or folded[0] == "*":
        body = lookalike_body(pattern) if lookalikes else pattern_body(pattern)
        return re.compile(_WORD_START + body + _WORD_END, re.UNICODE)
    first = folded[0]
    if lookalikes:
        joined, spaced = _lookalike_forms(folded)
        head = _letter_class(first)
        # joined[0] is "head+": one repetition consumed, any more may follow.
        body = head + _AFTER_FIRST + "(?:" + head + "*" + "".join(joined[1:]) + "|" + "".join(spaced[1:]) + ")"
    else:
        body = re.escape(first) + _AFTER_FIRST + "".join(_plain_atoms(folded[1:]))
    return re.compile(body + _WORD_END, re.UNICODE)
