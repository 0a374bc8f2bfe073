"""The demo seed gives a first run four spaces, one at each level, and working accounts."""

import base64
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Page

from cms.locales import in_default_locale
from cms.models import CommunitySpacePage, InformationPage, UpdatePage
from community.models import User

pytestmark = pytest.mark.django_db

ACCOUNTS = ["member", "member2", "peerguide", "counsellor", "counsellor2", "moderator", "admin"]


def counts():
    return (
        Page.objects.count(),
        CommunitySpacePage.objects.count(),
        InformationPage.objects.count(),
        UpdatePage.objects.count(),
        User.objects.count(),
    )


def test_seed_demo_is_complete_and_idempotent(client, monkeypatch, home):
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-password-1")
    call_command("seed_demo", verbosity=0)
    first = counts()
    call_command("seed_demo", verbosity=0)
    assert counts() == first

    spaces = in_default_locale(CommunitySpacePage.objects.live()).order_by("tier")
    assert [space.tier for space in spaces] == [1, 2, 3, 4]
    assert all(InformationPage.objects.child_of(space).live().exists() for space in spaces)
    assert all(UpdatePage.objects.child_of(space).live().exists() for space in spaces)

    for username in ACCOUNTS:
        assert client.login(username=username, password="a-demo-password-1"), username
        client.logout()
    assert User.objects.get(username="counsellor").is_counsellor
    assert User.objects.get(username="moderator").is_moderator
    assert User.objects.get(username="peerguide").is_peer_guide
    assert not User.objects.get(username="member").is_counsellor

    content = client.get("/").content.decode()
    for space in spaces:
        assert space.title in content

    # The demo has Danish content: the home page and the first space, English elsewhere.
    client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "da"})
    danish = client.get("/").content.decode()
    assert "Spørg om skoler, uddannelser og job" in danish
    assert "Valg af ungdomsuddannelse" in danish
    assert spaces[1].title in danish  # untranslated spaces keep their English title
    first = client.get(spaces[0].url)
    assert first.status_code == 200 and "Valg af ungdomsuddannelse" in first.content.decode()


def test_demo_staff_log_in_with_the_printed_authenticator_key(client, monkeypatch, home):
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-password-1")
    monkeypatch.setenv("DEMO_TOTP_SECRET", "JBSWY3DPEHPK3PXPJBSWY3DP")
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "JBSWY3DPEHPK3PXPJBSWY3DP" in out.getvalue()
    assert set(TOTPDevice.objects.filter(confirmed=True).values_list("user__username", flat=True)) == {
        "counsellor", "counsellor2", "moderator", "admin"
    }
    assert client.login(username="moderator", password="a-demo-password-1")
    assert client.get("/admin/").status_code == 302  # the code first
    code = TOTP(base64.b32decode("JBSWY3DPEHPK3PXPJBSWY3DP")).token()
    response = client.post("/account/two-factor/", {"code": f"{code:06d}", "next": "/admin/"})
    assert response.status_code == 302 and response.url == "/admin/"
    assert client.get("/admin/").status_code == 200
