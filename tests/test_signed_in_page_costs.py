"""Signed-in pages: figures several parts of a page show are read once, and what is kept between
requests (the legal pages) is never stale after the write that changes it."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.request_memo import forget, per_request
from community.tiers import Tier
from moderation.models import ModerationItem, RejectionReason, UrgentOutcome
from tests.factories import UserFactory
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
