"""Operational state of the service itself."""

from django.db import models


class Heartbeat(models.Model):
    """When a scheduled job last ran: written by Celery beat's heartbeat task, read by ``queue_health``."""

    name = models.CharField(max_length=40, unique=True)
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} at {self.at:%Y-%m-%d %H:%M:%S}"
