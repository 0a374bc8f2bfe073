from community import roles

from . import selectors


def moderation_chrome(request):
    """Counsellors see the queue (urgent items straight from the database); restricted members see why."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if roles.is_counsellor(user):
        return {
            "moderation_counts": selectors.queue_counts(),
            "needs_you_now_count": selectors.needs_you_now_count(user=user),
        }
    restriction = selectors.active_restriction(user)
    if restriction is None:
        return {}
    from .policy import restriction_message

    return {"restriction": restriction, "restriction_text": restriction_message(restriction)}
