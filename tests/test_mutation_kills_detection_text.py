"""Detection rules that mutation testing found untested: the normaliser (which tags keep words
apart, references written without ";", the span map), watched words (censoring overlapping
matches, phrases typed with extra spaces, rules that are only whitespace, look-alikes at a
word's start, a leading wildcard spelled out), links, folding (small Nordic and Slavic letters,
ligatures, lone accents, the position map), and the samordningsnummer's day.
"""

import html
import time

from moderation.detection.identity_numbers import swedish_personnummer
from moderation.detection.normalise import shown_text
from moderation.detection.rules import WordRule, compile_words, has_link
from moderation.detection.text import _LOOKALIKE_CLASSES, fold, fold_map


def words(*rules):
    return compile_words(
        WordRule(i, pattern, action, replacement, lookalikes)
        for i, (pattern, action, replacement, lookalikes) in enumerate(rules, 1)
    )


def test_a_samordningsnummer_for_the_first_and_last_day_of_a_month_is_found():
    # Day + 60: "61" is the 1st, "91" the 31st. "60" would be day 0, no date at all.
    assert swedish_personnummer("mitt nummer är 811261-1234") == ["811261-1234"]
    assert swedish_personnummer("mitt nummer är 811291-1238") == ["811291-1238"]
    assert swedish_personnummer("mitt nummer är 811260-1235") == []


def test_block_tags_the_sanitiser_keeps_show_the_words_apart():
    # A browser shows these as a line or paragraph break: "idi<ol>ots" reads as two words.
    rule = words(("idiots", "block", "", False))
    for tag in ("p", "br", "li", "ul", "ol", "blockquote", "pre"):
        for markup in (f"<{tag}>", f"</{tag}>"):
            raw = f"idi{markup}ots"
            assert shown_text(raw).text == "idi ots", raw
            assert rule.find(raw) == [], raw
    # Inline tags (and tags the sanitiser strips) join the word.
    for raw in ("idi<b>ots", "idi<hr>ots", "idi<div></div>ots"):
        assert shown_text(raw).text == "idiots", raw
        assert [m.matched for m in rule.find(raw)] == [raw], raw


def test_a_named_reference_without_semicolon_shows_as_the_browser_shows_it():
    # "&gtidiot" shows as ">idiot" ("gt" is the longest reference name it starts with).
    for raw in ("you &gtidiot", "you &ltidiot", "&LTb", "&GTx", "&ampx", "&notit", "&copyx", "&zzz"):
        assert shown_text(raw).text == html.unescape(raw), raw
    rule = words(("idiot", "block", "", False))
    assert [m.matched for m in rule.find("you are&gtidiot")] == ["idiot"]
    assert [m.matched for m in rule.find("you are&ltidiot")] == ["idiot"]


def test_an_empty_shown_span_maps_to_an_empty_raw_span_where_it_sits():
    shown = shown_text("a<b>c&amp;d")
    assert shown.text == "ac&d"
    assert [shown.raw_span(i, i) for i in range(len(shown.text) + 1)] == [(0, 0), (4, 4), (5, 5), (10, 10), (11, 11)]
    plain = shown_text("idiot")
    assert [plain.raw_span(i, i) for i in range(6)] == [(i, i) for i in range(6)]


def test_shown_texts_compare_hash_and_print_by_value():
    first, second = shown_text("a<b>c"), shown_text("a<b>c")
    assert first == second
    assert hash(first) == hash(second)
    assert len({first, second}) == 1
    assert repr(first.origin) == "(0, 4, 5)"
    assert repr(first.ends) == "(1, 5)"
    assert "origin=(0, 4, 5)" in repr(first)


def test_overlapping_matches_after_another_match_are_censored_as_one():
    rules = words(("idiot", "censor", "", False), ("foo bar", "censor", "", False), ("bar baz", "censor", "", False))
    raw = "idiot foo bar baz!"
    assert rules.censor(raw, rules.find(raw)) == "✱✱✱ ✱✱✱!"
    raw = "you idiot, foo bar and foo bar baz."
    assert rules.censor(raw, rules.find(raw)) == "you ✱✱✱, ✱✱✱ and ✱✱✱."


def test_links_are_found_in_the_shown_text_or_the_markup():
    for text in (
        "apply at https://careers.example.ai/jobs",
        "apply at http://example.ai",
        "see www.jobb.ai today",
        "see example.se/jobb",
        "mail JOBB.NO",
    ):
        assert has_link(text, text), text
        assert has_link(text, f"<p>{text}</p>"), text
    # A link whose text is not an address.
    assert has_link("write to me", '<a href="mailto:anna@example.com">write to me</a>')
    for text in ("no links here", "a.b is fine", "version 2.0", "e-mail me"):
        assert not has_link(text, text), text
        assert not has_link(text, f"<p>{text}</p>"), text


def test_capital_letters_without_a_decomposition_fold_next_to_a_dotted_capital_i():
    # "İ" lower-cases to two characters, so such text is folded from its capitals.
    assert fold("İSTANBUL ŁÓDŹ ÆRØ ĐAKOVO") == "istanbul lodz aero dakovo"
    assert fold_map("İSTANBUL ŁÓDŹ").text == "istanbul lodz"
    rule = words(("lajdak", "block", "", False))
    assert [m.matched for m in rule.find("İSTANBUL ŁAJDAK")] == ["ŁAJDAK"]


def test_a_fold_map_ends_with_the_unfolded_length():
    for text in ("idiot", "café", "Straße", "Ærø", "İdiot", ""):
        folded = fold_map(text)
        end = len(folded.text)
        assert len(folded.source) == end + 1, text
        assert list(folded.source)[-1] == len(text), text
        assert folded.source[-1] == len(text), text
        assert folded.span(end, end) == (len(text), len(text)), text


def test_a_phrase_typed_with_extra_spaces_matches_the_words_with_one():
    for lookalikes in (False, True):
        for pattern in ("total  loser", "total \t loser", "a  b   c"):
            rule = words((pattern, "block", "", lookalikes))
            words_of = " ".join(pattern.split())
            assert [m.matched for m in rule.find(f"what a {words_of}!")] == [words_of], (pattern, lookalikes)
            spread = "   ".join(pattern.split())
            assert [m.matched for m in rule.find(f"what a {spread}!")] == [spread], (pattern, lookalikes)


def test_a_rule_of_only_whitespace_of_any_kind_is_ignored():
    # A tab, a no-break space or a lone accent pasted as a rule would match the empty string
    # between any two non-letters, and "*<tab>*" any two words: every post would be flagged.
    for pattern in ("\t", "\u00a0", " \u00a0 ", "\u0301", "*\t*", "\t*\n"):
        for lookalikes in (False, True):
            rules = words((pattern, "block", "", lookalikes), ("idiot", "block", "", False))
            assert len(rules) == 1, (pattern, lookalikes)
            assert [m.matched for m in rules.find("hello, you idiot! <b>ok</b> ...")] == ["idiot"], (pattern, lookalikes)


def test_only_invisible_characters_are_removed_from_what_a_reader_sees():
    """Zero-width and bidi controls go; every visible letter stays, the capital X included."""
    for text in ("Xbox X", "XX", "Max Xu", "x\u200bx"):
        assert shown_text(text).text == text.replace("\u200b", ""), text


def test_small_letters_without_a_decomposition_fold_to_their_plain_letter():
    assert fold("łajdak đak ærø") == "lajdak dak aero"
    rule = words(("lajdak", "block", "", False), ("dak", "block", "", False))
    assert [m.matched for m in rule.find("ty łajdak, đak!")] == ["łajdak", "đak"]


def test_a_rule_typed_with_a_ligature_matches_the_plain_letters():
    # "ﬁ" is one character that reads as "f" and "i"; "ǆ" reads as "dz".
    assert fold("ﬁnk ǆ") == "fink dz"
    rule = words(("ﬁnk", "block", "", False))
    assert [m.matched for m in rule.find("you fink")] == ["fink"]


def test_a_word_after_a_lone_accent_is_censored_where_it_was_written():
    # "q\u0301" has no precomposed form: the accent folds to nothing, so the map must shift.
    rule = words(("idiot", "censor", "", False))
    for raw in ("q\u0301 idiot!", "q\u0301\u0301 idiot!", "x\u0301 y\u0300 idiot!"):
        assert [m.matched for m in rule.find(raw)] == ["idiot"], raw
        assert rule.censor(raw, rule.find(raw)) == raw.replace("idiot", "✱✱✱"), raw


def test_a_fold_map_of_resized_letters_slices_and_indexes_like_a_list():
    for text in ("Straße, Ærø!", "q\u0301 idiot", "ßß"):
        source = fold_map(text).source
        listed = list(source)
        size = len(listed)
        assert len(source) == size, text
        for start, stop, step in ((0, size, 1), (1, 4, 1), (2, None, 1), (None, None, 2), (-3, None, 1), (None, None, -1)):
            assert tuple(source[start:stop:step]) == tuple(listed[start:stop:step]), (text, start, stop, step)
        assert [source[-i] for i in range(1, size + 1)] == listed[::-1], text
        for outside in (size, size + 1, -size - 1):
            try:
                source[outside]
            except IndexError:
                pass
            else:
                raise AssertionError(f"{text!r}: position {outside} of {size} should be out of range")


def test_a_lookalike_rule_reads_each_digit_or_symbol_as_its_letter_at_the_start_of_a_word():
    missed = []
    for letter, alternatives in _LOOKALIKE_CLASSES.items():
        rule = words((f"{letter}rump", "block", "", True))
        for alternative in alternatives:
            for written in (f"{alternative}rump", f"{alternative}.r.u.m.p"):
                if [m.matched for m in rule.find(f"you {written}!")] != [written]:
                    missed.append((letter, written))
    assert missed == []
    assert words(("grump", "block", "", True)).find("you 9rump") != []


def test_a_rule_starting_with_a_wildcard_matches_its_word_spelled_out():
    # "*hole" spelled out letter by letter: the wildcard's letters come before the rule's own.
    rule = words(("*hole", "censor", "", True))
    for written in ("a.s.s.h.o.l.e", "a s s h o l e", "h.o.l.e", "a-h-0-l-e"):
        raw = f"you {written}!"
        assert [m.matched for m in rule.find(raw)] == [written], written
        assert rule.censor(raw, rule.find(raw)) == "you ✱✱✱!", written
    assert rule.find("a h.o.l") == []
    assert rule.find("a.h.o.l.d") == []


def test_a_rule_starting_with_a_wildcard_reads_a_long_spelled_out_run_once():
    # Letters each followed by one, two or three spacers: read from the run's first letter
    # only, not again from every letter in it (that took seconds for one long post).
    rule = words(("*hole", "block", "", True))
    for unit in ("a.", "a. ", "a.. "):
        text = unit * (30_000 // len(unit))
        started = time.perf_counter()
        assert rule.find(text) == [], unit
        assert time.perf_counter() - started < 1.0, unit
