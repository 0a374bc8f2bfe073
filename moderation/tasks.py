"""Moderation's background tasks: thin, idempotent wrappers around services."""

from celery import shared_task


@shared_task(acks_late=True, reject_on_worker_lost=True)
def alert_counsellors_urgent(item_id: int) -> None:
    """Tell every counsellor that an urgent item is waiting (a crisis signal or a worried flag)."""
    from moderation.notify import urgent_item_alert

    urgent_item_alert(item_id=item_id)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def notify_author_of_decision(decision_id: int) -> None:
    from moderation.notify import decision_notice

    decision_notice(decision_id=decision_id)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def notify_member_of_sanction(sanction_id: int) -> None:
    from moderation.notify import sanction_notice

    sanction_notice(sanction_id=sanction_id)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def notify_escalation(decision_id: int) -> None:
    from moderation.notify import escalation_notice

    escalation_notice(decision_id=decision_id)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def realert_waiting_urgent_items() -> None:
    """Every minute (Celery beat): alert again about urgent items that wait too long. Each level goes out once."""
    from moderation.services import urgent_items_realert

    urgent_items_realert()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def notify_urgent_realert(item_id: int, level: str) -> None:
    from moderation.notify import urgent_item_realert

    urgent_item_realert(item_id=item_id, level=level)
