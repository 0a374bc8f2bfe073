"""The shown text screening judges, watched words matched in it, and censoring that keeps the
author's own text.

Property tests wrap personal data and crisis phrases in markup, comments, character
references and invisible characters, as an author dodging the filters would, and check
that what a reader sees is what is screened.
"""

import datetime
import random
import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.no import fodselsnummer

from moderation.detection.contact_details import personal_data
from moderation.detection.normalise import shown_text
from moderation.detection.rules import WordRule, compile_words
from moderation.detection.text import fold, fold_map

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ------------------------------------------------------------------ what is shown


class TestShownText:
    @pytest.mark.parametrize(
        ("raw", "shown"),
        [
            ("idi<!-- -->ots", "idiots"),
            ("idi<b></b>ots", "idiots"),
            ("idi<div></div>ots", "idiots"),  # the sanitiser strips <div>: the word joins
            ("anna&#64;example.com", "anna@example.com"),
            ("anna&#x40;example&period;com", "anna@example.com"),
            ("k&#105;ll myself", "kill myself"),
            ("k&#105ll", "kill"),  # numeric without ";", as browsers decode it
            ("caf&eacute", "café"),  # named without ";"
            ("x\u200by\u00adz\u200d\u2060\ufeff\u202e!", "xyz!"),
            ("idi&#x200b;o&shy;ts", "idiots"),  # invisible characters written as references
            ("ﬁnd ｆｕｌｌ", "find full"),  # NFKC
            ("a < b and <3", "a < b and <3"),  # not markup: shown as written
            ("<script>alert(1)</script>", "alert(1)"),  # stripped tags keep their text
            ("&lt;b&gt;", "<b>"),  # an encoded tag is text, not markup
            ("Skal jeg  læse i Århus?", "Skal jeg  læse i Århus?"),  # whitespace kept as it is
        ],
    )
    def test_shows_what_a_reader_sees(self, raw, shown):
        assert shown_text(raw).text == shown

    @pytest.mark.parametrize("raw", ["one<br>two", "one<p>two</p>", "<p>one</p><p>two</p>", "one<br/>two", "<li>one</li><li>two</li>"])
    def test_a_line_or_paragraph_break_keeps_words_apart(self, raw):
        assert shown_text(raw).text.split() == ["one", "two"]

    def test_origin_maps_every_shown_character_back(self):
        raw = "<b>Å</b>r&#105;&shy;k\u200b <!-- x -->ok"
        shown = shown_text(raw)
        assert shown.text == "Årik ok"
        assert len(shown.origin) == len(shown.text) + 1
        assert shown.origin[-1] == len(raw)
        assert [raw[shown.origin[i]] for i in (0, 1, 3)] == ["Å", "r", "k"]
        assert raw[slice(*shown.raw_span(2, 3))] == "&#105;"

    def test_raw_span_covers_markup_inside_a_word_but_not_around_it(self):
        raw = "you <b>idi<!-- -->ots</b>!"
        shown = shown_text(raw)
        start = shown.text.index("idiots")
        a, b = shown.raw_span(start, start + len("idiots"))
        assert raw[a:b] == "idi<!-- -->ots"

    def test_plain_text_maps_to_itself(self):
        raw = "Hvad kræver det at blive sygeplejerske?"
        shown = shown_text(raw)
        assert shown.text == raw
        assert list(shown.origin) == list(range(len(raw) + 1))
        assert shown.raw_span(5, 11) == (5, 11)

    def test_link_targets_and_titles_are_kept_for_screening(self):
        shown = shown_text('<a href="mailto:anna&#64;example.com" title="ring 40 12 34 56">skriv</a> til mig')
        assert shown.text == "skriv til mig"
        assert shown.link_texts == ("mailto:anna@example.com", "ring 40 12 34 56")
        found = {item.kind for text in shown.link_texts for item in personal_data(text)}
        assert found == {"email", "phone"}

    def test_many_stray_brackets_take_linear_time(self):
        shown = shown_text("<a" * 20_000)
        assert shown.text == "<a" * 20_000


# ------------------------------------------------------------------ folding


class TestFolding:
    @pytest.mark.parametrize(
        ("text", "folded"),
        [("Självmord", "sjalvmord"), ("Søren", "soren"), ("Æble", "aeble"), ("Straße", "strasse"), ("ÅRHUS", "arhus")],
    )
    def test_case_and_accents(self, text, folded):
        assert fold(text) == folded
        assert fold_map(text).text == folded

    def test_the_map_leads_back_to_the_unfolded_letters(self):
        folded = fold_map("Ærø Straße")
        assert folded.text == "aero strasse"
        assert folded.span(0, 2) == (0, 1)  # "ae" came from "Æ"
        assert folded.span(5, 12) == (4, 10)  # "strasse" came from "Straße"
        assert folded.span(9, 11) == (8, 9)  # "ss" came from "ß"


# ------------------------------------------------------------------ watched words


def words(*rules):
    return compile_words(WordRule(i, pattern, action, replacement, lookalikes) for i, (pattern, action, replacement, lookalikes) in enumerate(rules, 1))


class TestWatchedWords:
    def test_markup_inside_a_word_does_not_hide_it(self):
        rules = words(("idiot*", "block", "", False))
        for raw in ["idi<!-- -->ots", "idi<b></b>ots", "&#105;diots", "idi\u200bots", "idi&shy;ots", "<p>IDIOTS</p>"]:
            (match,) = rules.find(raw)
            assert match.rule.action == "block"
            assert raw[match.start : match.end] == match.matched

    def test_whole_words_wildcards_and_phrases(self):
        rules = words(("ass", "flag", "", False), ("kill myself", "flag", "", False), ("*mord", "flag", "", False))
        assert [m.matched for m in rules.find("you ass")] == ["ass"]
        assert rules.find("a class assignment") == []
        assert [m.matched for m in rules.find("I want to kill \n  myself")] == ["kill \n  myself"]
        assert [m.matched for m in rules.find("tankar om självmord")] == ["självmord"]

    def test_a_rule_compiled_once_matches_every_occurrence(self):
        rules = words(("crap", "censor", "", False))
        assert [(m.start, m.end) for m in rules.find("crap, CRAP and Crap")] == [(0, 4), (6, 10), (15, 19)]

    @pytest.mark.parametrize("raw", ["l0ser", "L0S3R", "1oser", "lo$er", "l o s e r", "l.o.s.e.r", "looooser", "lоser"])
    def test_lookalike_spellings_when_the_rule_asks(self, raw):
        assert words(("loser", "block", "", True)).find(raw)
        assert words(("loser", "block", "", False)).find(raw) == []

    @pytest.mark.parametrize("raw", ["1d10t", "$hit", "@ss", "f u c k", "f.u.c.k", "f*ck", "i d i o t s"])
    def test_digits_symbols_and_spaced_letters(self, raw):
        rules = words(("idiot*", "block", "", True), ("shit", "block", "", True), ("ass", "block", "", True), ("fuck", "block", "", True))
        assert rules.find(raw)

    @pytest.mark.parametrize("raw", ["I paid 455 kr", "a class assignment", "bass guitar", "he said it", "fuchsia"])
    def test_lookalikes_do_not_catch_ordinary_text(self, raw):
        rules = words(("ass", "block", "", True), ("shit", "block", "", True), ("fuck", "block", "", True))
        assert rules.find(raw) == []

    def test_censoring_keeps_casing_and_accents(self):
        rules = words(("crap", "censor", "", False))
        raw = "Skal jeg læse i Århus? CRAP, Straße!"
        assert rules.censor(raw, rules.find(raw)) == "Skal jeg læse i Århus? ✱✱✱, Straße!"

    def test_a_censored_accented_word_is_replaced_and_nothing_else(self):
        rules = words(("laese", "censor", "[…]", False))
        raw = "Skal jeg LÆSE i Århus?"
        assert rules.censor(raw, rules.find(raw)) == "Skal jeg […] i Århus?"

    def test_a_match_spanning_markup_is_replaced_whole(self):
        rules = words(("idiot*", "censor", "", False))
        raw = "you <b>idi<!-- -->ots</b>, really"
        assert rules.censor(raw, rules.find(raw)) == "you <b>✱✱✱</b>, really"

    def test_overlapping_matches_are_replaced_once(self):
        rules = words(("idiot*", "censor", "", False), ("idiots", "censor", "", False))
        raw = "idiots!"
        assert rules.censor(raw, rules.find(raw)) == "✱✱✱!"

    def test_no_rules_match_nothing(self):
        assert words().find("anything at all") == []
        assert not words()


def test_compatible_find_and_censor_match_the_shown_text():
    from moderation.detection import rules as matcher

    class Rule:
        def __init__(self, pk, pattern, replacement=""):
            self.pk, self.pattern, self.replacement = pk, pattern, replacement

    [(rule, match)] = matcher.find([Rule(1, "idiot*")], "idi<!-- -->ots")
    assert (rule.pk, match.matched) == (1, "idi<!-- -->ots")
    assert matcher.censor("Skal jeg læse i Århus? crap", [Rule(2, "crap")]) == "Skal jeg læse i Århus? ✱✱✱"


@pytest.mark.django_db
def test_a_watched_word_can_ask_for_lookalike_spellings():
    from moderation.detection import rules as matcher
    from moderation.models import WatchedWord

    strict = WatchedWord.objects.create(pattern="loser", action="block")
    loose = WatchedWord.objects.create(pattern="idiot", action="block", lookalikes=True)
    assert matcher.find([strict, loose], "l0ser") == []
    [(rule, match)] = matcher.find([strict, loose], "1d10t")
    assert rule == loose and match.matched == "1d10t"


@pytest.mark.django_db
def test_a_moderator_turns_on_lookalike_matching_in_the_admin(as_user, people):
    from django.urls import reverse

    from moderation.detection import rules as matcher
    from moderation.models import WatchedWord

    url = reverse("wagtailsnippets_moderation_watchedword:add")
    form = {"pattern": "loser", "action": "block", "language": "", "replacement": "", "is_active": "on"}
    assert "also match look-alike spellings" in as_user(people["moderator"]).get(url).content.decode().lower()
    response = as_user(people["moderator"]).post(url, {**form, "lookalikes": "on"})
    assert response.status_code == 302
    word = WatchedWord.objects.get(pattern="loser")
    assert word.lookalikes
    [(_rule, match)] = matcher.find([word], "what a L0S3R")
    assert match.matched == "L0S3R"


# ------------------------------------------------------------------ properties

INLINE = ["<b>", "</b>", "<i></i>", "<span class='x'>", "</span>", "<!-- -->", "<!---->", "<em>", "<div></div>"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u200e", "\u202a", "\u2066", "\ufe0f"]


def entity(char: str, style: int) -> str:
    if style == 0:
        return f"&#{ord(char)};"
    if style == 1:
        return f"&#x{ord(char):x};"
    named = {"@": "&commat;", ".": "&period;", " ": "&#32;", "+": "&plus;"}
    return named.get(char, f"&#{ord(char)};")


@st.composite
def disguised(draw, value: str) -> str:
    """``value`` as an author dodging filters might type it, every character still shown."""
    out = []
    for char in value:
        choice = draw(st.integers(0, 9))
        if choice <= 2:
            out.append(entity(char, choice))
        else:
            out.append(char)
        if draw(st.integers(0, 3)) == 0:
            out.append(draw(st.sampled_from(INLINE + INVISIBLE)))
    body = "".join(out)
    wrapper = draw(st.sampled_from(["{}", "<p>{}</p>", "<b>{}</b>", "<!-- hi -->{}<!-- bye -->", "\u200b{}\u200b"]))
    return wrapper.format(body)


def dk_phone():
    return st.from_regex(r"\A[2-5][0-9]{7}\Z").map(lambda d: f"{d[:2]} {d[2:4]} {d[4:6]} {d[6:]}")


def se_phone():
    return st.from_regex(r"\A07[02369][0-9]{7}\Z").map(lambda d: f"{d[:3]}-{d[3:6]} {d[6:8]} {d[8:]}")


def emails():
    local = st.from_regex(r"\A[a-z][a-z0-9]{1,8}(\.[a-z]{1,5})?\Z")
    domain = st.from_regex(r"\A[a-z]{3,10}\Z")
    tld = st.sampled_from(["com", "dk", "se", "fi", "no"])
    return st.builds(lambda a, b, c: f"{a}@{b}.{c}", local, domain, tld)


@st.composite
def birth_dates(draw, start=1950, end=2012):
    return draw(st.dates(datetime.date(start, 1, 1), datetime.date(end, 12, 31)))


@st.composite
def identity_numbers(draw):
    date = draw(birth_dates())
    kind = draw(st.sampled_from(["se", "dk", "fi", "no"]))
    serial = draw(st.integers(2, 899))
    if kind == "se":
        body = date.strftime("%y%m%d") + f"{serial:03d}"
        return f"{body[:6]}-{body[6:]}{luhn.calc_check_digit(body)}"
    if kind == "dk":
        # Century digit 0-3 means the 1900s; the 2000s need 4, 9 or 5-8.
        first = draw(st.integers(0, 3)) if date.year < 2000 else draw(st.sampled_from([4, 9]))
        return date.strftime("%d%m%y") + f"-{first}{serial:03d}"
    if kind == "fi":
        sign = "-" if date.year < 2000 else "A"
        body = date.strftime("%d%m%y") + f"{serial:03d}"
        return f"{body[:6]}{sign}{body[6:]}" + "0123456789ABCDEFHJKLMNPRSTUVWXY"[int(body) % 31]
    individual = serial if date.year < 2000 else 500 + serial % 499
    body = date.strftime("%d%m%y") + f"{individual:03d}"
    k1 = fodselsnummer.calc_check_digit1(body)
    k2 = fodselsnummer.calc_check_digit2(body + k1)
    assume(len(k1) == 1 and len(k2) == 1)
    return body + k1 + k2


CRISIS_PHRASES = ["kill myself", "jag vill dö", "jeg vil skære mig", "haluan kuolla", "ta livet av meg", "I want to die"]


def found_kinds(raw: str) -> set[str]:
    return {item.kind for item in personal_data(shown_text(raw).text)}


def assert_maps_back(raw: str, value: str):
    """The value is in the shown text and its raw span shows exactly it."""
    shown = shown_text(raw)
    collapsed = re.sub(r"\s+", " ", shown.text)
    assert value in collapsed
    start = shown.text.find(value)
    if start >= 0:  # (whitespace inside the value may have been written as a break)
        a, b = shown.raw_span(start, start + len(value))
        assert shown_text(raw[a:b]).text == value


@PROPERTY
@given(st.data())
def test_a_disguised_phone_number_is_still_found(data):
    number = data.draw(st.one_of(dk_phone(), se_phone()))
    raw = "ring mig " + data.draw(disguised(number)) + " i aften"
    assert "phone" in found_kinds(raw)
    assert_maps_back(raw, number)


@PROPERTY
@given(st.data())
def test_a_disguised_email_address_is_still_found(data):
    address = data.draw(emails())
    raw = "skriv til " + data.draw(disguised(address))
    assert "email" in found_kinds(raw)
    assert_maps_back(raw, address)


@PROPERTY
@given(st.data())
def test_a_disguised_identity_number_is_still_found(data):
    number = data.draw(identity_numbers())
    raw = "mit nummer er " + data.draw(disguised(number)) + " ok"
    assert found_kinds(raw) & {"se_personnummer", "dk_cpr", "fi_hetu", "no_fodselsnummer"}
    assert_maps_back(raw, number)


@PROPERTY
@given(st.data())
def test_a_disguised_crisis_phrase_is_shown_as_written(data):
    phrase = data.draw(st.sampled_from(CRISIS_PHRASES))
    raw = "ärligt talat " + data.draw(disguised(phrase)) + "."
    assert_maps_back(raw, phrase)


ACCENTED = st.text(alphabet="abcæøåäöüßéÆØÅÄÖÉ ,.?!-'\"0123456789\n", max_size=40)


@PROPERTY
@given(st.data())
def test_censoring_leaves_everything_outside_the_matches_unchanged(data):
    before = data.draw(ACCENTED)
    after = data.draw(ACCENTED)
    word = data.draw(disguised("idiots"))
    raw = f"{before} {word} {after}"
    rules = words(("idiot*", "censor", "", False))
    assume(len(rules.find(f"{before} {after}")) == 0)
    censored = rules.censor(raw, rules.find(raw))
    assert censored.startswith(before + " ") and censored.endswith(" " + after)
    assert "idiot" not in fold(shown_text(censored).text)


@PROPERTY
@given(st.text(max_size=200))
def test_shown_text_never_breaks_its_map(raw):
    shown = shown_text(raw)
    assert len(shown.origin) == len(shown.text) + 1
    assert shown.origin[-1] == len(raw)
    origins = list(shown.origin)
    assert origins == sorted(origins)
    for start in range(len(shown.text)):
        a, b = shown.raw_span(start, start + 1)
        assert 0 <= a < b <= len(raw)


@PROPERTY
@given(st.text(alphabet="ab<>/!-&#;x0123456789 pbr\u200b", max_size=60))
def test_markup_soup_maps_back(raw):
    shown = shown_text(raw)
    for start in range(len(shown.text)):
        for end in range(start + 1, min(len(shown.text), start + 4) + 1):
            a, b = shown.raw_span(start, end)
            assert 0 <= a <= b <= len(raw)


def test_ordinary_texts_show_as_written():
    rng = random.Random(9)
    for _ in range(16):
        raw = " ".join(rng.choice(["Hvad", "kræver", "det", "at", "læse", "i", "Århus?", "Jag", "vill", "bli"]) for _ in range(30))
        assert shown_text(raw).text == raw
