"""Identity numbers judged by their dates as well as their check digits, through the public
``identity_numbers(text)`` (whatever does the checking inside).

The numbers below carry a correct check digit (computed here, the way each country defines it),
so only the date decides: a test that passes because the check digit was wrong would not notice a
broken date rule.
"""

import pytest

from moderation.detection import identity_numbers


def found(text, kind):
    return identity_numbers.identity_numbers(text).get(kind, [])


def luhn_digit(digits: str) -> str:
    """The check digit that makes ``digits + check`` pass Luhn (Swedish personnummer)."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 0:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return str((10 - total % 10) % 10)


def swedish(yymmdd: str, serial: str = "987", century: str = "", sep: str = "-") -> str:
    return f"{century}{yymmdd}{sep}{serial}{luhn_digit(yymmdd + serial)}"


FI_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def finnish(ddmmyy: str, sign: str, serial: str = "308") -> str:
    return f"{ddmmyy}{sign}{serial}{FI_CHECK[int(ddmmyy + serial) % 31]}"


class TestSwedishDates:
    @pytest.mark.parametrize("yymmdd", ["811218", "000229", "991231", "050101"])
    def test_a_real_date_with_its_check_digit_is_found(self, yymmdd):
        number = swedish(yymmdd)
        assert found(f"mitt personnummer är {number}", "se_personnummer") == [number]

    @pytest.mark.parametrize("yymmdd", ["811318", "811232", "810229", "810000", "811200", "810431"])
    def test_an_impossible_date_is_not_a_personnummer_even_with_a_valid_check_digit(self, yymmdd):
        assert found(swedish(yymmdd), "se_personnummer") == []

    def test_the_written_century_decides_the_leap_day(self):
        assert found(swedish("000229", century="20"), "se_personnummer")
        assert found(swedish("000229", century="19"), "se_personnummer") == []

    def test_without_a_century_either_century_may_hold_the_date(self):
        # 29 February 1900 never was, 29 February 2000 was.
        assert found(swedish("000229"), "se_personnummer")
        assert found(swedish("000229", sep=""), "se_personnummer")

    def test_a_coordination_number_has_its_day_plus_60(self):
        assert found(swedish("811278"), "se_personnummer")  # the 18th
        assert found(swedish("811292"), "se_personnummer") == []  # "the 32nd"
        assert found(swedish("811260"), "se_personnummer") == []  # "the 0th"

    def test_a_number_with_a_wrong_check_digit_is_not_found(self):
        number = swedish("811218")
        wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
        assert found(wrong, "se_personnummer") == []


class TestDanishCenturyDigit:
    """The seventh digit says the century: 29 February 1900 never was, 29 February 2000 was."""

    @pytest.mark.parametrize("seventh", "0123")
    def test_digits_0_to_3_mean_the_1900s(self, seventh):
        assert found(f"cpr 290200-{seventh}123", "dk_cpr") == []
        assert found(f"cpr 280200-{seventh}123", "dk_cpr")

    @pytest.mark.parametrize("seventh", "456789")
    def test_digits_4_to_9_with_a_low_year_mean_the_2000s(self, seventh):
        assert found(f"cpr 290200-{seventh}123", "dk_cpr") == [f"290200-{seventh}123"]

    def test_an_impossible_date_is_never_a_cpr_number(self):
        assert found("cpr 310400-4123", "dk_cpr") == []
        assert found("cpr 001299-1123", "dk_cpr") == []

    def test_without_a_hyphen_modulus_11_must_hold(self):
        digits = "070761428"
        weights = (4, 3, 2, 7, 6, 5, 4, 3, 2)
        remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
        check = (11 - remainder) % 11
        assert check != 10
        assert found(f"{digits}{check}", "dk_cpr")
        assert found(f"{digits}{(check + 1) % 10}", "dk_cpr") == []


class TestFinnishCenturySign:
    def test_the_sign_says_the_century(self):
        assert found(finnish("290200", "A"), "fi_hetu")  # 2000: a leap year
        assert found(finnish("290200", "-"), "fi_hetu") == []  # 1900: not one
        assert found(finnish("290200", "+"), "fi_hetu") == []  # 1800: not one
        assert found(finnish("290296", "-"), "fi_hetu")  # 1996
        assert found(finnish("290296", "+"), "fi_hetu")  # 1896

    def test_a_wrong_check_character_is_not_found(self):
        number = finnish("131052", "-")
        wrong = number[:-1] + ("A" if number[-1] != "A" else "B")
        assert found(number, "fi_hetu") == [number]
        assert found(wrong, "fi_hetu") == []


class TestAllKinds:
    def test_text_without_numbers_finds_nothing(self):
        assert identity_numbers.identity_numbers("Hvordan søger jeg ind på gymnasiet?") == {}

    def test_each_kind_is_reported_under_its_own_name(self):
        text = f"SE {swedish('811218')} FI {finnish('131052', '-')}"
        result = identity_numbers.identity_numbers(text)
        assert "se_personnummer" in result and "fi_hetu" in result
