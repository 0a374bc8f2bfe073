"""One lookup for a space by id: the web's actions and the API agree on which spaces exist."""

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from community.tiers import Tier

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("restriction_type", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD])
def test_a_restricted_space_is_not_found_on_the_web_or_in_the_api(restriction_type, space_at, member, client):
    space = space_at(Tier.TRANSFORMATION)
    PageViewRestriction.objects.create(page=space, restriction_type=restriction_type, password="secret")
    client.force_login(member)
    assert client.get(reverse("wall_ask", args=[space.pk])).status_code == 404
    assert client.get(reverse("conversation_new", args=[space.pk])).status_code == 404
    assert client.get(f"/api/v1/spaces/{space.pk}/").status_code == 404
    assert client.get(f"/api/v1/spaces/{space.pk}/threads/").status_code == 404


def test_an_open_space_is_found_on_both(space_at, member, client):
    space = space_at(Tier.TRANSFORMATION)
    client.force_login(member)
    assert client.get(reverse("wall_ask", args=[space.pk])).status_code == 200
    assert client.get(f"/api/v1/spaces/{space.pk}/").status_code == 200
