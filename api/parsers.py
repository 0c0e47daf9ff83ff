"""The API's JSON parser: malformed bodies of any shape are a 400, never a crash."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            # Thousands of nested brackets exhaust Python's decoder before they mean anything.
            raise ParseError(_("The JSON is nested too deeply.")) from None
