"""Detection rules that mutation testing found untested: street addresses (short street names,
a short lowercase name before a street word, the dotless and dotted i, a house number far below
its street) and the Nordic identity numbers' dates (29 February in either century, dates that
do not exist, the Swedish plus sign) and how they are reported.
"""

from moderation.detection.addresses import street_addresses
from moderation.detection.contact_details import personal_data
from moderation.detection.identity_numbers import (
    identity_numbers,
    norwegian_fodselsnummer,
    swedish_personnummer,
)
from moderation.detection.normalise import shown_text

# ---- Street addresses.


def test_a_five_letter_street_opening_a_message_is_an_address():
    # The shortest one-word streets: two letters and a three-letter ending ("Åsvej"), written
    # as the whole message or at its start.
    for text, address in [
        ("Åsvej 3", "Åsvej 3"),
        ("Søvej 12, 2. th", "Søvej 12, 2. th"),
        ("Åsvei 4 er adressen", "Åsvei 4"),
        ("Ekvägen 7", "Ekvägen 7"),
    ]:
        assert street_addresses(text) == [address], text
        assert [found.matched for found in personal_data(text) if found.kind == "address"] == [address], text


def test_a_short_lowercase_name_before_a_street_word_stays_in_the_address():
    # "ås gate": the name is short and lowercase like "i" or "på", but it is the street's name.
    for text, address in [
        ("vi ses i ås gate 5", "ås gate 5"),
        ("bor på ås vej 12", "ås vej 12"),
        ("ås vej 12", "ås vej 12"),
        ("kom til ås gate 5 i morgen", "ås gate 5"),
    ]:
        assert street_addresses(text) == [address], text


def test_a_street_written_with_a_dotless_or_dotted_i_is_an_address():
    # A Turkish keyboard's "ı" and "İ" (and the long s) survive the shown text's NFKC; the street
    # pattern reads them as "i" and "s", and so must the quick test before it.
    for text in [
        "Mannerheimintıe 12",
        "MANNERHEİMİNTİE 12",
        "Trondheimsveıen 12",
        "Karl Johans veı 12",
        "Rådhuspladſen 12",
    ]:
        assert street_addresses(text) == [text], text
    assert [found.matched for found in personal_data("bor på Trondheimsveıen 12")] == ["Trondheimsveıen 12"]


def test_a_house_number_many_lines_below_its_street_is_still_an_address():
    # Empty lines or paragraphs between the street and its number hide nothing from a reader.
    for gap in ["\n" * 40, " " * 31, "\n" * 29, "\t\n " * 15]:
        text = f"Storgatan{gap}12"
        assert street_addresses(text) == [text], repr(text)
    for raw in ["Storgatan" + "<br>" * 40 + "12", "<p>Storgatan</p>" + "<p></p>" * 20 + "<p>12</p>"]:
        shown = shown_text(raw).text
        assert [found.kind for found in personal_data(shown)] == ["address"], raw


# ---- Identity numbers.

# Norwegian numbers with both check digits right (computed with python-stdnum's calc_check_digit1/2).
NO_BORN_29_FEB_2000 = "29020050088"
NO_D_NUMBER_29_FEB_2000 = "69020050071"  # day + 40
NO_WITHOUT_A_REAL_DATE = {
    "29020350030": "29 February 2003 (or 1903)",
    "69020350024": "D-number for 29 February 2003",
    "32019050059": "day 32",
    "31029050190": "31 February",
    "01139050025": "month 13",
}


def test_a_norwegian_number_is_reported_as_written():
    assert norwegian_fodselsnummer("mitt fødselsnummer er 150585 50040.") == ["150585 50040"]
    assert norwegian_fodselsnummer("15058550040") == ["15058550040"]
    assert identity_numbers("fnr: 15058550040") == {"no_fodselsnummer": ["15058550040"]}


def test_a_norwegian_number_of_someone_born_on_29_february_2000_is_found():
    # 1900 was no leap year, 2000 was: the date holds in one century only.
    for number in (NO_BORN_29_FEB_2000, NO_D_NUMBER_29_FEB_2000):
        assert norwegian_fodselsnummer(f"nummeret mitt er {number}") == [number], number
        assert identity_numbers(number) == {"no_fodselsnummer": [number]}, number


def test_a_norwegian_number_without_a_real_birth_date_is_not_flagged():
    # Eleven digits whose check digits happen to hold are no fødselsnummer when no day is theirs.
    for number, why in NO_WITHOUT_A_REAL_DATE.items():
        assert norwegian_fodselsnummer(f"ordrenummer {number}") == [], why
        assert identity_numbers(f"ordrenummer {number}") == {}, why


def test_a_swedish_plus_sign_dates_the_number_a_century_earlier():
    # "+" is written for people aged 100 or more: "000229+0005" would be 29 February 1900, which
    # did not exist; with "-" (or nothing) it is 29 February 2000.
    assert swedish_personnummer("personnummer 000229+0005") == []
    assert swedish_personnummer("personnummer 000289+0002") == []  # samordningsnummer, same day
    assert swedish_personnummer("personnummer 000229-0005") == ["000229-0005"]
    assert swedish_personnummer("personnummer 0002290005") == ["0002290005"]
