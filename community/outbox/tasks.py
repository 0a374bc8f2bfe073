from celery import shared_task


@shared_task(ignore_result=True)
def relay_outbox() -> int:
    """Scheduled by beat: send what the broker could not take right after commit, then forget old sent rows."""
    from . import relay

    result = relay.relay_pending()
    relay.prune_sent()
    return result.sent
