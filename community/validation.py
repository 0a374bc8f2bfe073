"""Checks on text input shared by the services of every app (limits, trimming, roles of authors)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from community import roles
from community.models import AuthorRole

TITLE_MIN, TITLE_MAX = 5, 150
BODY_MAX = 5000
NOTE_MAX = 2000


def author_role_of(user) -> str:
    if roles.is_counsellor(user):
        return AuthorRole.COUNSELLOR
    if roles.is_peer_guide(user):
        return AuthorRole.PEER_GUIDE
    return AuthorRole.MEMBER


def clean_text(value, *, field: str, label: str, max_length: int, min_length: int = 1, required: bool = True) -> str:
    """Trim a text argument and check its length, naming the field in the error."""
    text = (value or "").strip() if isinstance(value, str) or value is None else None
    if text is None:
        raise ValidationError({field: _("%(label)s must be text.") % {"label": label}}, code="invalid")
    if not text:
        if required:
            raise ValidationError({field: _("%(label)s cannot be empty.") % {"label": label}}, code="required")
        return ""
    if len(text) < min_length:
        raise ValidationError(
            {field: _("%(label)s needs at least %(min)d characters.") % {"label": label, "min": min_length}},
            code="min_length",
        )
    if len(text) > max_length:
        raise ValidationError(
            {
                field: _("%(label)s can be at most %(max)d characters (it has %(length)d).")
                % {"label": label, "max": max_length, "length": len(text)}
            },
            code="max_length",
        )
    return text


MAX_ID = 2**63 - 1  # the largest key any of our databases stores


def as_id(value) -> int | None:
    """A database id from outside input, or None: digits only, and small enough to look up."""
    text = str(value).strip() if value is not None else ""
    if not text.isdigit() or len(text) > 19:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None
