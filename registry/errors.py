"""Error pages for failures outside any view's own handling (middleware, templates).

A database that cannot be reached is not a bug in the request: it gets 503 with Retry-After,
so clients and CDNs retry instead of caching a failure. The API keeps its JSON error format.
Every one of them, the admin's included, carries the public pages' Content-Security-Policy:
the page runs no script and loads nothing.
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

from api.errors import DatabaseUnavailable, error_body
from public.headers import PAGE_POLICY


def _database_down() -> bool:
    return isinstance(sys.exc_info()[1], OperationalError | InterfaceError)


def _answers_json(request: HttpRequest) -> bool:
    match = getattr(request, "resolver_match", None)
    view = getattr(match, "func", None)
    return request.path.startswith("/api/") or getattr(view, "answers_json", False)


def _error_page(request: HttpRequest, status: int, code: str, message: str) -> HttpResponse:
    if _answers_json(request):
        response = JsonResponse(error_body(status, code, message), status=status)
    else:
        template = loader.get_template("error.html")
        response = HttpResponse(
            template.render({"status": status, "message": message}, request), status=status
        )
    response["Content-Security-Policy"] = PAGE_POLICY
    return response


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    if _database_down():
        status, code, message = (
            503,
            DatabaseUnavailable.default_code,
            str(DatabaseUnavailable.default_detail),
        )
    else:
        status, code, message = 500, "server_error", _("Something went wrong on our side.")
    response = _error_page(request, status, code, message)
    if status == 503:
        response["Retry-After"] = str(DatabaseUnavailable.wait)
    response["Cache-Control"] = "no-store"
    return response


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error_page(request, 400, "bad_request", _("The request could not be understood."))


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error_page(
        request, 403, "permission_denied", _("You do not have permission to see this page.")
    )


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error_page(request, 404, "not_found", _("There is nothing at this address."))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its CSRF token, or from another site (CSRF_FAILURE_VIEW)."""
    message = _(
        "This form has expired or was sent from another site. Go back, reload the page and "
        "send it again."
    )
    return _error_page(request, 403, "csrf_failed", message)
