"""Page types: where they may live, and what members see on them."""

import inspect

import pytest
from wagtail.models import Page

from cms import models as cms_models
from cms.models import CommunitySpacePage, HomePage, InformationPage, UpdatePage
from community.models import CommunityRulesPage, PrivacyNoticePage
from community.roles import Role
from community.tiers import Tier
from tests.factories import InformationPageFactory, UpdatePageFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGE_TYPES = [
    cls for _name, cls in inspect.getmembers(cms_models, inspect.isclass) if issubclass(cls, Page) and cls is not Page
]


def test_all_four_page_types_are_known():
    assert set(PAGE_TYPES) == {HomePage, CommunitySpacePage, InformationPage, UpdatePage}


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda cls: cls.__name__)
def test_every_page_type_follows_the_house_rules(page_type):
    assert inspect.getdoc(page_type) and page_type.__doc__ != Page.__doc__
    assert "parent_page_types" in page_type.__dict__
    assert "subpage_types" in page_type.__dict__
    own_fields = {field.field_name for field in page_type.search_fields} - {
        field.field_name for field in Page.search_fields
    }
    assert own_fields, f"{page_type.__name__} indexes none of its own fields for search"


class TestWhereEachPageMayLive:
    def test_home_sits_under_the_root_and_holds_spaces_and_the_legal_pages(self):
        assert HomePage.allowed_parent_page_models() == [Page]
        assert HomePage.allowed_subpage_models() == [CommunitySpacePage, PrivacyNoticePage, CommunityRulesPage]

    def test_spaces_live_only_under_the_home_page(self, home, root_page):
        assert CommunitySpacePage.can_create_at(home)
        assert not CommunitySpacePage.can_create_at(root_page)
        assert CommunitySpacePage.allowed_subpage_models() == [InformationPage, UpdatePage]

    def test_information_and_updates_live_only_in_spaces(self, home, space_factory):
        space = space_factory()
        for page_type in (InformationPage, UpdatePage):
            assert page_type.can_create_at(space)
            assert not page_type.can_create_at(home)
            assert page_type.allowed_subpage_models() == []

    def test_a_space_cannot_nest_in_a_space(self, space_factory):
        assert not CommunitySpacePage.can_create_at(space_factory())


class TestWhatMembersSee:
    def test_home_lists_the_live_spaces_with_what_members_can_do_there(self, client, space_factory):
        space_factory(title="First job", tier=Tier.INTEGRATION)
        space_factory(title="Hidden draft", live=False)
        content = client.get("/").content.decode()
        assert "First job" in content
        assert "Ask and answer together" in content
        assert "Integration" not in content  # Kettunen's names are the counsellors' words
        assert "Hidden draft" not in content

    def test_space_page_shows_members_what_they_can_do_in_plain_words(self, client, login, member, space_factory):
        space = space_factory(title="After upper secondary", tier=Tier.APPLICATION)
        login(member)
        content = client.get(space.url).content.decode()
        assert "What you can do here" in content
        assert "Talk privately to a counsellor" in content
        assert "Ask a question" not in content.split("What you can do here", 1)[1]  # not open at this level
        for staff_word in ("Level 2", "Application", "Opens at level", "Private messages with the counsellor team"):
            assert staff_word not in content

    def test_space_page_shows_counsellors_information_updates_and_the_features_of_its_level(self, client, login, counsellor, space_factory):
        login(counsellor)
        space = space_factory(title="After upper secondary", tier=Tier.APPLICATION)
        InformationPageFactory(parent=space, title="Taking a gap year")
        UpdatePageFactory(parent=space, title="Quota 2 closes on 15 March")
        content = client.get(space.url).content.decode()
        assert "Taking a gap year" in content
        assert "Quota 2 closes on 15 March" in content
        assert "Level 2 · Application" in content
        assert "a tool for one-to-one communication with the counsellors" in content
        open_part, closed_part = content.split("Opens at level", 1)
        assert "Private messages with the counsellor team" in open_part
        assert "Ask questions on the wall" in content.split("Private messages with the counsellor team", 1)[1]

    def test_space_page_follows_the_site_default_level(self, client, login, moderator, space_factory, site_settings):
        site_settings.default_tier = Tier.TRANSFORMATION
        site_settings.save()
        space = space_factory(tier=None)
        assert "Suggest news for the counsellors to share" in client.get(space.url).content.decode()  # opens at level 4
        login(moderator)
        assert "Level 4 · Transformation" in client.get(space.url).content.decode()

    def test_update_page_shows_its_deadline_and_counsellor(self, client, space_factory, counsellor):
        import datetime

        space = space_factory()
        update = UpdatePageFactory(parent=space, owner=counsellor, deadline=datetime.date(2027, 3, 15))
        content = client.get(update.url).content.decode()
        assert 'datetime="2027-03-15"' in content
        assert "Anna Berg" in content
        assert "badge--counsellor" in content

    def test_information_page_renders_quality_links_with_their_source(self, client, space_factory):
        space = space_factory()
        page = InformationPageFactory(
            parent=space,
            body=[
                (
                    "quality_link",
                    {"url": "https://www.ug.dk/", "title": "UddannelsesGuiden", "source": "The ministry", "note": "Kept up to date."},
                )
            ],
        )
        content = client.get(page.url).content.decode()
        assert 'href="https://www.ug.dk/"' in content
        assert "Published by The ministry" in content

    def test_search_finds_information_and_updates_and_names_their_space(self, client, space_factory):
        space = space_factory(title="First job")
        InformationPageFactory(parent=space, title="Your rights at work", summary="Breaks and hours for young workers")
        InformationPageFactory(parent=space, title="Something else", summary="Unrelated", live=False)
        content = client.get("/search/", {"q": "breaks"}).content.decode()
        assert "Your rights at work" in content
        assert "in First job" in content
        assert "Something else" not in content


def _grow_space(space, count, owner):
    for _ in range(count):
        InformationPageFactory(parent=space)
        UpdatePageFactory(parent=space, owner=owner)


class TestListQueryCounts:
    """Lists cost the same number of queries however long they are.

    The site's settings exist first (``site_settings``): creating them on the first visit would start
    a new site generation, and the CMS values cached under the old one would be read again once."""

    def test_home_page(self, client, space_factory, count_queries, site_settings):
        space_factory()
        client.get("/")
        small = count_queries(lambda: client.get("/"))
        for _ in range(5):
            space_factory()
        client.get("/", {"warm": 1})  # CMS lists as warm as for the first count (another address: no page stored)
        assert count_queries(lambda: client.get("/")) == small

    def test_space_page(self, client, space_factory, counsellor, count_queries, site_settings):
        space = space_factory()
        _grow_space(space, 1, counsellor)
        client.get(space.url)
        small = count_queries(lambda: client.get(space.url))
        _grow_space(space, 6, UserFactory(roles=[Role.COUNSELLOR]))
        client.get(space.url, {"warm": 1})  # CMS lists as warm as for the first count (another address: no page stored)
        assert count_queries(lambda: client.get(space.url)) == small

    def test_all_updates_page(self, client, space_factory, counsellor, count_queries, site_settings):
        space = space_factory()
        url = space.url + "updates/"
        UpdatePageFactory(parent=space, owner=counsellor)
        client.get(url)
        small = count_queries(lambda: client.get(url))
        for _ in range(8):
            UpdatePageFactory(parent=space, owner=counsellor)
        client.get(url, {"warm": 1})  # CMS lists as warm as for the first count (another address: no page stored)
        assert count_queries(lambda: client.get(url)) == small

    def test_search_results(self, client, space_factory, count_queries):
        first, second = space_factory(), space_factory()
        InformationPageFactory(parent=first, summary="deadline")
        UpdatePageFactory(parent=second, body="<p>deadline</p>")
        client.get("/search/", {"q": "deadline"})
        small = count_queries(lambda: client.get("/search/", {"q": "deadline"}))
        for _ in range(4):
            InformationPageFactory(parent=first, summary="deadline")
            UpdatePageFactory(parent=second, body="<p>deadline</p>")
        client.get("/search/", {"q": "deadline", "warm": 1})  # CMS lists as warm as for the first count (another address)
        assert count_queries(lambda: client.get("/search/", {"q": "deadline"})) == small
