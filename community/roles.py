"""Roles are Django groups; this module is the one place that maps between them.

A moderator is a counsellor with more rights, and a Django superuser holds
every staff role, so "is this person a counsellor?" has exactly one answer.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    PEER_GUIDE = "peer_guide", _("Peer guide")
    COUNSELLOR = "counsellor", _("Counsellor")
    MODERATOR = "moderator", _("Moderator")


# Group names are data (stored in the database), so they stay in English; the
# role labels above are what people see.
GROUP_NAMES: dict[Role, str] = {
    Role.MEMBER: "Members",
    Role.PEER_GUIDE: "Peer guides",
    Role.COUNSELLOR: "Counsellors",
    Role.MODERATOR: "Moderators",
}
ROLE_BY_GROUP_NAME = {name: role for role, name in GROUP_NAMES.items()}

# Roles whose holders speak for the guidance service (badged, reach the admin).
STAFF_ROLES = frozenset({Role.COUNSELLOR, Role.MODERATOR})
STAFF_GROUP_NAMES = tuple(GROUP_NAMES[role] for role in STAFF_ROLES)


def user_roles(user) -> frozenset[Role]:
    """The roles a user holds. Uses prefetched groups when the caller loaded them."""
    if user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_roles_cache", None)
    if cached is not None:
        return cached
    roles = {
        ROLE_BY_GROUP_NAME[group.name]
        for group in user.groups.all()
        if group.name in ROLE_BY_GROUP_NAME
    }
    if user.is_superuser:
        roles |= {Role.COUNSELLOR, Role.MODERATOR}
    if Role.MODERATOR in roles:
        roles.add(Role.COUNSELLOR)
    result = frozenset(roles)
    user._roles_cache = result
    return result


def is_counsellor(user) -> bool:
    return Role.COUNSELLOR in user_roles(user)


def is_moderator(user) -> bool:
    return Role.MODERATOR in user_roles(user)


def is_peer_guide(user) -> bool:
    return Role.PEER_GUIDE in user_roles(user)


def forget_roles(user) -> None:
    """Drop the cached roles after the user's groups changed."""
    user.__dict__.pop("_roles_cache", None)
