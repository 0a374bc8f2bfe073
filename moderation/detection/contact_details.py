"""Phone numbers and e-mail addresses, including e-mail addresses spelled out to dodge filters."""

import re

import phonenumbers

# Nordic regions first: a number without a country code is read as local to each in turn.
PHONE_REGIONS = ("DK", "SE", "FI", "NO")

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.UNICODE)
_AT = r"(?:@|\s*[\(\[\{]\s*(?:at|snabel-?a|snabela|ät)\s*[\)\]\}]\s*|\s+(?:at|snabel-?a|ät|miukumauku)\s+)"
_DOT = r"(?:\.|\s*[\(\[\{]\s*(?:dot|punkt|piste|prik)\s*[\)\]\}]\s*|\s+(?:dot|punkt|piste|prik)\s+)"
_SPELLED = re.compile(
    rf"\b[\w.+-]{{2,}}{_AT}[\w-]{{2,}}(?:{_DOT}[\w-]{{2,}})*{_DOT}(?:com|net|org|dk|se|fi|no|nu|eu|info|io|me)\b",
    re.IGNORECASE | re.UNICODE,
)


_BRACKETED_AT = re.compile(r"[\(\[\{]\s*(?:at|snabel-?a|snabela|ät)\s*[\)\]\}]", re.IGNORECASE)
_WORD_DOT = re.compile(r"(?:\s|[\(\[\{])(?:dot|punkt|piste|prik)(?:\s|[\)\]\}])", re.IGNORECASE)


def email_addresses(text: str) -> list[str]:
    found = [match.group(0) for match in _EMAIL.finditer(text)]
    for match in _SPELLED.finditer(text):
        spelled = match.group(0)
        # "look at www.example.com" is English, not an address: a spelled-out address
        # brackets its "at" or spells out its dots.
        if "@" not in spelled and (_BRACKETED_AT.search(spelled) or _WORD_DOT.search(spelled)):
            found.append(spelled)
    return found


def phone_numbers(text: str) -> list[str]:
    found: dict[str, str] = {}
    for region in PHONE_REGIONS:
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
            key = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
            found.setdefault(key, match.raw_string)
    return list(found.values())


# ---------------------------------------------------------------- all personal data (interim)
# INTERIM (lead): a stand-in so main runs until helper `pdata`'s version lands. On a rebase conflict,
# take the `pdata` version of this code wholesale; keep only the interface names used by moderation/rulebook.py
# and moderation/screening.py (WordRule, WordMatch, WatchedWords, compile_words, PersonalData, personal_data,
# Shown, shown_text).

from dataclasses import dataclass  # noqa: E402

from .identity_numbers import identity_numbers  # noqa: E402


@dataclass(frozen=True)
class PersonalData:
    kind: str
    matched: str


def personal_data(text: str, *, allowed_numbers=()) -> list[PersonalData]:
    allowed = {re.sub(r"\D", "", number) for number in allowed_numbers}
    found = [PersonalData(kind, number) for kind, numbers in identity_numbers(text).items() for number in numbers]
    found += [PersonalData("phone", number) for number in phone_numbers(text) if re.sub(r"\D", "", number) not in allowed]
    found += [PersonalData("email", address) for address in email_addresses(text)]
    return found
