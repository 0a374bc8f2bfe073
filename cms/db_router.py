"""Read replicas: reads go to a replica, writes and everything near a write to the primary.

Configured only when DATABASE_REPLICA_URL is set (see cms/settings/base.py); without it
there is one database and this router is not installed.

Why the exceptions:
- Inside a transaction on the primary, a read must see the transaction's own writes, so
  it stays on the primary (a replica would answer from before the transaction).
- A request that writes (POST, PUT, PATCH, DELETE) reads from the primary throughout, and
  the client that wrote keeps reading from the primary for REPLICA_PIN_SECONDS afterwards
  (a short-lived cookie), so a member who posts an answer sees it on the next page even
  while the replica lags ("read your writes"). Other visitors may see it a moment later,
  which is what replication lag means and is harmless for feeds and search.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse

REPLICA_ALIAS = "replica"
PIN_COOKIE = "primary_pin"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

_pinned_to_primary: contextvars.ContextVar[bool] = contextvars.ContextVar("pinned_to_primary", default=False)


def replica_configured() -> bool:
    return REPLICA_ALIAS in settings.DATABASES


class PrimaryReplicaRouter:
    """Route reads to the replica unless this request must read its own writes."""

    def db_for_read(self, model, **hints) -> str:
        if not replica_configured():
            return DEFAULT_DB_ALIAS
        if _pinned_to_primary.get() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA_ALIAS

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        # The replica holds the same rows as the primary: objects from either relate freely.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        # The replica is migrated by replication, never directly.
        return db == DEFAULT_DB_ALIAS


class ReadYourWritesMiddleware:
    """Pin a writing request, and the same client for a few seconds after it, to the primary."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        writes = request.method not in SAFE_METHODS
        token = _pinned_to_primary.set(writes or PIN_COOKIE in request.COOKIES)
        try:
            response = self.get_response(request)
        finally:
            _pinned_to_primary.reset(token)
        if writes and replica_configured():
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
