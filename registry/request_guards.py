"""Checks on a request before any view reads it."""

from __future__ import annotations

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _


def _fields_with_nul(request) -> list[str]:
    fields = [key for key, values in request.GET.lists() if "\x00" in key + "".join(values)]
    if "\x00" in request.path:
        fields.append("path")
    return fields


def refuse_nul_bytes(get_response):
    """A NUL byte in the address or query is a 400: no text we keep can contain one, and
    PostgreSQL refuses it in a query, which would otherwise end in a 500."""

    def middleware(request):
        fields = _fields_with_nul(request)
        if not fields:
            return get_response(request)
        message = _("The address contains a NUL character.")
        if request.path.startswith("/api/"):
            from api.errors import error_body

            errors = {field.replace("\x00", ""): [message] for field in fields}
            return JsonResponse(error_body(400, "invalid", message, errors), status=400)
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")

    return middleware
