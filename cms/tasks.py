from celery import shared_task
from django.core.management import call_command


@shared_task
def heartbeat() -> None:
    """Scheduled every minute by beat: proves that beat and a worker are both alive."""
    from django.utils import timezone

    from cms.models import Heartbeat

    Heartbeat.objects.update_or_create(name="beat", defaults={"at": timezone.now()})


@shared_task(acks_late=True, reject_on_worker_lost=True)
def publish_scheduled() -> None:
    """Scheduled every minute by beat: Wagtail makes live the pages (and updates) whose time has come.

    Idempotent: a page already live is not published again, and going live opens an update's
    discussion and notifies its followers once (one notification per follower and update).
    """
    call_command("publish_scheduled")
