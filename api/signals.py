"""Tokens end with the access they stood for: on a password change, a suspension, a deactivated account."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save, pre_save
from knox.models import AuthToken

from moderation.models import Sanction


def tokens_revoke_all(user_id: int) -> int:
    deleted, _ = AuthToken.objects.filter(user_id=user_id).delete()
    return deleted


def _password_or_access_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None:
        return
    if update_fields is not None and not {"password", "is_active"} & set(update_fields):
        return
    before = sender.objects.filter(pk=instance.pk).values("password", "is_active").first()
    if before is None:
        return
    if before["password"] != instance.password or (before["is_active"] and not instance.is_active):
        tokens_revoke_all(instance.pk)


def _suspended(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.kind == "suspension":
        tokens_revoke_all(instance.member_id)


def connect() -> None:
    pre_save.connect(_password_or_access_changed, sender=get_user_model(), dispatch_uid="api_tokens_password")
    post_save.connect(_suspended, sender=Sanction, dispatch_uid="api_tokens_suspension")
