"""Pseudonymous display names: what is allowed, and when two names look alike.

Members are known to each other only by a display name, so a name must not be
usable to impersonate someone: above all a counsellor, whose answers carry
authority. Two names that a reader could mistake for each other share a
*skeleton* (a folded, transliterated form); skeletons are unique in the
database, so look-alikes are refused even under concurrent sign-ups.
"""

import re
import unicodedata

from anyascii import anyascii
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MIN_LENGTH = 3
MAX_LENGTH = 30

# Separators a name may contain besides letters and digits.
_ALLOWED_PUNCTUATION = frozenset(" ._-'")

# Letters readers confuse once case is folded: 1/l/I/i/|, 0/o, 5/s, rn/m, vv/w.
_SKELETON_FOLDS = (
    ("rn", "m"),
    ("vv", "w"),
)
_SKELETON_TRANSLATE = str.maketrans({"1": "l", "i": "l", "|": "l", "!": "l", "0": "o", "5": "s"})

# Words that make a member's name read as staff, in the service's languages
# (compared on skeletons, so "Vägledare", "vagledare" and "VÄG-LEDARE" all match).
RESERVED_WORDS = (
    "admin",
    "administrator",
    "counsellor",
    "counselor",
    "moderator",
    "official",
    "staff",
    "support",
    "teacher",
    "vejleder",
    "studievejleder",
    "radgiver",
    "vagledare",
    "studievagledare",
    "syv",
    "radgivare",
    "larare",
    "laerer",
    "ohjaaja",
    "opinto-ohjaaja",
    "opo",
    "neuvoja",
    "yllapitaja",
    "valvoja",
)


def normalise(name: str) -> str:
    """The form a name is stored in: NFC, trimmed, inner whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", name).split())


def skeleton(name: str) -> str:
    """Fold a name to the form readers would confuse it with.

    NFKC folds compatibility forms (full-width letters, ligatures); anyascii
    transliterates look-alike scripts and diacritics (Cyrillic "а", "ø", "æ");
    separators are dropped, so "Anna.Berg" and "anna berg" collide.
    """
    folded = anyascii(unicodedata.normalize("NFKC", name)).casefold()
    for pair, replacement in _SKELETON_FOLDS:
        folded = folded.replace(pair, replacement)
    folded = folded.translate(_SKELETON_TRANSLATE)
    return re.sub(r"[^a-z0-9]", "", folded)


_RESERVED_SKELETONS = frozenset(skeleton(word) for word in RESERVED_WORDS)

# Digits and symbols written for letters ("Mod3rat0r", "C0uns3ll0r"): folded only for the
# staff checks, so ordinary names with digits ("Anna3") stay distinct from each other.
_LEET = str.maketrans({"3": "e", "4": "a", "7": "t", "8": "b", "9": "g", "6": "g", "2": "z"})


def _staff_key(text: str) -> str:
    return skeleton(text).translate(_LEET)


def _tokens(name: str) -> list[str]:
    return [key for key in (_staff_key(token) for token in re.split(r"[\s._\-']+", normalise(name))) if key]


def _script(char: str) -> str:
    # The first word of a letter's Unicode name is its script (LATIN, CYRILLIC, ...).
    return unicodedata.name(char, "UNKNOWN").split(" ")[0]


def validate_display_name_form(name: str) -> None:
    """Reject names that are malformed or built to deceive, whoever owns them."""
    if any(unicodedata.category(char) in {"Cf", "Cc", "Co", "Cs", "Cn", "Zl", "Zp"} for char in name):
        raise ValidationError(
            _("Display names cannot contain invisible characters or text-direction controls."),
            code="control_characters",
        )
    name = normalise(name)
    if len(name) < MIN_LENGTH or len(name) > MAX_LENGTH:
        raise ValidationError(
            _("A display name must be %(min)d to %(max)d characters long."),
            code="length",
            params={"min": MIN_LENGTH, "max": MAX_LENGTH},
        )
    disallowed = sorted({c for c in name if not (c.isalnum() or c in _ALLOWED_PUNCTUATION)})
    if disallowed:
        raise ValidationError(
            _("Display names can contain letters, digits, spaces and . _ - ' only (not: %(chars)s)."),
            code="characters",
            params={"chars": " ".join(disallowed)},
        )
    if not any(c.isalpha() for c in name):
        raise ValidationError(_("A display name needs at least one letter."), code="no_letters")
    scripts = {_script(c) for c in name if c.isalpha()}
    if len(scripts) > 1:
        raise ValidationError(
            _("Please write your display name in one alphabet; mixing alphabets makes names look alike."),
            code="mixed_scripts",
        )
    if len(skeleton(name)) < 2:
        raise ValidationError(_("This display name is too short to tell apart."), code="too_short")


def _reads_as_staff(name: str) -> bool:
    key = _staff_key(name)
    tokens = set(_tokens(name))
    for word_key in _RESERVED_SKELETONS:
        # Short words count only as whole words: "Opo" is refused, "Hippopotamus" is not.
        if word_key in tokens or (len(word_key) > 4 and word_key in key):
            return True
    return False


def validate_not_staff_like(name: str, counsellor_names) -> None:
    """Reject a member's name that could pass for a counsellor or for staff.

    A counsellor's name counts in any word order ("Hansen Mikkel") and with digits
    for letters ("M1kkel Hans3n").
    """
    if _reads_as_staff(name):
        raise ValidationError(
            _("Display names cannot suggest that you are staff or a counsellor."),
            code="staff_like",
        )
    key = _staff_key(name)
    tokens = _tokens(name)
    for counsellor_name in counsellor_names:
        counsellor_key = _staff_key(counsellor_name)
        counsellor_tokens = _tokens(counsellor_name)
        # A long counsellor name inside a member's ("AnnaBerg_2") is impersonation too,
        # and so are all of a counsellor's names in another order.
        reordered = len(counsellor_tokens) > 1 and all(token in tokens for token in counsellor_tokens)
        joined = "".join(sorted(counsellor_tokens))
        if (
            key == counsellor_key
            or (len(counsellor_key) >= 5 and counsellor_key in key)
            or reordered
            or (len(joined) >= 5 and "".join(sorted(tokens)) == joined)
        ):
            raise ValidationError(
                _("This display name looks too much like a counsellor's name."),
                code="counsellor_lookalike",
            )
