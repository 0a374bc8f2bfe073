"""Language-aware addresses: ``/da/...``, ``/sv/...``, ``/fi/...`` and ``/nb/...`` beside every page's own.

Every address stays what it was: without a prefix a page is shown in the reader's language (their
account's, or the language cookie's), as cms/locales.py describes. The same address with a
non-default interface language in front of it shows the page in that language for anyone, so a
shared Danish link opens in Danish:

- the prefix is taken off the path before the address is resolved, so a prefixed address finds
  exactly the page, view and permission checks the unprefixed one does (``/da/`` is the home page);
- the language is activated for the request, over the account's and the cookie's;
- the prefix becomes the script prefix while the page is rendered, so every link made with
  ``reverse``, ``{% url %}`` and ``{% pageurl %}`` on it carries the same prefix.

Django's ``i18n_patterns(prefix_default_language=False)`` does the same for prefixed addresses, but
it also makes every unprefixed address English, whatever the cookie says (LocaleMiddleware), and
Wagtail then prefixes a page's links by the page's locale rather than the reader's; that would
change every existing address's language. The API, the admin, the health checks, static and media
files and documents take no prefix: ``/da/api/...`` is a 404 like any unknown address, and so is an
unknown prefix (``/xx/...``) or the default language's (``/en/...``). Links to the admin and to
documents made on a prefixed page (the editors' user bar, a document in rich text) lead to their
bare address.
"""

from contextlib import contextmanager

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import get_script_prefix, set_script_prefix
from django.utils import translation

# What follows the prefix for addresses that never take one.
PREFIXLESS = ("api/", "admin/", "healthz", "readyz", "static/", "media/", "documents/")
# Of those, the ones a page links to with ``reverse`` (the editors' user bar, documents in rich
# text): on a prefixed page their links carry the prefix, which leads to the bare address.
LED_TO_BARE = ("admin/", "documents/")


def prefixed_languages() -> tuple[str, ...]:
    """The interface languages an address may start with: every one but the default."""
    return tuple(code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE)


def split_language_prefix(path: str) -> tuple[str | None, str]:
    """``("da", "/spaces/x/")`` for ``/da/spaces/x/``; ``(None, path)`` for an address without a prefix."""
    parts = path.split("/", 2)
    if (
        len(parts) == 3
        and parts[0] == ""
        and parts[1] in prefixed_languages()
        and not parts[2].startswith(PREFIXLESS)
    ):
        return parts[1], "/" + parts[2]
    return None, path


def bare_address_for(path: str) -> str | None:
    """``/admin/pages/`` for ``/da/admin/pages/``: where a prefixed admin or document link leads."""
    parts = path.split("/", 2)
    if (
        len(parts) == 3
        and parts[0] == ""
        and parts[1] in prefixed_languages()
        and parts[2].startswith(LED_TO_BARE)
    ):
        return "/" + parts[2]
    return None


def without_language_prefix(url: str) -> str:
    """A site-relative address without its language prefix (anything else as it is)."""
    if not url.startswith("/"):
        return url
    return split_language_prefix(url)[1]


def with_language_prefix(url: str, language: str) -> str:
    """The address of ``url`` in ``language``: prefixed for a non-default language, bare for the default."""
    bare = without_language_prefix(url)
    if not bare.startswith("/") or language not in prefixed_languages():
        return bare
    prefixed = f"/{language}{bare}"
    return prefixed if split_language_prefix(prefixed)[0] == language else bare


@contextmanager
def unprefixed():
    """Make addresses without the request's language prefix (for what others read: notifications)."""
    previous = get_script_prefix()
    language, bare = split_language_prefix(previous)
    set_script_prefix(bare if language else previous)
    try:
        yield
    finally:
        set_script_prefix(previous)


def language_alternates(request) -> list[tuple[str, str]]:
    """``(hreflang, absolute address)`` of the page requested in every interface language, and x-default."""
    path = request.path_info
    bare = request.build_absolute_uri(path)
    alternates = [
        (
            code,
            bare
            if code == settings.LANGUAGE_CODE
            else request.build_absolute_uri(f"/{code}{path}"),
        )
        for code, _name in settings.LANGUAGES
    ]
    alternates.append(("x-default", bare))
    return alternates


class LanguagePrefixMiddleware:
    """Serves ``/<language>/<address>`` as ``<address>`` in that language, its links prefixed too.

    After the account's language (which the prefix overrides) and before anything that compares
    paths with reversed addresses or keys the anonymous page cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language, bare = split_language_prefix(request.path_info)
        if language is None:
            elsewhere = bare_address_for(request.path_info)
            if elsewhere is not None:
                query = request.META.get("QUERY_STRING", "")
                return HttpResponseRedirect(f"{elsewhere}?{query}" if query else elsewhere)
            return self.get_response(request)
        request.path_info = bare
        translation.activate(language)
        request.LANGUAGE_CODE = language
        previous = get_script_prefix()
        set_script_prefix(f"{previous.rstrip('/')}/{language}/")
        try:
            return self.get_response(request)
        finally:
            set_script_prefix(previous)
