"""Word forms and highlighting for search: pure functions, no database.

The language of a post is not recorded (a member may write Swedish in an English
space), so every word is reduced with the Snowball stemmer of each of the
service's five languages: "sommarjobben" and "sommarjobb" meet in Swedish,
"summer jobs" and "summer job" in English. PostgreSQL does the same with its
text search configurations (see ``SEARCH_CONFIGS``); SQLite stores these stems
(``Post.search_stems``) and matches on them.
"""

import re
from functools import lru_cache

import Stemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# PostgreSQL text search configurations and the Snowball stemmers of the same languages.
SEARCH_CONFIGS = ("english", "swedish", "danish", "finnish", "norwegian")

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 16
SNIPPET_WORDS = 30

_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r"[^\W_]+|[\W_]+")


@lru_cache(maxsize=len(SEARCH_CONFIGS))
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(language)


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


@lru_cache(maxsize=4096)
def word_stems(word: str) -> frozenset[str]:
    """The word and its stem in each language (one word may be a form of another in any of them)."""
    return frozenset([word, *(_stemmer(language).stemWord(word) for language in SEARCH_CONFIGS)])


def stems_document(*texts: str) -> str:
    """What SQLite stores for a post: every stem of every word, space-separated and space-framed,
    so a stem is matched with ``LIKE '% stem %'``."""
    stems = {stem for text in texts for word in words(text) for stem in word_stems(word)}
    return f" {' '.join(sorted(stems))} " if stems else ""


def clean_query(raw: str) -> str:
    """The query as both databases can take it: no NUL (PostgreSQL refuses it), bounded, trimmed."""
    return raw.replace("\x00", "")[:MAX_QUERY_LENGTH].strip()


def query_words(query: str, *, match_any: bool = False) -> list[str]:
    """The distinct words of a query, in order. For "any word" matching (similar questions from a
    whole question) very short words are left out: they would match nearly everything."""
    seen: dict[str, None] = {}
    for word in words(query):
        if match_any and len(word) < 4:
            continue
        seen.setdefault(word, None)
    return list(seen)[:MAX_QUERY_WORDS]


def highlight(
    text: str, query_stem_sets: list[frozenset[str]], *, length: int = SNIPPET_WORDS
) -> SafeString:
    """A short, HTML-escaped extract of ``text`` around the first matching word, each matching word
    in ``<mark>``; the start of the text when nothing matches."""
    wanted = frozenset().union(*query_stem_sets) if query_stem_sets else frozenset()
    tokens = _TOKEN.findall(" ".join(text.split()))
    word_positions = [i for i, token in enumerate(tokens) if _WORD.fullmatch(token)]
    hits = {i for i in word_positions if wanted & word_stems(tokens[i].casefold())}
    first = next((n for n, i in enumerate(word_positions) if i in hits), 0)
    start_word = max(0, first - length // 3)
    chosen = word_positions[start_word : start_word + length]
    if not chosen:
        return mark_safe("")
    start, end = (chosen[0], chosen[-1] + 1) if start_word else (0, chosen[-1] + 1)
    if start_word + length >= len(word_positions):
        end = len(tokens)  # to the end, with the closing punctuation
    parts = ["… " if start else ""]
    for i in range(start, end):
        parts.append(f"<mark>{escape(tokens[i])}</mark>" if i in hits else escape(tokens[i]))
    if end < len(tokens) and any(_WORD.fullmatch(t) for t in tokens[end:]):
        parts.append(" …")
    return mark_safe("".join(parts))


# What PostgreSQL's ts_headline puts around a match; the text is escaped in Python afterwards,
# so a post's own "<" can never become markup. Private-use characters: never typed by people.
HEADLINE_START, HEADLINE_STOP = "\ue000", "\ue001"


def headline_html(headline: str) -> SafeString:
    return mark_safe(
        escape(headline.replace("\x00", ""))
        .replace(HEADLINE_START, "<mark>")
        .replace(HEADLINE_STOP, "</mark>")
    )
