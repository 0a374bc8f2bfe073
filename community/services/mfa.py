"""Staff two-factor log-in: an authenticator app (TOTP) and one-time backup codes, kept by django-otp.

Wrong codes are throttled per device by django-otp (1, 2, 4, 8 ... seconds after each
consecutive failure), so the failure counts must be saved even when the caller refuses:
verification runs in its own short transaction and the refusal is raised after it.
"""

import math
from base64 import b32decode
from binascii import hexlify

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

from community.models import User

APP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"


class CodeThrottled(ValidationError):
    """Too many wrong codes in a row: the next try must wait ``wait_seconds``."""

    def __init__(self, wait_seconds: int):
        self.wait_seconds = max(1, wait_seconds)
        super().__init__(
            ngettext(
                "Too many wrong codes. Please wait %(seconds)d second and try again.",
                "Too many wrong codes. Please wait %(seconds)d seconds and try again.",
                self.wait_seconds,
            )
            % {"seconds": self.wait_seconds},
            code="throttled",
        )


def _wrong_code() -> ValidationError:
    return ValidationError(
        _("That code is not right. Type the 6 digits your app shows now, or one of your backup codes."),
        code="invalid_code",
    )


def normalise_code(code: str | None) -> str:
    """People copy codes with spaces or hyphens ("123 456", "abcd-efgh"); backup codes are lower case."""
    return "".join((code or "").split()).replace("-", "").lower()


def _verify_on(devices, code: str) -> Device:
    """The device (of the queryset ``devices``) that accepts ``code``; a clear refusal otherwise.

    The refusal is raised outside the transaction, so the device's failure count is kept.
    """
    locked_until = None
    with transaction.atomic():
        for device in devices.select_for_update():
            allowed, info = device.verify_is_allowed()
            if not allowed:
                locked_until = max(filter(None, [locked_until, (info or {}).get("locked_until")]), default=None)
                continue
            if device.verify_token(code):
                return device
    if locked_until is not None:
        raise CodeThrottled(math.ceil((locked_until - timezone.now()).total_seconds()))
    raise _wrong_code()


def second_factor_verify(*, user: User, code: str) -> Device:
    """Check a code from the authenticator app, or a backup code (which then stops working)."""
    code = normalise_code(code)
    if not code:
        raise ValidationError(_("Please type the code from your authenticator app."), code="required")
    # Six digits come from the app; backup codes are letters and digits, longer.
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    return _verify_on(model.objects.filter(user=user, confirmed=True), code)


def authenticator_enrolment_start(*, user: User) -> TOTPDevice:
    """The not-yet-confirmed device whose secret the set-up page shows (the same one until confirmed).

    Refused once an app is set up: a password alone must never be enough to add another.
    """
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ValidationError(_("Two-factor log-in is already set up for your account."), code="already_set_up")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def authenticator_enrolment_confirm(*, user: User, code: str) -> tuple[TOTPDevice, list[str]]:
    """The first code from the app proves it holds the secret: the device counts, and backup codes are made."""
    device = authenticator_enrolment_start(user=user)
    code = normalise_code(code)
    if not (code.isdigit() and len(code) == 6):
        raise ValidationError(_("Please type the 6 digits your authenticator app shows."), code="invalid_code")
    device = _verify_on(TOTPDevice.objects.filter(pk=device.pk), code)
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = backup_codes_issue(user=user)
    return device, codes


@transaction.atomic
def backup_codes_issue(*, user: User) -> list[str]:
    """New one-time backup codes (the old ones stop working); shown once, to be kept somewhere safe."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _i in range(settings.MFA_BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def authenticator_seed(*, user: User, secret_base32: str) -> TOTPDevice:
    """Give a (demo) account an app with a known secret, so a demo's staff can log in (idempotent)."""
    key = hexlify(b32decode(secret_base32.upper() + "=" * (-len(secret_base32) % 8))).decode()
    TOTPDevice.objects.filter(user=user).exclude(name=APP_DEVICE_NAME).delete()
    device, _created = TOTPDevice.objects.update_or_create(
        user=user, name=APP_DEVICE_NAME, defaults={"key": key, "confirmed": True}
    )
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return device


@transaction.atomic
def second_factor_reset(*, user: User) -> int:
    """A staff member lost their phone and backup codes: they set up a new app at their next log-in.

    For an administrator who has made sure who is asking; ends the person's API tokens too.
    """
    removed = TOTPDevice.objects.filter(user=user).delete()[0] + StaticDevice.objects.filter(user=user).delete()[0]
    AuthToken.objects.filter(user=user).delete()
    return removed
