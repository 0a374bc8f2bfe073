"""The second log-in step for staff, enforced for the whole site.

After the password (the site's log-in, the Wagtail admin's, or an old session), a
counsellor's, moderator's or admin's session can do nothing but give a code, set up
an authenticator app, or log out: every other page, the Wagtail admin, the team inbox
and the moderation queue included, sends them to that step first. One middleware
rather than a check per view, so a new staff page cannot forget it.
"""

import django_otp
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from cms.language_urls import unprefixed
from community.selectors.accounts import has_authenticator, second_factor_required


def session_second_factor_passed(request, device) -> None:
    """Mark this session as verified by ``device``, under a new session key (the session gained rights)."""
    request.session.cycle_key()
    django_otp.login(request, device)


def needs_second_factor_now(request) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not second_factor_required(user):
        return False
    return not user.is_verified()


def second_factor_url(request, *, next_url: str = "") -> str:
    """Where an unverified staff session goes: the code page, or setting up an app if there is none yet."""
    name = "account_second_factor" if has_authenticator(request.user) else "account_second_factor_setup"
    url = reverse(name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


class StaffSecondFactorMiddleware:
    """Turns an unverified staff session away from everything but the second step (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths: frozenset[str] | None = None

    def open_paths(self) -> frozenset[str]:
        # Resolved on first use: the URLconf is not loaded when middleware is built.
        if self._open_paths is None:
            # Without a language prefix, as the path they are compared with (cms.language_urls).
            with unprefixed():
                self._open_paths = frozenset(
                    {
                        reverse("account_second_factor"),
                        reverse("account_second_factor_setup"),
                        reverse("account_logout"),
                        reverse("wagtailadmin_logout"),
                        reverse("language_set"),
                    }
                )
        return self._open_paths

    def __call__(self, request):
        if (
            settings.STAFF_MFA_REQUIRED
            and request.path_info not in self.open_paths()
            and not request.path.startswith((settings.STATIC_URL, settings.MEDIA_URL))
            and needs_second_factor_now(request)
        ):
            return self.refuse(request)
        return self.get_response(request)

    def refuse(self, request):
        if request.path.startswith("/api/"):
            message = _(
                "Staff accounts log in with a second step: enter the code from your authenticator app on the "
                "website, or use a token made with your code."
            )
            # The API's error format (api.errors), written out: community does not depend on the API.
            body = {"error": {"code": "second_factor_required", "message": message, "fields": {}}}
            return JsonResponse(body, status=403)
        next_url = request.get_full_path() if request.method == "GET" else ""
        return redirect(second_factor_url(request, next_url=next_url))
