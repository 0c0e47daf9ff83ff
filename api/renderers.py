"""Renderers beyond JSON: JSON-LD for ClaimReview, CSV for spreadsheets."""

from __future__ import annotations

import csv
import io
import re

from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.renderers import BaseRenderer, BrowsableAPIRenderer, JSONRenderer

# A cell starting with one of these runs as a formula in a spreadsheet.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A comparator alone ("=", "<", "≥"…) has nothing to compute: it is text in any spreadsheet.
_COMPARATOR_ALONE = re.compile(r"[=<>≈≤≥]{1,2}")


# DRF's browsable page: its own scripts and styles only. Its markup sets a few style
# attributes (a dropdown's float), which style-src-attr allows; no inline script runs.
BROWSABLE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; "
    "style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


class ReadOnlyBrowsableRenderer(BrowsableAPIRenderer):
    """The public API as a page for a person with a browser, under its own CSP.

    Chosen only when the request prefers HTML (a browser), never for `*/*` or JSON; it
    carries a CSRF token, so it is never kept by a shared cache."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Security-Policy"] = BROWSABLE_POLICY
            response["Cache-Control"] = "private, no-cache"
        return super().render(data, accepted_media_type, renderer_context)

    def show_form_for_method(self, view, method, request, obj):
        return False  # public reads: nothing to send

    def get_context(self, data, accepted_media_type, renderer_context):
        context = super().get_context(data, accepted_media_type, renderer_context)
        # Pygments' colours come as an inline <style> the policy refuses; we render no code.
        context["code_style"] = None
        return context


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


def spreadsheet_safe(value) -> str:
    """A cell no spreadsheet runs, and that reads back as the JSON's value wherever it can.

    Numbers (a sign included) and a comparator alone are written as they are; any other text
    that a spreadsheet would start a formula with gets a leading apostrophe (docs/api.md)."""
    text = "" if value is None else str(value)
    if (
        text.startswith(_FORMULA_STARTS)
        and not _is_number(text)
        and not _COMPARATOR_ALONE.fullmatch(text)
    ):
        return "'" + text
    return text


# A sign, digits and at most one decimal point: `float()` would also take `-inf` or `+1_000`.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


def _is_number(text: str) -> bool:
    return _NUMBER.fullmatch(text) is not None


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        """`data` is {"header": [...], "rows": [[...], ...]}."""
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(data["header"])
        for row in data["rows"]:
            writer.writerow([spreadsheet_safe(cell) for cell in row])
        # A byte-order mark so spreadsheet programs read the Chinese text as UTF-8.
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")


class FixedFormat(BaseContentNegotiation):
    """Answer in the endpoint's one format, whatever Accept says (CSV is CSV; JSON-LD is JSON)."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type
