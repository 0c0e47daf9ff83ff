"""Error pages for failures outside any view's own handling (middleware, templates).

A database that cannot be reached is not a bug in the request: it gets 503 with Retry-After,
so clients and CDNs retry instead of caching a failure. The API keeps its JSON error format.
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

from api.errors import DatabaseUnavailable, error_body


def _database_down() -> bool:
    return isinstance(sys.exc_info()[1], OperationalError | InterfaceError)


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
    if request.path.startswith("/api/"):
        response = JsonResponse(error_body(status, code, message), status=status)
    else:
        template = loader.get_template("error.html")
        response = HttpResponse(
            template.render({"status": status, "message": message}, request), status=status
        )
    if status == 503:
        response["Retry-After"] = str(DatabaseUnavailable.wait)
    response["Cache-Control"] = "no-store"
    return response
