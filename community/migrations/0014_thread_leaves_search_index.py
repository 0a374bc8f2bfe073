"""Threads leave Wagtail's search index: no search reads it (questions and answers are found through
``Post.search_vector`` / ``Post.search_stems``, see community.selectors.search), and keeping it up to
date re-indexed a whole thread on every post. Its entries go, and with them the post texts they
copied: nothing would keep them in step with later erasures any more."""

from django.db import migrations


def remove_thread_entries(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")
    thread_type = ContentType.objects.filter(app_label="community", model="thread").first()
    if thread_type is None:
        return
    IndexEntry.objects.filter(content_type=thread_type).delete()
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        # The full-text table keeps removed words in its segments until they are merged.
        with connection.cursor() as cursor:
            if "wagtailsearch_indexentry_fts" in connection.introspection.table_names(cursor):
                cursor.execute(
                    "INSERT INTO wagtailsearch_indexentry_fts(wagtailsearch_indexentry_fts) VALUES ('optimize')"
                )


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0013_phone_norwegian"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailsearch", "0008_remove_query_and_querydailyhits_models"),
    ]

    operations = [migrations.RunPython(remove_thread_entries, migrations.RunPython.noop)]
