"""OpenAPI schema: every operation documents its error answers in the one error format."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

ERROR_STATUSES = {
    "400": "Bad input: the message says what is wrong, `fields` which fields.",
    "401": "Not logged in (send `Authorization: Token …`).",
    "403": "Not allowed: the message says why (a role, a sanction, or the space's level).",
    "404": "Not found, or not visible to you: the same answer either way.",
    "413": "The request body is too large.",
    "429": "Too many requests; `Retry-After` says how many seconds to wait.",
}


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()


class CommunityAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for status, description in ERROR_STATUSES.items():
            if status not in responses:
                responses[status] = self._get_response_for_code(
                    OpenApiResponse(response=ErrorSerializer, description=description), status, direction=direction
                )
        return responses


def forbid_unknown_request_fields(result, generator, request, public):
    """Post-processing hook: request bodies accept only their documented fields (the API refuses others)."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request") and component.get("type") == "object":
            component["additionalProperties"] = False
    return result


def only_api_v1(endpoints, **kwargs):
    """Pre-processing hook: the schema documents this API only (not Wagtail's internal admin API)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
