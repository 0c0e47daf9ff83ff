"""Errors in Google's JSON shape, for claims:search, so Google's own clients read them.

    {"error": {"code": 400, "message": "…", "status": "INVALID_ARGUMENT", "details": [...]}}

`status` is the google.rpc.Code name that goes with the HTTP status; a request's field errors
travel as a google.rpc.BadRequest detail (`fieldViolations`), as Google's APIs send them.
"""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.response import Response

from api.errors import exception_handler

BAD_REQUEST_TYPE = "type.googleapis.com/google.rpc.BadRequest"

# google.rpc.Code's mapping to HTTP (google/rpc/code.proto).
RPC_STATUS = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    405: "UNIMPLEMENTED",
    406: "INVALID_ARGUMENT",
    409: "ABORTED",
    412: "FAILED_PRECONDITION",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    501: "UNIMPLEMENTED",
    503: "UNAVAILABLE",
}


def google_error_body(status_code: int, message: str, errors: dict | None = None) -> dict:
    error = {
        "code": status_code,
        "message": message,
        "status": RPC_STATUS.get(status_code, "UNKNOWN"),
    }
    violations = [
        {"field": field, "description": description}
        for field, descriptions in (errors or {}).items()
        for description in descriptions
    ]
    if violations:
        error["details"] = [{"@type": BAD_REQUEST_TYPE, "fieldViolations": violations}]
    return {"error": error}


def google_exception_handler(exc: Exception, context: dict) -> Response:
    """Our handler's answer (status, headers, logging), reshaped as Google's error."""
    response = exception_handler(exc, context)
    body = response.data
    # Google's clients show `message` (HttpError.reason): name what is wrong right there.
    message = "; ".join(
        f"{field}: {description}"
        for field, descriptions in body["errors"].items()
        for description in descriptions
    )
    response.data = google_error_body(body["status"], message or body["message"], body["errors"])
    return response


class FieldViolationSerializer(serializers.Serializer):
    field = serializers.CharField()
    description = serializers.CharField()


class ErrorDetailSerializer(serializers.Serializer):
    fieldViolations = FieldViolationSerializer(many=True)  # noqa: N815

    def get_fields(self):
        # "@type" is no Python name; only the schema reads these serializers.
        return {"@type": serializers.CharField(), **super().get_fields()}


class GoogleErrorBodySerializer(serializers.Serializer):
    code = serializers.IntegerField(help_text="The HTTP status code, repeated.")
    message = serializers.CharField(help_text="What went wrong, for a person to read.")
    status = serializers.ChoiceField(
        choices=sorted(set(RPC_STATUS.values())), help_text="The google.rpc.Code name."
    )
    details = ErrorDetailSerializer(
        many=True, required=False, help_text="Field errors, as google.rpc.BadRequest."
    )


class GoogleErrorSerializer(serializers.Serializer):
    error = GoogleErrorBodySerializer()
