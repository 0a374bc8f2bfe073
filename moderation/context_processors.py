from cms.request_memo import lazily, per_request
from community import roles

from . import selectors

QUEUE_COUNTS = "moderation:queue_counts"
NEEDS_YOU_NOW_COUNT = "moderation:needs_you_now_count"


def queue_counts_for_request(request) -> dict:
    """The open and urgent counts, queried once per request however many parts of the page show them."""
    return per_request(request, QUEUE_COUNTS, selectors.queue_counts)


def needs_you_now_count_for_request(request) -> int:
    return per_request(request, NEEDS_YOU_NOW_COUNT, lambda: selectors.needs_you_now_count(user=request.user))


def moderation_chrome(request):
    """Counsellors see the queue (urgent items straight from the database); restricted members see why.

    The counts are callables the template calls only where it shows them (not in the Wagtail admin,
    whose menu shows its own), each queried at most once per request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if roles.is_counsellor(user):
        return {
            "moderation_counts": lazily(request, QUEUE_COUNTS, selectors.queue_counts),
            "needs_you_now_count": lazily(request, NEEDS_YOU_NOW_COUNT, lambda: selectors.needs_you_now_count(user=user)),
        }
    restriction = selectors.active_restriction(user)
    if restriction is None:
        return {}
    from .policy import restriction_message

    return {"restriction": restriction, "restriction_text": restriction_message(restriction)}
