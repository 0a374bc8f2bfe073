"""The append-only audit log of moderation: every screening verdict, decision and sanction."""

import re

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    SCREENED = "screened", _("Screened")
    BLOCKED = "blocked", _("Blocked by a watched word")
    FLAGGED = "flagged", _("Flagged by a member")
    HIDDEN_BY_FLAGS = "hidden_by_flags", _("Hidden after flags")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    EDITED_APPROVED = "edited_approved", _("Edited and approved")
    ESCALATED = "escalated", _("Escalated")
    SANCTIONED = "sanctioned", _("Sanction imposed")
    SANCTION_REVOKED = "sanction_revoked", _("Sanction revoked")
    URGENT_OUTCOME = "urgent_outcome", _("Outcome of an urgent item")
    REALERTED = "realerted", _("Urgent item alerted again")
    DUTY_CHANGED = "duty_changed", _("Counsellor on or off duty")
    ERASED = "erased", _("Account erased")
    PEER_GUIDE_APPOINTED = "peer_guide_added", _("Peer guide appointed")
    PEER_GUIDE_REMOVED = "peer_guide_removed", _("Peer guide removed")


class AppendOnly(Exception):
    pass


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("The audit log is append-only.")

    def delete(self):
        raise AppendOnly("The audit log is append-only.")

    def pseudonymise(self, condition) -> int:
        """The one sanctioned change to the log: an erased member's personal data leaves its rows.

        Each row keeps its action, time, links and the rule codes; every free text in
        ``data`` becomes "[erased]" and ``data["pseudonymised"]`` is set. On PostgreSQL
        the append-only trigger lets exactly this update through (migration 0005);
        anything else is still refused.
        """
        count = 0
        for pk, data in self.filter(condition).values_list("pk", "data"):
            if isinstance(data, dict) and data.get("pseudonymised"):
                continue
            models.QuerySet.update(self.model.objects.filter(pk=pk), data=pseudonymised(data if isinstance(data, dict) else {}))
            count += 1
        return count


# Keys in an audit row's data whose values are codes, not anyone's words (a free-text
# value under one of them, such as a sanction's reason, is still erased).
_CODE_KEYS = frozenset({"rule", "reason", "action", "kind", "state", "flags", "urgent", "rules", "by_moderator"})
_CODE = re.compile(r"^[a-z0-9_]{1,40}$")


def pseudonymised(value, key=None):
    if isinstance(value, dict):
        scrubbed = {k: pseudonymised(v, k) for k, v in value.items()}
        if key is None:
            scrubbed["pseudonymised"] = True
        return scrubbed
    if isinstance(value, list):
        return [pseudonymised(item, key) for item in value]
    if isinstance(value, str) and not (key in _CODE_KEYS and _CODE.match(value)):
        return "[erased]"
    return value


class AuditEntry(models.Model):
    action = models.CharField(max_length=20, choices=AuditAction.choices, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="audit_entries"
    )
    post = models.ForeignKey("community.Post", on_delete=models.PROTECT, null=True, blank=True, related_name="audit_entries")
    item = models.ForeignKey("moderation.ModerationItem", on_delete=models.PROTECT, null=True, blank=True, related_name="audit_entries")
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"Audit #{self.pk}: {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnly("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("The audit log is append-only.")
