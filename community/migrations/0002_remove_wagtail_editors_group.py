"""Drop Wagtail's sample "Editors" group: this service's roles are its own groups.

The role groups themselves (Members, Peer guides, Counsellors, Moderators) are
kept in step with the code by community.services.role_groups_ensure after
every migrate.
"""

from django.db import migrations


def remove_editors(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Group.objects.filter(name="Editors", user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(remove_editors, migrations.RunPython.noop)]
