"""Sanctions on members: a warning, silence for a period, or suspension."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SanctionKind(models.TextChoices):
    WARNING = "warning", _("Warning")
    SILENCE = "silence", _("Silenced")
    SUSPENSION = "suspension", _("Suspended")

    @property
    def severity(self) -> int:
        """How much the sanction restricts: an explicit order, never the alphabet."""
        return SEVERITY[self]

    @classmethod
    def restricting(cls) -> list["SanctionKind"]:
        """The kinds that keep a member from writing."""
        return [kind for kind in cls if kind.severity > 0]


SEVERITY = {SanctionKind.WARNING: 0, SanctionKind.SILENCE: 1, SanctionKind.SUSPENSION: 2}


class SanctionQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, starts_at__lte=now).filter(
            models.Q(ends_at__isnull=True) | models.Q(ends_at__gt=now)
        )


class Sanction(models.Model):
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sanctions")
    kind = models.CharField(_("kind"), max_length=12, choices=SanctionKind.choices)
    reason = models.TextField(_("reason"), help_text=_("The member sees this."))
    starts_at = models.DateTimeField(default=timezone.now)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    imposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    objects = SanctionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} for user {self.member_id}"

    @property
    def restricts_writing(self) -> bool:
        return SanctionKind(self.kind).severity > 0
