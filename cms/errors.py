"""Answers for what the code did not expect: never a stack trace, and a database outage is a 503.

Django calls ``server_error`` (``handler500``) inside the failing request's
exception handler, so the exception is at hand. The API answers in its JSON
error format; the site with a plain page that needs no database.
"""

import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

from api.errors import error_body

RETRY_AFTER_SECONDS = 30


# Words of the drivers' messages for a database that cannot be reached or used right now
# (SQLite also raises OperationalError for a query it cannot parse: that is a bug, a 500).
OUTAGE_WORDS = ("connect", "server closed", "terminating", "shutting down", "refused", "timeout", "timed out",
                "database is locked", "unable to open", "no route", "ssl", "broken pipe", "recovery mode")


def is_database_outage(error: BaseException | None) -> bool:
    """Connection-level failures (refused, dropped, server gone), not a bad query."""
    if isinstance(error, InterfaceError):
        return True
    if isinstance(error, OperationalError | DatabaseError):
        message = str(error).lower()
        return any(word in message for word in OUTAGE_WORDS)
    return False


def server_error(request, *args, **kwargs):
    error = sys.exc_info()[1]
    api = request.path.startswith("/api/")
    if is_database_outage(error):
        if api:
            response = JsonResponse(
                error_body("unavailable", _("The service is briefly unavailable. Please try again in a minute.")), status=503
            )
        else:
            response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    if api:
        return JsonResponse(error_body("server_error", _("Something went wrong on our side. Please try again.")), status=500)
    return HttpResponse(loader.render_to_string("500.html"), status=500)
