"""The organisation's statistics (the seeds' continuous evaluation): reads only, for counsellors.

Per month, per space and per level (Kettunen's tier, all spaces at that level together):
how fast wall questions are answered and by whom, private conversations by 4K stage, the
moderation queue and urgent items. Counts only, so that no member can be recognised: every count
below ``SMALLEST_GROUP`` is shown as "fewer than 5", and so is every figure derived from such a
group (a median, a share).

Everything is computed in the database with a fixed number of queries whatever the amount of
data: counts are grouped aggregates, and medians and 90th percentiles are picked with window
functions (the value at the nearest rank, ``ceil(q * n)``), so SQLite and PostgreSQL agree.

This lives on the moderation side because it reads moderation's queue as well as community's
threads; moderation may import community, never the reverse.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import (
    Count,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, NullIf, RowNumber, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.models import CommunitySettings, CommunitySpacePage
from community.models import (
    AuthorRole,
    Conversation,
    ConversationStatus,
    Mode,
    ModerationState,
    Post,
    PostKind,
    Stage,
)
from community.tiers import Tier

from .models import ModerationItem
from .policy import require_can_moderate

SMALLEST_GROUP = 5
MEDIAN, P90 = 0.5, 0.9


@dataclass(frozen=True)
class Figure:
    """One cell: a count, a duration or a share, or suppressed (a group smaller than 5)."""

    value: int | float | timedelta | None = None
    suppressed: bool = False


SUPPRESSED = Figure(suppressed=True)
NONE = Figure()


@dataclass(frozen=True)
class Column:
    key: str
    label: object  # a lazy translation
    kind: str  # "count", "duration" or "share"


@dataclass
class Row:
    month: date
    level: Tier
    space: str  # the space's title, or "" for the row of all spaces at this level
    figures: dict[str, Figure] = field(default_factory=dict)


@dataclass
class Table:
    key: str
    caption: object
    columns: list[Column]
    rows: list[Row]


def _count(value: int) -> Figure:
    return SUPPRESSED if value < SMALLEST_GROUP else Figure(value)


def _share(part: int, whole: int) -> Figure:
    return SUPPRESSED if whole < SMALLEST_GROUP else Figure(part / whole)


def _duration(value: timedelta | None, group_size: int) -> Figure:
    if group_size < SMALLEST_GROUP:
        return SUPPRESSED
    return NONE if value is None else Figure(value)


def _level_expression(default_tier: int, path: str):
    """The space's own level, or the site's default where the space sets none."""
    return Coalesce(NullIf(F(path), Value(0)), Value(int(default_tier)), output_field=IntegerField())


def _keyed(queryset, *, created: str, space: str, default_tier: int):
    """Annotate the month (in the site's time zone), the space and its level, for grouping."""
    return queryset.annotate(
        stat_month=TruncMonth(created, tzinfo=timezone.get_current_timezone()),
        stat_space=F(space),
        stat_level=_level_expression(default_tier, f"{space}__tier"),
    )


GROUPINGS = {"space": ("stat_month", "stat_level", "stat_space"), "level": ("stat_month", "stat_level")}


def _counts(queryset, **aggregates) -> dict[str, dict[tuple, dict]]:
    """Grouped counts, per space and per level: one query each."""
    out = {}
    for grouping, keys in GROUPINGS.items():
        rows = queryset.order_by().values(*keys).annotate(**aggregates)
        out[grouping] = {tuple(_month(row[k]) if k == "stat_month" else row[k] for k in keys): row for row in rows}
    return out


def _month(value) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _quantiles(queryset, duration, quantiles=(MEDIAN, P90)) -> dict[str, dict[tuple, dict[float, timedelta]]]:
    """Per group, the duration at the nearest rank ceil(q * n) for each q; rows without one are left out.

    Each group's rows are numbered in the database by duration (a window function); only the rows at
    the wanted ranks come back, so the rows fetched are a few per group, not one per question.
    """
    out = {}
    measured = queryset.annotate(stat_wait=duration).filter(stat_wait__isnull=False)
    for grouping, keys in GROUPINGS.items():
        partition = [F(k) for k in keys]
        ranked = measured.order_by().annotate(
            stat_rank=Window(RowNumber(), partition_by=partition, order_by=[F("stat_wait").asc(), F("pk").asc()]),
            stat_size=Window(Count("pk"), partition_by=partition),
        )
        wanted = Q()
        for q in quantiles:
            # rank == ceil(q * n)  <=>  q * n <= rank < q * n + 1
            wanted |= Q(stat_rank__gte=F("stat_size") * q, stat_rank__lt=F("stat_size") * q + 1)
        groups: dict[tuple, dict[float, timedelta]] = defaultdict(dict)
        for row in ranked.filter(wanted).values(*keys, "stat_rank", "stat_size", "stat_wait"):
            key = tuple(_month(row[k]) if k == "stat_month" else row[k] for k in keys)
            for q in quantiles:
                if q * row["stat_size"] <= row["stat_rank"] < q * row["stat_size"] + 1:
                    groups[key][q] = row["stat_wait"]
        out[grouping] = dict(groups)
    return out


def _since(queryset, created: str, since: datetime | None):
    return queryset.filter(**{f"{created}__gte": since}) if since else queryset


def _wait(end, start: str = "created_at"):
    return ExpressionWrapper(end - F(start), output_field=DurationField())


def _published_wall_posts(kind: str, default_tier: int, since):
    """Published wall posts of one kind in published threads, keyed by their thread's month and space."""
    return _keyed(
        _since(
            Post.objects.filter(
                kind=kind, state=ModerationState.PUBLISHED, thread__mode=Mode.WALL, thread__state=ModerationState.PUBLISHED
            ),
            "thread__created_at",
            since,
        ),
        created="thread__created_at",
        space="thread__space",
        default_tier=default_tier,
    )


def _question_table(default_tier: int, since) -> tuple[dict, dict, dict]:
    answers = Post.objects.filter(thread=OuterRef("thread"), kind=PostKind.ANSWER, state=ModerationState.PUBLISHED)
    first = answers.order_by("created_at").values("created_at")[:1]
    first_counsellor = answers.filter(author_role=AuthorRole.COUNSELLOR).order_by("created_at").values("created_at")[:1]
    questions = _published_wall_posts(PostKind.QUESTION, default_tier, since).annotate(
        stat_first=Subquery(first, output_field=DateTimeField()),
        stat_first_counsellor=Subquery(first_counsellor, output_field=DateTimeField()),
    )
    counts = _counts(
        questions,
        questions=Count("pk"),
        answered=Count("pk", filter=Q(stat_first__isnull=False)),
        counsellor_answered=Count("pk", filter=Q(stat_first_counsellor__isnull=False)),
    )
    # Answers in those questions' threads (grouped by the thread's month), per author role, in one query.
    answer_rows = _published_wall_posts(PostKind.ANSWER, default_tier, since)
    answer_counts = _counts(
        answer_rows,
        answers=Count("pk"),
        by_counsellors=Count("pk", filter=Q(author_role=AuthorRole.COUNSELLOR)),
    )
    for grouping, groups in counts.items():
        for key, row in groups.items():
            found = answer_counts[grouping].get(key, {})
            row["answers"] = found.get("answers", 0)
            row["by_counsellors"] = found.get("by_counsellors", 0)
    waits = {
        "first": _quantiles(questions, _wait(F("stat_first"))),
        "first_counsellor": _quantiles(questions, _wait(F("stat_first_counsellor"))),
    }
    return counts, waits


def _conversation_table(default_tier: int, since):
    conversations = _keyed(
        _since(Conversation.objects.filter(thread__mode=Mode.CONVERSATION), "thread__created_at", since),
        created="thread__created_at",
        space="thread__space",
        default_tier=default_tier,
    )
    stage_counts = {
        f"stage_{stage.value}": Count("pk", filter=Q(stage=stage)) for stage in Stage
    }
    counts = _counts(
        conversations,
        conversations=Count("pk"),
        concluded=Count("pk", filter=Q(status=ConversationStatus.CONCLUDED)),
        **stage_counts,
    )
    concluded = conversations.filter(status=ConversationStatus.CONCLUDED)
    waits = {"conclusion": _quantiles(concluded, _wait(F("concluded_at"), "thread__created_at"))}
    return counts, waits


def _queue_tables(default_tier: int, since):
    items = _keyed(
        _since(ModerationItem.objects.all(), "created_at", since),
        created="created_at",
        space="space",
        default_tier=default_tier,
    )
    counts = _counts(
        items,
        items=Count("pk"),
        resolved=Count("pk", filter=Q(resolved_at__isnull=False)),
        urgent_items=Count("pk", filter=Q(urgent=True)),
        urgent_with_outcome=Count("pk", filter=Q(urgent=True) & ~Q(outcome="")),
    )
    waits = {
        "queue": _quantiles(items, _wait(F("resolved_at"))),
        "outcome": _quantiles(items.filter(urgent=True).exclude(outcome=""), _wait(F("resolved_at"))),
    }
    return counts, waits


QUESTION_COLUMNS = [
    Column("questions", _("Questions"), "count"),
    Column("answered", _("Answered"), "count"),
    Column("unanswered", _("Not answered"), "count"),
    Column("first_median", _("Time to first answer (median)"), "duration"),
    Column("first_p90", _("Time to first answer (9 in 10 within)"), "duration"),
    Column("first_counsellor_median", _("Time to first counsellor answer (median)"), "duration"),
    Column("first_counsellor_p90", _("Time to first counsellor answer (9 in 10 within)"), "duration"),
    Column("share_peers", _("Answers by peers"), "share"),
    Column("share_counsellors", _("Answers by counsellors"), "share"),
]
CONVERSATION_COLUMNS = [
    Column("conversations", _("Private conversations"), "count"),
    *[Column(f"stage_{stage.value}", stage.label, "count") for stage in Stage],
    Column("concluded", _("Concluded"), "count"),
    Column("conclusion_median", _("Time to conclusion (median)"), "duration"),
    Column("conclusion_p90", _("Time to conclusion (9 in 10 within)"), "duration"),
]
QUEUE_COLUMNS = [
    Column("items", _("Items in the queue"), "count"),
    Column("resolved", _("Resolved"), "count"),
    Column("queue_median", _("Time in the queue (median)"), "duration"),
    Column("queue_p90", _("Time in the queue (9 in 10 within)"), "duration"),
]
URGENT_COLUMNS = [
    Column("urgent", _("Urgent items"), "count"),
    Column("urgent_with_outcome", _("With an outcome"), "count"),
    Column("outcome_median", _("Time to outcome (median)"), "duration"),
    Column("outcome_p90", _("Time to outcome (9 in 10 within)"), "duration"),
]


def _question_figures(row: dict, waits: dict, key: tuple, grouping: str) -> dict[str, Figure]:
    questions, answered = row["questions"], row["answered"]
    first = waits["first"][grouping].get(key, {})
    first_counsellor = waits["first_counsellor"][grouping].get(key, {})
    answers = row["answers"]
    return {
        "questions": _count(questions),
        "answered": _count(answered),
        # Shown only when both it and its complement are safe, so it cannot be worked out by subtraction.
        "unanswered": _count(questions - answered) if answered >= SMALLEST_GROUP else SUPPRESSED,
        "first_median": _duration(first.get(MEDIAN), answered),
        "first_p90": _duration(first.get(P90), answered),
        "first_counsellor_median": _duration(first_counsellor.get(MEDIAN), row["counsellor_answered"]),
        "first_counsellor_p90": _duration(first_counsellor.get(P90), row["counsellor_answered"]),
        "share_peers": _share(answers - row["by_counsellors"], answers),
        "share_counsellors": _share(row["by_counsellors"], answers),
    }


def _conversation_figures(row: dict, waits: dict, key: tuple, grouping: str) -> dict[str, Figure]:
    conclusion = waits["conclusion"][grouping].get(key, {})
    figures = {"conversations": _count(row["conversations"]), "concluded": _count(row["concluded"])}
    for stage in Stage:
        figures[f"stage_{stage.value}"] = _count(row[f"stage_{stage.value}"])
    figures["conclusion_median"] = _duration(conclusion.get(MEDIAN), row["concluded"])
    figures["conclusion_p90"] = _duration(conclusion.get(P90), row["concluded"])
    return figures


def _queue_figures(row: dict, waits: dict, key: tuple, grouping: str) -> dict[str, Figure]:
    queue = waits["queue"][grouping].get(key, {})
    return {
        "items": _count(row["items"]),
        "resolved": _count(row["resolved"]),
        "queue_median": _duration(queue.get(MEDIAN), row["resolved"]),
        "queue_p90": _duration(queue.get(P90), row["resolved"]),
    }


def _urgent_figures(row: dict, waits: dict, key: tuple, grouping: str) -> dict[str, Figure]:
    outcome = waits["outcome"][grouping].get(key, {})
    return {
        "urgent": _count(row["urgent_items"]),
        "urgent_with_outcome": _count(row["urgent_with_outcome"]),
        "outcome_median": _duration(outcome.get(MEDIAN), row["urgent_with_outcome"]),
        "outcome_p90": _duration(outcome.get(P90), row["urgent_with_outcome"]),
    }


def _rows(counts, waits, figures, titles: dict[int, str], *, only=None) -> list[Row]:
    rows = []
    for grouping in ("space", "level"):
        for key, row in counts[grouping].items():
            if only and not row[only]:
                continue
            month, level = key[0], Tier(key[1])
            space = titles.get(key[2], "") if grouping == "space" else ""
            rows.append(Row(month=month, level=level, space=space, figures=figures(row, waits, key, grouping)))
    # Newest month first; within it by level, each level's spaces first and then its total row.
    rows.sort(key=lambda r: (-r.month.toordinal(), r.level, r.space == "", r.space))
    return rows


def organisation_statistics_for_user(*, user, since: datetime | None = None, site=None) -> list[Table]:
    """The four tables of the statistics page and its CSV (counsellors and moderators only)."""
    require_can_moderate(user)
    default_tier = CommunitySettings.for_site(site).default_tier if site else Tier.EMERGENCE
    titles = dict(CommunitySpacePage.objects.values_list("pk", "title"))
    question_counts, question_waits = _question_table(default_tier, since)
    conversation_counts, conversation_waits = _conversation_table(default_tier, since)
    queue_counts, queue_waits = _queue_tables(default_tier, since)
    return [
        Table("questions", _("Wall questions"), QUESTION_COLUMNS, _rows(question_counts, question_waits, _question_figures, titles)),
        Table(
            "conversations",
            _("Private conversations by 4K stage"),
            CONVERSATION_COLUMNS,
            _rows(conversation_counts, conversation_waits, _conversation_figures, titles),
        ),
        Table("queue", _("Moderation queue"), QUEUE_COLUMNS, _rows(queue_counts, queue_waits, _queue_figures, titles)),
        Table(
            "urgent",
            _("Urgent items"),
            URGENT_COLUMNS,
            _rows(queue_counts, queue_waits, _urgent_figures, titles, only="urgent_items"),
        ),
    ]
