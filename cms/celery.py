"""The Celery application.

Configured from Django settings (the ``CELERY_`` namespace). Without a
``CELERY_BROKER_URL`` the settings make every task run eagerly in-process, so
the embedded default needs no broker.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

app = Celery("cms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
