"""Text folding shared by the detectors: case- and accent-insensitive matching.

Folding changes lengths ("æ" -> "ae", "ß" -> "ss"), so ``fold_map`` keeps, for every folded
character, the index of the character it came from: a match in folded text can be traced
back to the words the author wrote, and only those are censored.
"""

from __future__ import annotations

import re
import unicodedata
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


def fold(text: str) -> str:
    """Lower-case and strip accents ("Självmord" -> "sjalvmord"), keep everything else."""
    text = text or ""
    if text.isascii():
        return text.lower()
    return "".join(_folded_char(char) for char in text)


@dataclass(frozen=True)
class Folded:
    """Folded text with, for each folded character, the index of its source character."""

    text: str
    source: tuple[int, ...]  # one extra entry at the end: the length of the unfolded text

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the unfolded text that folds to ``text[start:end]``."""
        if end <= start:
            return self.source[start], self.source[start]
        return self.source[start], self.source[end - 1] + 1


def fold_map(text: str) -> Folded:
    """``fold`` with a map back to the unfolded positions."""
    text = text or ""
    if text.isascii():
        return Folded(text.lower(), tuple(range(len(text) + 1)))
    chars: list[str] = []
    source: list[int] = []
    for index, char in enumerate(text):
        folded = _folded_char(char)
        chars.append(folded)
        if len(folded) == 1:
            source.append(index)
        else:
            source.extend([index] * len(folded))
    source.append(len(text))
    return Folded("".join(chars), tuple(source))


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
_SPACER = r"[\s._\-·,:;'\"/\\~]{1,3}"
_WORD_START = r"(?<!\w)"
_WORD_END = r"(?!\w)"


def _letter_class(char: str) -> str:
    alternatives = _LOOKALIKE_CLASSES.get(char)
    if not alternatives:
        return re.escape(char)
    return "[" + "".join(re.escape(alt) for alt in alternatives) + "]"


def pattern_body(pattern: str) -> str:
    """A watched pattern as a regex body over folded text; ``*`` means any letters and a
    space matches any run of whitespace."""
    parts = [re.escape(part) for part in fold(pattern).split("*")]
    body = r"\w*".join(parts)
    return re.sub(r"(\\ )+", r"\\s+", body)


def lookalike_body(pattern: str) -> str:
    """A watched pattern that also matches look-alike spellings: digits and symbols for
    letters, repeated letters ("fuuuck"), and the letters spaced or dotted out."""
    folded = fold(pattern).strip()
    joined: list[str] = []
    for char in folded:
        if char == "*":
            joined.append(r"[\w@$!|€*+]*")
        elif char.isspace():
            if not (joined and joined[-1] == r"\s+"):
                joined.append(r"\s+")
        else:
            joined.append(_letter_class(char) + "+")
    letters = [char for char in folded if not char.isspace()]
    spaced: list[str] = []
    for char in letters:
        if char == "*":
            spaced.append(rf"(?:{_SPACER}\w)*")
        else:
            if spaced:
                spaced.append(_SPACER)
            spaced.append(_letter_class(char))
    return "(?:" + "".join(joined) + "|" + "".join(spaced) + ")"


def pattern_regex(pattern: str, *, lookalikes: bool = False) -> re.Pattern:
    """A watched pattern as a whole-word regex over folded text."""
    body = lookalike_body(pattern) if lookalikes else pattern_body(pattern)
    return re.compile(_WORD_START + body + _WORD_END, re.UNICODE)
