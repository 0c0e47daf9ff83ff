"""OpenAPI generation: every operation documents the errors it can answer with."""

from __future__ import annotations

import django_filters
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.openapi import AutoSchema
from rest_framework import permissions, serializers

from api.filters import IdFilter


class ErrorSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text="The HTTP status code, repeated.")
    code = serializers.CharField(help_text="A stable machine-readable code: not_found, invalid…")
    message = serializers.CharField(help_text="What went wrong, for a person to read.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages per request field; empty when no field is at fault.",
    )


ERROR_DESCRIPTIONS = {
    "400": "The request has errors (see `errors`).",
    "401": "No token, or a token that is not valid.",
    "403": "The token's user may not do this.",
    "404": "Nothing here: no such record, page or cursor.",
    "405": "This address does not take this method; the Allow header lists those it takes.",
    "406": "The Accept header names no format this address answers in (JSON here).",
    "412": "If-Match names an older version of the claim.",
    "428": "If-Match is missing.",
    "422": "Nothing could be done with the record as it is; `message` says why.",
    "429": "Too many requests; retry after the Retry-After header's seconds.",
    "500": "An error on the server.",
    "503": "The database cannot be reached for a moment; retry after Retry-After's seconds.",
}


class RegistryFilterExtension(DjangoFilterExtension):
    """Our filters as the server reads them: ids are integers, and a list is the repeated
    parameter OpenAPI clients send by default (`explode: true`), commas being accepted too."""

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        for parameter in parameters:
            if isinstance(filter_field, IdFilter):
                field = filter_field.field
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": field.min_value,
                    "maximum": field.max_value,
                }
            if isinstance(filter_field, django_filters.BaseCSVFilter):
                parameter["explode"] = True
        return parameters


# Every public read carries its validators: send them back for a 304.
VALIDATOR_HEADERS = {
    "ETag": {
        "schema": {"type": "string"},
        "description": "Send it back as If-None-Match to get a 304 while nothing changed.",
    },
    "Last-Modified": {
        "schema": {"type": "string"},
        "description": "Send it back as If-Modified-Since to get a 304 while nothing changed.",
    },
}

WRITE_ACTIONS = {"submit", "return_to_draft", "publish", "change_verdict", "withdraw"}


class RegistryAutoSchema(AutoSchema):
    def _is_public(self) -> bool:
        classes = getattr(self.view, "permission_classes", [])
        return not classes or all(c is permissions.AllowAny for c in classes)

    def _takes_if_match(self) -> bool:
        # Deleting an evidence row, for one, is checked against the version read.
        parameters = self.get_override_parameters()
        return any(getattr(parameter, "name", None) == "If-Match" for parameter in parameters)

    def _error_codes(self) -> list[str]:
        codes = ["400", "404", "405", "406", "429", "500", "503"]
        action = getattr(self.view, "action", None)
        if not self._is_public() or self.method == "DELETE":
            codes += ["401", "403"]
        if self.method in ("PUT", "PATCH") or action in WRITE_ACTIONS or self._takes_if_match():
            codes += ["412", "428"]
        # A view may name further errors for a method, e.g. {"POST": ["401"]}.
        codes += getattr(self.view, "documented_errors", {}).get(self.method, [])
        return codes

    def get_filter_backends(self) -> list:
        # The CSV export answers with text, not a list, yet takes the list's filters.
        if getattr(self.view, "action", None) == "export":
            return getattr(self.view, "filter_backends", [])
        return super().get_filter_backends()

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self.method == "GET" and self._is_public():
            responses.setdefault("304", {"description": "Not modified since the ETag you sent."})
            if "200" in responses:
                responses["200"].setdefault("headers", {}).update(VALIDATOR_HEADERS)
        for code in self._error_codes():
            if code not in responses:
                body = self._get_response_for_code(
                    getattr(self.view, "error_serializer", ErrorSerializer),
                    code,
                    media_types=["application/json"],
                    direction=direction,
                )
                body["description"] = ERROR_DESCRIPTIONS[code]
                responses[code] = body
        return responses


def _exact_schema(node) -> None:
    if isinstance(node, dict):
        # OpenAPI 3.1 has no `nullable`: DRF's pagination and our own hints still say it.
        if node.pop("nullable", False) is True and isinstance(node.get("type"), str):
            node["type"] = [node["type"], "null"]
        # A blank-or-URL field: "" must match one branch only, so a URL is never empty.
        branches = node.get("oneOf", [])
        if len(branches) == 2 and branches[1] == {"type": "string", "maxLength": 0}:
            branches[0].setdefault("minLength", 1)
        for value in node.values():
            _exact_schema(value)
    elif isinstance(node, list):
        for value in node:
            _exact_schema(value)


def exact_for_validators(result: dict, generator, request, public) -> dict:
    """Say exactly what the server sends, as strict validators (openapi-core) read it."""
    _exact_schema(result)
    return result
