"""The language switcher serves the site in Swedish, Danish, Finnish and Norwegian bokmål."""

from pathlib import Path

import polib
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parent.parent


def test_switching_to_swedish_serves_swedish(client, home):
    response = client.post(reverse("language_set"), {"language": "sv", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/sv/"  # the page's Swedish address (cms.language_urls)
    for address in ("/sv/", "/"):  # the bare address follows the cookie, as before
        content = client.get(address).content.decode()
        assert '<html lang="sv">' in content
        assert "Hoppa till huvudinnehållet" in content
        assert "Logga in" in content
        assert "Skip to main content" not in content


def test_account_pages_are_in_swedish(client):
    client.post(reverse("language_set"), {"language": "sv", "next": "/"})
    content = client.get(reverse("account_sign_up")).content.decode()
    assert "Skapa konto" in content
    assert "Visningsnamn" in content


@pytest.mark.parametrize(
    ("language", "skip_link"),
    [("da", "Spring til hovedindholdet"), ("fi", "Siirry pääsisältöön"), ("nb", "Hopp til hovedinnholdet")],
)
def test_danish_finnish_and_norwegian_are_served_too(client, home, language, skip_link):
    client.post(reverse("language_set"), {"language": language, "next": "/"})
    assert skip_link in client.get("/").content.decode()


def test_a_signed_in_members_choice_follows_them_to_a_new_session(client, login, member, home):
    login(member)
    client.post(reverse("language_set"), {"language": "sv", "next": "/"})
    member.refresh_from_db()
    assert member.preferred_language == "sv"
    client.logout()
    client.cookies.clear()
    login(member)
    assert '<html lang="sv">' in client.get("/").content.decode()


def test_an_unknown_language_is_refused_with_a_message(client):
    response = client.post(reverse("language_set"), {"language": "xx", "next": "/"})
    assert response.status_code == 400
    assert "Please choose one of the offered languages." in response.content.decode()


def test_the_switcher_never_redirects_off_site(client):
    response = client.post(reverse("language_set"), {"language": "sv", "next": "https://evil.example/"})
    assert response["Location"] == "/sv/"


CATALOGS = sorted(BASE_DIR.glob("*/locale/*/LC_MESSAGES/django.po"))


def test_every_app_has_swedish_danish_finnish_and_norwegian_catalogs():
    languages = {(path.parts[-5], path.parts[-3]) for path in CATALOGS}
    for app in ("cms", "community", "moderation", "api"):
        for language in ("sv", "da", "fi", "nb"):
            assert (app, language) in languages


@pytest.mark.parametrize("path", CATALOGS, ids=lambda path: "/".join(path.parts[-5:-2]))
def test_catalogs_are_complete_and_compiled(path):
    catalog = polib.pofile(str(path))
    assert catalog.untranslated_entries() == []
    assert catalog.fuzzy_entries() == []
    compiled = polib.mofile(str(path.with_suffix(".mo")))
    assert {entry.msgid for entry in compiled} >= {entry.msgid for entry in catalog.translated_entries()}


def test_norwegian_is_offered_in_the_language_switcher(client, home):
    content = client.get("/").content.decode()
    assert '<option value="nb" lang="nb"' in content and "norsk (bokmål)" in content


def test_a_norwegian_member_reads_the_space_in_plain_norwegian(client, login, member, space_factory):
    from community.tiers import Tier

    member.preferred_language = "nb"
    member.save(update_fields=["preferred_language"])
    space = space_factory(tier=Tier.INTEGRATION)
    login(member)
    content = client.get(space.url).content.decode()
    assert '<html lang="nb">' in content
    assert "Dette kan du gjøre her" in content and "Snakk privat med en veileder" in content
    assert "Meny" in content and "Profilen din" in content
