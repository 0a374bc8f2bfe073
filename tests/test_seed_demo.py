"""The demo seed gives a first run four spaces, one at each level, and working accounts."""

import pytest
from django.core.management import call_command

from cms.models import CommunitySpacePage, InformationPage, UpdatePage
from community.models import User

pytestmark = pytest.mark.django_db

ACCOUNTS = ["member", "member2", "peerguide", "counsellor", "counsellor2", "moderator", "admin"]


def counts():
    return (
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

    spaces = CommunitySpacePage.objects.live().order_by("tier")
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
