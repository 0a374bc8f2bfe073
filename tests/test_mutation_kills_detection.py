"""Detection rules that mutation testing found untested: look-alike spellings letter by letter,
the order a moderator sees matches in, and rules given as plain objects (the compatibility path).
"""

import html
import re

import pytest

from moderation.detection import crisis as packs
from moderation.detection import rules as matcher
from moderation.detection.addresses import _ENDINGS, _STREET_WORDS, street_addresses
from moderation.detection.contact_details import (
    _Prepared,
    _spelled_runs,
    email_addresses,
    phone_numbers,
)
from moderation.detection.crisis import PatternError, _Forms, check_pattern, compile_matcher
from moderation.detection.handles import contact_handles
from moderation.detection.normalise import shown_text
from moderation.detection.rules import WordRule, compile_words
from moderation.detection.text import _LOOKALIKE_CLASSES, fold, fold_map


def words(*rules):
    return compile_words(WordRule(i, pattern, action, replacement, lookalikes) for i, (pattern, action, replacement, lookalikes) in enumerate(rules, 1))


# Every digit or symbol a look-alike rule reads as a letter, in the middle of a word ("m8n" for "mbn"):
# a letter whose class were lost or emptied would let that spelling through.
LOOKALIKE_CASES = [(letter, alternative) for letter, alternatives in _LOOKALIKE_CLASSES.items() for alternative in alternatives]


@pytest.mark.parametrize(("letter", "alternative"), LOOKALIKE_CASES)
def test_each_lookalike_character_is_read_as_its_letter(letter, alternative):
    pattern = f"kr{letter}mp"
    rule = words((pattern, "block", "", True))
    assert rule.find(f"you kr{alternative}mp"), f"{alternative!r} should read as {letter!r} in {pattern!r}"


@pytest.mark.parametrize("letter", sorted(_LOOKALIKE_CLASSES))
def test_a_lookalike_rule_does_not_read_other_letters_as_its_own(letter):
    # "kr?mp" written with a letter of another class is another word.
    other = "q" if letter != "q" else "w"
    assert words((f"kr{letter}mp", "block", "", True)).find(f"you kr{other}mp") == []


def test_lookalike_wildcards_and_phrases():
    rules = words(("dumb*", "block", "", True), ("total loser", "block", "", True))
    assert [m.matched for m in rules.find("so dumb4ss.")] == ["dumb4ss"]
    assert [m.matched for m in rules.find("a total   l0ser")] == ["total   l0ser"]
    assert [m.matched for m in rules.find("a t.o.t.a.l l.o.s.e.r")] == ["t.o.t.a.l l.o.s.e.r"]
    assert [m.matched for m in rules.find("d u m b a s s")] == ["d u m b a s s"]
    # A rule starting with a wildcard matches words ending in its letters, and nothing shorter.
    ending = words(("*hole", "block", "", True))
    assert [m.matched for m in ending.find("what an a55h0le")] == ["a55h0le"]
    assert ending.find("a hol") == []


def test_matches_are_listed_in_the_order_they_are_written():
    # The moderator reads the matched words in the order of the text, whatever the rules' order.
    rules = words(("zebra", "flag", "", False), ("apple", "flag", "", False), ("m0nkey", "flag", "", False), ("donkey", "flag", "", True))
    found = rules.find("donk3y ate an apple near a zebra")
    assert [m.matched for m in found] == ["donk3y", "apple", "zebra"]


def test_a_rule_of_only_wildcards_and_spaces_is_ignored():
    rules = words(("* *", "block", "", False), ("**", "block", "", True), ("", "block", "", False), ("idiot", "block", "", False))
    assert len(rules) == 1
    assert [m.matched for m in rules.find("an idiot and others")] == ["idiot"]


def test_an_empty_text_folds_to_nothing():
    assert fold("") == ""
    assert fold(None) == ""
    assert fold_map("").text == ""
    assert words(("idiot", "block", "", False)).find("") == []


def test_letters_that_lower_case_to_two_characters_fold_to_one():
    # Turkish "İ" lower-cases to "i" plus a combining dot: folded, it is a plain "i".
    assert fold("İstanbul") == "istanbul"
    folded = fold_map("İdiot!")
    assert folded.text == "idiot!"
    assert folded.span(0, 5) == (0, 5)
    (match,) = words(("idiot", "block", "", False)).find("İDİOT!")
    assert (match.start, match.end, match.matched) == (0, 5, "İDİOT")


class Rule:
    """A rule as callers of the first matcher pass it: ``pk`` and ``pattern``, maybe more."""

    def __init__(self, pk, pattern, **fields):
        self.pk, self.pattern = pk, pattern
        self.__dict__.update(fields)


def test_a_rules_own_replacement_is_used_when_censoring():
    assert matcher.censor("what crap", [Rule(1, "crap", replacement="[removed]")]) == "what [removed]"
    assert matcher.censor("what crap", [Rule(1, "crap")]) == "what ✱✱✱"


def test_rules_without_a_lookalike_setting_match_only_the_word_itself():
    assert matcher.find([Rule(1, "loser")], "what a l0ser") == []
    assert matcher.find([Rule(2, "loser", lookalikes=True)], "what a l0ser")


def test_changed_rules_are_compiled_afresh():
    # The compiled rules are kept per rule set: a new set (a moderator's new word) is seen at once.
    first = [Rule(1, "crap")]
    assert matcher.find(first, "dang it") == []
    assert [r.pk for r, _m in matcher.find([*first, Rule(2, "dang")], "dang it")] == [2]


# Every street ending and street word the address detector knows, in a sentence a member might
# write: an ending lost from the lists would let that street's address through unscreened. One test
# for all of them, so any one lost fails it (the mutation runner tries a bounded number of tests).
def test_each_street_ending_is_an_address_with_a_house_number():
    missed = []
    for ending in _ENDINGS:
        street = "Nord" + ending
        if street_addresses(f"Jeg bor på {street} 12, kom forbi") != [f"{street} 12"]:
            missed.append(street)
        if street_addresses(f"Jeg bor på {street.upper()} 12") != [f"{street.upper()} 12"]:
            missed.append(street.upper())
    assert missed == []


def test_each_street_word_after_a_name_is_an_address():
    missed = [word for word in _STREET_WORDS if street_addresses(f"Jeg bor på Karl Johans {word} 12") != [f"Karl Johans {word} 12"]]
    assert missed == []


def test_a_street_ending_alone_with_a_number_is_no_address():
    # "vej 3" and "gate 12" without a name before them are not streets; nor is text with no number.
    assert street_addresses("Tag en anden vej 3 gange") == []
    assert street_addresses("Nordgade uden nummer") == []
    assert street_addresses("") == []


# ------------------------------------------------------------------ what a reader sees

@pytest.mark.parametrize(
    "raw",
    ["I am &notit", "you &ampidiot", "&copy2026 us", "x &lt;3 y", "&amp;amp;", "&#105;diot", "&#x69;diot",
     "&unknown; thing", "& alone", "&notin; set", "&noti", "a&b"],
)
def test_character_references_show_as_a_browser_shows_them(raw):
    # A named reference without ";" shows its longest known prefix and the rest as text, as in browsers.
    assert shown_text(raw).text == html.unescape(raw)


def test_a_word_after_a_reference_without_its_semicolon_is_found_where_it_was_written():
    raw = "you &ampidiot"
    (match,) = words(("idiot", "block", "", False)).find(raw)
    assert (match.matched, raw[match.start : match.end]) == ("idiot", "idiot")


def test_full_width_letters_inside_markup_are_read_as_plain_letters():
    raw = "you <b>ｉｄｉｏｔ</b>!"
    (match,) = words(("idiot", "block", "", False)).find(raw)
    assert match.matched == "ｉｄｉｏｔ"
    assert shown_text(raw).text == "you idiot!"


def test_the_position_map_of_marked_up_text_reads_like_a_list():
    raw = "a &amp; <b>bold</b> c"
    shown = shown_text(raw)
    origin = shown.origin
    assert shown.text == "a & bold c"
    assert len(origin) == len(shown.text) + 1
    as_list = [origin[i] for i in range(len(origin))]
    assert list(origin) == as_list
    assert origin[-1] == len(raw) == as_list[-1]
    assert origin[2:4] == tuple(as_list[2:4])
    assert raw[origin[2]] == "&"  # "&" shows where "&amp;" was written
    assert raw[slice(*shown.raw_span(4, 8))] == "bold"
    with pytest.raises(IndexError):
        origin[len(origin)]


# ------------------------------------------------------------------ a broken crisis pack says what is wrong

GOOD_RULE = 'id = "x_test"\ncategory = "suicide"\nwhy = "A test rule."\npatterns = ["zzqx never"]\n'


@pytest.mark.parametrize(
    ("addition", "language_line", "complaint"),
    [
        ("", 'language = "sv"', "its `language` must name the file's language"),
        ("[[rule]]\n" + GOOD_RULE.replace('"suicide"', '"sadness"'), None, "category must be one of"),
        ("[[rule]]\n" + GOOD_RULE.replace('patterns = ["zzqx never"]\n', ""), None, "a rule needs `patterns`"),
        ("[[rule]]\n" + GOOD_RULE.replace('why = "A test rule."\n', ""), None, "say in `why` what the rule is for"),
        ("[[rule]]\n" + GOOD_RULE + "\n[[rule]]\n" + GOOD_RULE, None, "rule ids must be unique"),
        ("[[rule]]\n" + GOOD_RULE + "gap = 7\n", None, "gap must be 0 to 6"),
        ("[[rule]]\n" + GOOD_RULE + "gap = -1\n", None, "gap must be 0 to 6"),
        ('[[idiom]]\npattern = "zzqx never"\ngap = 7\n', None, "gap must be 0 to 6"),
    ],
)
def test_a_broken_crisis_pack_is_refused_with_the_reason(tmp_path, monkeypatch, addition, language_line, complaint):
    for language in packs.LANGUAGES:
        text = (packs.PACKS / f"{language}.toml").read_text()
        if language == "en":
            if language_line:
                text = text.replace('language = "en"', language_line, 1)
            text += "\n" + addition
        (tmp_path / f"{language}.toml").write_text(text)
    monkeypatch.setattr(packs, "PACKS", tmp_path)
    packs._load_packs.cache_clear()
    try:
        with pytest.raises(packs.PatternError, match=": " + re.escape(complaint)):
            packs._load_packs()
    finally:
        packs._load_packs.cache_clear()


def test_the_packs_as_shipped_load_and_a_good_rule_added_loads_too(tmp_path, monkeypatch):
    for language in packs.LANGUAGES:
        text = (packs.PACKS / f"{language}.toml").read_text()
        (tmp_path / f"{language}.toml").write_text(text + ("\n[[rule]]\n" + GOOD_RULE + "gap = 6\n" if language == "en" else ""))
    monkeypatch.setattr(packs, "PACKS", tmp_path)
    packs._load_packs.cache_clear()
    try:
        loaded = packs._load_packs()
        assert "en.suicide.x_test" in {rule["rule_id"] for rule in loaded.rules}
    finally:
        packs._load_packs.cache_clear()


# ---- The crisis rule grammar a moderator writes in the admin (moderation/detection/crisis.py).
# Made-up words, so no rule of the shipped packs overlaps what each test states.


def moderators_rules(*rules):
    return compile_matcher([(f"db:{n}", pattern, category, language) for n, (pattern, category, language) in enumerate(rules, 1)])


def test_a_word_in_brackets_may_be_left_out_or_written():
    crisis = moderators_rules(("[very] zorblax quimble", "suicide", "en"))
    assert [hit.matched for hit in crisis.find("one zorblax quimble")] == ["zorblax quimble"]
    assert [hit.matched for hit in crisis.find("the very zorblax quimble")] == ["very zorblax quimble"]


@pytest.mark.parametrize("ellipsis", ["…", "..."])
def test_an_ellipsis_lets_words_come_between_and_without_it_they_may_not(ellipsis):
    crisis = moderators_rules((f"zorblax {ellipsis} brondle", "abuse", "en"), ("zorblax frindle", "abuse", "en"))
    assert [hit.rule for hit in crisis.find("zorblax one two three four five six brondle")] == ["db:1"]
    assert crisis.find("zorblax one two three frindle") == []


def test_a_rule_for_every_language_reports_no_language_and_a_capital_letter_is_read_as_written():
    crisis = moderators_rules(("Xanax bottle", "overdose", ""), ("=pillerne taget", "overdose", "da"))
    assert [(hit.rule, hit.language) for hit in crisis.find("a whole xanax bottle")] == [("db:1", "")]
    assert [hit.language for hit in crisis.find("pillerne taget")] == ["da"]


def test_an_exact_word_matches_that_form_only():
    crisis = moderators_rules(("=pillerne taget", "overdose", "da"))
    assert [hit.matched for hit in crisis.find("pillerne taget")] == ["pillerne taget"]
    assert crisis.find("pillen taget") == []


@pytest.mark.parametrize(
    ("pattern", "complaint"),
    [("=", "not one word"), ("want die,now", "not one word"), ("want [] die", "nothing inside"), ("want [ ] die", "nothing inside")],
)
def test_a_pattern_a_moderator_cannot_have_meant_is_refused_with_the_reason(pattern, complaint):
    with pytest.raises(PatternError, match=complaint):
        check_pattern(pattern)


def test_repeated_everyday_words_that_are_also_numbers_are_no_phone_number():
    # "to", "fire", "en" are "two", "four", "one" too: a phone number spelled out needs a word that
    # can only be a number, or four different such words.
    assert phone_numbers("to to to to to to to to") == []
    assert phone_numbers("ring to en en en en en en en") == []  # two different ones only
    assert phone_numbers("ring mig på fire fire fire fire fire fire fire fire") == []
    assert phone_numbers("two two two two two two two two") == ["two two two two two two two two"]


def test_only_a_links_attributes_are_read_as_shown_text():
    # The sanitiser keeps href and title on links only; another tag's attributes never reach a reader.
    assert shown_text('<span title="ring 12345678">Hej</span>').link_texts == ()
    assert shown_text('<a title="ring 12345678" href="https://x.dk">Hej</a>').link_texts == ("ring 12345678", "https://x.dk")
    assert shown_text("<p>Hej</a> <b>du</b>").link_texts == ()


@pytest.mark.parametrize(
    "text",
    [
        "anna at gmail (dot) com",
        "anna at gmail [punkt] dk",
        "anna at hotmail {prik} dk",
        "anna ( at ) gmail ( dot ) com",
        "anna (snabela) gmail.com",
        "anna(snabel-a)gmail.se",
        "anna [ät] gmail.com",
        "anna (kanelbulle) gmail (punkt) com",
    ],
)
def test_an_address_with_a_bracketed_at_or_dot_word_is_found(text):
    # Found by mutation testing: the cheap gate before the spelled-out search knew "dot" as a word
    # of its own only, and a bracketed "at" only as "(at", "[at" or "{at": these were published.
    assert email_addresses(text) == [text]


def test_english_at_before_a_site_is_no_address():
    assert email_addresses("look at gmail.com for the form") == []
    assert email_addresses("(at) the end of the day [at] work") == []


APPS = ["snap", "snäp", "snapchat", "insta", "discord", "tiktok", "tik tok", "telegram", "whatsapp", "whats app",
        "signal", "messenger", "skype", "bereal", "threads", "twitch", "steam"]


def test_a_handle_offered_for_each_app_is_found():
    missed = [
        (app, text)
        for app in APPS
        for text in (f"add me on {app}: anna_2009", f"{app} anna_k")
        if contact_handles(text) != [text]
    ]
    assert missed == []


def test_short_app_names_count_and_no_app_named_means_no_handle():
    assert contact_handles("sc emma_2009") == ["sc emma_2009"]
    assert contact_handles("kik: annak") == ["kik: annak"]
    # "dm me", "text me" name no app: the next word is an ordinary word, not a handle.
    assert contact_handles("dm me anytime, text me whenever") == []


def test_a_spaced_phone_number_offered_for_an_app_is_found_whole():
    assert contact_handles("signal me on +45 40 12 34 56") == ["signal me on +45 40 12 34 56"]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("call me on twenty one thirty four fifty six seventy eight", "twenty one thirty four fifty six seventy eight"),
        ("my number is four ten two three four five six", "four ten two three four five six"),
        # Four different everyday words that are numbers too ("to", "fire", "ni", "en") are enough.
        ("ring to fire ni en to fire ni en", "to fire ni en to fire ni en"),
        ("ring to fire ni en to fire ni en i morgen", "to fire ni en to fire ni en"),
    ],
)
def test_phone_numbers_spoken_in_words_are_found_as_written(text, written):
    assert phone_numbers(text) == [written]


def test_a_one_letter_exact_word_is_a_word():
    crisis = moderators_rules(("=i zorblax", "suicide", ""))
    assert [hit.matched for hit in crisis.find("and i zorblax")] == ["i zorblax"]


def test_spoken_numbers_are_read_as_the_digits_meant():
    # "twenty one" is 21 and "ten two" is 10, 2: tens take the next unit, ten is no tens word.
    assert [digits for digits, _written in _spelled_runs(_Prepared("twenty one thirty four fifty six seventy eight"))] == [
        "21345678"
    ]
    assert [digits for digits, _written in _spelled_runs(_Prepared("four ten two three four five six"))] == ["41023456"]


@pytest.mark.parametrize(
    "number",
    [
        "0812345",  # seven digits (Sweden, Stockholm)
        "040 123 4567",  # valid in Finland only
        "79 01 23 45",  # valid in Norway only
        "0045 40 12 34 56",  # an international prefix written as 00
        "+45 40 12 34 56",
    ],
)
def test_phone_numbers_of_every_nordic_region_and_length_are_found(number):
    assert phone_numbers(f"ring mig på {number} i aften") == [number]


@pytest.mark.parametrize(
    ("listed", "written"),
    [
        ("+45 70 12 34 56", "70 12 34 56"),
        ("+45 70 12 34 56", "0045 70 12 34 56"),
        ("70 12 34 56", "+45 70 12 34 56"),
        ("040 123 4567", "+358 40 123 4567"),
    ],
)
def test_a_help_line_the_site_lists_is_never_personal_data_however_it_is_written(listed, written):
    assert phone_numbers(f"Ring {written}, de hjælper", allowed_numbers=[listed]) == []
    assert phone_numbers(f"Ring {written}, de hjælper") == [written]


# ---- What a pack's rule and idiom may say, read as written (moderation/detection/packs/README.md).

PACK_ADDITION = """
[[rule]]
id = "x_default_gap"
category = "suicide"
why = "Two words may come between by default."
patterns = ["zzqx never"]

[[rule]]
id = "x_context"
category = "abuse"
why = "A context word within twelve words by default."
patterns = ["vroob"]
context = ["klimp"]

[[rule]]
id = "x_narrow_context"
category = "abuse"
why = "A context word within two words."
patterns = ["spoob"]
context = ["klimp"]
context_window = 2

[[rule]]
id = "x_exceptions"
category = "suicide"
why = "An exception with its own gap."
patterns = ["blorf ... wumpa"]
exceptions = ["blorf wumpa"]
exception_gap = 0

[[rule]]
id = "x_idioms"
category = "suicide"
why = "Cleared by idioms."
patterns = ["plonk ... frob", "glim ... gloo"]

[[idiom]]
pattern = "plonk frob"

[[idiom]]
pattern = "glim gloo"
gap = 0

[[idiom]]
pattern = "snerk flub"
gap = 6
"""


@pytest.fixture
def pack_matcher(tmp_path, monkeypatch):
    """The shipped packs with an addition to the English one, compiled as the site compiles them."""

    def build(addition: str):
        for language in packs.LANGUAGES:
            text = (packs.PACKS / f"{language}.toml").read_text()
            (tmp_path / f"{language}.toml").write_text(text + ("\n" + addition if language == "en" else ""))
        monkeypatch.setattr(packs, "PACKS", tmp_path)
        packs._load_packs.cache_clear()
        packs._compiled_packs.cache_clear()
        return packs.compile_matcher()

    yield build
    packs._load_packs.cache_clear()
    packs._compiled_packs.cache_clear()


def fired(matcher, text):
    return [hit.rule.split(".")[-1] for hit in matcher.find(text)]


def test_a_packs_rules_read_their_gaps_context_and_exceptions(pack_matcher):
    matcher = pack_matcher(PACK_ADDITION)
    assert fired(matcher, "zzqx a b never") == ["x_default_gap"]
    assert fired(matcher, "zzqx a b c never") == []
    filler = " ".join(["word"] * 11)
    assert fired(matcher, f"klimp {filler} vroob") == ["x_context"]  # twelve words away
    assert fired(matcher, f"klimp {filler} word vroob") == []  # thirteen
    assert fired(matcher, "klimp a spoob") == ["x_narrow_context"]
    assert fired(matcher, "klimp a b c spoob") == []
    assert fired(matcher, "blorf wumpa") == []
    assert fired(matcher, "blorf a wumpa") == ["x_exceptions"]


def test_a_packs_idioms_clear_within_their_gap(pack_matcher):
    matcher = pack_matcher(PACK_ADDITION)
    assert fired(matcher, "plonk a b frob") == []  # two words between: the idiom's default
    assert fired(matcher, "plonk a b c frob") == ["x_idioms"]
    assert fired(matcher, "glim gloo") == []
    assert fired(matcher, "glim a gloo") == ["x_idioms"]


def test_a_broken_pattern_in_a_pack_is_refused_naming_its_rule(pack_matcher):
    broken = '[[rule]]\nid = "x_broken"\ncategory = "suicide"\nwhy = "Broken."\npatterns = ["zzqx [never"]\n'
    with pytest.raises(PatternError, match=r"^en\.suicide\.x_broken: “\[” without “\]”$"):
        pack_matcher(broken)


def test_irregular_forms_must_be_single_words():
    with pytest.raises(PatternError, match="is not one word"):
        _Forms().add("en", "zzqx", ["zz qx"])


def test_a_number_sign_stands_for_any_number():
    crisis = moderators_rules(("took # zorblax", "overdose", "en"))
    assert [hit.matched for hit in crisis.find("I took 40 zorblax")] == ["took 40 zorblax"]
    assert crisis.find("I took many zorblax") == []


def test_numbers_that_cannot_be_parsed_or_start_a_text_are_no_personal_data():
    # No such country code: the digits after it are still a Danish number.
    assert phone_numbers("ring +999 12 34 56 78") == ["12 34 56 78"]
    assert street_addresses(" 12 er mit nummer") == []  # nothing before the number
