"""National identity numbers, recognised with their check digits.

Swedish personnummer and samordningsnummer, Danish CPR, Finnish henkilötunnus and Norwegian
fødselsnummer with D- and H-numbers. Finding candidates in running text (with or without
separators, in the forms people type) is ours; the check digits, embedded dates and century
rules are python-stdnum's. Young people overshare; a number that passes its check is very
likely real.
"""

import datetime
import re

from stdnum import luhn
from stdnum.dk import cpr
from stdnum.exceptions import ValidationError
from stdnum.fi import hetu
from stdnum.no import fodselsnummer
from stdnum.se import personnummer

_SE = re.compile(r"(?<![\d-])(\d{2})?(\d{2})(\d{2})(\d{2})\s?([-+]?)\s?(\d{3})(\d)(?![\d-])")
_DK = re.compile(r"(?<![\d-])(\d{2})(\d{2})(\d{2})\s?(-?)\s?(\d{4})(?![\d-])")
_FI = re.compile(r"(?<![\w-])(\d{2})(\d{2})(\d{2})([-+AaBbCcDdEeFfUuVvWwXxYy])(\d{3})([0-9A-Ya-y])(?![\w])")
_NO = re.compile(r"(?<![\d-])(\d{2})(\d{2})(\d{2})\s?(\d{3})(\d)(\d)(?![\d-])")


def _valid_date(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def luhn_valid(digits: str) -> bool:
    return luhn.is_valid(digits)


def swedish_personnummer(text: str) -> list[str]:
    """Personnummer and samordningsnummer (day + 60), in 10- or 12-digit form."""
    found = []
    for match in _SE.finditer(text):
        century, yy, mm, dd, sep, serial, check = match.groups()
        # A samordningsnummer is a personnummer with 60 added to the day; stdnum knows the
        # former only, so its date is checked with the day taken back.
        day = int(dd) - 60 if int(dd) > 60 else int(dd)
        dated = f"{century or ''}{yy}{mm}{day:02d}{sep or '-'}{serial}{check}"
        try:
            personnummer.get_birth_date(dated)
        except ValidationError:
            continue
        if luhn.is_valid(yy + mm + dd + serial + check):
            found.append(match.group(0).strip())
    return found


def danish_cpr(text: str) -> list[str]:
    """DDMMYY-SSSS with a real, past birth date (the first serial digit sets the century).

    Written with its hyphen, any such number counts (CPR numbers issued since 2007 need not
    pass modulus 11); without it, modulus 11 must hold, so that ordinary ten-digit numbers are
    not mistaken for one."""
    found = []
    for match in _DK.finditer(text):
        dd, mm, yy, hyphen, serial = match.groups()
        number = dd + mm + yy + serial
        if not cpr.is_valid(number):
            continue
        if hyphen or cpr.checksum(number) == 0:
            found.append(match.group(0).strip())
    return found


def finnish_hetu(text: str) -> list[str]:
    found = []
    for match in _FI.finditer(text):
        # Individual numbers 900-999 are temporary identifiers: still a person's number.
        if hetu.is_valid(match.group(0), allow_temporary=True):
            found.append(match.group(0))
    return found


def norwegian_fodselsnummer(text: str) -> list[str]:
    """Fødselsnummer, D-numbers (day + 40) and H-numbers (month + 40), with both check digits.

    The date is accepted in either century: stdnum's century rule from the individual number
    would miss H-numbers, which do not follow it."""
    found = []
    for match in _NO.finditer(text):
        dd, mm, yy, individual, k1, k2 = match.groups()
        day, month = int(dd), int(mm)
        day = day - 40 if day > 40 else day
        month = month - 40 if month > 40 else month
        if not (_valid_date(1900 + int(yy), month, day) or _valid_date(2000 + int(yy), month, day)):
            continue
        number = dd + mm + yy + individual + k1 + k2
        if fodselsnummer.calc_check_digit1(number) == k1 and fodselsnummer.calc_check_digit2(number) == k2:
            found.append(match.group(0).strip())
    return found


DETECTORS = {
    "se_personnummer": swedish_personnummer,
    "dk_cpr": danish_cpr,
    "fi_hetu": finnish_hetu,
    "no_fodselsnummer": norwegian_fodselsnummer,
}


_SIX_DIGITS = re.compile(r"\d{6}")


def identity_numbers(text: str) -> dict[str, list[str]]:
    """Every national identity number found, by kind."""
    if not _SIX_DIGITS.search(text):
        return {}  # every form starts with the birth date's six digits
    found = {kind: detect(text) for kind, detect in DETECTORS.items()}
    return {kind: numbers for kind, numbers in found.items() if numbers}
