"""One error format for every API response that is not a success.

    {"status": 404, "code": "not_found", "message": "No claim with this id.", "errors": {}}

`errors` maps a field (or "non_field_errors") to its messages; it is empty when the error is
not about the request's fields.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import set_rollback

from claims.workflow import ConflictError

logger = logging.getLogger(__name__)


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"
    default_detail = gettext_lazy("The claim changed since you read it. Fetch it again and retry.")


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_code = "precondition_required"
    default_detail = gettext_lazy(
        "Send If-Match with the claim's ETag, so no one's change is lost."
    )


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"
    default_detail = gettext_lazy("The request body is too large for the registry to read.")


class DatabaseUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "service_unavailable"
    default_detail = gettext_lazy(
        "The registry cannot reach its database for a moment. Try again shortly."
    )
    # Read by the handler below as the Retry-After header, as for throttling.
    wait = 30


# DRF's own messages for its standard errors, which its Traditional Chinese catalogue
# translates only in part: the API says them in its own words, translated with the rest.
STANDARD_MESSAGES = {
    exceptions.NotFound: gettext_lazy("Nothing was found at this address."),
    exceptions.NotAuthenticated: gettext_lazy(
        "Authentication credentials were not provided: send your API token."
    ),
    exceptions.PermissionDenied: gettext_lazy("You do not have permission to do this."),
    exceptions.NotAcceptable: gettext_lazy(
        "This endpoint cannot answer in any of the formats the Accept header asks for."
    ),
}


def _standard_message(exc: exceptions.APIException, request) -> str | None:
    """Our words for a standard error raised without a message of its own; None otherwise."""
    if isinstance(exc, exceptions.Throttled):
        wait = int(exc.wait or 0)
        return ngettext(
            "Request was throttled. Try again in %(wait)d second.",
            "Request was throttled. Try again in %(wait)d seconds.",
            wait,
        ) % {"wait": wait}
    if isinstance(exc, exceptions.MethodNotAllowed) and request is not None:
        own = exceptions.MethodNotAllowed(request.method).detail
        if str(exc.detail) == str(own):
            return _("The %(method)s method is not allowed here.") % {"method": request.method}
        return None
    message = STANDARD_MESSAGES.get(type(exc))
    if message is not None and str(exc.detail) == str(type(exc).default_detail):
        return str(message)
    return None


def error_body(status_code: int, code: str, message: str, errors: dict | None = None) -> dict:
    return {"status": status_code, "code": code, "message": str(message), "errors": errors or {}}


def _flatten(detail: Any) -> list[str]:
    if isinstance(detail, dict):
        return [message for value in detail.values() for message in _flatten(value)]
    if isinstance(detail, list):
        return [message for value in detail for message in _flatten(value)]
    return [str(detail)]


def _field_errors(detail: Any) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {str(field): _flatten(value) for field, value in detail.items()}
    return {"non_field_errors": _flatten(detail)}


def _from_django_validation(error: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(error, "error_dict"):
        return exceptions.ValidationError(error.message_dict)
    return exceptions.ValidationError({"non_field_errors": error.messages})


def exception_handler(exc: Exception, context: dict) -> Response:
    if isinstance(exc, DjangoValidationError):
        exc = _from_django_validation(exc)
    elif isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    elif isinstance(exc, ConflictError):
        exc = PreconditionFailed(str(exc))
    elif isinstance(exc, Http404):
        # Django's own 404 messages ("No Claim matches the given query.") are neither
        # translated nor meant for clients.
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) if str(exc) else None)
    elif isinstance(exc, OperationalError | InterfaceError):
        logger.warning("Database unreachable: %s", exc)
        exc = DatabaseUnavailable()

    if not isinstance(exc, exceptions.APIException):
        request = context.get("request")
        logger.exception("Unhandled error in the API", exc_info=exc)
        got_request_exception.send(sender=None, request=getattr(request, "_request", request))
        set_rollback()
        return Response(
            error_body(500, "server_error", _("Something went wrong on our side.")), status=500
        )

    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    set_rollback()

    if isinstance(exc, exceptions.ValidationError):
        errors = _field_errors(exc.detail)
        body = error_body(
            exc.status_code, "invalid", _("The request has errors; see the fields."), errors
        )
        messages = _flatten(exc.detail)
        if list(errors) == ["non_field_errors"] and messages:
            body["message"] = " ".join(messages)
    else:
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else exc.default_code
        message = _standard_message(exc, context.get("request"))
        body = error_body(exc.status_code, code, message or " ".join(_flatten(exc.detail)))
    return Response(body, status=exc.status_code, headers=headers)


class JSONErrorsMixin:
    """Errors are JSON in the one error format, even where a success is CSV, YAML or JSON-LD."""

    def finalize_response(self, request, response, *args, **kwargs):
        if response.status_code >= 400:
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


def json_error(status_code: int, code: str, message: str, errors: dict | None = None):
    return JsonResponse(error_body(status_code, code, message, errors), status=status_code)


@csrf_exempt  # whatever the method: there is nothing here to protect
def not_found(request, *args, **kwargs) -> JsonResponse:
    """The answer for any /api/ address that matches no endpoint."""
    return json_error(404, "not_found", _("There is no API endpoint at this address."))


def read_only_json(view):
    """A public JSON read outside DRF (badge JSON, oEmbed): another method is a 405 in the one
    error format, not a CSRF refusal page; errors the view does not handle are JSON too
    (registry/errors.py reads `answers_json`)."""

    @csrf_exempt  # it changes nothing, whatever is sent
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            refusal = exceptions.MethodNotAllowed(request.method)
            response = json_error(405, refusal.default_code, str(refusal.detail))
            response["Allow"] = "GET, HEAD"
            return response
        return view(request, *args, **kwargs)

    wrapper.answers_json = True
    return wrapper
