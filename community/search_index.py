"""Keeping a post's stored search data in step with its text: the one place that writes it.

Every write that changes a public post's text or its question's title calls
``search_index_update`` in the same transaction (the thread services, a
moderator's edit-and-approve, erasure). What may be *found* is decided when
searching, from the post's and thread's current state (see
``community.selectors.search``): approving, hiding or withdrawing a post needs
no re-index, and a held or withdrawn post's words are never matched. Private
conversations are never indexed at all.

PostgreSQL: ``search_vector`` is the text reduced in each language's
configuration (title weighted A, text B), searched through a partial GIN index
over published posts. SQLite: ``search_stems``, the stems of
``community.search_text``.
"""

from collections.abc import Iterable

from django.db import connection

from community.models import Mode, Post, PostKind, Thread
from community.search_text import SEARCH_CONFIGS, stems_document

INDEXED_KINDS = (PostKind.QUESTION, PostKind.ANSWER, PostKind.REPLY)


def _vector_sql() -> str:
    parts = []
    for config in SEARCH_CONFIGS:
        parts.append(
            f"setweight(to_tsvector('{config}', CASE WHEN p.kind = 'question' THEN t.title ELSE '' END), 'A')"
            f" || setweight(to_tsvector('{config}', p.body), 'B')"
        )
    indexed_kinds = ", ".join(f"'{kind}'" for kind in INDEXED_KINDS)
    return (
        f"UPDATE {Post._meta.db_table} AS p SET search_vector = CASE"
        f" WHEN t.mode <> '{Mode.CONVERSATION}' AND p.kind IN ({indexed_kinds}) THEN {' || '.join(parts)}"
        f" ELSE NULL END"
        f" FROM {Thread._meta.db_table} AS t WHERE t.id = p.thread_id AND p.{{column}} = ANY(%s)"
    )


def search_index_update(
    *, posts: Iterable[Post | int] = (), threads: Iterable[Thread | int] = ()
) -> None:
    """Re-index these posts, and every post of these threads (after a title changed)."""
    post_ids = [getattr(post, "pk", post) for post in posts]
    thread_ids = [getattr(thread, "pk", thread) for thread in threads]
    for column, ids in (("id", post_ids), ("thread_id", thread_ids)):
        if not ids:
            continue
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(_vector_sql().format(column=column), [ids])
        else:
            _update_stems(Post.objects.filter(**{f"{'pk' if column == 'id' else column}__in": ids}))


def _update_stems(posts) -> None:
    changed = []
    for post in posts.select_related("thread").only(
        "pk", "kind", "body", "search_stems", "thread__title", "thread__mode"
    ):
        indexed = post.thread.mode != Mode.CONVERSATION and post.kind in INDEXED_KINDS
        title = post.thread.title if post.kind == PostKind.QUESTION else ""
        stems = stems_document(title, post.body) if indexed else ""
        if stems != post.search_stems:
            post.search_stems = stems
            changed.append(post)
    Post.objects.bulk_update(changed, ["search_stems"], batch_size=500)


def search_index_rebuild(*, batch_size: int = 5000, after_pk: int = 0) -> int:
    """Index every post again, or those after ``after_pk`` (after a bulk load that bypassed the
    services); returns how many."""
    ids = list(Post.objects.filter(pk__gt=after_pk).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        search_index_update(posts=ids[start : start + batch_size])
    return len(ids)
