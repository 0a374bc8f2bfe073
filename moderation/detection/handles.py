"""Contact handles for other apps: "add me on snap: emma_2009", "insta @anna.k", "my discord is
anna#1234", "kik me annak", "whatsapp me 40123456".

Moving a young person to another app, away from moderation, is how grooming often starts, so
a handle offered for another app is personal data here. Naming an app is not ("I saw it on
Instagram"), and neither is a bare "@" or a mention of a member on this site.
"""

from __future__ import annotations

import re

# App names as young people write them, with Finnish case endings ("snäpissä", "instaan").
_APP = (
    r"(?:snap(?:chat)?|snäpp?i?|snäpis|sc|insta(?:gram)?|ig|discord|kik|tik\s?tok|telegram|"
    r"whats\s?app|signal|messenger|skype|bereal|threads|twitch|steam)"
    r"(?:ss[aä]|iin|aan|ään|is|issa|iss[aä])?"
)
_HANDLE = r"@?[a-z0-9_][a-z0-9_.]{1,29}(?:#\d{4})?"
# A handle's shape, told apart from a word: a digit, "_", an inner ".", or a Discord tag.
_HANDLE_SHAPED = r"@?(?=[a-z0-9_.]*(?:\d|_|[a-z0-9]\.[a-z0-9]))[a-z0-9_][a-z0-9_.]{1,29}(?:#\d{4})?|@?[a-z0-9_.]{2,30}#\d{4}"
_PHONEISH = r"\+?\d(?:[\s\-]?\d){5,}"
_ME = r"(?:me|mig|meg|mej|mut|minut|mua|minua|minulle|mulle)"
_MY = r"(?:my|min|mitt|mi|mine|mun|minun)"
_IS = r"(?:is|er|är|e|on|=|:|-)"
_NAME = r"(?:\s+(?:name|navn|namn|nimi|username|user|brukernavn|brugernavn|användarnamn|tag|id))?"
_ADD = (
    r"(?:add|adda|addaa|addaamaan|lägg|legg|lägg\s+till|tilføj|tilfoj|legg\s+til|lisää|lisaa|follow|följ|folj|"
    r"følg|folg|seuraa|dm|message|msg|text|write|skriv\s+til|skriv\s+till|hit\s+up|find|hitta|finn|etsi)"
)
_TAIL = r"(?![a-z0-9_@#])"

_FORMS = [
    # "sc: emma_2009", "ig = anna.k", "snap - emmaxo"
    rf"\b{_APP}\s*[:=]\s*(?P<a>{_HANDLE}){_TAIL}",
    # "insta @anna.k", "tiktok @emma"
    rf"\b{_APP}\s+(?:(?:is|er|är|on|e)\s+)?(?P<b>@[a-z0-9_][a-z0-9_.]{{1,29}}){_TAIL}",
    # "snap emma_2009", "discord anna#1234", "discord is anna_k"
    rf"\b{_APP}\s+(?:(?:is|er|är|on|e)\s+)?(?P<c>{_HANDLE_SHAPED}){_TAIL}",
    # "my snap is emmaxo", "min snap er emmaxo", "mun snäppi on emmaxo", "my discord name is anna"
    rf"\b{_MY}\s+{_APP}{_NAME}\s*{_IS}\s*(?P<d>{_HANDLE}){_TAIL}",
    # "add me on snap: emmaxo", "adda mig på insta annak", "lisää mut snäpissä emmaxo"
    rf"\b{_ADD}\s+{_ME}\s+(?:(?:til|till)\s+)?(?:(?:on|at|in|på|pa|i|til|till)\s+)?{_APP}\s*[:\-]?\s*(?P<e>{_HANDLE}){_TAIL}",
    # "kik me annak", "whatsapp me 40123456", "telegram me @x", "signal me on +45 40 12 34 56"
    rf"\b(?:kik|telegram|whats\s?app|signal|snap|sc|dm|text|sms)\s+{_ME}\s+(?:(?:on|at|på|pa|til|till|to|@)\s*)?(?P<f>{_PHONEISH}|{_HANDLE}){_TAIL}",
]
_HANDLES = re.compile("|".join(f"(?:{form})" for form in _FORMS), re.IGNORECASE)
_APP_NAME = re.compile(_APP, re.IGNORECASE)
# Words that follow an app's name in a sentence but are not a handle.
_NOT_A_HANDLE = frozenset(
    """
    if and or so pls plz please too then now later tonight today tomorrow ok okay the a an i you
    it is are was me my your for to of in on at with when instead maybe thanks thx lol haha
    og och eller hvis om så sa også ogsa ja nej nei nu nå na tak takk tack bara bare kun
    jos ja tai niin kun myös myos kiitos heti nyt sitten vaan
    private privat public offentlig fun down broken hacked gone dead dod død nere rikki new old
    account konto tili app appen sovellus name navn namn nimi username user
    """.split()
)


# Cheap gate before the full patterns: an app's name somewhere in the text (substring tests
# and a set intersection run at C speed; most texts name no app).
_APP_STEMS = ("snap", "snäp", "insta", "discord", "tiktok", "tik tok", "telegram", "whatsapp",
              "whats app", "signal", "messenger", "skype", "bereal", "threads", "twitch", "steam")
_SHORT_APPS = frozenset("sc sc: ig ig: kik kik: (sc) (ig)".split())


def _names_an_app(lowered: str, tokens) -> bool:
    return any(stem in lowered for stem in _APP_STEMS) or not _SHORT_APPS.isdisjoint(tokens)


def contact_handles(text: str, *, lowered: str | None = None, tokens=None) -> list[str]:
    """Other apps' handles offered in ``text``, as written ("snap: emma_2009")."""
    lowered = lowered if lowered is not None else text.lower()
    if not _names_an_app(lowered, tokens if tokens is not None else lowered.split()):
        return []
    found = []
    for match in _HANDLES.finditer(text):
        handle = next(value for value in match.groups() if value)
        name = handle.lower().lstrip("@")
        if name in _NOT_A_HANDLE or len(name) < 3 or _APP_NAME.fullmatch(name):
            continue
        found.append(match.group(0).strip())
    return found
