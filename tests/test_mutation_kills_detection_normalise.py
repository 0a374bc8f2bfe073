"""Detection rules that mutation testing found untested: what a reader sees of a "<" that opens
no tag, of a capital X in accented text, of a decomposed accent and of a link's target with
invisible characters in it; where the end of the shown text sits in the raw text; and how watched
words count their rules, treat an empty text and censor matches that touch or nest.
"""

from moderation.detection import rules as matcher
from moderation.detection.contact_details import email_addresses, phone_numbers
from moderation.detection.normalise import shown_text
from moderation.detection.rules import WordRule, compile_words


def words(*rules):
    return compile_words(
        WordRule(i, pattern, action, replacement, lookalikes)
        for i, (pattern, action, replacement, lookalikes) in enumerate(rules, 1)
    )


def test_a_less_than_sign_that_opens_no_tag_is_shown_once_and_whole():
    # "<3", "< b" and "<1" open no tag, so a browser shows the "<" and what follows it as
    # written, also when a ">" comes later in the text.
    for raw in ("I <3 you, see you > 5", "if a < b and b > c", "x<1> y", "<<b>ok"):
        expected = raw if raw != "<<b>ok" else "<ok"
        assert shown_text(raw).text == expected, raw
    # The words after such a "<" are still found where they were written.
    rule = words(("idiot", "block", "", False))
    raw = "I <3 my idiot <b>friend</b>"
    assert [(m.matched, m.start) for m in rule.find(raw)] == [("idiot", 8)]


def test_a_capital_x_stays_visible_in_text_with_accents():
    # Only invisible characters are dropped; text with an accent takes the full path.
    for raw in ("Xbox café", "Køb XANAX her", "MAX Ørsted, <b>XL</b>"):
        assert shown_text(raw).text == raw.replace("<b>", "").replace("</b>", ""), raw
    rule = words(("xanax", "flag", "", False))
    assert [m.matched for m in rule.find("Køb Xanax her")] == ["Xanax"]


def test_invisible_characters_in_a_links_target_hide_no_number_or_address():
    shown = shown_text('<a href="tel:40\u200b12\u200d34\u206056">ring mig</a>')
    assert shown.link_texts == ("tel:40123456",)
    assert phone_numbers(shown.link_texts[0]) == ["40123456"]
    shown = shown_text('<a href="mailto:an\u200bna@exam\u00adple.com" title="sk\u200briv">her</a>')
    assert shown.link_texts == ("mailto:anna@example.com", "skriv")
    assert email_addresses(shown.link_texts[0]) == ["anna@example.com"]


def test_the_end_of_the_shown_text_maps_to_the_end_of_the_raw_text():
    # Markup or a reference at the very end: the position after the last shown character
    # is the raw text's end, not the start of that markup.
    for raw in ("idiot<b>", "you <i>idiot</i>", "fish &amp;", "a&amp;", "<b></b>", "<!-- x -->"):
        shown = shown_text(raw)
        end = len(shown.text)
        assert shown.origin[end] == len(raw), raw
        assert shown.origin[-1] == len(raw), raw
        assert shown.raw_span(end, end) == (len(raw), len(raw)), raw


def test_the_same_text_from_different_markup_is_not_the_same_shown_text():
    # Equal text, different positions: a censor must not take one for the other.
    assert shown_text("a<b>c").text == shown_text("a<em>c").text
    assert shown_text("a<b>c") != shown_text("a<em>c")
    assert shown_text("a<b>c").origin != (0, 1, 2)
    assert shown_text("a<b>c").origin == (0, 4, 5)


def test_a_decomposed_accent_is_censored_with_its_letter_and_nothing_after_it():
    # "e" + combining acute shows as "é": one letter, written as two characters.
    rule = words(("idiote", "censor", "", False))
    for raw, censored in (
        ("you idiote\u0301! ok", "you ✱✱✱! ok"),
        ("you idiote\u0301\u0323, ok", "you ✱✱✱, ok"),
        ("idiote\u0301 x", "✱✱✱ x"),
        ("<b>idiote\u0301</b>.", "<b>✱✱✱</b>."),
    ):
        assert rule.censor(raw, rule.find(raw)) == censored, raw
    assert shown_text("cafe\u0301 ok").text == "café ok"
    shown = shown_text("cafe\u0301 ok")
    assert [shown.raw_span(i, i + 1) for i in range(len(shown.text))] == [
        (0, 1),
        (1, 2),
        (2, 3),
        (3, 5),
        (5, 6),
        (6, 7),
        (7, 8),
    ]


def test_compiled_rules_count_and_are_true_with_plain_and_lookalike_rules():
    mixed = words(
        ("idiot", "block", "", False), ("moron", "block", "", False), ("loser", "block", "", True)
    )
    assert len(mixed) == 3
    assert bool(mixed)
    assert bool(words(("idiot", "block", "", False)))
    assert bool(words(("loser", "block", "", True)))
    assert not words()
    assert len(words()) == 0


def test_an_empty_text_matches_nothing_and_censors_to_nothing():
    rule = words(("xx", "censor", "", False), ("xx", "censor", "", True))
    for empty in ("", None):
        assert rule.find(empty) == [], empty
        assert rule.censor(empty, []) == "", empty
        assert rule.censor(empty, rule.find(empty)) == "", empty


def test_a_match_inside_a_longer_one_is_censored_with_it():
    rules = words(
        ("idiot", "censor", "", False),
        ("foo bar baz", "censor", "", False),
        ("bar", "censor", "", False),
    )
    for raw, censored in (
        ("a foo bar baz!", "a ✱✱✱!"),
        ("idiot, foo bar baz!", "✱✱✱, ✱✱✱!"),
        ("idiot, idiot and foo bar baz bar.", "✱✱✱, ✱✱✱ and ✱✱✱ ✱✱✱."),
    ):
        assert rules.censor(raw, rules.find(raw)) == censored, raw


def test_matches_that_touch_are_each_replaced_by_their_own_rule():
    rules = words(("wtf!", "censor", "[wtf]", False), ("!omg", "censor", "[omg]", False))
    raw = "wtf!!omg"
    assert [(m.start, m.end) for m in rules.find(raw)] == [(0, 4), (4, 8)]
    assert rules.censor(raw, rules.find(raw)) == "[wtf][omg]"


def test_a_censored_word_is_replaced_by_three_stars_unless_its_rule_says_otherwise():
    rule = words(("crap", "censor", "", False))
    raw = "what crap"
    assert matcher.DEFAULT_REPLACEMENT == "✱✱✱"
    assert rule.censor(raw, rule.find(raw)) == f"what {matcher.DEFAULT_REPLACEMENT}"
    assert rule.censor(raw, rule.find(raw), default="[x]") == "what [x]"
