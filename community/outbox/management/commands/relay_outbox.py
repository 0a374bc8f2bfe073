"""``manage.py relay_outbox``: send every due outbox message now (what beat does every few seconds)."""

from django.core.management.base import BaseCommand

from community.outbox import relay_pending


class Command(BaseCommand):
    help = "Send the outbox's due messages to the broker. Exits 1 if some could not be sent."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=5000)

    def handle(self, *args, limit, **options):
        result = relay_pending(limit=limit)
        self.stdout.write(f"Sent {result.sent}, failed {result.failed}.")
        if result.failed:
            raise SystemExit(1)
