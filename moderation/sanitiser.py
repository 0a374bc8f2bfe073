"""The one place user text becomes HTML. Swap the implementation here and nowhere else.

Members type plain text (blank lines make paragraphs) and may use a small set
of HTML tags. Everything else is stripped; links may only use http, https and
mailto, and carry rel="nofollow ugc noopener". Cleaning is idempotent:
sanitising already clean output returns it unchanged.
"""

import re
from functools import partial

import bleach
from bleach.linkifier import LinkifyFilter

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


def sanitise(text: str) -> str:
    """Clean user text into safe HTML.

    Paragraphs are made after cleaning, from what survived: deciding on the raw
    input would let a stray "<p" choose differently on a second pass.
    """
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
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
