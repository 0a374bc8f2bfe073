"""A content locale for every interface language, so editors can translate pages at once (issue 14)."""

from django.db import migrations

LANGUAGES = ["en", "da", "sv", "fi", "nb"]


def forwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for language in LANGUAGES:
        Locale.objects.get_or_create(language_code=language)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0005_help_lines_per_language"),
        ("wagtailcore", "0054_initial_locale"),
    ]

    # Backwards leaves the locales: pages may be in them.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
