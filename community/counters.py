"""The wall's counters on each thread: answers, helpful marks, a counsellor's answer.

Kept on the thread so the wall lists, filters and orders threads without counting posts.
Every write that changes a post's state, a "helpful" reaction or a helped mark calls
``thread_counters_refresh`` in its own transaction: one UPDATE recounting that thread's posts
(cheap: one thread's rows, through the post and reaction indexes), so the counters cannot
drift the way scattered +1/-1 would after a failed or repeated write.

Only models here: moderation's services call it too, and cannot import ``community.services``.
"""

from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest

from community.models import (
    AuthorRole,
    ModerationState,
    Post,
    PostKind,
    Reaction,
    ReactionKind,
    Thread,
)


def _count(queryset, thread_ref: str) -> Coalesce:
    return Coalesce(
        Subquery(queryset.order_by().values(thread_ref).annotate(n=Count("pk")).values("n")[:1]),
        Value(0),
        output_field=IntegerField(),
    )


def thread_counter_expressions() -> dict:
    """The counters as expressions over ``OuterRef("pk")``: for one thread, or all at once (the backfill)."""
    answers = Post.objects.filter(thread=OuterRef("pk"), kind=PostKind.ANSWER, state=ModerationState.PUBLISHED)
    helpful = Reaction.objects.filter(
        post__thread=OuterRef("pk"), kind=ReactionKind.HELPFUL, post__state=ModerationState.PUBLISHED
    )
    helped = Post.objects.filter(thread=OuterRef("pk"), helped_asker=True, state=ModerationState.PUBLISHED)
    return {
        "answer_count": _count(answers, "thread"),
        "helpful_count": _count(helpful, "post__thread") + _count(helped, "thread"),
        "has_counsellor_answer": Exists(answers.filter(author_role=AuthorRole.COUNSELLOR)),
    }


def thread_counters_refresh(*, thread_id: int, activity_at=None) -> None:
    """Recount one thread's wall counters; ``activity_at`` also moves its last activity forward.

    A queryset update on purpose: saving the thread would re-index it for search on every answer.
    """
    fields = thread_counter_expressions()
    if activity_at is not None:
        fields["last_activity_at"] = Greatest(F("last_activity_at"), Value(activity_at, output_field=DateTimeField()))
    Thread.objects.filter(pk=thread_id).update(**fields)


def threads_counters_refresh(*, thread_ids) -> None:
    """Recount several threads (an erasure touches every thread its member reacted or wrote in)."""
    ids = sorted(set(thread_ids))
    for start in range(0, len(ids), 500):
        Thread.objects.filter(pk__in=ids[start : start + 500]).update(**thread_counter_expressions())


__all__ = ["thread_counters_refresh", "threads_counters_refresh", "thread_counter_expressions"]
