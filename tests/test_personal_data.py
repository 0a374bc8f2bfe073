"""Personal data, extended: contact handles, street addresses, spelled-out e-mail addresses,
spaced-out and word-written phone numbers in the five languages, the help numbers a site
lists, and the identity-number rules (Swedish date, Danish century digit) that a mutation
must not get past. Every kind has its benign look-alikes that must stay unflagged."""

import pytest

from moderation.detection.addresses import street_addresses
from moderation.detection.contact_details import (
    PersonalData,
    email_addresses,
    personal_data,
    phone_numbers,
)
from moderation.detection.handles import contact_handles
from moderation.detection.identity_numbers import danish_cpr, swedish_personnummer


def kinds(text, **kwargs):
    return [item.kind for item in personal_data(text, **kwargs)]


# ------------------------------------------------------------------ handles


@pytest.mark.parametrize(
    ("text", "matched"),
    [
        ("add me on snap: emma_2009", "add me on snap: emma_2009"),
        ("snap emma_2009", "snap emma_2009"),
        ("sc: emmaxo", "sc: emmaxo"),
        ("insta @anna.k", "insta @anna.k"),
        ("ig: anna.k", "ig: anna.k"),
        ("my discord is anna#1234", "my discord is anna#1234"),
        ("my discord is anna_k", "my discord is anna_k"),
        ("kik me annak", "kik me annak"),
        ("tiktok @emma.dances", "tiktok @emma.dances"),
        ("telegram me @x_y", "telegram me @x_y"),
        # Swedish, Danish, Norwegian, Finnish
        ("adda mig på insta annak", "adda mig på insta annak"),
        ("min snap er emmaxo", "min snap er emmaxo"),
        ("tilføj mig på snap: emma_2009", "tilføj mig på snap: emma_2009"),
        ("legg meg til på snap emmaxo", "legg meg til på snap emmaxo"),
        ("lisää mut snäpissä emma_09", "lisää mut snäpissä emma_09"),
        ("mun snäppi on emmaxo", "mun snäppi on emmaxo"),
    ],
)
def test_handles_for_other_apps(text, matched):
    assert contact_handles(text) == [matched]
    assert PersonalData("handle", matched) in personal_data(text)


@pytest.mark.parametrize("text", ["whatsapp me 40123456", "signal me on +45 40 12 34 56", "telegram me 070-123 45 67"])
def test_messaging_apps_with_a_number(text):
    assert "handle" in kinds(text) and "phone" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "I saw it on Instagram",
        "I use insta every day",
        "snap is fun",
        "@",
        "@ the end",
        "@anna good answer!",  # a mention of a member here
        "dm me on insta",  # names an app, offers no handle
        "add me on snap if you want",
        "my snap is private",
        "the discord server for the course",
        "a scientific signal",
        "jeg er på instagram igen",
    ],
)
def test_naming_an_app_is_not_a_handle(text):
    assert contact_handles(text) == []


# ------------------------------------------------------------------ addresses


@pytest.mark.parametrize(
    ("text", "matched"),
    [
        ("Vesterbrogade 12, 2. th", "Vesterbrogade 12, 2. th"),
        ("jeg bor på Nørrebrogade 44", "Nørrebrogade 44"),
        ("Amagerbrogade 3 st. tv", "Amagerbrogade 3 st. tv"),
        ("Nørre Allé 7", "Nørre Allé 7"),
        ("Storgatan 5B", "Storgatan 5B"),
        ("jag bor på drottninggatan 14, lgh 1101", "drottninggatan 14, lgh 1101"),
        ("Karl Johans gate 22", "Karl Johans gate 22"),
        ("jeg bor i karl johans gate 22", "karl johans gate 22"),
        ("Trondheimsveien 5", "Trondheimsveien 5"),
        ("Mannerheimintie 12 A 5", "Mannerheimintie 12 A 5"),
        ("asun Hämeenkatu 3 B 12", "Hämeenkatu 3 B 12"),
    ],
)
def test_street_addresses_in_the_four_countries(text, matched):
    assert street_addresses(text) == [matched]
    assert "address" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'm in year 9",
        "Gymnasium 2",
        "bus 5",
        "class 7B",
        "2200 København N",  # a postcode and a town, no street
        "jeg bor på Nørrebro",  # no house number
        "overvej 3 ting",
        "investigate 2 options",
        "svarte alle 5 spørsmål",
        "vägen 3 år till examen",
        "prisen er 4500 kr",
        "karakteren 12",
    ],
)
def test_no_street_no_address(text):
    assert street_addresses(text) == []


# ------------------------------------------------------------------ e-mail


@pytest.mark.parametrize(
    "text",
    [
        "anna at gmail.com",
        "anna (at) gmail dot com",
        "anna snabel-a hotmail punkt se",
        "anna snabel-a hotmail.se",
        "anna krøllalfa online punktum no",
        "anna miukumauku gmail piste com",
        "anna&#64;example.com is shown as an address",
    ],
)
def test_spelled_out_email_addresses(text):
    from moderation.detection.normalise import shown_text

    assert email_addresses(shown_text(text).text)


@pytest.mark.parametrize("text", ["look at gmail.com for the form", "look at www.example.com", "we meet at school at noon"])
def test_english_at_is_not_an_address(text):
    assert email_addresses(text) == []


# ------------------------------------------------------------------ phones


@pytest.mark.parametrize(
    "text",
    [
        "4 0 1 2 3 4 5 6",
        "40-12-34-56",
        "40.12.34.56",
        "noll sju noll ett två tre fyra fem sex sju",  # Swedish
        "fyra noll ett två tre fyra fem sex",
        "fire nul et to tre fire fem seks",  # Danish
        "fire null en to tre fire fem seks",  # Norwegian
        "nolla neljä nolla yksi kaksi kolme neljä viisi kuusi seitsemän",  # Finnish
        "four oh one two three four five six",  # English
        "forty twelve thirty four fifty six",
        "forty-one twenty-three forty-five sixty-seven",
        "fyrtio tolv trettiofyra femtiosex",  # numbers as one word, in each language
        "fyrre tolv fireogtredive seksoghalvtreds",
        "førti tolv trettifire femtiseks",
        "neljäkymmentä kaksitoista kolmekymmentäneljä viisikymmentäkuusi",
        "4 0 1 2 nul nul fem seks",  # digits mixed with words
        "fyra-noll-ett-två-tre-fyra-fem-sex",
        "born 2009, ring 40123456",
    ],
)
def test_spaced_out_and_written_phone_numbers(text):
    assert "phone" in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "ring 112",
        "ring 116 111 hvis du har brug for at snakke",
        "ring Børnetelefonen på 116111",
        "116 123",
        "the year 2026",
        "2024-2025",
        "skoleåret 2024/2025",
        "12.03.2024",
        "2024-03-12",
        "I got 12 out of 20",
        "et snit på 10,2",
        "45.000.000 kr",
        "it costs 4 500 kr",
        "postnummer 2200",
        "en to tre fire",  # counting, not a number
        "class 7B in room 204",
    ],
)
def test_help_numbers_and_ordinary_numbers_are_not_phones(text):
    assert "phone" not in kinds(text)


def test_a_help_number_the_site_lists_is_allowed():
    text = "ring til Headspace på 70 20 12 01"
    assert kinds(text) == ["phone"]
    assert kinds(text, allowed_numbers=["+45 70 20 12 01"]) == []
    assert kinds(text, allowed_numbers=["70201201"]) == []
    assert phone_numbers("ring 40 12 34 56", allowed_numbers=["70 20 12 01"]) == ["40 12 34 56"]


def test_an_identity_number_is_not_also_reported_as_a_phone():
    found = kinds("mit cpr er 070761-4285")
    assert "dk_cpr" in found and "phone" not in found


# ------------------------------------------------------------------ identity numbers: the rules


class TestSwedishDateCheck:
    """The Luhn digit alone is not enough: the date must be real."""

    @pytest.mark.parametrize("text", ["811318-0007", "811232-0000", "010229-0004", "19000229-0005"])
    def test_an_impossible_date_with_a_valid_check_digit_is_not_a_personnummer(self, text):
        assert swedish_personnummer(text) == []

    @pytest.mark.parametrize("text", ["20000229-0005", "000229-0005"])
    def test_a_leap_day_in_a_leap_year_is(self, text):
        assert swedish_personnummer(text) == [text]

    def test_a_samordningsnummer_day_is_checked_too(self):
        assert swedish_personnummer("701063-2391")
        assert swedish_personnummer("701093-2391") == []  # day 33


class TestDanishCenturyDigit:
    """The first serial digit sets the century: 29 February 1900 never was, 2000's was."""

    @pytest.mark.parametrize("text", ["290200-4001", "290200-9003"])
    def test_digits_4_and_9_put_year_00_in_2000(self, text):
        assert danish_cpr(text) == [text]

    @pytest.mark.parametrize("text", ["290200-0006", "290200-1002"])
    def test_digits_0_to_3_put_it_in_1900(self, text):
        assert danish_cpr(text) == []

    def test_digit_4_puts_year_37_in_1937(self):
        assert danish_cpr("010137-4009") == ["010137-4009"]


def test_personal_data_names_every_kind():
    text = (
        "mit cpr er 070761-4285, personnummer 811218-9876, hetu 131052-308T, "
        "fødselsnummer 15076500565, ring 40 12 34 56, skriv til anna@example.com, "
        "snap: emma_2009, jeg bor på Vesterbrogade 12"
    )
    assert set(kinds(text)) == {
        "dk_cpr",
        "se_personnummer",
        "fi_hetu",
        "no_fodselsnummer",
        "phone",
        "email",
        "handle",
        "address",
    }
