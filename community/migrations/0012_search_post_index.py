"""Stored search data on posts (see community.search_index), a GIN index on PostgreSQL, and the
existing posts indexed."""

from django.contrib.postgres.search import SearchVectorField
from django.db import migrations, models

GIN_INDEX = "community_post_search_gin"


def create_gin_index(apps, schema_editor):
    # Only published posts can be found, so only they are in the index (SQLite has no GIN).
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON community_post USING gin (search_vector) WHERE state = 'published'"
        )


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")


def index_existing_posts(apps, schema_editor):
    from community.search_index import search_index_update
    from community.search_text import stems_document

    Post = apps.get_model("community", "Post")
    ids = list(Post.objects.order_by("pk").values_list("pk", flat=True))
    if schema_editor.connection.vendor == "postgresql":
        for start in range(0, len(ids), 5000):
            search_index_update(posts=ids[start : start + 5000])
        return
    # SQLite: with the historical model, as the migration sees it.
    changed = []
    for post in Post.objects.select_related("thread").exclude(thread__mode="conversation").filter(
        kind__in=["question", "answer", "reply"]
    ):
        post.search_stems = stems_document(post.thread.title if post.kind == "question" else "", post.body)
        changed.append(post)
    Post.objects.bulk_update(changed, ["search_stems"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("community", "0011_counters_counters_indexes")]

    operations = [
        migrations.AddField(
            model_name="post", name="search_stems", field=models.TextField(blank=True, editable=False)
        ),
        migrations.AddField(
            model_name="post", name="search_vector", field=SearchVectorField(editable=False, null=True)
        ),
        migrations.RunPython(create_gin_index, drop_gin_index),
        migrations.RunPython(index_existing_posts, migrations.RunPython.noop),
    ]
