"""What a reader is shown of a text: the form every screening rule runs on (interim version)."""

# INTERIM (lead): a stand-in so main runs until helper `pdata`'s version lands. On a rebase conflict,
# take the `pdata` version of this code wholesale; keep only the interface names used by moderation/rulebook.py
# and moderation/screening.py (WordRule, WordMatch, WatchedWords, compile_words, PersonalData, personal_data,
# Shown, shown_text).

import html
import re
import unicodedata
from dataclasses import dataclass

_INVISIBLE = dict.fromkeys(
    [0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x180E, *range(0x202A, 0x202F), *range(0x2066, 0x206A), *range(0xFE00, 0xFE10)]
)
_MARKUP = re.compile(r"<!--.*?(?:-->|$)|</?[A-Za-z][^>]*>?", re.DOTALL)
_BLOCK = re.compile(r"</?(p|br|div|li|ul|ol|blockquote|pre|h\d|tr|td|table)\b", re.IGNORECASE)
_ENTITY = re.compile(r"&(#\d+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")


@dataclass(frozen=True)
class Shown:
    text: str
    origin: tuple[int, ...]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        if start >= len(self.text):
            return len(self.origin) - 1, len(self.origin) - 1
        last = max(start, end - 1)
        return self.origin[start], self.origin[last] + 1 if last < len(self.text) else self.origin[-1]


def shown_text(raw: str) -> Shown:
    raw = raw or ""
    chars: list[str] = []
    origin: list[int] = []
    index = 0
    while index < len(raw):
        markup = _MARKUP.match(raw, index) if raw[index] == "<" else None
        if markup and markup.end() > index:
            if _BLOCK.match(markup.group(0)):
                chars.append(" ")
                origin.append(index)
            index = markup.end()
            continue
        entity = _ENTITY.match(raw, index) if raw[index] == "&" else None
        if entity:
            decoded = html.unescape(entity.group(0))
            if decoded != entity.group(0):
                for char in unicodedata.normalize("NFKC", decoded):
                    if ord(char) not in _INVISIBLE:
                        chars.append(char)
                        origin.append(index)
                index = entity.end()
                continue
        char = raw[index]
        if ord(char) not in _INVISIBLE:
            for folded in unicodedata.normalize("NFKC", char):
                chars.append(folded)
                origin.append(index)
        index += 1
    origin.append(len(raw))
    return Shown("".join(chars), tuple(origin))
