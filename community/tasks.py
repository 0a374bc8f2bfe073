"""Community's background tasks: thin, idempotent wrappers around the notify services.

Each runs with late acknowledgement: a worker that dies mid-task leaves the
message to be delivered again, and the unique (recipient, event) key makes the
rerun write only what is missing.
"""

from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def deliver_event(name: str, kwargs: dict) -> None:
    from community.notify import events

    events.run(name, **kwargs)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def email_notifications(event_key: str, user_ids: list[int]) -> int:
    from community.notify import mail

    return mail.email_notifications(event_key=event_key, user_ids=user_ids)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_digests(frequency: str) -> int:
    from community.notify import mail

    return mail.send_digests(frequency=frequency)


# ---------------------------------------------------------------- data protection


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_email_change_mails(user_id: int, new_email: str) -> int:
    from community.services import accounts

    return accounts.email_change_mails_send(user_id=user_id, new_email=new_email)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def build_data_export(export_id: int) -> None:
    from community.services import privacy

    privacy.data_export_build(export_id=export_id)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def apply_retention() -> dict:
    from community.services import privacy

    return privacy.retention_apply().removed
