"""What a reader sees of a raw text, with a map back to the raw text.

Screening must judge what is shown, not what is typed: ``idi<!-- -->ots`` shows as
"idiots", ``anna&#64;example.com`` as an e-mail address and ``k&#105;ll`` as "kill".
``shown_text`` removes markup and comments the way the sanitiser's cleaner strips them,
decodes character references, drops invisible characters and applies NFKC, and remembers
for every shown character where it came from, so a censor can replace exactly the words the
author wrote and keep everything else byte for byte.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from html.entities import html5 as _HTML5

from moderation.sanitiser import ALLOWED_TAGS

# Tags the sanitiser keeps that a browser shows as a line or paragraph break: words on either
# side stay apart. Every other tag is stripped by the sanitiser, so words around it join
# ("idi<div></div>ots" is stored, and shown, as "idiots").
_BREAKING = frozenset({"p", "br", "li", "ul", "ol", "blockquote", "pre", "div", "hr", "tr", "td", "th", "table"})
BREAKING_TAGS = _BREAKING & ALLOWED_TAGS

# Characters that show as nothing: zero-width space/non-joiner/joiner, word joiner and the
# invisible operators, soft hyphen, BOM, bidi controls, variation selectors, the Mongolian
# vowel separator, combining grapheme joiner, Hangul fillers and tag characters.
_INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0"
    "\U000e0000-\U000e007f\U000e0100-\U000e01ef"
)
_INVISIBLE_CHAR = re.compile(f"[{_INVISIBLE}]")
# Anything that could make the shown text differ from the raw text, apart from NFKC.
_SPECIAL = re.compile(f"[<&{_INVISIBLE}]")

# One piece of markup at the start of the slice, HTML-tokeniser style:
# comments (also the abrupt "<!-->" forms), bogus comments ("<!x>", "<?x>"), end tags,
# start tags with quoted attribute values. "<" followed by anything else is text.
_MARKUP = re.compile(
    r"""
    <!--(?:>|->|.*?(?:-->|--!>|\Z))        # comment, unterminated runs to the end
  | <![^>]*(?:>|\Z)                         # doctype, CDATA and other bogus comments
  | <\?[^>]*(?:>|\Z)                        # processing-instruction-like bogus comment
  | </>                                     # an empty end tag shows as nothing
  | </(?P<end>[A-Za-z][^\s/>]*)[^>]*>       # end tag
  | <(?P<start>[A-Za-z][^\s/>]*)(?:[^>"']|"[^"]*"|'[^']*')*>   # start tag
    """,
    re.VERBOSE | re.DOTALL,
)
# A character reference, as ``html.unescape`` finds them (also without the closing ";").
_CHARREF = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")


_LINK_ATTRIBUTE = re.compile(r"""\s(?:href|title)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def _link_attributes(tag: str) -> list[str]:
    return [next(value for value in match.groups() if value is not None) for match in _LINK_ATTRIBUTE.finditer(tag)]


@dataclass(frozen=True)
class Shown:
    """The text a reader sees, and where each of its characters came from in the raw text."""

    text: str
    # origin[i] is the index in the raw text of text[i]; one extra entry at the end = len(raw).
    # A sequence built per segment, not per character (a ``range`` when nothing changes),
    # so mapping costs nothing for the common case; index it like a tuple.
    origin: Sequence[int]
    # ends[i] is the raw index just after the raw characters that show as text[i]; empty when
    # every shown character is one raw character.
    ends: Sequence[int] = ()
    # Text a reader reaches without it being shown: the targets and titles of links the
    # sanitiser keeps ("mailto:anna@example.com" behind "write to me"). Screen these too.
    link_texts: tuple[str, ...] = ()

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the raw text that shows as ``text[start:end]``.

        A span starts where its first shown character was written and ends after the last
        one's raw form (a whole character reference), so markup inside the span is covered
        and markup just outside it is not.
        """
        if end <= start:
            return self.origin[start], self.origin[start]
        if self.ends:
            return self.origin[start], self.ends[end - 1]
        return self.origin[start], self.origin[end - 1] + 1


def _identity(raw: str) -> Shown:
    return Shown(raw, range(len(raw) + 1))


def _charref(token: str) -> tuple[str, int]:
    """What a character reference shows as, and how many of its characters it consumes.

    ``html.unescape`` semantics: a named reference without ";" decodes its longest known
    prefix and leaves the rest as text ("&notit" shows as "¬it").
    """
    body = token[1:]
    if body[0] == "#":
        return html.unescape(token), len(token)
    if body in _HTML5:
        return _HTML5[body], len(token)
    for length in range(len(body) - 1, 1, -1):
        if body[:length] in _HTML5:
            return _HTML5[body[:length]], length + 1
    return "&", 1


class _SegmentMap(Sequence):
    """Positions kept as segments instead of one entry per character.

    A run of text shown as written maps one to one ("run"); a character reference or a
    breaking tag maps all its shown characters to one raw span ("fixed"). Building it costs
    one entry per segment; looking a position up is a binary search.
    """

    __slots__ = ("_starts", "_raw", "_fixed_end", "_length", "_final", "_ends")

    def __init__(self, starts, raw, fixed_end, length: int, final: int, *, ends: bool = False):
        self._starts, self._raw, self._fixed_end = starts, raw, fixed_end
        self._length, self._final, self._ends = length, final, ends

    def __len__(self) -> int:
        return self._length if self._ends else self._length + 1

    def _at(self, index: int) -> int:
        if index == self._length:  # only the origin map has this entry: the raw length
            return self._final
        segment = bisect_right(self._starts, index) - 1
        fixed_end = self._fixed_end[segment]
        if fixed_end >= 0:
            return fixed_end if self._ends else self._raw[segment]
        position = self._raw[segment] + index - self._starts[segment]
        return position + 1 if self._ends else position

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(self._at(i) for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._at(index)

    def __iter__(self):
        return (self._at(i) for i in range(len(self)))

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


class _Builder:
    __slots__ = ("chars", "length", "starts", "raw", "fixed_end", "link_texts")

    def __init__(self) -> None:
        self.link_texts: list[str] = []
        self.chars: list[str] = []
        self.length = 0
        self.starts: list[int] = []
        self.raw: list[int] = []
        self.fixed_end: list[int] = []

    def literal(self, raw: str, start: int, end: int) -> None:
        """raw[start:end] shows as itself, apart from invisible characters and references."""
        position = start
        if "&" in raw[start:end]:
            for ref in _CHARREF.finditer(raw, start, end):
                self._plain(raw, position, ref.start())
                shown, consumed = _charref(ref.group(0))
                shown = _INVISIBLE_CHAR.sub("", shown)
                ref_end = ref.start() + consumed
                if shown:
                    self._fixed(shown, ref.start(), ref_end)
                position = ref_end
        self._plain(raw, position, end)

    def _plain(self, raw: str, start: int, end: int) -> None:
        """raw[start:end] as it is, invisible characters left out."""
        position = start
        if not raw.isascii():
            for invisible in _INVISIBLE_CHAR.finditer(raw, start, end):
                self._run(raw, position, invisible.start())
                position = invisible.end()
        self._run(raw, position, end)

    def _run(self, raw: str, start: int, end: int) -> None:
        if start < end:
            self.chars.append(raw[start:end])
            self.starts.append(self.length)
            self.raw.append(start)
            self.fixed_end.append(-1)
            self.length += end - start

    def _fixed(self, shown: str, start: int, end: int) -> None:
        self.chars.append(shown)
        self.starts.append(self.length)
        self.raw.append(start)
        self.fixed_end.append(end)
        self.length += len(shown)

    def space(self, start: int, end: int) -> None:
        self._fixed(" ", start, end)

    def shown(self, raw_length: int) -> Shown:
        text = "".join(self.chars)
        origin = _SegmentMap(self.starts, self.raw, self.fixed_end, self.length, raw_length)
        ends = _SegmentMap(self.starts, self.raw, self.fixed_end, self.length, raw_length, ends=True)
        links = tuple(self.link_texts)
        if unicodedata.is_normalized("NFKC", text):
            return Shown(text, origin, ends, links)
        text, origin_list, ends_list = _nfkc(text, list(origin)[:-1], list(ends))
        return Shown(text, (*origin_list, raw_length), tuple(ends_list), links)


def _nfkc(text: str, origin: list[int], ends: list[int]) -> tuple[str, list[int], list[int]]:
    """NFKC, cluster by cluster (a base character with its combining marks), keeping the map."""
    chars: list[str] = []
    new_origin: list[int] = []
    new_ends: list[int] = []
    index = 0
    length = len(text)
    while index < length:
        stop = index + 1
        while stop < length and unicodedata.combining(text[stop]):
            stop += 1
        cluster = text[index:stop]
        normal = unicodedata.normalize("NFKC", cluster) if not cluster.isascii() else cluster
        if normal == cluster:
            chars.extend(cluster)
            new_origin.extend(origin[index:stop])
            new_ends.extend(ends[index:stop])
        else:
            for char in normal:
                chars.append(char)
                new_origin.append(origin[index])
                new_ends.append(ends[stop - 1])
        index = stop
    return "".join(chars), new_origin, new_ends


def shown_text(raw: str) -> Shown:
    """What a reader sees of ``raw``, with each character's origin in ``raw``."""
    raw = raw or ""
    if raw.isascii():
        if "<" not in raw and "&" not in raw:
            return _identity(raw)
    elif not _SPECIAL.search(raw):
        if unicodedata.is_normalized("NFKC", raw):
            return _identity(raw)
        text, origin, ends = _nfkc(raw, list(range(len(raw))), list(range(1, len(raw) + 1)))
        return Shown(text, (*origin, len(raw)), tuple(ends))

    builder = _Builder()
    position = 0
    length = len(raw)
    # Past the last ">" nothing is markup: treat it as text without trying (and failing) to
    # match a tag at every "<", which would take quadratic time on "<a<a<a...".
    last_close = raw.rfind(">")
    while position < length:
        tag_at = raw.find("<", position)
        if tag_at == -1 or tag_at > last_close:
            builder.literal(raw, position, length)
            break
        builder.literal(raw, position, tag_at)
        markup = _MARKUP.match(raw, tag_at)
        if markup is None:
            # "a < b", "<3", an unterminated tag: the sanitiser keeps it as text.
            builder.literal(raw, tag_at, tag_at + 1)
            position = tag_at + 1
            continue
        name = (markup.group("start") or markup.group("end") or "").lower()
        if name == "a" and markup.group("start"):
            builder.link_texts.extend(
                unicodedata.normalize("NFKC", _INVISIBLE_CHAR.sub("", html.unescape(value)))
                for value in _link_attributes(markup.group(0))
            )
        if name in BREAKING_TAGS:
            builder.space(markup.start(), markup.end())
        position = markup.end()

    return builder.shown(length)
