"""The API's interactive documentation: Swagger UI, served from drf-spectacular-sidecar's files.

Its page has one inline script (the settings, the schema's address and the CSRF token, so it
differs per response) and one inline style. Both carry a nonce drawn for each response, and
the page's Content-Security-Policy runs nothing else: no other inline code, no script or
style from another site, no eval.
"""

from __future__ import annotations

import secrets

from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.negotiation import DefaultContentNegotiation

from api.errors import JSONErrorsMixin


def docs_policy(nonce: str) -> str:
    """Our own files, the two inline blocks carrying `nonce`, the schema fetched from here."""
    return (
        f"default-src 'none'; script-src 'self' 'nonce-{nonce}'; "
        f"style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; connect-src 'self'; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )


class FormatParameterNegotiation(DefaultContentNegotiation):
    """`?format=json` or `?format=yaml` picks the schema's format, as drf-spectacular documents.

    The API itself takes no `format` parameter (URL_FORMAT_OVERRIDE is off); the schema does."""

    def select_renderer(self, request, renderers, format_suffix=None):
        requested = format_suffix or request.query_params.get("format")
        return super().select_renderer(request, renderers, requested)


class SchemaView(JSONErrorsMixin, SpectacularAPIView):
    content_negotiation_class = FormatParameterNegotiation


class DocsView(JSONErrorsMixin, SpectacularSwaggerView):
    template_name = "api/swagger_ui.html"

    @extend_schema(exclude=True)  # a page about the API, not a part of it
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        nonce = secrets.token_urlsafe(18)
        response.data["csp_nonce"] = nonce
        response.headers["Content-Security-Policy"] = docs_policy(nonce)
        # A nonce is good for one response only: no shared cache may hand it out again.
        response.headers["Cache-Control"] = "no-store"
        return response
