"""Members: the people of the community, whatever their role."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from community import roles


class User(AbstractUser):
    """A person using the service: a member, peer guide, counsellor or moderator.

    The username is for logging in only and is never shown. Everyone else sees
    the display name: a pseudonym for members, the real name of a counsellor.
    """

    display_name = models.CharField(
        _("display name"),
        max_length=30,
        help_text=_("The name other people see. Members usually choose a nickname."),
    )
    # The look-alike form of the display name (see community.display_names);
    # unique, so two names a reader could confuse can never both exist.
    # (Both are unique among accounts that are not erased: every erased account is "Former member".)
    display_name_key = models.CharField(max_length=60, editable=False)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )

    # Data protection (see community.services.privacy).
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Accounts made before verification existed, and those staff create, count as verified;
    # a member's own sign-up starts unverified until they follow the link we e-mail.
    email_verified = models.BooleanField(_("e-mail address verified"), default=True)
    # A new address the member asked for: it replaces ``email`` only when the link sent to it is followed.
    pending_email = models.EmailField(_("new e-mail address (not yet confirmed)"), blank=True, editable=False)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    rules_version_accepted = models.PositiveIntegerField(null=True, blank=True, editable=False)
    privacy_notice_version_accepted = models.PositiveIntegerField(null=True, blank=True, editable=False)
    inactivity_warned_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = UserManager()

    REQUIRED_FIELDS = ["email", "display_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                fields=["display_name"], condition=models.Q(erased_at__isnull=True), name="community_user_display_name_unique"
            ),
            models.UniqueConstraint(
                fields=["display_name_key"],
                condition=models.Q(erased_at__isnull=True),
                name="community_user_display_name_key_unique",
            ),
            models.UniqueConstraint(
                Lower("email"),
                name="community_user_email_ci_unique",
                condition=~models.Q(email=""),
                violation_error_message=_("An account with this e-mail address already exists."),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.username

    def save(self, *args, **kwargs):
        from community.display_names import normalise, skeleton

        self.display_name = normalise(self.display_name)
        self.display_name_key = skeleton(self.display_name)
        if kwargs.get("update_fields") is not None and "display_name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "display_name_key"}
        super().save(*args, **kwargs)

    # Convenience for templates; the rules live in community.roles.
    @property
    def is_counsellor(self) -> bool:
        return roles.is_counsellor(self)

    @property
    def is_moderator(self) -> bool:
        return roles.is_moderator(self)

    @property
    def is_peer_guide(self) -> bool:
        return roles.is_peer_guide(self)
