"""Counsellors and moderators reach the Wagtail admin; members never do."""

import pytest
from django.urls import reverse

from tests.helpers import second_factor_passed

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"


@pytest.mark.parametrize("who", ["member", "peer_guide"])
def test_members_and_peer_guides_are_turned_away_from_the_admin(client, login, request, who, space_factory):
    login(request.getfixturevalue(who))
    space = space_factory()
    for url in (ADMIN, reverse("wagtailadmin_explore", args=[space.pk]), reverse("wagtailadmin_pages:edit", args=[space.pk])):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


@pytest.mark.parametrize("who", ["counsellor", "moderator"])
def test_counsellors_and_moderators_reach_the_admin(client, login, request, who):
    login(request.getfixturevalue(who))
    assert client.get(ADMIN).status_code == 200


def test_only_moderators_change_a_spaces_level_and_pre_moderation(client, login, counsellor, moderator, space_factory):
    space = space_factory()
    edit_url = reverse("wagtailadmin_pages:edit", args=[space.pk])

    login(counsellor)
    counsellor_form = client.get(edit_url).content.decode()
    assert 'name="title"' in counsellor_form
    assert 'name="tier"' not in counsellor_form
    assert 'name="premoderate_all_posts"' not in counsellor_form

    client.logout()
    login(moderator)
    moderator_form = client.get(edit_url).content.decode()
    assert 'name="tier"' in moderator_form
    assert 'name="premoderate_all_posts"' in moderator_form


def test_counsellors_can_write_updates_in_a_space(client, login, counsellor, space_factory):
    from cms.models import UpdatePage

    space = space_factory()
    login(counsellor)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["cms", "updatepage", space.pk]),
        {
            "title": "Open day on Saturday",
            "slug": "open-day",
            "body": '{"blocks":[{"key":"a","text":"Come and see.","type":"unstyled","depth":0,"inlineStyleRanges":[],"entityRanges":[]}],"entityMap":{}}',
            "deadline": "",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    update = UpdatePage.objects.get(slug="open-day")
    assert update.live
    assert update.owner == counsellor


def test_an_administrator_creates_a_counsellor_with_a_display_name_in_the_admin(client):
    from django.contrib.auth.models import Group

    from community.models import User
    from tests.factories import UserFactory

    admin = UserFactory(is_superuser=True, roles=[])
    client.force_login(admin)
    second_factor_passed(client, admin)
    counsellors = Group.objects.get(name="Counsellors")
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "kari",
            "email": "kari@example.org",
            "first_name": "Kari",
            "last_name": "Nordmann",
            "display_name": "Kari Nordmann",
            "preferred_language": "da",
            "password1": "fjord-lighthouse-31",
            "password2": "fjord-lighthouse-31",
            "groups": [counsellors.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    kari = User.objects.get(username="kari")
    assert (kari.display_name, kari.preferred_language, kari.is_counsellor) == ("Kari Nordmann", "da", True)


def test_the_admin_refuses_a_display_name_that_looks_like_someone_elses(client, counsellor):
    from community.models import User
    from tests.factories import UserFactory

    admin = UserFactory(is_superuser=True, roles=[])
    client.force_login(admin)
    second_factor_passed(client, admin)
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "copycat",
            "email": "copycat@example.org",
            "first_name": "Copy",
            "last_name": "Cat",
            "display_name": "ANNA BERG",
            "preferred_language": "en",
            "password1": "fjord-lighthouse-31",
            "password2": "fjord-lighthouse-31",
        },
    )
    assert response.status_code == 200
    assert "This display name is taken" in response.content.decode()
    assert not User.objects.filter(username="copycat").exists()
