"""National identity numbers, recognised with their check digits.

Swedish personnummer and samordningsnummer (Luhn), Danish CPR (date, and the
modulus-11 check where it applies), Finnish henkilötunnus (modulus 31) and
Norwegian fødselsnummer, D- and H-numbers (two modulus-11 check digits).
Young people overshare; a number that passes its check is very likely real.
"""

import datetime
import re

_SE = re.compile(r"(?<![\d-])(\d{2})?(\d{2})(\d{2})(\d{2})\s?([-+]?)\s?(\d{3})(\d)(?![\d-])")
_DK = re.compile(r"(?<![\d-])(\d{2})(\d{2})(\d{2})\s?(-?)\s?(\d{4})(?![\d-])")
_FI = re.compile(r"(?<![\w-])(\d{2})(\d{2})(\d{2})([-+AaBbCcDdEeFfUuVvWwXxYy])(\d{3})([0-9A-Ya-y])(?![\w])")
_NO = re.compile(r"(?<![\d-])(\d{2})(\d{2})(\d{2})\s?(\d{3})(\d)(\d)(?![\d-])")

_FI_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_FI_CENTURY = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900,
               "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000}


def _valid_date(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def swedish_personnummer(text: str) -> list[str]:
    """Personnummer and samordningsnummer (day + 60), in 10- or 12-digit form."""
    found = []
    for match in _SE.finditer(text):
        century, yy, mm, dd, _sep, serial, check = match.groups()
        day = int(dd) - 60 if int(dd) > 60 else int(dd)
        year = int((century or "20") + yy)
        if not _valid_date(year if century else 2000 + int(yy), int(mm), day) and not _valid_date(1900 + int(yy), int(mm), day):
            continue
        if luhn_valid(yy + mm + dd + serial + check):
            found.append(match.group(0).strip())
    return found


def _dk_century(yy: int, seventh: int) -> int:
    if seventh <= 3:
        return 1900
    if seventh in (4, 9):
        return 2000 if yy <= 36 else 1900
    return 2000 if yy <= 57 else 1800


def danish_cpr(text: str) -> list[str]:
    """DDMMYY-SSSS with a real date. Written with its hyphen, any date-valid number counts
    (CPR numbers issued since 2007 need not pass modulus 11); without it, modulus 11 must hold,
    so that ordinary ten-digit numbers are not mistaken for one."""
    weights = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
    found = []
    for match in _DK.finditer(text):
        dd, mm, yy, hyphen, serial = match.groups()
        century = _dk_century(int(yy), int(serial[0]))
        if not _valid_date(century + int(yy), int(mm), int(dd)):
            continue
        digits = dd + mm + yy + serial
        mod11 = sum(int(d) * w for d, w in zip(digits, weights)) % 11 == 0
        if hyphen or mod11:
            found.append(match.group(0).strip())
    return found


def finnish_hetu(text: str) -> list[str]:
    found = []
    for match in _FI.finditer(text):
        dd, mm, yy, sep, serial, check = match.groups()
        century = _FI_CENTURY[sep.upper()]
        if not _valid_date(century + int(yy), int(mm), int(dd)):
            continue
        if _FI_CHECK[int(dd + mm + yy + serial) % 31] == check.upper():
            found.append(match.group(0))
    return found


def norwegian_fodselsnummer(text: str) -> list[str]:
    """Fødselsnummer, D-numbers (day + 40) and H-numbers (month + 40), with both check digits."""
    w1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
    w2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
    found = []
    for match in _NO.finditer(text):
        dd, mm, yy, individual, k1, k2 = match.groups()
        day, month = int(dd), int(mm)
        day = day - 40 if day > 40 else day
        month = month - 40 if month > 40 else month
        if not (_valid_date(1900 + int(yy), month, day) or _valid_date(2000 + int(yy), month, day)):
            continue
        digits = [int(d) for d in dd + mm + yy + individual]
        c1 = 11 - sum(d * w for d, w in zip(digits, w1)) % 11
        c1 = 0 if c1 == 11 else c1
        if c1 == 10 or c1 != int(k1):
            continue
        c2 = 11 - sum(d * w for d, w in zip(digits + [c1], w2)) % 11
        c2 = 0 if c2 == 11 else c2
        if c2 != 10 and c2 == int(k2):
            found.append(match.group(0).strip())
    return found


DETECTORS = {
    "se_personnummer": swedish_personnummer,
    "dk_cpr": danish_cpr,
    "fi_hetu": finnish_hetu,
    "no_fodselsnummer": norwegian_fodselsnummer,
}


def identity_numbers(text: str) -> dict[str, list[str]]:
    """Every national identity number found, by kind."""
    found = {kind: detect(text) for kind, detect in DETECTORS.items()}
    return {kind: numbers for kind, numbers in found.items() if numbers}
