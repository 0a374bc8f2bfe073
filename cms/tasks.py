from celery import shared_task


@shared_task
def heartbeat() -> None:
    """Scheduled every minute by beat: proves that beat and a worker are both alive."""
    from django.utils import timezone

    from cms.models import Heartbeat

    Heartbeat.objects.update_or_create(name="beat", defaults={"at": timezone.now()})
