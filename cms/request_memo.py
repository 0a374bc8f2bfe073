"""Per-request memo: a figure several parts of one page show is computed once per request.

A page's header (context processors), the Wagtail admin's menu and the view itself may each
need the same count. ``per_request(request, key, compute)`` computes it the first time it is
asked for during the request and returns the same value for the rest of it. Nothing outlives
the request, so nothing can be stale for the next one or be seen by another person.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

_ATTRIBUTE = "_per_request_memo"


def per_request(request, key: str, compute: Callable[[], T]) -> T:
    """``compute()`` once per request under ``key``; without a request, every time."""
    if request is None:
        return compute()
    memo = request.__dict__.get(_ATTRIBUTE)
    if memo is None:
        memo = request.__dict__[_ATTRIBUTE] = {}
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def forget(request, key: str) -> None:
    """After a write in the same request changed what ``key`` holds."""
    if request is not None:
        request.__dict__.get(_ATTRIBUTE, {}).pop(key, None)


def lazily(request, key: str, compute: Callable[[], T]) -> Callable[[], T]:
    """For a context processor: a callable the template calls only if the page shows the figure
    (templates call callables), computed at most once per request."""

    def value() -> T:
        return per_request(request, key, compute)

    return value
