"""Signed-in pages: figures several parts of a page show are read once, and what is kept between
requests (the legal pages) is never stale after the write that changes it."""

import re

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction, Site

from cms.request_memo import forget, per_request
from community.models import CommunityRulesPage, PrivacyNoticePage, User
from community.roles import Role
from community.tiers import Tier
from moderation.models import ModerationItem, RejectionReason, UrgentOutcome
from tests.factories import InformationPageFactory, UpdatePageFactory, UserFactory
from tests.helpers import answer, ask

pytestmark = pytest.mark.django_db



def _queries(fn) -> list[str]:
    with CaptureQueriesContext(connection) as context:
        fn()
    return [query["sql"] for query in context.captured_queries]


@pytest.fixture
def space(space_factory):
    return space_factory(tier=Tier.TRANSFORMATION, premoderate_all_posts=True)


@pytest.fixture
def queue(space, people):
    """Two held answers (one urgent) in the queue."""
    thread = ask(space, people["counsellor"], title="Counsellor asks the space")
    answer(thread, people["member_a"], body="Call me on 20 12 34 56 about it")
    answer(thread, UserFactory(), body="I want to die")
    return ModerationItem.objects.filter(status="open")


class TestQueueCounts:
    def test_the_admin_queue_counts_open_and_urgent_items_once_a_page(self, as_user, people, queue):
        client = as_user(people["moderator"])
        url = reverse("moderation_queue")
        client.get(url)
        queries = _queries(lambda: client.get(url))
        counts = [sql for sql in queries if "moderation_moderationitem" in sql and "COUNT(" in sql and '"urgent"' in sql]
        # One aggregate for the menu, the page's heading and the header; the paginator's own count aside.
        assert len([sql for sql in counts if "FILTER" in sql or "CASE WHEN" in sql]) == 1, counts

    def test_the_menu_and_the_page_show_the_same_counts(self, as_user, people, queue):
        page = as_user(people["moderator"]).get(reverse("moderation_queue")).content.decode()
        assert "2 open items" in page and "1 urgent" in page
        assert "Queue (2, 1 urgent)" in page  # the admin menu, from the same figures

    def test_needs_you_now_is_counted_once_a_page(self, as_user, people, queue):
        client = as_user(people["moderator"])
        url = reverse("moderation_queue")
        client.get(url)
        queries = _queries(lambda: client.get(url))
        unclaimed = [sql for sql in queries if '"community_conversation"."assigned_to_id" IS NULL' in sql and "COUNT(" in sql]
        assert len(unclaimed) == 1, unclaimed

    def test_the_site_header_still_shows_the_counts_to_counsellors(self, as_user, people, queue, space):
        page = as_user(people["counsellor"]).get(reverse("notifications")).content.decode()
        assert re.search(r'class="queue-link">[^<]*<span class="badge badge--count">2</span>', page)

    def test_every_item_still_offers_every_rejection_reason_and_urgent_outcome(self, as_user, people, queue):
        page = as_user(people["moderator"]).get(reverse("moderation_queue")).content.decode()
        expected = [(value, str(label)) for value, label in RejectionReason.choices]
        for item in queue:
            select = re.search(rf'id="(?:urgent-)?reason-{item.pk}"[^>]*>(.*?)</select>', page, re.S)
            options = re.findall(r'<option value="([^"]+)">([^<]*)</option>', select.group(1))
            assert options == [(value, label.replace("&", "&amp;")) for value, label in expected]
        urgent = queue.get(urgent=True)
        outcomes = re.findall(rf'id="edit-outcome-{urgent.pk}"[^>]*>(.*?)</select>', page, re.S)
        assert re.findall(r'<option value="([^"]+)">', outcomes[0]) == [value for value, _label in UrgentOutcome.choices]


class TestPerRequestMemo:
    def test_a_figure_is_computed_once_per_request_and_again_for_the_next(self, rf):
        calls = []

        def compute():
            calls.append(1)
            return len(calls)

        first = rf.get("/")
        assert per_request(first, "n", compute) == 1
        assert per_request(first, "n", compute) == 1
        assert per_request(rf.get("/"), "n", compute) == 2  # a new request computes it again
        forget(first, "n")
        assert per_request(first, "n", compute) == 3  # after a write in the same request


class TestLegalPagesFromTheCache:
    """Every page's footer (and the writing policy) reads the live rules and privacy notice: kept in
    the shared cache, and read again after any CMS page is written."""

    @pytest.fixture
    def legal_pages(self, home):
        rules = CommunityRulesPage(title="Community rules", slug="rules", body="<p>Be kind.</p>", version=1)
        notice = PrivacyNoticePage(title="Privacy notice", slug="privacy", body="<p>We keep little.</p>", version=3)
        home.add_child(instance=rules)
        home.add_child(instance=notice)
        return rules, notice

    def _footer(self, client) -> str:
        page = client.get(reverse("notifications")).content.decode()
        return re.search(r'<p class="site-footer__legal">(.*?)</p>', page, re.S).group(1)

    def test_the_footer_reads_no_legal_page_once_cached(self, as_user, people, legal_pages):
        client = as_user(people["member_a"])
        client.get(reverse("notifications"))
        queries = _queries(lambda: client.get(reverse("notifications")))
        assert not [sql for sql in queries if "community_communityrulespage" in sql or "community_privacynoticepage" in sql]

    def test_a_published_change_shows_on_the_next_page(self, as_user, people, legal_pages):
        rules, notice = legal_pages
        client = as_user(people["member_a"])
        assert "Community rules" in self._footer(client)
        rules.title = "House rules"
        rules.version = 2
        rules.save_revision().publish()
        assert "House rules" in self._footer(client)
        notice.unpublish()
        footer = self._footer(client)
        assert "Privacy notice" not in footer and "House rules" in footer

    def test_a_new_rules_version_is_asked_for_at_once_though_the_old_one_was_cached(self, people, space_at, legal_pages):
        rules, _notice = legal_pages
        member = people["member_a"]
        User.objects.filter(pk=member.pk).update(rules_version_accepted=1)
        space = space_at(Tier.TRANSFORMATION)
        assert ask(space, User.objects.get(pk=member.pk), title="Allowed under version one?").pk  # cached now
        rules.version = 2
        rules.save_revision().publish()
        with pytest.raises(PermissionDenied, match="community rules have changed"):
            ask(space, User.objects.get(pk=member.pk), title="Not before accepting version two")


class TestWagtailUserbar:
    def test_staff_keep_the_admin_toolbar_and_members_cost_no_permission_queries(self, as_user, people, space_factory):
        space = space_factory(tier=Tier.TRANSFORMATION)
        thread = ask(space, people["member_a"], title="Where do I start?")
        url = reverse("thread_detail", args=[thread.pk])
        assert "wagtail-userbar" in as_user(people["counsellor"]).get(url).content.decode()
        client = as_user(people["member_a"])
        assert "wagtail-userbar" not in client.get(url).content.decode()
        queries = _queries(lambda: client.get(url))
        assert not [sql for sql in queries if "auth_permission" in sql]


class TestSiteFromTheCache:
    def test_the_site_is_not_queried_once_cached_and_a_saved_change_shows_at_once(self, as_user, people, home):
        client = as_user(people["member_a"])
        url = reverse("notifications")
        client.get(url)
        assert not [sql for sql in _queries(lambda: client.get(url)) if 'FROM "wagtailcore_site"' in sql]
        site = Site.objects.get(is_default_site=True)
        site.site_name = "Vägledning Nord"
        site.save()
        assert '<a class="brand" href="/">Vägledning Nord</a>' in client.get(url).content.decode()


class TestSpaceCmsPagesFromTheCache:
    """A space page's updates and information pages are kept in the shared cache for every reader."""

    def test_a_published_update_shows_at_once_and_an_unpublished_one_goes(self, as_user, people, space_at, counsellor):
        space = space_at(Tier.EMERGENCE)
        client = as_user(people["member_a"])
        assert "Summer jobs fair" not in client.get(space.url).content.decode()  # the empty list is cached now
        update = UpdatePageFactory(parent=space, owner=counsellor, title="Summer jobs fair")
        assert "Summer jobs fair" in client.get(space.url).content.decode()
        update.unpublish()
        assert "Summer jobs fair" not in client.get(space.url).content.decode()

    def test_a_page_made_private_leaves_the_list_at_once(self, as_user, people, space_at):
        space = space_at(Tier.EMERGENCE)
        info = InformationPageFactory(parent=space, title="How to write a CV")
        client = as_user(people["member_a"])
        assert "How to write a CV" in client.get(space.url).content.decode()
        PageViewRestriction.objects.create(page=info, restriction_type=PageViewRestriction.LOGIN)
        assert "How to write a CV" not in client.get(space.url).content.decode()

    def test_a_members_unpublished_proposal_is_shown_to_them_alone(self, as_user, people, space_at, counsellor):
        space = space_at(Tier.TRANSFORMATION)
        author = people["member_a"]
        proposal = UpdatePageFactory(parent=space, owner=author, title="My proposed open day", live=False)
        assert "My proposed open day" in as_user(author).get(space.url).content.decode()
        assert "My proposed open day" not in as_user(people["member_b"]).get(space.url).content.decode()
        assert not proposal.live

    def test_the_space_page_reads_no_cms_list_once_cached(self, as_user, people, space_at, counsellor):
        space = space_at(Tier.EMERGENCE)
        UpdatePageFactory(parent=space, owner=counsellor, title="Summer jobs fair")
        client = as_user(people["member_a"])
        client.get(space.url)
        queries = _queries(lambda: client.get(space.url))
        assert not [sql for sql in queries if "cms_informationpage" in sql or ("cms_updatepage" in sql and '"live"' in sql and "owner_id\" =" not in sql)]

    def test_the_space_page_costs_the_same_cold_at_any_size(
        self, as_user, people, space_at, counsellor, count_queries, site_settings
    ):
        """Read with nothing cached (after a restart or any CMS write), the lists still cost the same."""
        space = space_at(Tier.EMERGENCE)
        client = as_user(people["member_a"])

        def cold():
            cache.clear()
            return count_queries(lambda: client.get(space.url))

        UpdatePageFactory(parent=space, owner=counsellor)
        InformationPageFactory(parent=space)
        small = cold()
        for _ in range(6):
            UpdatePageFactory(parent=space, owner=UserFactory(roles=[Role.COUNSELLOR]))
            InformationPageFactory(parent=space)
        assert cold() == small
