from django.contrib import messages
from django.contrib.auth import logout

from .policy import restriction_message
from .selectors import active_restriction


class SuspensionMiddleware:
    """End the session of a member who has been suspended, telling them why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            sanction = active_restriction(user)
            if sanction is not None and sanction.kind == "suspension":
                message = restriction_message(sanction)
                logout(request)
                messages.error(request, message)
        return self.get_response(request)
