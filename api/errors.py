"""One error format for every 4xx answer of the API: {"error": {"code", "message", "fields"}}.

Services raise Django's ValidationError, PermissionDenied (FeatureUnavailable for
a space's level) and Http404; DRF raises its own exceptions. All become the same
shape here, so a client handles one format, and nothing unexpected is a 500.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from community.tiers import FeatureUnavailable


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def _flatten(detail) -> list[str]:
    if isinstance(detail, dict):
        return [message for value in detail.values() for message in _flatten(value)]
    if isinstance(detail, list | tuple):
        return [message for value in detail for message in _flatten(value)]
    return [str(detail)]


def _fields(detail) -> dict[str, list[str]]:
    if not isinstance(detail, dict):
        return {}
    return {str(name): _flatten(value) for name, value in detail.items() if name not in ("non_field_errors", "__all__")}


def _from_validation(detail, code: str = "invalid") -> Response:
    fields = _fields(detail)
    general = []
    if isinstance(detail, dict):
        general = _flatten(detail.get("non_field_errors", [])) + _flatten(detail.get("__all__", []))
    else:
        general = _flatten(detail)
    if general:
        message = " ".join(general)
    elif fields:
        message = _("Please check these fields: %(fields)s.") % {"fields": ", ".join(sorted(fields))}
    else:
        message = _("The request is not valid.")
    return Response(error_body(code, message, fields), status=400)


def api_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        code = getattr(exc, "code", None) or "invalid"
        return _from_validation(detail, code)
    if isinstance(exc, FeatureUnavailable):
        return Response(error_body("feature_unavailable", exc.message), status=403)
    if isinstance(exc, DjangoPermissionDenied):
        return Response(error_body("permission_denied", str(exc) or _("You may not do this.")), status=403)
    if isinstance(exc, Http404 | exceptions.NotFound):
        return Response(error_body("not_found", _("Not found.")), status=404)
    if isinstance(exc, RequestDataTooBig):
        return Response(error_body("too_large", _("The request body is too large.")), status=413)
    if isinstance(exc, exceptions.ValidationError):
        return _from_validation(exc.detail)

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
    code = codes if isinstance(codes, str) else "error"
    response.data = error_body(code, " ".join(_flatten(getattr(exc, "detail", response.data))))
    return response


def json_not_found(request, exception=None):
    """404 for unknown addresses under /api/, in the API's format."""
    return JsonResponse(error_body("not_found", _("Not found.")), status=404)


@csrf_exempt
def api_not_found(request, *args, **kwargs):
    """Any address under /api/ that no view serves, whatever the method: the API's 404."""
    return json_not_found(request)
