"""Contact details that mutation testing found untested: numbers spelled in words next to digit
groups, amounts and help lines, spelled-out e-mail addresses, short words after an app's name
and the word before a street's name.
"""

from moderation.detection.addresses import street_addresses
from moderation.detection.contact_details import (
    NUMBER_WORDS,
    _compounds,
    _Prepared,
    _written_phones,
    email_addresses,
    phone_numbers,
)
from moderation.detection.handles import contact_handles
from moderation.detection.normalise import shown_text

# ---- Numbers 21-99 written as one word.

ONE_WORD_NUMBERS = {
    # Swedish, first and last of the tens and units
    "tjugoett": "21",
    "trettiofyra": "34",
    "nittionio": "99",
    # Norwegian
    "tjueen": "21",
    "trettifire": "34",
    "nittini": "99",
    # Danish: the unit first, "og", then the tens
    "enogtyve": "21",
    "fireogtredive": "34",
    "nioghalvfems": "99",
    # Finnish: the teens, round tens and tens with a unit
    "yksitoista": "11",
    "yhdeksäntoista": "19",
    "kaksikymmentä": "20",
    "yhdeksänkymmentä": "90",
    "kaksikymmentäyksi": "21",
    "kolmekymmentäneljä": "34",
    "yhdeksänkymmentäyhdeksän": "99",
}


def test_numbers_written_as_one_word_are_read_in_each_language():
    # The table is built once, when the module is imported (so no traced test ever ran the
    # function that builds it): ask the function itself, and check the detectors read what it gives.
    built = _compounds()
    for word, digits in ONE_WORD_NUMBERS.items():
        assert built.get(word) == digits, word
        assert NUMBER_WORDS.get(word) == digits, word
    assert all(NUMBER_WORDS[word] == digits for word, digits in built.items())
    # ...and a phone number told with them is found: 0 7 0 1 23 45 67.
    assert phone_numbers("ring noll sju noll ett tjugotre fyrtiofem sextiosju") == [
        "noll sju noll ett tjugotre fyrtiofem sextiosju"
    ]


# ---- Phone numbers spelled in words, with digit groups among the words.


def test_a_number_begun_in_words_and_ended_in_digit_groups_is_found():
    # Three words, then digit groups of up to four digits, however they are joined: the digits
    # alone ("123 45 67") are no number, the whole is 070-123 45 67.
    for text in [
        "ring noll sju noll 123 45 67",
        "ring noll sju noll 1234 567",
        "ring noll sju noll 12-34-567",
        "ring noll-sju-noll-1234-567",
    ]:
        assert phone_numbers(text) == [text.removeprefix("ring ")], text


def test_a_number_in_words_is_found_when_something_else_follows_it():
    # A dash, then the next figure: the number in words before it is complete.
    text = "noll sju noll ett två tre fyra fem sex sju – 15 år"
    assert phone_numbers(text) == ["noll sju noll ett två tre fyra fem sex sju"]


def test_counting_in_words_then_a_figure_is_no_phone_number():
    for text in [
        # A figure of five digits or more (a postcode, an amount) is a figure of its own.
        "yksi kaksi kolme neljä 00100 Helsinki",
        "Vi er fire, fem, seks, syv 12345 kr",
        # Digits alone are a number only as the digit rules read them: this is an amount.
        "Vi talte en to tre fire, og budgettet er på 40.123.456 kr.",
    ]:
        assert phone_numbers(text) == [], text


# ---- Amounts and help lines.


def test_a_currency_before_or_after_the_digits_makes_them_an_amount():
    assert phone_numbers("Det kostede 40 12 34 56 kr") == []
    assert phone_numbers("Kr. 40 12 34 56 i alt") == []  # the currency opens the text
    assert phone_numbers("€40123456") == []
    assert phone_numbers("SEK  40 12 34 56") == []


def test_a_currency_ending_the_paragraph_before_does_not_make_a_number_an_amount():
    shown = shown_text("<p>Cykel til salg, 200 kr</p>\n\n<p>40 12 34 56</p>").text
    assert phone_numbers(shown) == ["40 12 34 56"]
    # Set this far apart, a currency and the digits are not one amount.
    assert phone_numbers("SEK   40 12 34 56") == ["40 12 34 56"]


def test_a_number_opening_a_text_that_ends_in_a_plus_is_found():
    assert phone_numbers("40 12 34 56 er mit nummer, jeg er 18+") == ["40 12 34 56"]


def test_a_help_line_listed_without_country_code_is_allowed_with_any_country_code():
    # Kirkens SOS (Norway) listed as "22 40 00 40": read first as a Danish number, yet a member
    # writing it with +47 still names the help line.
    text = "Ring Kirkens SOS på +47 22 40 00 40"
    assert phone_numbers(text) == ["+47 22 40 00 40"]
    assert phone_numbers(text, allowed_numbers=["22 40 00 40"]) == []


# ---- E-mail addresses spelled out.


def test_an_address_with_curly_brackets_around_at_is_found():
    assert email_addresses("skriv til anna{at}gmail{dot}com") == ["anna{at}gmail{dot}com"]


def test_english_at_before_a_plain_domain_is_not_an_address():
    for text in ["We meet at school.se tomorrow", "the schedule at kommune.dk"]:
        assert email_addresses(text) == [], text
    # A spelled-out dot or a mail service makes it one.
    assert email_addresses("anna at gmail dot com") == ["anna at gmail dot com"]
    assert email_addresses("anna at gmail.com") == ["anna at gmail.com"]


def test_an_address_with_a_dotless_or_dotted_i_is_found():
    # "ı" and "İ" survive the shown text's NFKC and read as "i" in an address.
    for text in ["anna at gmail.fı", "anna at gmail.İNFO", "anna at gmail PİSTE fi"]:
        assert email_addresses(text) == [text], text


# ---- Handles and addresses.


def test_a_two_letter_word_after_an_apps_name_is_no_handle():
    for text in ["mun snäppi on jo vanha", "snap: xd", "my insta is xd"]:
        assert contact_handles(text) == [], text
    assert contact_handles("my snap is xdd") == ["my snap is xdd"]


def test_a_short_lowercase_word_before_a_streets_name_is_left_out():
    for word in ["i", "på", "ved", "hos"]:
        assert street_addresses(f"vi ses {word} Karl Johans gate 22") == ["Karl Johans gate 22"], word


def test_a_price_ending_one_line_does_not_hide_a_number_opening_the_next():
    """A sale post ("Cykel 200 kr" on one line, a number on the next): the currency belongs to the
    price, and the number is still a phone number."""
    for text in (
        "Cykel 200 kr\n40 12 34 56",
        "Cykel til salg 200 kr\n\n40 12 34 56",
        "Ring 40 12 34 56\nkr 200 for cyklen",
        "5 kr 40 12 34 56",
        "Cykel 5,5 kr 40 12 34 56",
        "Cykel 200\n\n   kr\n40 12 34 56",
    ):
        assert phone_numbers(text), text
    for html in ("<p>Cykel 200 kr</p><p>40 12 34 56</p>", "<p>Cykel 200 kr</p>\n<p>40 12 34 56</p>"):
        assert phone_numbers(shown_text(html).text), html
    # An amount on its own line is still an amount.
    assert phone_numbers("Cyklen koster\n4000 kr") == []
    assert phone_numbers("Prisen er kr. 40 12 34") == []
    assert phone_numbers("Prisen er 4000 kr 3500 kr kontant") == []


# ---- Survivors of the full run (every mutant, not only the sample).


def test_a_plain_address_is_reported_whole_and_once():
    # The whole address, not the last part of its domain.
    assert email_addresses("skriv til anna.k@gmail.com") == ["anna.k@gmail.com"]
    # An "at" word elsewhere lets the spelled-out search run too; it must not report the same
    # written address a second time.
    assert email_addresses("write to me at anna@gmail.com") == ["anna@gmail.com"]


def test_digits_glued_to_a_word_or_an_underscore_are_no_phone_number():
    # Codes and user names hold digits: "ab40123456", "user_40123456".
    for text in ["kode ab40123456", "kode 40123456ab", "user_40123456", "mitt id: 40123456_dk"]:
        assert phone_numbers(text) == [], text
    # The same digits on their own are a number.
    assert phone_numbers("ring 40123456") == ["40123456"]


def test_an_amount_with_thousands_separators_is_no_phone_number():
    for text in ["Budgettet var 40.123.456 i alt", "40,123,456 besøgende"]:
        assert phone_numbers(text) == [], text


def test_a_fifteen_digit_number_written_with_00_is_found():
    assert phone_numbers("ring 00358 40 1234 5678") == ["00358 40 1234 5678"]


def test_numbers_listed_one_after_another_are_all_found():
    assert phone_numbers("Ring 40123456 / 50123456") == ["40123456", "50123456"]
    assert phone_numbers("40123456 50123456 60123456") == ["40123456", "50123456", "60123456"]


def test_a_number_followed_by_a_year_is_read_from_its_first_group():
    assert phone_numbers("Ring 40 12 34 56 2009") == ["40 12 34 56"]


def test_a_seven_digit_number_in_words_is_found_as_it_is_in_digits():
    # 040-01 23 4 (Sweden): "fyrtio noll" is 40 then 0, not 40.
    assert phone_numbers("ring 40 01 234") == ["40 01 234"]
    assert phone_numbers("ring fyrtio noll ett två tre fyra") == ["fyrtio noll ett två tre fyra"]
    # Six digits are no phone number, in digits or in words.
    assert phone_numbers("ring 40 12 34") == []
    assert phone_numbers("ring fyra noll ett två tre fyra") == []


def test_a_number_in_words_inside_brackets_is_reported_without_them():
    text = "(noll sju noll ett två tre fyra fem sex sju)"
    assert phone_numbers(text) == ["noll sju noll ett två tre fyra fem sex sju"]


def test_a_listed_help_line_is_allowed_however_its_country_code_is_written():
    # Kirkens SOS (Norway), listed with +47.
    listed = ["+47 22 40 00 40"]
    for text in ["22 40 00 40", "+47 22 40 00 40", "0047 22 40 00 40", "47 22 40 00 40"]:
        assert phone_numbers(f"Ring {text}", allowed_numbers=listed) == [], text


def test_a_number_in_words_joined_by_dots_commas_or_slashes_is_found():
    # Words joined without spaces are still read one by one, as the search reads them.
    for joint in ".,/":
        text = joint.join("noll sju noll ett två tre fyra fem sex sju".split())
        assert phone_numbers(f"ring {text}") == [text], text
    # The shortest run that holds seven digits: a word and two groups of digits (40 12 34 56),
    # also as a whole reply.
    assert phone_numbers("fyrre tolv 3456") == ["fyrre tolv 3456"]
    assert phone_numbers("ring fyrre tolv 3456") == ["fyrre tolv 3456"]
    assert phone_numbers("ring fyrre tolv 3456, ikke 23456") == ["fyrre tolv 3456"]


def test_everyday_number_words_joined_by_hyphens_are_read_as_a_number():
    # "fire", "to", "en" are everyday words too, but joined by hyphens to digits they spell 42 12 34 56.
    assert phone_numbers("ring fire-to-en-to-3456") == ["fire-to-en-to-3456"]


def test_a_long_number_written_with_00_is_reported_whole():
    """E.164 allows fifteen digits after the international prefix; "00" is the prefix, not part of
    the number, so a fourteen-digit number written with it is found from its first digit."""
    # The last two have fifteen digits after the prefix: the most E.164 allows.
    for text in ("0046 25 598 508 11 44", "00358 70 195 207 651", "00358 70 195 207 6512", "+358 70 195 207 6512"):
        assert phone_numbers(f"Ring {text} i aften") == [text], text


def test_a_tens_word_and_a_unit_read_as_one_two_digit_group():
    """"twenty two" is 22, not 202; "ten two" is 10 and 2 ("ten" is no tens word of a compound)."""
    cases = {
        "ring twenty two thirty four fifty six seventy eight": "+4522345678",
        "ring ninety one twenty three forty five sixty seven": "+4591234567",
        "ring seventy seven ten two thirty four fifty six": "+46771023456",
    }
    for text, e164 in cases.items():
        assert [number for number, _written in _written_phones(_Prepared(text))] == [e164], text
