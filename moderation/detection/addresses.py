"""Street addresses with a house number in Denmark, Sweden, Norway and Finland.

A street is recognised by the endings Nordic street names share ("Vesterbrogade",
"Storgatan", "Trondheimsveien", "Mannerheimintie") or by a street word after a name
("Karl Johans gate", "Falkoner Allé"); the house number follows, with the floor, door,
stair or flat that often comes with it ("2. th", "A 5", "lgh 1101"). "Year 9", "Gymnasium 2",
"bus 5" and "class 7B" have no street in them, and a postcode on its own is no address.
"""

from __future__ import annotations

import re

# Endings of one-word street names, by country (some shared).
_ENDINGS = (
    # Danish
    "gade", "gaden", "vej", "vejen", "stræde", "straede", "plads", "pladsen", "torv", "torvet",
    "allé", "alle", "boulevard", "vænge", "vaenge", "stien", "parken", "høj", "hoj",
    # Swedish
    "gatan", "vägen", "vagen", "väg", "gränd", "grand", "torget", "stigen", "backen", "allén",
    "allen", "leden",
    # Norwegian
    "gate", "gata", "veien", "vegen", "vei", "plass", "plassen", "bakken", "alléen",
    # Finnish
    "tie", "katu", "kuja", "polku", "tori", "väylä", "vayla", "raitti", "kaari", "rinne",
    "puistikko", "kierros",
)
# Street words written after a name: "Karl Johans gate", "Falkoner Allé", "Store Kongensgade".
_STREET_WORDS = (
    "gate", "gata", "gade", "vej", "vei", "veien", "vegen", "väg", "vägen", "allé", "alle",
    "plass", "plads", "torv", "boulevard", "stræde", "gränd", "torg", "tie", "katu",
)
# Ordinary words with a street ending: "investigate 2", "overvej 3 ting", "brigade 5".
_NOT_STREETS = frozenset(
    """
    investigate navigate aggregate delegate propagate instigate mitigate castigate obligate
    segregate irrigate litigate surrogate congregate relegate subjugate conjugate fumigate
    interrogate abrogate derogate promulgate corrugate elongate negate legate
    brigade renegade overvej
    auntie cutie sweetie hottie bestie goatie rookie pattie patie
    explan
    """.split()
)

_ENDING = "|".join(sorted(map(re.escape, _ENDINGS), key=len, reverse=True))
_WORD = "|".join(sorted(map(re.escape, _STREET_WORDS), key=len, reverse=True))
_LETTERS = r"[^\W\d_]"
# The house number and what follows it: "12", "5B", "12 A 5", "44, 2. th", "3 st. tv",
# "5, lgh 1101", "22 H0301".
_NUMBER = (
    r"\d{1,4}(?:\s?[a-h]\s?\d{1,3}\b|\s?[a-h](?!\w))?"
    r"(?:\s?,?\s?(?:"
    r"\d{1,2}\.?\s?(?:sal\b|th\b|tv\b|mf\b|t\.?h\.?|t\.?v\.?)"  # Danish floor and door
    r"|st\.?(?:\s?(?:th|tv|mf)\b\.?)?"  # "st." (ground floor)
    r"|(?:lgh|lägenhet)\.?\s?\d{1,4}"  # Swedish flat
    r"|[a-h]\s?\d{1,3}\b"  # Finnish stair and flat: "A 5"
    r"|as\.?\s?\d{1,3}\b"  # Finnish "as. 5"
    r"|h\d{4}\b"  # Norwegian flat: "H0301"
    r"))?"
)
_STREET = re.compile(
    rf"(?<!\w)(?P<street>{_LETTERS}{{2,}}(?:{_ENDING})"
    rf"|(?:{_LETTERS}[\w.'-]*\s+){{1,3}}(?:{_WORD}))"
    rf"\s+(?P<number>{_NUMBER})(?![\d%,.]\d|\s?(?:%|procent|prosent|kr\b|år\b|ar\b|vuotta|years?\b))",
    re.IGNORECASE,
)
# A name before a separate street word is capitalised ("Karl Johans gate") or a genitive
# ("karl johans gate"); "på alle 5" and "svarte alle 3" are not streets.
_NAME_BEFORE_WORD = re.compile(rf"(?:[A-ZÆØÅÄÖ]{_LETTERS}*|{_LETTERS}+s)[.']?")


# The whitespace between a word and a number, taken whole: _STREET allows any run of it
# ("Storgatan" and "12" on lines far apart), so the pre-test must look past all of it.
_BEFORE_NUMBER = re.compile(r"(?<!\s)\s+(?=\d)")
# Letters that _STREET's IGNORECASE reads as "i" or "s" but str.lower() keeps apart: the dotless
# and dotted i of a Turkish keyboard ("Mannerheimintıe 12", "MANNERHEİMİNTİE 12") and the long s.
# The pre-test reads them as _STREET does, or it would turn those addresses away.
_AS_STREET_READS = str.maketrans({"ı": "i", "İ": "i", "ſ": "s"})
_ENDINGS_FOLDED = tuple(ending.lower() for ending in _ENDINGS)
_STREET_WORDS_FOLDED = frozenset(word.lower() for word in _STREET_WORDS)


def _may_have_street(text: str) -> bool:
    """A cheap test before the full pattern: a street-like word right before a number."""
    for space in _BEFORE_NUMBER.finditer(text):
        before = text[max(0, space.start() - 30) : space.start()].rsplit(None, 1)
        if not before:
            continue
        word = before[-1].translate(_AS_STREET_READS).lower()
        if word in _STREET_WORDS_FOLDED or (word.endswith(_ENDINGS_FOLDED) and len(word) > 4):
            return True
    return False


def street_addresses(text: str) -> list[str]:
    """Street addresses with a house number, as written ("Vesterbrogade 12, 2. th")."""
    if not _may_have_street(text):
        return []
    found = []
    for match in _STREET.finditer(text):
        street = match.group("street")
        words = street.split()
        if len(words) == 1:
            if street.lower() in _NOT_STREETS:
                continue
        else:
            if not _NAME_BEFORE_WORD.fullmatch(words[-2]):
                continue
            # "i karl johans gate 22": the street starts at its name, not at the word before.
            first = 0
            while first < len(words) - 2 and len(words[first]) <= 3 and words[first].islower():
                first += 1
            if first:
                text_start = match.start() + street.index(" ".join(words[first:]))
                found.append(text[text_start : match.end()].strip().rstrip(","))
                continue
        found.append(match.group(0).strip().rstrip(","))
    return found
