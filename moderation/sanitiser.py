"""The one place user text becomes HTML. Swap the implementation here and nowhere else.

Members type plain text (blank lines make paragraphs) and may use a small set
of HTML tags. Everything else is stripped; links may only use http, https and
mailto, and carry rel="nofollow ugc noopener". Cleaning is idempotent:
sanitising already clean output returns it unchanged.

Most members write plain text: no markup, no character references, nothing the linkifier
would turn into a link. For such text bleach would hand back exactly what it was given
(``tests/test_sanitiser.py`` compares both paths), so it skips bleach altogether; bleach
costs about a millisecond a text and screening runs on every write.
"""

import re
from functools import partial

import bleach
from bleach.linkifier import URL_RE, LinkifyFilter
from bleach.sanitizer import INVISIBLE_CHARACTERS

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a", "blockquote", "code", "pre"}
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title", "rel"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"

_BLOCK_TAG = re.compile(r"<\s*(p|ul|ol|li|blockquote|pre)\b", re.IGNORECASE)
_MAX_PASSES = 4


def _set_rel(attrs, new=False):
    href_key = (None, "href")
    if href_key in attrs:
        attrs[(None, "rel")] = LINK_REL
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[partial(LinkifyFilter, callbacks=[_set_rel], skip_tags={"pre", "code"}, parse_email=True)],
)


def _paragraphs(text: str) -> str:
    """Plain text to paragraphs: blank lines separate paragraphs, single newlines break lines."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]
    return "".join("<p>" + block.replace("\n", "<br>") + "</p>" for block in blocks)


# What bleach would change in text that is otherwise left alone: markup and references
# (< > &), the "@" of an e-mail address, characters it replaces or the HTML parser
# treats specially (controls, surrogates, non-characters).
_NEEDS_BLEACH = re.compile(
    "[<>&@\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff" + re.escape(INVISIBLE_CHARACTERS) + "]"
)
# A linkifiable address needs a dot between a word and a letter ("ug.dk"); only then is
# bleach's own (slow) address pattern worth running.
_MAYBE_ADDRESS = re.compile(r"[\w-]\.[^\W\d_]")


def needs_bleach(text: str) -> bool:
    """Would bleach change this (line-ending-normalised) text, or link something in it?"""
    if _NEEDS_BLEACH.search(text):
        return True
    return bool(_MAYBE_ADDRESS.search(text) and URL_RE.search(text))


def sanitise(text: str) -> str:
    """Clean user text into safe HTML.

    Paragraphs are made after cleaning, from what survived: deciding on the raw
    input would let a stray "<p" choose differently on a second pass.
    """
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not needs_bleach(text):
        # Plain text: bleach would return it unchanged, and its paragraphs clean to themselves.
        return _paragraphs(text)
    return clean_markup(text)


def clean_markup(text: str) -> str:
    """``sanitise`` through bleach, for text that may hold markup (``text`` has Unix line endings, stripped)."""
    cleaned = _cleaner.clean(text).strip()
    if not _BLOCK_TAG.search(cleaned):
        cleaned = _paragraphs(cleaned)
    # The HTML parser may re-nest misnested markup on a second reading; clean
    # until the text stops changing, so cleaning clean text changes nothing.
    for _ in range(_MAX_PASSES):
        again = _cleaner.clean(cleaned).strip()
        if again == cleaned:
            break
        cleaned = again
    return cleaned


def plain_text(html: str) -> str:
    """The words of sanitised HTML, for excerpts and matching."""
    return re.sub(r"\s+", " ", bleach.clean(re.sub(r"<br\s*/?>|</p>", " ", html), tags=set(), strip=True)).strip()
