"""Personal data in a text: phone numbers (also spaced out or written in words), e-mail
addresses (also spelled out), national identity numbers, other apps' contact handles and
street addresses.

Everything here is compiled at import time and works on the shown text (see ``normalise``).
Phone numbers are validated with ``phonenumbers``, which is slow, so it only sees the few
digit runs that could be a number at all; most texts have none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers

from . import addresses, handles, identity_numbers

# Nordic regions first: a number without a country code is read as local to each in turn.
PHONE_REGIONS = ("DK", "SE", "FI", "NO")

# National numbers a site lists as help, never personal data: emergency, the child helpline
# and the emotional-support line (harmonised 116 numbers across the EU and Norway).
HELP_NUMBERS = frozenset({"112", "116111", "116123", "116000", "116006", "116117"})

# ---------------------------------------------------------------------------- e-mail

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.UNICODE)
_AT_WORDS = r"at|snabel-?a|snabela|ät|miukumauku|krøllalfa|alfakrøll|kanelbulle"
_AT = rf"(?:@|\s*[\(\[\{{]\s*(?:{_AT_WORDS})\s*[\)\]\}}]\s*|\s+(?:{_AT_WORDS})\s+)"
_DOT = r"(?:\s*\.\s*|\s*[\(\[\{]\s*(?:dot|punkt|piste|prik|punktum)\s*[\)\]\}]\s*|\s+(?:dot|punkt|piste|prik|punktum)\s+)"
_TLD = r"(?:com|net|org|dk|se|fi|no|nu|eu|info|io|me)"
_SPELLED = re.compile(
    rf"(?<![\w.+-])[\w.+-]{{2,}}{_AT}[\w-]{{2,}}(?:{_DOT}[\w-]{{2,}})*?{_DOT}{_TLD}\b",
    re.IGNORECASE | re.UNICODE,
)
_BRACKETED_AT = re.compile(rf"[\(\[\{{]\s*(?:{_AT_WORDS})\s*[\)\]\}}]", re.IGNORECASE)
_WORD_DOT = re.compile(r"(?:\s|[\(\[\{])(?:dot|punkt|piste|prik|punktum)(?:\s|[\)\]\}])", re.IGNORECASE)
_ENGLISH_AT = re.compile(r"\sat\s", re.IGNORECASE)
# Free mail services: "anna at gmail.com" is an address, "look at example.com" is not.
_MAIL_SERVICE = re.compile(
    r"\s(?:gmail|googlemail|hotmail|outlook|live|msn|yahoo|icloud|me|protonmail|proton|gmx|aol|"
    r"yandex|mail|jubii|telia|online|suomi24|luukku|kolumbus)\s*(?:\.|\(?\s*(?:dot|punkt|piste|prik|punktum))",
    re.IGNORECASE,
)


class _Prepared:
    """What several detectors look at first, computed once per text."""

    __slots__ = ("text", "lowered", "tokens", "token_set", "digit_count")

    def __init__(self, text: str):
        self.text = text
        self.lowered = text.lower()
        self.tokens = self.lowered.split()
        self.token_set = set(self.tokens)
        self.digit_count = sum(map(text.count, "0123456789"))


def email_addresses(text: str, *, _prepared: _Prepared | None = None) -> list[str]:
    found = [match.group(0) for match in _EMAIL.finditer(text)] if "@" in text else []
    prepared = _prepared or _Prepared(text)
    if not _may_spell_address(prepared):
        return found
    for match in _SPELLED.finditer(text):
        spelled = match.group(0)
        if "@" in spelled or spelled.split(None, 1)[0].lower() in _NOT_A_NAME:
            continue
        # "look at www.example.com" is English, not an address: a spelled-out address
        # brackets its "at", uses a word that can only mean "@", spells out its dots, or
        # names a mail service.
        if (
            _BRACKETED_AT.search(spelled)
            or _WORD_DOT.search(spelled)
            or not _ENGLISH_AT.search(spelled)
            or _MAIL_SERVICE.search(spelled)
        ):
            found.append(spelled)
    return found


# "look at gmail.com", "log in at outlook.com": English before "at", not an address's name.
_NOT_A_NAME = frozenset("look looking looked be is am are was were me it that this in log sign signed here there".split())
_AT_TOKENS = frozenset("at ät snabel-a snabela snabel miukumauku krøllalfa alfakrøll kanelbulle".split())
_DOT_TOKENS = frozenset("dot punkt piste prik punktum".split())
# Case-insensitive like _SPELLED, and searched in the text _SPELLED reads: "ı" and "İ" are "i"
# to _SPELLED but not the same letters once lowered ("gmail.fı"), so a test on the lowered text
# would let an address through that _SPELLED finds.
_TLD_AFTER_DOT = re.compile(rf"\.\s*{_TLD}\b", re.IGNORECASE)


def _may_spell_address(prepared: _Prepared) -> bool:
    """A cheap test that a spelled-out address is possible: an "at" word and a dot or TLD."""
    lowered = prepared.lowered
    # Any bracketed "at" word ("(at)", "[snabel-a]", "( ät )"): one token with its brackets, or several.
    if ("(" in lowered or "[" in lowered or "{" in lowered) and _BRACKETED_AT.search(lowered):
        return True
    tokens = prepared.token_set
    if tokens.isdisjoint(_AT_TOKENS):
        return False
    text = prepared.text
    return (
        not tokens.isdisjoint(_DOT_TOKENS)
        or _TLD_AFTER_DOT.search(text) is not None
        # "gmail (dot) com": a bracketed dot word is one token with its brackets.
        or _WORD_DOT.search(text) is not None
    )

# ------------------------------------------------------------------- phone numbers

# A run of digits that may be one number: digit groups with a few separators between them.
# (It starts with a digit, so the regex engine skips quickly to the digits in a text.)
_DIGIT_RUN = re.compile(r"\d(?:[ \t\u00a0\-./()]{0,3}\d)+")
_GROUP = re.compile(r"\d+")
_DATE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2}(?:\d{2})?|\d{4}[./-]\d{1,2}[./-]\d{1,2}")
_YEARS = re.compile(r"(?:19|20)\d\d\s*[-/.]\s*(?:(?:19|20)?\d\d)")
_THOUSANDS = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
_CURRENCY_AFTER = re.compile(r"\s*(?:kr\b|kroner|kronor|kronur|sek\b|dkk\b|nok\b|eur|euro|€|\$|,-|:-)", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(r"(?:kr\.?|sek|dkk|nok|eur|€|\$)\s*\Z", re.IGNORECASE)
# A currency word between two numbers belongs to the amount on its other side: in "Cykel 200 kr
# 40 12 34 56" (a price, then a number on the next line or paragraph) "kr" ends the price.
_DIGIT_AFTER = re.compile(r"\s*\d")


def _digits(text: str) -> str:
    return "".join(char for char in text if char.isdigit())


@lru_cache(maxsize=4096)
def _valid_phone(number: str) -> str:
    """The E.164 form of ``number`` if it is a valid phone number in a Nordic region (or
    carries a country code), else ""."""
    for region in PHONE_REGIONS:
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            return ""
        if phonenumbers.is_valid_number(parsed):
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        if number.startswith(("+", "00")):
            return ""  # the country code decides the region; trying others changes nothing
    return ""


def _benign(candidate: str, text: str, start: int, end: int) -> bool:
    """Dates, year ranges and amounts look like numbers but are not phones."""
    if _DATE.fullmatch(candidate) or _YEARS.fullmatch(candidate) or _THOUSANDS.fullmatch(candidate):
        return True
    after = _CURRENCY_AFTER.match(text, end)
    if after and not _DIGIT_AFTER.match(text, after.end()):
        return True
    before = _CURRENCY_BEFORE.search(text, max(0, start - 5), start)
    return bool(before) and not text[: before.start()].rstrip()[-1:].isdigit()


def _phones_in_run(text: str, base: int, end: int) -> list[tuple[str, str]]:
    """(E.164, as written) for each phone number in the digit run text[base:end].

    The whole run first; if it is not one number ("born 2009 40123456"), the longest
    stretch of its digit groups that is, from left to right."""
    found = []
    run = text[base:end]
    groups = list(_GROUP.finditer(run))
    plus = run.startswith("+")
    index = 0
    while index < len(groups):
        for stop in range(len(groups), index, -1):
            start_at = base + groups[index].start()
            if index == 0 and plus:
                start_at = base
            end_at = base + groups[stop - 1].end()
            candidate = text[start_at:end_at]
            digits = _digits(candidate)
            # E.164 allows 15 digits after the international prefix: "00" does not count.
            if not 7 <= len(digits.removeprefix("00")) <= 15 or _benign(candidate, text, start_at, end_at):
                continue
            number = ("+" if candidate.startswith("+") else "") + digits
            e164 = _valid_phone(number)
            if e164:
                found.append((e164, candidate))
                index = stop - 1
                break
        index += 1
    return found


def _phone_candidates(text: str) -> list[tuple[str, str]]:
    found = []
    for run in _DIGIT_RUN.finditer(text):
        start, end = run.span()
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            continue  # inside a word or a code: "ab12345678"
        if end < len(text) and (text[end].isalnum() or text[end] == "_"):
            continue
        if start and text[start - 1] == "+":
            start -= 1
        if sum(map(run.group(0).count, "0123456789")) >= 7:
            found.extend(_phones_in_run(text, start, end))
    return found


# Number words in the five languages: "noll sju noll ett två ...", "fyra noll ...".
_NUMBER_WORDS = {
    "0": "noll nolla nul null zero oh nought",
    "1": "ett en et ein eitt én yksi one",
    "2": "två tva to tvo kaksi two",
    "3": "tre kolme three",
    "4": "fyra fire neljä nelja four",
    "5": "fem viisi five",
    "6": "sex seks kuusi six",
    "7": "sju syv sjau seitsemän seitseman seven",
    "8": "åtta atta otte åtte atte kahdeksan eight",
    "9": "nio ni yhdeksän yhdeksan nine",
    "10": "tio ti kymmenen ten",
    "11": "elva elleve eleven",
    "12": "tolv twelve",
    "13": "tretton tretten thirteen",
    "14": "fjorton fjorten fourteen",
    "15": "femton femten fifteen",
    "16": "sexton seksten sixteen",
    "17": "sjutton sytten seventeen",
    "18": "arton aderton atten eighteen",
    "19": "nitton nitten nineteen",
    "20": "tjugo tyve tjue tjugu twenty",
    "30": "trettio tredive tretti thirty",
    "40": "fyrtio fyrre førti forti forty",
    "50": "femtio halvtreds femti fifty",
    "60": "sextio tres seksti sixty",
    "70": "sjuttio halvfjerds sytti seventy",
    "80": "åttio attio firs åtti atti eighty",
    "90": "nittio halvfems nitti ninety",
}
NUMBER_WORDS = {word: digits for digits, words in _NUMBER_WORDS.items() for word in words.split()}


def _compounds() -> dict[str, str]:
    """Numbers 21-99 written as one word: "trettiofyra" (sv), "trettifire" (no),
    "fireogtredive" (da), "kolmekymmentäneljä" (fi)."""
    units = {
        "sv": "ett två tre fyra fem sex sju åtta nio",
        "no": "en to tre fire fem seks sju åtte ni",
        "da": "en to tre fire fem seks syv otte ni",
        "fi": "yksi kaksi kolme neljä viisi kuusi seitsemän kahdeksan yhdeksän",
    }
    tens = {
        "sv": "tjugo trettio fyrtio femtio sextio sjuttio åttio nittio",
        "no": "tjue tretti førti femti seksti sytti åtti nitti",
        "da": "tyve tredive fyrre halvtreds tres halvfjerds firs halvfems",
    }
    words: dict[str, str] = {}
    for language, ten_words in tens.items():
        for ten, ten_word in enumerate(ten_words.split(), 2):
            for unit, unit_word in enumerate(units[language].split(), 1):
                if language == "da":
                    words[f"{unit_word}og{ten_word}"] = f"{ten}{unit}"
                else:
                    words[f"{ten_word}{unit_word}"] = f"{ten}{unit}"
    finnish = units["fi"].split()
    for unit, unit_word in enumerate(finnish, 1):
        words[f"{unit_word}toista"] = f"1{unit}"
    for ten, ten_word in enumerate(finnish[1:], 2):
        words[f"{ten_word}kymmentä"] = f"{ten}0"
        for unit, unit_word in enumerate(finnish, 1):
            words[f"{ten_word}kymmentä{unit_word}"] = f"{ten}{unit}"
    return words


NUMBER_WORDS.update(_compounds())
_TENS = frozenset(f"{ten}0" for ten in range(2, 10))
_EVERYDAY = frozenset("en et ett ein eitt én to ni oh sex fire one ten ti tres tio".split())
_TOKEN = re.compile(r"[^\W_]+")
_TOKEN_GAP = re.compile(r"[\s,.\-/()]{0,3}")


# The gate below needs a run of three number tokens, one of them a word: the shortest run that
# can hold seven digits (a word is at most two digits, a group at most four: "fyrre tolv 3456").
_NUMBER_STREAK = re.compile(r"[wd]{3,}")


@lru_cache(maxsize=16_384)
def _number_flag(token: str) -> str:
    """"w" for a number word, "d" for a group of up to four digits, "." for anything else: the
    values _spelled_runs reads, for the same tokens."""
    if token in NUMBER_WORDS:
        return "w"
    return "d" if token.isdigit() and len(token) <= 4 else "."


def _spelled_runs(prepared: _Prepared) -> list[tuple[str, str]]:
    """(digits, as written) for each run of number words and digits with seven digits or more."""
    text, lowered = prepared.text, prepared.lowered
    # The tokens the search below reads: words joined by dots, commas, slashes or brackets
    # ("noll.sju.noll...") are separate number words, as they are in the search.
    tokens = _TOKEN.findall(lowered)
    present = NUMBER_WORDS.keys() & tokens
    # "en", "et", "to", "sex", "one"... are everyday words too: without a word that can only
    # be a number, four different such words are needed before looking closer.
    if not (present - _EVERYDAY or len(present) >= 4 or "-" in lowered):
        return []
    # Cheap gate: three number tokens in a row, one of them a word, before finding where they are.
    # A token's flag depends on the token alone: memoised, so this is one C-level pass per text.
    flags = "".join(map(_number_flag, tokens))
    if not any("w" in run for run in _NUMBER_STREAK.findall(flags)):
        return []
    runs: list[tuple[str, str]] = []
    digits: list[str] = []
    start = end = -1
    has_word = tens_before = False

    def close() -> None:
        joined = "".join(digits)
        if has_word and len(joined) >= 7:
            runs.append((joined, text[start:end]))

    for token in _TOKEN.finditer(lowered):
        word = token.group(0)
        value = NUMBER_WORDS.get(word) or (word if word.isdigit() and len(word) <= 4 else None)
        contiguous = end >= 0 and _TOKEN_GAP.fullmatch(lowered, end, token.start()) is not None
        if value is None:
            close()
            digits, start, end, has_word, tens_before = [], -1, -1, False, False
            continue
        if not contiguous:
            close()
            digits, start, has_word, tens_before = [], token.start(), False, False
        # "forty two" is 42, not 402.
        if tens_before and len(value) == 1 and value != "0" and word in NUMBER_WORDS:
            digits[-1] = digits[-1][0] + value
        else:
            digits.append(value)
        has_word = has_word or word in NUMBER_WORDS
        tens_before = word in NUMBER_WORDS and value in _TENS
        end = token.end()
    close()
    return runs


def _written_phones(prepared: _Prepared) -> list[tuple[str, str]]:
    found = []
    for digits, written in _spelled_runs(prepared):
        e164 = _valid_phone(digits)
        if e164:
            found.append((e164, written))
    return found


@lru_cache(maxsize=256)
def _allowed(numbers: tuple[str, ...]) -> frozenset[str]:
    """The numbers a site lists as help, as national digits and in E.164."""
    allowed = set(HELP_NUMBERS)
    for number in numbers:
        digits = _digits(number)
        if not digits:
            continue
        allowed.add(digits)
        e164 = _valid_phone(("+" if number.strip().startswith("+") else "") + digits)
        if e164:
            allowed.add(e164)
            parsed = phonenumbers.parse(e164)
            allowed.add(str(parsed.national_number))
    return frozenset(allowed)


@lru_cache(maxsize=4096)
def _national(e164: str) -> str:
    return str(phonenumbers.parse(e164).national_number)


def _is_allowed(e164: str, written: str, allowed: frozenset[str]) -> bool:
    return e164 in allowed or _digits(written) in allowed or _national(e164) in allowed


def phone_numbers(text: str, *, allowed_numbers: Iterable[str] = (), _prepared: _Prepared | None = None) -> list[str]:
    """Phone numbers as written, also spaced out or in words; help numbers left out."""
    prepared = _prepared or _Prepared(text)
    allowed = _allowed(tuple(allowed_numbers))
    found: dict[str, str] = {}
    candidates = _phone_candidates(text) if prepared.digit_count >= 7 else []
    for e164, written in (*candidates, *_written_phones(prepared)):
        if not _is_allowed(e164, written, allowed):
            found.setdefault(e164, written)
    return list(found.values())


# ---------------------------------------------------------------- all personal data


@dataclass(frozen=True)
class PersonalData:
    kind: str  # "phone", "email", "se_personnummer", "dk_cpr", "fi_hetu", "no_fodselsnummer", "handle", "address"
    matched: str


def personal_data(text: str, *, allowed_numbers: Iterable[str] = ()) -> list[PersonalData]:
    """Every piece of personal data in ``text`` (the shown text), by kind."""
    text = text or ""
    prepared = _Prepared(text)
    found: list[PersonalData] = []
    identities = set()
    for kind, numbers in (identity_numbers.identity_numbers(text).items() if prepared.digit_count >= 9 else ()):
        found.extend(PersonalData(kind, number) for number in numbers)
        identities.update(_digits(number) for number in numbers)
    for number in phone_numbers(text, allowed_numbers=allowed_numbers, _prepared=prepared):
        # An identity number's digits can also make a valid phone number: report it once.
        if _digits(number) not in identities:
            found.append(PersonalData("phone", number))
    found.extend(PersonalData("email", address) for address in email_addresses(text, _prepared=prepared))
    found.extend(
        PersonalData("handle", handle)
        for handle in handles.contact_handles(text, lowered=prepared.lowered, tokens=prepared.token_set)
    )
    if prepared.digit_count:
        found.extend(PersonalData("address", address) for address in addresses.street_addresses(text))
    return found
