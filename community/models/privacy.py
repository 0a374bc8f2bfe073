"""Data protection: exports, erasure requests, name quarantine, retention settings and runs."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="lock")
class PrivacySettings(BaseGenericSetting):
    """How long the service keeps what, and the age rules of sign-up. The data protection officer's dials."""

    consent_age = models.PositiveSmallIntegerField(
        _("age of digital consent"),
        default=13,
        help_text=_("Younger people are shown the parental-consent route instead of an account (13 in DK, SE, FI and NO)."),
    )
    parental_consent_url = models.URLField(
        _("parental-consent route"),
        blank=True,
        help_text=_("Where the organisation explains how a parent gives consent for a child under the consent age."),
    )
    erasure_cooling_off_days = models.PositiveSmallIntegerField(
        _("erasure cooling-off (days)"), default=7, help_text=_("Logging in during this period cancels the erasure.")
    )
    name_quarantine_days = models.PositiveSmallIntegerField(
        _("display name quarantine (days)"),
        default=90,
        help_text=_("An erased member's display name cannot be taken by anyone else for this long."),
    )
    export_valid_hours = models.PositiveSmallIntegerField(
        _("export download valid (hours)"), default=72, help_text=_("After this, the prepared export is deleted.")
    )
    conversation_retention_days = models.PositiveIntegerField(
        _("private conversations kept (days)"),
        default=730,
        help_text=_("A private conversation is erased this long after its last message (or after its member's erasure)."),
    )
    held_post_retention_days = models.PositiveIntegerField(
        _("held or rejected posts kept (days)"),
        default=90,
        help_text=_("The text of posts never published (held, rejected) is erased this long after they were written."),
    )
    notification_retention_days = models.PositiveIntegerField(_("notifications kept (days)"), default=180)
    inactive_account_days = models.PositiveIntegerField(
        _("inactive accounts kept (days)"),
        default=1095,
        help_text=_("Members who have not logged in for this long are erased (after a warning e-mail)."),
    )
    inactive_warning_days = models.PositiveSmallIntegerField(
        _("warning before erasing an inactive account (days)"), default=30
    )

    class Meta:
        verbose_name = _("data protection")


class ExportStatus(models.TextChoices):
    PREPARING = "preparing", _("Being prepared")
    READY = "ready", _("Ready")


class DataExport(models.Model):
    """A member's copy of their data (GDPR articles 15 and 20): a ZIP, kept for a limited time."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports")
    status = models.CharField(max_length=10, choices=ExportStatus.choices, default=ExportStatus.PREPARING)
    archive = models.BinaryField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Data export #{self.pk} ({self.status})"


class ErasureRequest(models.Model):
    """A member's (or a moderator's) request to erase an account, carried out when ``due_at`` passes."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="erasure_request")
    requested_at = models.DateTimeField()
    due_at = models.DateTimeField(db_index=True)
    # The member's choice: public posts stay under "Former member", or are hidden.
    hide_posts = models.BooleanField(default=False)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Erasure request #{self.pk}, due {self.due_at:%Y-%m-%d}"

    @property
    def pending(self) -> bool:
        return self.cancelled_at is None and self.completed_at is None


class DisplayNameQuarantine(models.Model):
    """An erased member's old display name, held back for a while. Only a keyed hash is kept, never the name."""

    digest = models.CharField(max_length=64, unique=True)
    until = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"Quarantined display name until {self.until:%Y-%m-%d}"


class RetentionRun(models.Model):
    """What one run of the retention rules removed: the admin's report."""

    ran_at = models.DateTimeField(db_index=True)
    removed = models.JSONField(default=dict)

    class Meta:
        ordering = ["-ran_at", "-pk"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")

    def __str__(self) -> str:
        return f"Retention run {self.ran_at:%Y-%m-%d %H:%M}"
