"""Background work is split into queues, so urgent alerts never wait behind bulk work."""

from django.conf import settings

from cms.celery import app


def queue_of(task_name: str) -> str:
    route = app.amqp.router.route({}, task_name)
    return route["queue"].name


def test_urgent_alerts_have_their_own_queue():
    for task in (
        "moderation.tasks.alert_counsellors_urgent",
        "moderation.tasks.notify_urgent_realert",
        "moderation.tasks.realert_waiting_urgent_items",
    ):
        assert queue_of(task) == "urgent", task


def test_fan_out_mail_and_maintenance_run_on_separate_queues():
    assert queue_of("community.tasks.deliver_event") == "notifications"
    assert queue_of("moderation.tasks.notify_author_of_decision") == "notifications"
    assert queue_of("community.tasks.email_notifications") == "email"
    assert queue_of("community.tasks.send_digests") == "email"
    assert queue_of("community.tasks.build_data_export") == "maintenance"
    assert queue_of("community.tasks.apply_retention") == "maintenance"


def test_every_registered_task_lands_on_a_queue_a_worker_serves():
    app.loader.import_default_modules()
    ours = [name for name in app.tasks if name.split(".")[0] in {"cms", "community", "moderation"}]
    assert len(ours) >= 10
    for name in ours:
        assert queue_of(name) in settings.CELERY_QUEUES_ALL, name
