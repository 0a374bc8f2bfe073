"""The client's address, as far as the site's own proxies vouch for it.

Behind ``TRUSTED_PROXY_COUNT`` proxies, each of which appends the address it
saw to ``X-Forwarded-For``, the client is the entry the outermost of them
added: the ``TRUSTED_PROXY_COUNT``-th from the right. Anything to its left was
written by the client and proves nothing. With no trusted proxy the header is
ignored and the socket's address is used.
"""

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count:
        return remote  # fewer hops than configured: not through our proxies
    return forwarded[-count]
