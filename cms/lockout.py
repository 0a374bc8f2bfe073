"""What someone locked out after too many failed log-ins reads: why, and how long to wait."""

import math

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext

from api.errors import error_body


def wait_seconds() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def lockout_message() -> str:
    minutes = max(1, math.ceil(wait_seconds() / 60))
    return ngettext(
        "Too many failed log-in attempts. For your safety, logging in is paused: try again in %(minutes)d minute.",
        "Too many failed log-in attempts. For your safety, logging in is paused: try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """django-axes calls this for a locked-out log-in: the API answers in its error format, the site with a page."""
    if request.path.startswith("/api/"):
        response = JsonResponse(error_body("locked_out", lockout_message()), status=429)
    else:
        response = render(request, "account_locked.html", {"message": lockout_message()}, status=429)
    response["Retry-After"] = str(wait_seconds())
    return response
