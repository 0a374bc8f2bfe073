"""The organisation's statistics: figures on a known data set, small groups suppressed, counsellors only,
and the same number of queries at any size."""

import csv
import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from community.models import (
    AuthorRole,
    Conversation,
    ConversationStatus,
    Mode,
    Post,
    PostKind,
    Stage,
    Thread,
)
from community.roles import Role
from community.tiers import Tier
from moderation import statistics
from moderation.models import ModerationItem, UrgentOutcome
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")
MARCH = datetime(2026, 3, 2, 10, 0, tzinfo=CPH)
APRIL = datetime(2026, 4, 6, 10, 0, tzinfo=CPH)


def _stamp(model, pk, **times):
    model.objects.filter(pk=pk).update(**times)


def question(space, at, answers=()):
    """A published wall question asked at ``at``; ``answers`` are (minutes after, author role)."""
    asker = UserFactory()
    thread = Thread.objects.create(space=space, mode=Mode.WALL, title="Which school?", author=asker)
    _stamp(Thread, thread.pk, created_at=at, last_activity_at=at)
    post = Post.objects.create(thread=thread, kind=PostKind.QUESTION, author=asker, body="Which school?")
    _stamp(Post, post.pk, created_at=at)
    for minutes, role in answers:
        author = UserFactory(roles=[Role.COUNSELLOR] if role == AuthorRole.COUNSELLOR else [Role.MEMBER])
        reply = Post.objects.create(thread=thread, kind=PostKind.ANSWER, author=author, author_role=role, body="Try this.")
        _stamp(Post, reply.pk, created_at=at + timedelta(minutes=minutes))
    return thread


def conversation(space, at, *, stage=Stage.KONTAKT, concluded_after=None):
    member = UserFactory()
    thread = Thread.objects.create(space=space, mode=Mode.CONVERSATION, title="Private", author=member)
    _stamp(Thread, thread.pk, created_at=at, last_activity_at=at)
    Conversation.objects.create(
        thread=thread,
        stage=stage,
        status=ConversationStatus.CONCLUDED if concluded_after else ConversationStatus.OPEN,
        concluded_at=at + concluded_after if concluded_after else None,
    )


def queue_item(space, at, *, resolved_after=None, urgent=False, outcome=""):
    item = ModerationItem.objects.create(
        space=space,
        member=UserFactory(),
        text="held",
        urgent=urgent,
        outcome=outcome,
        resolved_at=at + resolved_after if resolved_after else None,
        status="resolved" if resolved_after else "open",
    )
    _stamp(ModerationItem, item.pk, created_at=at)


PEER, COUNSELLOR = AuthorRole.MEMBER, AuthorRole.COUNSELLOR


@pytest.fixture
def known(space_factory):
    """Space A (level 3) has enough of everything in March 2026; space B (site default, level 1) has two
    questions only."""
    a = space_factory(title="Upper secondary", slug="upper-secondary", tier=Tier.INTEGRATION)
    b = space_factory(title="Gap year", slug="gap-year", tier=None)
    # First answers after 10, 20, 30 (counsellor), 40 and 60 (counsellor) minutes; one unanswered.
    # Later counsellor answers make the first counsellor answers 120, 180, 30, 240 and 60 minutes.
    question(a, MARCH, [(10, PEER), (120, COUNSELLOR)])
    question(a, MARCH + timedelta(days=1), [(20, PEER), (180, COUNSELLOR)])
    question(a, MARCH + timedelta(days=2), [(30, COUNSELLOR)])
    question(a, MARCH + timedelta(days=3), [(40, PEER), (240, COUNSELLOR)])
    question(a, MARCH + timedelta(days=4), [(60, COUNSELLOR)])
    question(a, MARCH + timedelta(days=5))
    question(b, MARCH, [(5, PEER)])
    question(b, MARCH + timedelta(days=1), [(15, COUNSELLOR)])
    # Conversations: five concluded after 1 to 5 days, one still at "Kontakt".
    for days in range(1, 6):
        conversation(a, MARCH, stage=Stage.KONKLUSION, concluded_after=timedelta(days=days))
    conversation(a, MARCH, stage=Stage.KONTAKT)
    # The queue: six items, five resolved after 1 to 5 hours; and five urgent ones with an outcome
    # after 10 to 50 minutes. One urgent item in April, alone.
    for hours in range(1, 6):
        queue_item(a, MARCH, resolved_after=timedelta(hours=hours))
    queue_item(a, MARCH)
    for minutes in range(10, 60, 10):
        queue_item(a, MARCH, resolved_after=timedelta(minutes=minutes), urgent=True, outcome=UrgentOutcome.NO_RISK)
    queue_item(a, APRIL, resolved_after=timedelta(minutes=5), urgent=True, outcome=UrgentOutcome.REFERRED)
    return a, b


def _table(tables, key):
    return next(table for table in tables if table.key == key)


def _row(table, month, space="", level=None):
    return next(
        row
        for row in table.rows
        if row.month == month.date().replace(day=1) and row.space == space and level in (None, row.level)
    )


def _value(row, key):
    figure = row.figures[key]
    assert not figure.suppressed, key
    return figure.value


def test_wall_question_figures(known, counsellor):
    tables = statistics.organisation_statistics_for_user(user=counsellor)
    questions = _table(tables, "questions")
    row = _row(questions, MARCH, "Upper secondary")
    assert row.level == Tier.INTEGRATION
    assert _value(row, "questions") == 6
    assert _value(row, "answered") == 5
    assert _value(row, "first_median") == timedelta(minutes=30)
    assert _value(row, "first_p90") == timedelta(minutes=60)
    assert _value(row, "first_counsellor_median") == timedelta(minutes=120)
    assert _value(row, "first_counsellor_p90") == timedelta(minutes=240)
    # Eight answers: three by peers, five by counsellors.
    assert _value(row, "share_peers") == pytest.approx(3 / 8)
    assert _value(row, "share_counsellors") == pytest.approx(5 / 8)
    # The level's total row holds the same, as space A is the only space at level 3.
    total = _row(questions, MARCH, level=Tier.INTEGRATION)
    assert _value(total, "first_median") == timedelta(minutes=30)


def test_conversation_queue_and_urgent_figures(known, moderator):
    tables = statistics.organisation_statistics_for_user(user=moderator)
    talks = _row(_table(tables, "conversations"), MARCH, "Upper secondary")
    assert _value(talks, "conversations") == 6
    assert _value(talks, "concluded") == 5
    assert _value(talks, "stage_konklusion") == 5
    assert _value(talks, "conclusion_median") == timedelta(days=3)
    assert _value(talks, "conclusion_p90") == timedelta(days=5)

    queue = _row(_table(tables, "queue"), MARCH, "Upper secondary")
    assert _value(queue, "items") == 11
    assert _value(queue, "resolved") == 10
    # Sorted: 10, 20, 30, 40, 50 minutes, 1, 2, 3, 4, 5 hours; the 5th and the 9th.
    assert _value(queue, "queue_median") == timedelta(minutes=50)
    assert _value(queue, "queue_p90") == timedelta(hours=4)

    urgent = _row(_table(tables, "urgent"), MARCH, "Upper secondary")
    assert _value(urgent, "urgent") == 5
    assert _value(urgent, "urgent_with_outcome") == 5
    assert _value(urgent, "outcome_median") == timedelta(minutes=30)
    assert _value(urgent, "outcome_p90") == timedelta(minutes=50)


def test_groups_smaller_than_five_are_suppressed_with_what_is_derived_from_them(known, counsellor):
    tables = statistics.organisation_statistics_for_user(user=counsellor)
    questions = _table(tables, "questions")
    # One unanswered question in space A: suppressed.
    assert _row(questions, MARCH, "Upper secondary").figures["unanswered"].suppressed
    # Space B (level 1 by the site's default) has two questions: every figure is suppressed.
    small = _row(questions, MARCH, "Gap year")
    assert small.level == Tier.EMERGENCE
    assert all(figure.suppressed for figure in small.figures.values())
    # One conversation at "Kontakt"; one urgent item in April, with its time to outcome.
    assert _row(_table(tables, "conversations"), MARCH, "Upper secondary").figures["stage_kontakt"].suppressed
    april = _row(_table(tables, "urgent"), APRIL, "Upper secondary")
    assert april.figures["urgent"].suppressed
    assert april.figures["outcome_median"].suppressed


def test_page_shows_the_figures_in_an_accessible_table(known, counsellor, login):
    response = login(counsellor).get(reverse("counsellor_statistics"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<caption class="visually-hidden">Wall questions</caption>' in html
    assert '<th scope="col">Time to first answer (median)</th>' in html
    assert 'class="table-scroll"' in html
    assert "30 min" in html  # space A's median time to first answer
    assert "fewer than 5" in html
    assert reverse("counsellor_statistics_csv") in html


def test_csv_has_the_figures_and_blanks_for_small_groups(known, counsellor, login):
    response = login(counsellor).get(reverse("counsellor_statistics_csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    header = next(row for row in rows if row[:1] == ["Month"] and "Questions" in row)
    by_space = {row[2]: dict(zip(header, row, strict=True)) for row in rows if row[:1] == ["2026-03"] and len(row) == len(header)}
    upper = by_space["Upper secondary"]
    assert upper["Questions"] == "6"
    assert upper["Not answered"] == ""
    assert upper["Time to first answer (median) (hours)"] == "0.5"
    assert upper["Answers by counsellors (%)"] == "62.5"
    assert by_space["Gap year"]["Questions"] == ""
    assert by_space["Gap year"]["Level"] == "1"


@pytest.mark.parametrize("url_name", ["counsellor_statistics", "counsellor_statistics_csv"])
def test_members_and_visitors_are_refused(known, member, peer_guide, client, url_name):
    url = reverse(url_name)
    response = client.get(url)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    for user in (member, peer_guide):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 403
        assert b"Upper secondary" not in response.content
        assert b"Only counsellors and moderators" in response.content or url_name.endswith("csv")


def test_same_number_of_queries_at_two_sizes(space_factory, counsellor, login, count_queries, site_settings):
    # The site's settings exist first: made on the first visit, they would start a new site
    # generation, and the CMS values cached under the old one would be read again once.
    client = login(counsellor)
    a = space_factory(title="A", slug="a", tier=Tier.APPLICATION)

    def grow(n, start):
        for i in range(n):
            at = start + timedelta(days=31 * (i % 3))
            question(a, at, [(10 + i, PEER), (30 + i, COUNSELLOR)])
            conversation(a, at, stage=Stage.KONKLUSION, concluded_after=timedelta(days=1 + i))
            queue_item(a, at, resolved_after=timedelta(hours=1 + i), urgent=bool(i % 2), outcome=UrgentOutcome.NO_RISK)

    grow(2, MARCH)
    url = reverse("counsellor_statistics")
    client.get(url)
    small = count_queries(lambda: client.get(url))
    csv_small = count_queries(lambda: client.get(reverse("counsellor_statistics_csv")))
    b = space_factory(title="B", slug="b", tier=Tier.TRANSFORMATION)
    grow(12, MARCH)
    question(b, APRIL, [(5, PEER)])
    client.get(url)  # a new space started a new site generation: the CMS values are read again once
    assert count_queries(lambda: client.get(url)) == small
    assert count_queries(lambda: client.get(reverse("counsellor_statistics_csv"))) == csv_small
