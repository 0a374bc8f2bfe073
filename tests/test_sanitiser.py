"""The sanitiser: nothing executable survives; cleaning clean text changes nothing."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moderation.detection.crisis_benchmark import realistic_texts
from moderation.sanitiser import ALLOWED_TAGS, clean_markup, sanitise

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<body onload=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href=" javascript:alert(1)">click</a>',
    '<a href="java&#x09;script:alert(1)">click</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">click</a>',
    '<a href="jav&#x61;script:alert(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
    '<a href="vbscript:msgbox(1)">click</a>',
    '<a href="http://ok.example" onclick="alert(1)">ok</a>',
    '<a href="http://ok.example" style="position:fixed">ok</a>',
    "<svg><script>alert(1)</script></svg>",
    "<svg/onload=alert(1)>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
    '<math href="javascript:alert(1)">x</math>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<iframe src=//evil.example></iframe>",
    "<object data=//evil.example></object>",
    "<embed src=//evil.example>",
    '<form action="//evil.example"><button>go</button></form>',
    '<input autofocus onfocus="alert(1)">',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<p><a href="&#x6A;avascript:alert(1)">x</a></p>',
    '<a href="\x01javascript:alert(1)">x</a>',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '"><script>alert(1)</script>',
    "<template><script>alert(1)</script></template>",
    '<details open ontoggle="alert(1)">',
]

# Elements or attributes that could run code. Words like "javascript:" left as
# escaped text are harmless; links are checked separately below.
DANGEROUS = re.compile(
    r"<\s*(script|style|iframe|object|embed|svg|math|form|input|img|meta|base|noscript|template|details|body)"
    r"|\s(on\w+|style|src|action|formaction|xlink:href)\s*=",
    re.IGNORECASE,
)


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_xss_payload_survives(payload):
    cleaned = sanitise(payload)
    assert not DANGEROUS.search(cleaned), cleaned
    for href in re.findall(r"href=[\"']?([^\"'\s>]*)", cleaned):
        assert href.startswith(("http://", "https://", "mailto:")), href


def test_links_are_kept_safe_and_marked():
    cleaned = sanitise("See https://www.ug.dk/ and <a href='https://studera.nu'>Studera</a> or mail me@example.org")
    assert cleaned.count('rel="nofollow ugc noopener"') == 3
    assert 'href="https://www.ug.dk/"' in cleaned
    assert 'href="mailto:me@example.org"' in cleaned


def test_plain_text_becomes_paragraphs_and_line_breaks():
    assert sanitise("First line\nsecond line\n\nNew paragraph") == "<p>First line<br>second line</p><p>New paragraph</p>"


def test_allowed_formatting_is_kept():
    html = "<p><strong>Bold</strong>, <em>italic</em>, <code>x</code></p><ul><li>one</li></ul><blockquote>quote</blockquote>"
    assert sanitise(html) == html


TAG = re.compile(r"</?\s*([a-zA-Z][a-zA-Z0-9]*)")


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=30),
            st.sampled_from(
                ["<", ">", "&", '"', "'", "=", "\n", "\n\n", "<p>", "</p>", "<b>", "<a href='http://x.example'>",
                 "</a>", "<script>", "<img src=x onerror=alert(1)>", "javascript:", "<ul><li>", "http://y.example/z",
                 "<svg>", "<!--", "-->", "&amp;", "&#x6A;", "www.example.com", "<br>", "<blockquote>"]
            ),
        ),
        max_size=25,
    ).map("".join)
)
def test_output_holds_only_allowed_tags_and_cleaning_is_idempotent(text):
    once = sanitise(text)
    assert {tag.lower() for tag in TAG.findall(once)} <= ALLOWED_TAGS
    assert not re.search(r"\son\w+\s*=", once, re.IGNORECASE)
    assert sanitise(once) == once


# Plain text skips bleach (it costs a millisecond a text); these prove the shortcut changes nothing.
PLAIN_PIECES = st.sampled_from(
    ["hej", "Självmord", "ikke", " ", "  ", "\n", "\n\n", "\t", ".", ",", "!", "?", '"', "'", "-", "(", ")", "/", ";", ":",
     "#", "%", "*", "+", "=", "€", "😀", "\u00a0", "\u2028", "\u200b", "\ufeff", "ß", "İ", "é", "\u0301", "3.5",
     "okay.Next", "ug.dk", "www", "com", "http", "://", "x", "\x0b", "\x85", "\ufffd", "<3", "@", "&", "R&D"]
)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(st.lists(PLAIN_PIECES, max_size=30).map("".join), st.text(max_size=60)))
def test_plain_text_comes_out_as_bleach_would_make_it(text):
    normalised = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    assert sanitise(text) == (clean_markup(normalised) if normalised else "")


def test_the_corpus_comes_out_as_bleach_would_make_it_and_cleans_to_itself():
    for text in realistic_texts(1200):
        once = sanitise(text)
        assert once == clean_markup(text.strip()), text
        assert sanitise(once) == once, text


def test_text_bleach_would_change_is_cleaned_by_bleach():
    assert sanitise("see ug.dk or mail anna@example.org").count("<a ") == 2
    assert sanitise("R&D <3") == "<p>R&amp;D &lt;3</p>"
    assert sanitise("bell\x07 here") == "<p>bell? here</p>"
