"""The append-only audit log of moderation: every screening verdict, decision and sanction."""

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


class AppendOnly(Exception):
    pass


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("The audit log is append-only.")

    def delete(self):
        raise AppendOnly("The audit log is append-only.")


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

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnly("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("The audit log is append-only.")
