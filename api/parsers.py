"""The API's JSON parser: malformed bodies of any shape are a 400, never a crash."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers
from rest_framework.exceptions import ParseError


def holds_nul(value) -> bool:
    """Whether a parsed JSON value has a NUL character in any string, key or item."""
    pending = [value]
    while pending:  # a loop, not recursion: the JSON may be nested as deep as it parses
        value = pending.pop()
        if isinstance(value, str):
            if "\x00" in value:
                return True
        elif isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return False


def refuse_nul(data) -> None:
    """A NUL character anywhere in the body is a 400 naming its field.

    No text we keep can contain one (PostgreSQL refuses it in text and in a query), and
    checking here covers every field of every write, related ids and slugs included."""
    if not holds_nul(data):
        return
    message = _("Text cannot contain a NUL character.")
    if isinstance(data, dict):
        fields = [key for key, value in data.items() if holds_nul(key) or holds_nul(value)]
        errors = {key.replace("\x00", "") or "non_field_errors": [message] for key in fields}
    else:
        errors = {"non_field_errors": [message]}
    raise exceptions.ValidationError(errors)


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            # Thousands of nested brackets exhaust Python's decoder before they mean anything.
            raise ParseError(_("The JSON is nested too deeply.")) from None
        refuse_nul(data)
        return data
