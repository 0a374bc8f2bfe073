"""The crisis matcher (moderation/detection/crisis.py) in the places mutation testing found untested:
letters folded before matching, accented base forms, Danish "-ed", words left out in the middle or
at the end of a phrase, idioms next to (not over) a match, a message that is only the phrase, and
the per-matcher word cache.

Made-up words ("zorblax", "quimble") where a shipped pack rule must not overlap what a test states.
"""

from moderation.detection import crisis
from moderation.detection.crisis import compile_matcher, fold


def moderators_rules(*rules):
    return compile_matcher([(f"db:{n}", pattern, category, language) for n, (pattern, category, language) in enumerate(rules, 1)])


def moderators_hits(matcher, text):
    return [(hit.rule, hit.matched) for hit in matcher.find(text) if hit.rule.startswith("db:")]


def test_the_oe_ligature_is_read_as_oe_both_in_a_rule_and_in_a_message():
    assert fold("Œuvre") == "oeuvre"
    written_plain = moderators_rules(("=zorbloex quimble", "suicide", ""))
    assert moderators_hits(written_plain, "ZORBLŒX quimble") == [("db:1", "ZORBLŒX quimble")]
    written_with_ligature = moderators_rules(("=zorblœx quimble", "suicide", ""))
    assert moderators_hits(written_with_ligature, "zorbloex quimble") == [("db:1", "zorbloex quimble")]


def test_an_accented_word_meets_its_other_forms_through_its_accented_base_form():
    # The Swedish stemmer joins "bråket" to "bråk" only as written with "å": folded first, "braket"
    # keeps its ending. A moderator's "bråk hemma" must still catch "bråket hemma".
    matcher = moderators_rules(("bråk hemma", "abuse", "sv"))
    assert moderators_hits(matcher, "det är så mycket bråket hemma") == [("db:1", "bråket hemma")]
    assert moderators_hits(matcher, "Bråk hemma igen") == [("db:1", "Bråk hemma")]


def test_a_four_letter_word_ending_in_ed_is_not_cut_to_two_letters():
    # Danish past tenses lose "-ed" ("skaded" -> "skad"), but only from longer stems: a rule for
    # "weed" (every language, so Danish too) must not fire on every "we".
    matcher = moderators_rules(("weed", "overdose", ""))
    assert moderators_hits(matcher, "we talked about careers in design") == []
    assert moderators_hits(matcher, "he sold me weed") == [("db:1", "weed")]


def test_a_word_in_brackets_may_be_left_out_in_the_middle_or_at_the_end():
    matcher = moderators_rules(
        ("zorblax [very] quimble", "suicide", ""),
        ("brondle [frindle]", "abuse", ""),
        ("snarvel [very] ... plinth", "abuse", ""),
    )
    cases = [
        ("zorblax quimble today", [("db:1", "zorblax quimble")]),
        ("zorblax very quimble", [("db:1", "zorblax very quimble")]),
        # Leaving a word out frees its one place, no more.
        ("zorblax one two quimble", []),
        ("a brondle.", [("db:2", "brondle")]),
        ("a brondle frindle", [("db:2", "brondle frindle")]),
        # The "..." after a left-out word still allows its gap.
        ("snarvel one two three four plinth", [("db:3", "snarvel one two three four plinth")]),
        ("snarvel very one two three four plinth", [("db:3", "snarvel very one two three four plinth")]),
    ]
    for text, expected in cases:
        assert moderators_hits(matcher, text) == expected, text


def test_an_idiom_next_to_a_match_does_not_cancel_it():
    # "dying to know" is an idiom of the English pack; it cancels only rules whose words it covers.
    matcher = moderators_rules(("zorblax", "suicide", ""))
    for text in ("dying to know. zorblax", "zorblax. dying to know"):
        assert moderators_hits(matcher, text) == [("db:1", "zorblax")], text


def test_a_message_that_is_only_the_phrase_is_found():
    matcher = moderators_rules(("zorblax quimble", "suicide", ""))
    assert moderators_hits(matcher, "zorblax quimble") == [("db:1", "zorblax quimble")]


def test_the_word_cache_keeps_the_words_it_read_and_stays_within_its_limit(monkeypatch):
    # Internal, as nothing public shows it: a matcher reads each new word once, and a flood of new
    # words (a long spam post) cannot make the cache grow without bound.
    matcher = moderators_rules(("zorblax quimble", "suicide", ""))
    assert moderators_hits(matcher, "zorblax quimble brondle") == [("db:1", "zorblax quimble")]
    assert {"zorblax", "quimble", "brondle"} <= set(matcher._cache)

    monkeypatch.setattr(crisis, "CACHE_LIMIT", 3)
    flood = moderators_rules(("zorblax quimble", "suicide", ""))
    text = "alpha bravo charlie delta echo foxtrot golf zorblax quimble"
    assert moderators_hits(flood, text) == [("db:1", "zorblax quimble")]
    assert 0 < len(flood._cache) <= 3
