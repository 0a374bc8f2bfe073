from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from knox.models import AuthToken
from rest_framework.test import APIClient
from wagtail.models import Page, Site

from cms.models import CommunitySettings, HomePage
from community.roles import Role
from tests.factories import TEST_PASSWORD, CommunitySpacePageFactory, UserFactory
from tests.helpers import MONDAY_10, Clock, second_factor_passed


@pytest.fixture
def home(db) -> HomePage:
    """The home page the migrations create, served by the default site."""
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def root_page(db) -> Page:
    return Page.get_first_root_node()


@pytest.fixture
def site_settings(home) -> CommunitySettings:
    return CommunitySettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture
def space_factory(home):
    def make(**kwargs):
        kwargs.setdefault("parent", home)
        return CommunitySpacePageFactory(**kwargs)

    return make


@pytest.fixture
def member(db):
    return UserFactory(roles=[Role.MEMBER])


@pytest.fixture
def peer_guide(db):
    return UserFactory(roles=[Role.MEMBER, Role.PEER_GUIDE])


@pytest.fixture
def counsellor(db):
    return UserFactory(display_name="Anna Berg", roles=[Role.COUNSELLOR])


@pytest.fixture
def moderator(db):
    return UserFactory(display_name="Sofia Lind", roles=[Role.COUNSELLOR, Role.MODERATOR])


@pytest.fixture
def login(client):
    """Log the test client in as a user (factory users share TEST_PASSWORD)."""

    def do_login(user):
        assert client.login(username=user.username, password=TEST_PASSWORD)
        return second_factor_passed(client, user)

    return do_login


@pytest.fixture
def count_queries():
    """Run a callable and return how many SQL queries it made."""

    def count(fn) -> int:
        with CaptureQueriesContext(connection) as context:
            fn()
        return len(context.captured_queries)

    return count


# ---------------------------------------------------------------- the three guidance modes


@pytest.fixture
def member_b(db):
    return UserFactory(roles=[Role.MEMBER])


@pytest.fixture
def people(member, member_b, peer_guide, counsellor, moderator):
    """Everyone in the permission matrix; member is "A", the one who asks."""
    return {
        "member_a": member,
        "member_b": member_b,
        "peer_guide": peer_guide,
        "counsellor": counsellor,
        "moderator": moderator,
    }


@pytest.fixture
def space_at(space_factory):
    """A live space at a given level (1-4)."""

    def make(tier, **kwargs):
        return space_factory(tier=tier, **kwargs)

    return make


@pytest.fixture
def as_user(client):
    """The test client as a given user (None: anonymous)."""

    def switch(user):
        client.logout()
        if user is not None:
            client.force_login(user)
            second_factor_passed(client, user)
        return client

    return switch


@pytest.fixture(autouse=True)
def fresh_rulebook():
    """Each test sees the rules its own transaction holds: a rolled-back rule sends no signal."""
    from moderation import rulebook

    rulebook.invalidate()
    yield
    rulebook.invalidate()


@pytest.fixture(autouse=True)
def default_language_between_tests():
    """A request in another language leaves it active in the worker's thread; each test starts in the default."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Log-in lockouts and API throttles count in the cache: every test starts from zero."""
    from django.core.cache import cache

    from moderation.screening import forget_established_members

    cache.clear()
    # Rolled-back tests reuse primary keys: a member remembered as established must not carry over.
    forget_established_members()


@pytest.fixture
def api():
    """An API client with a real token for the user (None: anonymous)."""
    def client_for(user=None):
        client = APIClient()
        if user is not None:
            _instance, token = AuthToken.objects.create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        return client

    return client_for


@pytest.fixture
def clock():
    """A frozen clock for everything that asks django.utils.timezone.now (auto_now_add included),
    starting on a Monday at 10:00 in Copenhagen; `clock.advance(hours=2)` moves it."""
    frozen = Clock(MONDAY_10)
    with mock.patch("django.utils.timezone.now", side_effect=lambda: frozen.now):
        yield frozen
