"""``manage.py queue_health``: is background work flowing? Pending tasks, unacknowledged ones, last beat."""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from cms.models import Heartbeat
from community.outbox import outbox_stats

STALE_AFTER_SECONDS = 5 * 60


def _masked(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        parts = parts._replace(netloc=netloc)
    return urlunsplit(parts)


class Command(BaseCommand):
    help = (
        "Show the Celery queue's health: the outbox's backlog and age, pending and unacknowledged tasks, "
        "and when beat last ran. Exits 1 if unhealthy."
    )

    def handle(self, *args, **options):
        healthy = True
        if settings.CELERY_TASK_ALWAYS_EAGER:
            self.stdout.write("Broker: none. Tasks run eagerly in the web process (the embedded default).")
        else:
            self.stdout.write(f"Broker: {_masked(settings.CELERY_BROKER_URL)}")
            if settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
                import redis

                try:
                    client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_timeout=5)
                    for queue in settings.CELERY_QUEUES_ALL:
                        self.stdout.write(f"Pending tasks (queue '{queue}'): {client.llen(queue)}")
                    self.stdout.write(f"Taken but not acknowledged: {client.hlen('unacked')}")
                except redis.RedisError as error:
                    healthy = False
                    self.stdout.write(self.style.ERROR(f"Broker unreachable: {error}"))
        outbox = outbox_stats()
        if outbox.pending:
            line = (
                f"Outbox: {outbox.pending} not yet sent to the broker ({outbox.failing} after a failed attempt), "
                f"oldest {int(outbox.oldest_age_seconds)} s old"
            )
            if outbox.oldest_age_seconds > settings.OUTBOX_MAX_AGE_SECONDS:
                healthy = False
                self.stdout.write(self.style.ERROR(line + " — stale (is the broker up, and beat running?)"))
            else:
                self.stdout.write(line)
        else:
            self.stdout.write("Outbox: empty (everything was sent to the broker)")
        beat = Heartbeat.objects.filter(name="beat").first()
        if beat is None:
            self.stdout.write("Last beat: never (is `celery -A cms beat` running, with a worker?)")
            healthy = healthy and settings.CELERY_TASK_ALWAYS_EAGER
        else:
            age = (timezone.now() - beat.at).total_seconds()
            line = f"Last beat: {beat.at.isoformat()} ({int(age)} s ago)"
            if age > STALE_AFTER_SECONDS:
                healthy = False
                self.stdout.write(self.style.ERROR(line + " — stale"))
            else:
                self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Healthy.") if healthy else self.style.ERROR("Unhealthy."))
        if not healthy:
            raise SystemExit(1)
