from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied

from community import policy


class SuspensionMiddleware:
    """End the session of a member who has been suspended, telling them why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            try:
                policy.require_may_sign_in(user)
            except PermissionDenied as refusal:
                logout(request)
                messages.error(request, str(refusal))
        return self.get_response(request)
