"""The audit log in sentences a counsellor reads, in their language, instead of the stored data.

Rows keep codes and ids (so erasure can pseudonymise free text); the sentence is made when the page
is shown. ``sentences_for`` looks up every person a page of rows names in one query.
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import AuditAction, FlagReason, RejectionReason, Rule, SanctionKind, UrgentOutcome
from .services.alerts import MODERATORS


def _label(choices, code) -> str:
    try:
        return str(choices(code).label)
    except ValueError:
        return str(code or "")


def _rules(codes) -> str:
    return ", ".join(_label(Rule, code) for code in codes or ())


def sentence(entry, *, people: dict | None = None) -> str:
    """One audit row as a sentence. ``people`` maps user ids named in the data to display names."""
    data = entry.data if isinstance(entry.data, dict) else {}
    actor = entry.actor.display_name if entry.actor_id and entry.actor else _("Screening")
    member = entry.member.display_name if entry.member_id and entry.member else _("the member")
    words = {"actor": actor, "member": member}
    action = entry.action
    if action == AuditAction.SCREENED:
        if data.get("state") == "published" and not data.get("rules"):
            text = _("Screening found nothing and published the text.")
        elif data.get("state") == "published":
            text = _("Screening published the text and noted: %(rules)s.") % {"rules": _rules(data.get("rules"))}
        else:
            text = _("Screening held the text for a counsellor: %(rules)s.") % {"rules": _rules(data.get("rules"))}
    elif action == AuditAction.BLOCKED:
        text = _("Screening refused a text with a word that is not allowed.")
    elif action == AuditAction.FLAGGED:
        text = _("%(actor)s reported the post: %(reason)s.") % {**words, "reason": _label(FlagReason, data.get("reason"))}
    elif action == AuditAction.HIDDEN_BY_FLAGS:
        count = int(data.get("flags") or 0)
        text = ngettext(
            "The post was hidden after %(count)d report, until a moderator looks at it.",
            "The post was hidden after %(count)d reports, until a moderator looks at it.",
            count,
        ) % {"count": count}
    elif action == AuditAction.APPROVED:
        text = _("%(actor)s approved the post.") % words
    elif action == AuditAction.REJECTED:
        text = _("%(actor)s rejected the post: %(reason)s.") % {**words, "reason": _label(RejectionReason, data.get("reason"))}
    elif action == AuditAction.EDITED_APPROVED:
        text = _("%(actor)s edited the post and published it.") % words
    elif action == AuditAction.ESCALATED:
        colleague = (people or {}).get(data.get("to")) or _("a colleague")
        text = _("%(actor)s asked %(colleague)s to look at it.") % {**words, "colleague": colleague}
    elif action == AuditAction.SANCTIONED:
        kind = _label(SanctionKind, data.get("kind"))
        if data.get("days"):
            text = ngettext(
                "%(actor)s gave %(member)s a sanction: %(kind)s for %(days)d day. Reason: %(reason)s",
                "%(actor)s gave %(member)s a sanction: %(kind)s for %(days)d days. Reason: %(reason)s",
                int(data["days"]),
            ) % {**words, "kind": kind, "days": int(data["days"]), "reason": data.get("reason", "")}
        else:
            text = _("%(actor)s gave %(member)s a sanction: %(kind)s. Reason: %(reason)s") % {
                **words,
                "kind": kind,
                "reason": data.get("reason", ""),
            }
    elif action == AuditAction.SANCTION_REVOKED:
        text = _("%(actor)s lifted a sanction on %(member)s.") % words
    elif action == AuditAction.URGENT_OUTCOME:
        text = _("%(actor)s closed an urgent item: %(outcome)s.") % {**words, "outcome": _label(UrgentOutcome, data.get("outcome"))}
        if data.get("referred_to"):
            text += " " + _("Referred to: %(service)s.") % {"service": data["referred_to"]}
    elif action == AuditAction.REALERTED:
        minutes = int(data.get("waited_minutes") or 0)
        if data.get("level") == MODERATORS:
            text = _("No one had closed the urgent item after %(minutes)d minutes: the moderators were alerted.")
        else:
            text = _("No one had closed the urgent item after %(minutes)d minutes: counsellors on duty were alerted again.")
        text = text % {"minutes": minutes}
    elif action == AuditAction.DUTY_CHANGED:
        text = (_("%(actor)s went on duty.") if data.get("on_duty") else _("%(actor)s went off duty.")) % words
    elif action == AuditAction.ERASED:
        text = (
            _("A moderator erased the account of %(member)s.") if data.get("by_moderator") else _("%(member)s erased their account.")
        ) % words
    elif action == AuditAction.PEER_GUIDE_APPOINTED:
        text = _("%(actor)s made %(member)s a peer guide.") % words
    elif action == AuditAction.PEER_GUIDE_REMOVED:
        text = _("%(actor)s removed %(member)s from the peer guides.") % words
    else:
        text = entry.get_action_display()
    note = data.get("note")
    if note:
        text += " " + _("Note: “%(note)s”") % {"note": note}
    return text


def sentences_for(entries) -> None:
    """Set ``entry.sentence`` on each row of a page, naming escalation colleagues with one query."""
    entries = list(entries)
    ids = {entry.data.get("to") for entry in entries if isinstance(entry.data, dict) and entry.data.get("to")}
    people = dict(get_user_model().objects.filter(pk__in=ids).values_list("pk", "display_name")) if ids else {}
    for entry in entries:
        entry.sentence = sentence(entry, people=people)
