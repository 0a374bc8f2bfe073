"""``manage.py benchmark_fanout``: how much the notification fan-out costs over a bare bulk insert.

Publishes one update to a space with N followers (10,000 by default) and times
the fan-out (the task body: finding the followers, writing one notification
each in chunks, idempotently), then times a bare bulk insert of the same number
of notification rows. Everything happens inside a transaction that is rolled
back, so it leaves no trace. Meant for PostgreSQL (DATABASE_URL); not a test.
"""

import time

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from community.display_names import skeleton
from community.models import Follow, Notification, User


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time the fan-out of one update to N followers against a bare bulk insert of N notifications."

    def add_arguments(self, parser):
        parser.add_argument("--followers", type=int, default=10_000)

    def handle(self, *args, followers, **options):
        if connection.vendor != "postgresql":
            self.stderr.write(self.style.WARNING(f"Running on {connection.vendor}; the figures that matter are PostgreSQL's."))
        try:
            with transaction.atomic():
                self._run(followers)
                raise Rollback
        except Rollback:
            pass

    def _run(self, count: int) -> None:
        from cms.models import CommunitySpacePage, HomePage, UpdatePage
        from community.notify import events
        from community.services import update_thread_open

        home = HomePage.objects.first()
        space = CommunitySpacePage(title="Benchmark space", slug="benchmark-space-fanout", tier=3)
        home.add_child(instance=space)
        counsellor = User.objects.create(
            username="benchmark-counsellor", display_name="Benchmark Counsellor", email="bench@example.org"
        )
        users = [
            User(
                username=f"bench{n}",
                display_name=f"Bench {n}",
                display_name_key=f"{skeleton('Bench')}{n}x",
                email=f"bench{n}@example.org",
                password="!",
            )
            for n in range(count)
        ]
        User.objects.bulk_create(users, batch_size=5000)
        ids = list(User.objects.filter(username__startswith="bench").exclude(pk=counsellor.pk).values_list("pk", flat=True))
        Follow.objects.bulk_create([Follow(user_id=pk, space=space) for pk in ids], batch_size=5000)

        update = UpdatePage(title="Benchmark update", slug="benchmark-update", body="<p>x</p>", owner=counsellor, live=False)
        space.add_child(instance=update)
        update.live = True
        update.save()
        update_thread_open(update_page=update)  # the discussion thread; the fan-out itself is timed below

        started = time.perf_counter()
        events.update_published(update_id=update.pk)
        fan_out = time.perf_counter() - started
        delivered = Notification.objects.filter(event_key=f"update:{update.pk}").count()

        actor_type = ContentType.objects.get_for_model(update)
        rows = [
            Notification(
                recipient_id=pk,
                kind="update_published",
                event_key="benchmark-bare",
                url="/",
                verb="update_published",
                description="New update",
                actor_content_type=actor_type,
                actor_object_id=str(update.pk),
                public=False,
            )
            for pk in ids
        ]
        started = time.perf_counter()
        Notification.objects.bulk_create(rows, batch_size=settings.NOTIFICATION_CHUNK_SIZE)
        bare = time.perf_counter() - started

        self.stdout.write(f"Database: {connection.vendor}, followers: {count}, chunk size: {settings.NOTIFICATION_CHUNK_SIZE}")
        self.stdout.write(f"Fan-out of one update: {fan_out:.3f} s ({delivered} notifications)")
        self.stdout.write(f"Bare bulk insert of {len(rows)} rows: {bare:.3f} s")
        self.stdout.write(f"Ratio fan-out / bare insert: {fan_out / bare:.2f}")
