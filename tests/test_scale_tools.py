"""``seed_scale`` writes a realistic community with counters that match its posts; ``benchmark`` measures it."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count, Max

from cms.models import CommunitySpacePage
from community.models import (
    Conversation,
    Endorsement,
    Follow,
    Mode,
    ModerationState,
    Notification,
    Post,
    Reaction,
    Thread,
)
from community.selectors.search import search_for_user
from community.selectors.threads import WallFilter
from community.tiers import Tier
from moderation.models import Flag, ModerationItem
from tests.test_thread_counters import recounted

pytestmark = pytest.mark.django_db


def test_a_small_run_has_the_proportions_and_consistent_counters(home):
    call_command("seed_scale", posts=300, members=50, spaces=8, verbosity=0)
    spaces = CommunitySpacePage.objects.filter(slug__startswith="scale-")
    assert set(spaces.values_list("tier", flat=True)) == set(Tier.values)
    assert {title.rsplit("(", 1)[1].rstrip(")") for title in spaces.values_list("title", flat=True)} >= {"en", "da", "sv", "fi"}
    assert 290 <= Post.objects.count() <= 310

    wall = Thread.objects.filter(mode=Mode.WALL)
    assert wall.filter(answer_count=0).exists(), "some questions wait for their first answer"
    assert wall.aggregate(most=Max("answer_count"))["most"] >= 95, "one long thread of about a hundred answers"
    typical = sorted(wall.values_list("answer_count", flat=True))[wall.count() // 2]
    assert 1 <= typical <= 10
    assert not wall.filter(space__tier__lt=Tier.INTEGRATION).exists(), "no wall below the level that opens it"
    for thread in wall:
        assert (thread.answer_count, thread.helpful_count, thread.has_counsellor_answer) == recounted(thread)
        assert thread.last_activity_at >= thread.created_at
    assert wall.filter(has_counsellor_answer=True).exists() and wall.filter(helpful_count__gt=0).exists()

    assert Reaction.objects.exists() and Endorsement.objects.exists() and Post.objects.filter(helped_asker=True).exists()
    assert Follow.objects.filter(thread__isnull=False).exists() and Follow.objects.filter(space__isnull=False).exists()
    assert Conversation.objects.filter(status="open").exists() and Conversation.objects.filter(status="concluded").exists()
    assert ModerationItem.objects.filter(status="open").exists() and Flag.objects.exists()
    assert Post.objects.filter(state=ModerationState.PENDING).count() == ModerationItem.objects.filter(
        status="open", post__state=ModerationState.PENDING
    ).count()
    assert Notification.objects.exists()
    # The seeded questions can be searched for, as the services would have indexed them.
    question = Post.objects.filter(kind="question", state=ModerationState.PUBLISHED, thread__mode=Mode.WALL).first()
    word = max(question.thread.title.split(), key=len).strip("?#")
    assert ("thread", question.thread_id) in [(hit.type, hit.id) for hit in search_for_user(user=None, query=word)[:500]]
    # Every notification leads to a post in a thread its recipient asked.
    assert not Notification.objects.values("recipient", "event_key").annotate(n=Count("pk")).filter(n__gt=1).exists()


def test_the_benchmark_table_has_every_row(home, tmp_path):
    """A smoke run with tiny numbers: every page and figure is in the table, each row answered."""
    call_command("seed_scale", posts=200, members=30, spaces=4, verbosity=0)
    output = tmp_path / "benchmark.md"
    call_command("benchmark", requests=1, writes=2, texts=20, followers=10, output=str(output), stdout=io.StringIO())
    table = output.read_text()
    rows = [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| page") and not line.startswith("| other")]
    pages = {line.split(" | ")[0].lstrip("| ") for line in rows}
    expected = {"bare view", "home", "space page", "notifications", "notifications API", "team inbox", "team inbox API",
                "moderation queue (admin)", "moderation queue API", "site search"}
    expected |= {f"wall feed: {name}" for name in WallFilter.ALL} | {f"wall feed API: {name}" for name in WallFilter.ALL}
    assert expected <= pages
    assert any(page.startswith("thread page, ") for page in pages) and any(page.startswith("thread API posts, ") for page in pages)
    assert any(page.startswith("suggestions") for page in pages)
    for figure in ("answer through the API, screening included", "screening (end to end)", "fan-out of one update"):
        assert figure in table
    # Every page answered as it would a person: no error, no refusal.
    statuses = {line.rstrip(" |").rsplit(" | ", 1)[1] for line in rows if line.count(" | ") >= 7}
    assert statuses == {"200"}
    assert "(statuses" not in table, "every timed answer was accepted"
    assert "share of bare view" in table
    # The queries column counts what each request sent: none for the bare view, some for every page a
    # logged-in person reads (their session and user at least; anonymous pages may come from the cache).
    header = next(line for line in table.splitlines() if line.startswith("| page")).strip("| ").split(" | ")
    assert {"p50 ms", "p95 ms", "p99 ms"} <= set(header)
    column = header.index("queries")
    queries = {
        (cells[0], cells[1]): int(cells[column])
        for cells in (line.strip("| ").split(" | ") for line in rows)
        if len(cells) == len(header)
    }
    assert queries[("bare view", "anonymous")] == 0
    assert queries[("bare view", "member")] > 0
    for page in ("team inbox", "moderation queue (admin)", "wall feed: newest", "notifications"):
        assert all(count > 0 for (name, viewer), count in queries.items() if name == page and viewer != "anonymous"), page
