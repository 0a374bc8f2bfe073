"""Notification texts, stored as a message key and its parameters and written out when read.

A notification row keeps ``data = {"text": {"m": key, "p": {...}}}``: which sentence it is and
what goes into it (names and titles, never a private message's words). The sentence is
translated when it is shown: in the web notification centre and the API in the reader's language
of the moment, in e-mail in the recipient's language at sending time. So a member who switches
language reads even old notifications in the new one.

A parameter is a plain value (a display name, a thread's title), another message (e.g.
"Anonymous member", a sanction's kind), translated the same way, or a CMS page (a space, an
update: ``page_title``), shown with the title of its translation in the reader's language when
there is one (cms/locales.py) and with the title it had when written otherwise. A list of
notifications looks those titles up in one query (``with_page_titles``). Rows written before
this, or whose key is unknown, show their stored ``description``.
"""

from collections.abc import Iterable

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cms.locales import titles_for_reader

MESSAGES: dict[str, Promise] = {}


def register(key: str, text: Promise) -> None:
    """Name a translatable sentence (a lazy gettext string) that notifications may refer to."""
    MESSAGES[key] = text


def message(key: str, **params) -> dict:
    """A notification text to store: the sentence's key and its parameters."""
    if key not in MESSAGES:
        raise KeyError(f"Unknown notification message {key!r}")
    return {"m": key, "p": params}


def page_title(page) -> dict:
    """A CMS page (a space, an update) as a parameter: its title, in the reader's language when read."""
    return {"pg": page.pk, "t": page.title}


def page_ids(text) -> set[int]:
    """The ids of the pages a stored text names (in its messages too); nothing for a malformed row."""
    ids: set[int] = set()
    params = text.get("p") if isinstance(text, dict) else None
    for value in params.values() if isinstance(params, dict) else ():
        if isinstance(value, dict) and "m" in value:
            ids |= page_ids(value)
        elif isinstance(value, dict) and isinstance(value.get("pg"), int):
            ids.add(value["pg"])
    return ids


def _value(value, titles: dict):
    if isinstance(value, dict) and "m" in value:
        return render_message(value, titles)
    if isinstance(value, dict) and "pg" in value:
        return titles.get(value["pg"]) or value["t"]
    return value


def render_message(text: dict, titles: dict | None = None) -> str:
    """The sentence in the active language (raises AttributeError, KeyError, TypeError or ValueError on a bad row).

    ``titles`` are the reader's titles of the pages it names (``titles_for_reader``), looked up
    here when not given.
    """
    sentence = str(MESSAGES[text["m"]])
    if titles is None:
        titles = titles_for_reader(page_ids(text))
    params = {name: _value(value, titles) for name, value in (text.get("p") or {}).items()}
    return sentence % params


def render(data, fallback: str | None, titles: dict | None = None) -> str:
    """A notification's text in the active language, or its stored description for an old row."""
    text = data.get("text") if isinstance(data, dict) else None
    if text:
        try:
            return render_message(text, titles)
        except (AttributeError, KeyError, TypeError, ValueError):  # a malformed row: its stored text
            pass
    return fallback or ""


def with_page_titles(notifications: Iterable) -> list:
    """Notifications ready to be read in the active language: the titles of every page they name,
    looked up in one query for them all (``Notification.text`` uses them)."""
    notifications = list(notifications)
    ids: set[int] = set()
    for notification in notifications:
        data = notification.data
        ids |= page_ids(data.get("text") if isinstance(data, dict) else None)
    titles = titles_for_reader(ids)
    for notification in notifications:
        notification.page_titles = titles
    return notifications


def replace_value(text: dict, old: str, new) -> dict:
    """A copy of a stored text with every parameter equal to ``old`` replaced by ``new`` (erasure)."""
    params = {}
    for name, value in (text.get("p") or {}).items():
        if isinstance(value, dict) and "m" in value:
            params[name] = replace_value(value, old, new)
        elif value == old:
            params[name] = new
        elif isinstance(value, str) and old and old in value:
            params[name] = value.replace(old, str(render_message(new)) if isinstance(new, dict) else new)
        else:
            params[name] = value
    return {"m": text["m"], "p": params}


for _key, _text in {
    # Who
    "anonymous_member": _("Anonymous member"),
    "name_counsellor": _("%(name)s (counsellor)"),
    "former_member": _("Former member"),
    # Public threads
    "question_in_space": _("New question in “%(space)s”: %(title)s"),
    "answered_your_question": _("%(name)s answered your question “%(title)s”"),
    "replied_to_your_answer": _("%(name)s replied to your answer in “%(title)s”"),
    "wrote_in_thread": pgettext_lazy("in a public thread", "%(name)s wrote in “%(title)s”"),
    # Private conversations: who and where, never what
    "answered_private_message": _("%(name)s answered your private message in “%(space)s”"),
    "reopened_conversation": _("%(name)s reopened a private conversation in “%(space)s”"),
    "new_conversation": _("A new private conversation from %(name)s in “%(space)s”"),
    "new_private_message": _("A new private message from %(name)s in “%(space)s”"),
    "counsellor_reached_out": _("A counsellor has written to you privately. Only you and the counsellors can read it."),
    "handed_over": _("%(name)s handed you the private conversation with %(member)s in “%(space)s”"),
    "referred": _("A counsellor suggested a service that can help you, in your private conversation in “%(space)s”"),
    "private_talk_offered": _("A counsellor offers to continue your question “%(title)s” privately. You decide."),
    "private_talk_accepted": _("The member accepted your offer to continue “%(title)s” privately."),
    "private_talk_declined": _("The member declined your offer to continue “%(title)s” privately."),
    # Updates
    "update_in_space": _("New update in “%(space)s”: %(title)s"),
    "proposal_published": _("Your proposed update “%(title)s” is published."),
    "proposal_rejected": _("A counsellor did not publish your proposed update “%(title)s”. See “Your posts”."),
    # Answers
    "endorsed_by_counsellor": _("A counsellor, %(name)s, endorsed your answer in “%(title)s”"),
    "endorsed_by_peer_guide": _("A peer guide, %(name)s, endorsed your answer in “%(title)s”"),
    "endorsement_lapsed": _(
        "An answer you endorsed in “%(title)s” was changed. Your endorsement is removed until you check it again."
    ),
    "marked_helpful": _("Your answer in “%(title)s” helped the person who asked"),
    "summary_updated": _("The co-constructed answer to “%(title)s” has a new version"),
    # Account
    "data_export_ready": _("Your data export is ready to download."),
    # Moderation (moderation/notify.py)
    "urgent_item": _("Urgent: a post in “%(space)s” needs a counsellor now."),
    "conversation_message_rejected": _(
        "Your message in your private conversation in “%(space)s” was not published. %(reason)s"
    ),
    "conversation_message_delivered": _("Your message in your private conversation in “%(space)s” is delivered."),
    "post_rejected": _("Your post in “%(title)s” was not published. %(reason)s"),
    "post_edited_and_published": _("Your post in “%(title)s” was edited by a moderator and published."),
    "post_published": _("Your post in “%(title)s” is published."),
    "escalated": _("%(name)s asked you to look at an item in the moderation queue."),
    "sanction": _("A moderator has given you a sanction: %(kind)s. %(reason)s"),
    # moderation.models.SanctionKind's labels (the same words, so the same translations)
    "sanction_kind:warning": _("Warning"),
    "sanction_kind:silence": _("Silenced"),
    "sanction_kind:suspension": _("Suspended"),
    "urgent_realert_moderators": _(
        "No one has closed an urgent item in “%(space)s” yet. Please make sure a counsellor acts now."
    ),
    "urgent_realert": _("Still waiting: an urgent post in “%(space)s” needs a counsellor now."),
}.items():
    register(_key, _text)
