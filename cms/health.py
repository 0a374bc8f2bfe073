"""Health checks for a load balancer: ``/healthz`` (the process answers) and ``/readyz`` (its services too)."""

import logging

from celery import current_app
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from community.outbox import outbox_stats

log = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """The process is up and serving; touches no database, cache or broker."""
    return JsonResponse({"status": "ok"})


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    cache.set("readyz", "ok", 10)
    if cache.get("readyz") != "ok":
        raise RuntimeError("the cache did not keep a value")


def _broker() -> None:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return  # no broker: tasks run in the web process
    with current_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=3)


def _outbox() -> None:
    stats = outbox_stats()
    if stats.oldest_age_seconds is not None and stats.oldest_age_seconds > settings.OUTBOX_MAX_AGE_SECONDS:
        raise RuntimeError(f"{stats.pending} messages not sent, the oldest for {int(stats.oldest_age_seconds)} s")


CHECKS = {"database": _database, "cache": _cache, "broker": _broker, "outbox": _outbox}


@never_cache
def readyz(request):
    """Ready for traffic: database, cache, broker and the outbox's age. 200, or 503 naming what failed."""
    results, ready = {}, True
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception as error:  # noqa: BLE001 - any failure means not ready; say which
            log.warning("Readiness check %s failed: %r", name, error)
            results[name] = f"failed: {type(error).__name__}"
            ready = False
    return JsonResponse({"status": "ok" if ready else "unavailable", "checks": results}, status=200 if ready else 503)
