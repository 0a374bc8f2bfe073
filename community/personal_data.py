"""Where other apps plug into a member's export and erasure.

Community owns the account's life, but some of a member's data lives in apps
that community must not import (moderation: the flags they made, sanctions and
decisions about them, the audit log). Those apps register here, in their
``AppConfig.ready``:

- an *exporter* returns ``{section name: list of plain dicts}`` for one member;
- an *eraser* removes or pseudonymises that member's data, inside the erasure's
  transaction (``by`` is the moderator who erased the account, or None);
- a *post text eraser* removes what quotes some posts whose text community erased
  (retention, a private conversation's end of life).
"""

from collections.abc import Callable

_exporters: dict[str, Callable] = {}
_erasers: dict[str, Callable] = {}
_post_text_erasers: dict[str, Callable] = {}


def register_exporter(name: str, exporter: Callable) -> None:
    _exporters[name] = exporter


def register_eraser(name: str, eraser: Callable) -> None:
    _erasers[name] = eraser


def exported_sections(user) -> dict[str, list]:
    sections: dict[str, list] = {}
    for exporter in _exporters.values():
        sections.update(exporter(user))
    return sections


def erase_elsewhere(user, *, by=None) -> None:
    for eraser in _erasers.values():
        eraser(user, by=by)


def register_post_text_eraser(name: str, eraser: Callable) -> None:
    _post_text_erasers[name] = eraser


def erase_post_texts_elsewhere(post_ids: list[int]) -> None:
    if post_ids:
        for eraser in _post_text_erasers.values():
            eraser(post_ids)
