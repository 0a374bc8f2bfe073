"""Text folding shared by the detectors: case- and accent-insensitive matching."""

import re
import unicodedata


def fold(text: str) -> str:
    """Lower-case and strip accents ("Självmord" -> "sjalvmord"), keep everything else."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    # Letters NFKD does not decompose but readers treat as accented forms.
    return stripped.translate(str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "đ": "d", "ł": "l"})).casefold()


def pattern_regex(pattern: str) -> re.Pattern:
    """A watched pattern as a whole-word regex over folded text; ``*`` means any letters."""
    parts = [re.escape(part) for part in fold(pattern).split("*")]
    body = r"\w*".join(parts)
    body = re.sub(r"(\\ )+", r"\\s+", body)  # a space in a phrase matches any run of spaces
    return re.compile(rf"(?<!\w){body}(?!\w)", re.UNICODE)
