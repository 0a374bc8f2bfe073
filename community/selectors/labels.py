"""How a person is shown to a viewer: the one place anonymity towards peers is decided."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from community import policy
from community.models import AuthorRole

ANONYMOUS_NAME = _("Anonymous member")


@dataclass(frozen=True)
class AuthorLabel:
    name: str
    role: str  # AuthorRole: decides the badge
    anonymous: bool  # the author chose to hide their name from other members
    is_viewer: bool
    hidden: bool = False  # this viewer does not get to know who it is

    @property
    def is_counsellor(self) -> bool:
        return self.role == AuthorRole.COUNSELLOR

    @property
    def is_peer_guide(self) -> bool:
        return self.role == AuthorRole.PEER_GUIDE


def post_author_label(post, user) -> AuthorLabel:
    is_viewer = user is not None and user.is_authenticated and post.author_id == user.pk
    if post.is_anonymous and not policy.sees_anonymous_identity(user, post):
        # No badge either: a peer guide's badge would narrow down who asked.
        return AuthorLabel(str(ANONYMOUS_NAME), AuthorRole.MEMBER, True, False, hidden=True)
    return AuthorLabel(post.author.display_name, post.author_role, post.is_anonymous, is_viewer)


def summary_editor_label(revision, thread, user) -> AuthorLabel:
    """The editor of a co-constructed answer's version: an anonymous asker who edits stays anonymous."""
    anonymous = thread.is_anonymous and revision.editor_id == thread.author_id
    return person_label(revision.editor, revision.editor_role, anonymous=anonymous, user=user)


def person_label(person, role: str, *, anonymous: bool, user) -> AuthorLabel:
    """A label for someone who is not the author of a post in hand (e.g. a summary editor)."""
    is_viewer = user is not None and user.is_authenticated and person.pk == user.pk
    from community import roles

    if anonymous and not (is_viewer or roles.is_counsellor(user)):
        return AuthorLabel(str(ANONYMOUS_NAME), AuthorRole.MEMBER, True, False, hidden=True)
    return AuthorLabel(person.display_name, role, anonymous, is_viewer)
