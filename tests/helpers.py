"""Small helpers for tests of the guidance modes."""

import datetime
import re
import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Locale

from community import services
from community.selectors.accounts import second_factor_required


def ask(space, author, title="How do I apply for EUX?", body="I want to know how applying works.", anonymous=False):
    return services.wall_question_ask(author=author, space=space, title=title, body=body, anonymous=anonymous)


def answer(thread, author, body="Ask the college's study counsellor.", parent=None):
    return services.post_create(author=author, thread=thread, body=body, parent=parent)


def converse(space, member, body="I am not sure what to choose after school."):
    return services.conversation_start(member=member, space=space, body=body)


def without_csrf(html: str) -> str:
    """Page text with the per-render CSRF tokens removed, so two renders compare equal."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


# A Monday at 10:00 and a Saturday at 10:00 in Copenhagen (UTC+1 in December), for frozen clocks.
MONDAY_10 = datetime.datetime(2026, 12, 7, 9, 0, tzinfo=datetime.UTC)
SATURDAY_10 = datetime.datetime(2026, 12, 12, 9, 0, tzinfo=datetime.UTC)


class Clock:
    """A settable "now" for tests; see the `clock` fixture in tests/conftest.py."""

    def __init__(self, now):
        self.now = now

    def advance(self, **delta):
        self.now += datetime.timedelta(**delta)


def authenticator_code(user) -> str:
    """The code the user's authenticator app shows now (or the next one, if now's was just used)."""
    device = TOTPDevice.objects.filter(user=user).order_by("-confirmed", "-pk").first()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:  # a code is accepted once; the app's next one is within tolerance
        totp.time = device.t0 + (device.last_t + 1) * device.step
    return f"{totp.token():0{device.digits}d}"


def authenticator_for(user) -> TOTPDevice:
    """The user's (set-up) authenticator app, added if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def second_factor_passed(client, user):
    """Mark the test client's session as past staff's second log-in step, as if they gave a code.

    Staff sessions without it are sent to the code page (community.mfa); call after
    ``client.force_login`` or ``client.login``. Harmless for members.
    """
    if second_factor_required(user):
        device = authenticator_for(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def translate_page(page, language, **fields):
    """A published translation of ``page`` (and of its parents, as wagtail-localize makes them)."""
    locale, _ = Locale.objects.get_or_create(language_code=language)
    translated = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated
