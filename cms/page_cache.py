"""Anonymous visitors' pages from the shared cache.

Most visitors read without logging in: the home page, spaces and their wall, threads,
information pages and updates. Those pages are the same for every anonymous visitor in
one language, so they are rendered once and kept in the cache (Redis in production).

How a page is found again, in O(1) whatever was written:

- A view opts in while it renders, with ``cache_for_anonymous(request, space_id=...)``.
  Nothing else is ever stored, so a page that forgets to opt in is only slower.
- Each entry's key holds the page's address, the language and the *generation* of what
  the page shows: the site's (spaces, settings, CMS pages) and its space's. A write bumps
  the generation (``space_pages_invalidate`` / ``site_pages_invalidate``), and every page
  keyed on the old number is never read again; the cache's own expiry clears it out.
- The middleware reads the generations before the view runs and stores under those, so a
  page rendered from data older than a bump is stored where nobody looks.

The CSRF token in a cached page (the language form, the log-out form's absent twin) is
replaced on every hit by the visitor's own, so forms keep working. A response that sets a
cookie, shows a message, carries a CSP nonce or changes the session is never stored.
"""

from __future__ import annotations

import hashlib
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token

PREFIX = "pc:"
SITE = "site"
# How long an address remembers which generations its page follows (they rarely change).
ADDRESS_TIMEOUT = 24 * 60 * 60
CSRF_PLACEHOLDER = "\x00csrf\x00"
# The exact input Django's {% csrf_token %} renders; the value is a 64-character masked token.
CSRF_INPUT = re.compile(r'(<input type="hidden" name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(">)')
# Headers the outer middleware (sessions, CSRF, CSP, locale) sets again on every response.
NOT_STORED_HEADERS = {"set-cookie", "content-length", "vary", "content-security-policy", "content-language"}


def _timeout() -> int:
    return getattr(settings, "PAGE_CACHE_TIMEOUT", 600)


def _enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", True)


# ------------------------------------------------------------------ generations


def _generation_key(scope: str) -> str:
    return f"{PREFIX}gen:{scope}"


def _bump(scope: str) -> None:
    key = _generation_key(scope)
    try:
        cache.incr(key)
    except ValueError:
        # First bump, or the number was evicted: start from the clock, never from a number
        # an older entry may still be stored under.
        cache.add(key, time.time_ns(), timeout=None)


def _bump_now_and_on_commit(scope: str) -> None:
    # Now: this transaction's own later reads (and tests inside one transaction) miss.
    # On commit: a reader that rendered the old data between the write and its commit
    # stored it under the generation this second bump leaves behind.
    _bump(scope)
    transaction.on_commit(lambda: _bump(scope))


def space_pages_invalidate(*, space_id: int | None) -> None:
    """Everything an anonymous visitor sees of one space: its page, wall, threads and updates."""
    if space_id is not None:
        _bump_now_and_on_commit(f"space:{space_id}")


def site_pages_invalidate() -> None:
    """Every cached page: for changes that show everywhere (CMS pages, site settings, names)."""
    _bump_now_and_on_commit(SITE)


def cache_for_anonymous(request, *, space_id: int | None = None) -> None:
    """Say, while rendering, that this page may be served from the cache to anonymous visitors.

    ``space_id`` is the space whose writes change the page; every page also follows the site.
    """
    scopes = [SITE] if space_id is None else [SITE, f"space:{space_id}"]
    request._page_cache_scopes = scopes


def site_cached(name: str, compute):
    """A value only CMS pages and the site's settings change (never a member's data or a post),
    from the shared cache under the site's current generation: every write that invalidates all
    cached pages (a page saved, published, unpublished, moved or deleted; the settings or the
    site saved) makes it be computed again. For what every page's chrome reads, signed in or not.
    """
    key = _generation_key(SITE)
    generation = cache.get(key)
    if generation is None:
        cache.add(key, time.time_ns(), timeout=None)
        generation = cache.get(key)
    entry_key = f"{PREFIX}site-value:{name}:{generation}"
    found = cache.get(entry_key, _MISSING)
    if found is not _MISSING:
        return found
    value = compute()
    cache.set(entry_key, value, _timeout())
    return value


_MISSING = object()


# ------------------------------------------------------------------ the middleware


def _address_key(request) -> str:
    address = f"{request.LANGUAGE_CODE}|{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return PREFIX + hashlib.sha256(address.encode()).hexdigest()


def _entry_key(address_key: str, generations: list) -> str:
    return f"{address_key}:{'.'.join(str(number) for number in generations)}"


def _pending_messages(request) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def _eligible(request) -> bool:
    """Anonymous GETs without anything of their own in the session or the messages."""
    if request.method != "GET" or not _enabled():
        return False
    if getattr(request, "is_preview", False) or request.user.is_authenticated:
        return False
    session = getattr(request, "session", None)
    if session is not None and not session.is_empty():
        return False
    return not _pending_messages(request)


def _storable(request, response) -> bool:
    return (
        getattr(request, "_page_cache_scopes", None) is not None
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and getattr(request, "_csp_nonce", None) is None
        and not getattr(getattr(request, "session", None), "modified", False)
        and not _pending_messages(request)
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


def _stored(response) -> dict:
    content = CSRF_INPUT.sub(lambda match: match.group(1) + CSRF_PLACEHOLDER + match.group(2), response.content.decode(response.charset))
    headers = [(name, value) for name, value in response.items() if name.lower() not in NOT_STORED_HEADERS]
    return {"content": content, "headers": headers, "charset": response.charset}


def _served(request, entry: dict) -> HttpResponse:
    content = entry["content"]
    if CSRF_PLACEHOLDER in content:
        # get_token marks the CSRF cookie to be set, as rendering the form would have.
        content = content.replace(CSRF_PLACEHOLDER, get_token(request))
    response = HttpResponse(content.encode(entry["charset"]), charset=entry["charset"])
    for name, value in entry["headers"]:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


class AnonymousPageCacheMiddleware:
    """Serves and stores the pages views opted in with ``cache_for_anonymous``.

    After authentication, language and messages; before clickjacking and the rest, whose
    headers are stored with the page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _eligible(request):
            return self.get_response(request)
        address_key = _address_key(request)
        scopes = cache.get(address_key)
        generations = None
        if scopes is not None:
            found = cache.get_many([_generation_key(scope) for scope in scopes])
            if len(found) == len(scopes):
                generations = [found[_generation_key(scope)] for scope in scopes]
                entry = cache.get(_entry_key(address_key, generations))
                if entry is not None:
                    return _served(request, entry)
        response = self.get_response(request)
        if _storable(request, response):
            self._store(request, response, address_key, scopes, generations)
        return response

    @staticmethod
    def _store(request, response, address_key, known_scopes, known_generations) -> None:
        scopes = request._page_cache_scopes
        if scopes != known_scopes or known_generations is None:
            # The first visit only learns which generations the page follows. The page is
            # stored by a later visit, which read them before rendering: numbers read now
            # might already count a write this rendering does not show.
            for scope in scopes:
                cache.add(_generation_key(scope), time.time_ns(), timeout=None)
            cache.set(address_key, scopes, ADDRESS_TIMEOUT)
            return  # stored from the next request on, when the numbers were read before rendering
        cache.set(_entry_key(address_key, known_generations), _stored(response), _timeout())
