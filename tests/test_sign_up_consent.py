"""Sign-up for minors: the consent age, the privacy notice and rules as pages, and rules versions."""

from datetime import datetime
from datetime import timezone as dt_timezone
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from community.models import CommunityRulesPage, PrivacyNoticePage, PrivacySettings, User
from community.tiers import Tier
from tests.helpers import ask

pytestmark = pytest.mark.django_db

SIGN_UP = reverse("account_sign_up")
TODAY = datetime(2026, 6, 1, 12, 0, tzinfo=dt_timezone.utc)


@pytest.fixture
def frozen_today():
    with mock.patch("django.utils.timezone.now", return_value=TODAY):
        yield


@pytest.fixture
def legal_pages(home):
    rules = CommunityRulesPage(title="Community rules", slug="rules", body="<p>Be kind.</p>", version=1)
    notice = PrivacyNoticePage(title="Privacy notice", slug="privacy", body="<p>We keep little.</p>", version=3)
    home.add_child(instance=rules)
    home.add_child(instance=notice)
    return rules, notice


def data(**overrides):
    values = {
        "username": "newbie",
        "display_name": "Polar Fox",
        "email": "newbie@example.org",
        "password1": "lingonberry-kayak-42",
        "password2": "lingonberry-kayak-42",
        "preferred_language": "en",
        "birth_year": "2008",
        "accept": "on",
    }
    values.update(overrides)
    return values


def test_under_the_consent_age_the_parental_route_is_shown_and_nothing_stored(client, frozen_today, legal_pages):
    settings_row = PrivacySettings.load()
    settings_row.parental_consent_url = "https://guidance.example.org/parents"
    settings_row.save()
    response = client.post(SIGN_UP, data(birth_year="2014"))  # 11 or 12 in 2026
    content = response.content.decode()
    assert response.status_code == 200
    assert "Ask a parent first" in content and "https://guidance.example.org/parents" in content
    assert not User.objects.filter(username="newbie").exists()
    # Born in 2013: 12 or 13 this year; counted as the youngest it may be, so still the parental route.
    assert "Ask a parent first" in client.post(SIGN_UP, data(birth_year="2013")).content.decode()
    assert not User.objects.exists()


def test_the_consent_age_is_a_site_setting(client, frozen_today):
    settings_row = PrivacySettings.load()
    settings_row.consent_age = 16
    settings_row.save()
    assert "Ask a parent first" in client.post(SIGN_UP, data(birth_year="2011")).content.decode()
    response = client.post(SIGN_UP, data(birth_year="2009"))
    assert "Check your e-mail" in response.content.decode()
    assert User.objects.get(username="newbie").birth_year == 2009


def test_sign_up_links_the_pages_requires_acceptance_and_records_the_versions(client, frozen_today, legal_pages):
    rules, notice = legal_pages
    page = client.get(SIGN_UP).content.decode()
    assert rules.url in page and notice.url in page
    refused = client.post(SIGN_UP, data(accept=""))
    assert refused.status_code == 200 and not User.objects.exists()
    client.post(SIGN_UP, data())
    user = User.objects.get(username="newbie")
    assert (user.rules_version_accepted, user.privacy_notice_version_accepted) == (1, 3)
    # The footer of every page links them too.
    home_page = client.get("/").content.decode()
    assert 'class="site-footer__legal"' in home_page and rules.url in home_page


def test_a_new_rules_version_asks_again_before_the_next_public_post(client, people, space_at, legal_pages):
    rules, _notice = legal_pages
    member = people["member_a"]
    User.objects.filter(pk=member.pk).update(rules_version_accepted=1)
    member.refresh_from_db()
    space = space_at(Tier.TRANSFORMATION)
    ask(space, member, title="Allowed under version one?")
    rules.version = 2
    rules.save_revision().publish()
    member = User.objects.get(pk=member.pk)  # as the next request sees them
    with pytest.raises(PermissionDenied, match="community rules have changed"):
        ask(space, member, title="Not before accepting version two")
    client.force_login(member)
    page = client.get(reverse("account_rules_accept")).content.decode()
    assert "version 2" in page
    client.post(reverse("account_rules_accept"), {"accept": "on"})
    member.refresh_from_db()
    assert member.rules_version_accepted == 2
    assert ask(space, member, title="Accepted version two now").pk
    # Counsellors write the rules; they are not asked.
    ask(space, people["counsellor"], title="A counsellor asks anyway")


def test_the_page_types_are_documented_and_placed_under_the_home_page():
    for page_type in (PrivacyNoticePage, CommunityRulesPage):
        assert page_type.__doc__ and page_type.search_fields
        assert page_type.parent_page_types == ["cms.HomePage"] and page_type.subpage_types == []
