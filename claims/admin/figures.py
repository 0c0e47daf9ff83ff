"""The value fields of the admin: figures shown and typed as editors write them."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from claims import quantity

PLAIN_NUMBER = re.compile(r"[-−]?\d+(?:\.\d+)?")
NOT_A_FIGURE = _("Write the number as an article would: 11,580,000, 11.58 million, 1158萬 or 18.9.")
NUMBER_ONLY = _("Write only the number here: the comparator and the unit have their own fields.")


def read_figure(text: str) -> Decimal:
    """The number an editor typed ('1158萬', '11.58 million', '-2.5'); ValidationError if none."""
    text = text.strip()
    if PLAIN_NUMBER.fullmatch(text):
        return Decimal(text.replace("−", "-"))
    found = quantity.find_all(text)
    whole = len(found) == 1 and (found[0].start, found[0].end) == (0, len(text))
    if not whole or found[0].quantity.flags:
        raise forms.ValidationError(NOT_A_FIGURE, code="invalid")
    reading = found[0].quantity
    if reading.unit or reading.comparator != quantity.EQUAL:
        raise forms.ValidationError(NUMBER_ONLY, code="not_a_number_only")
    return reading.value


class FigureInput(forms.TextInput):
    """A text input showing the figure as written, with the exact number it reads as beside it."""

    template_name = "admin/claims/widgets/figure_input.html"

    def format_value(self, value):
        if isinstance(value, Decimal):
            return quantity.number(value, translation.get_language() or "en")
        return super().format_value(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        try:
            exact = read_figure(str(value)) if value not in (None, "") else None
        except forms.ValidationError:
            exact = None
        context["widget"]["reading"] = "" if exact is None else f"{exact.normalize():,f}"
        return context


class FigureField(forms.DecimalField):
    widget = FigureInput

    def __init__(self, **kwargs):
        kwargs.pop("localize", None)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("size", 16)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        return read_figure(str(value))


# For a ModelAdmin's formfield_overrides: every stored figure is typed and shown this way.
FIGURE_FIELDS = {models.DecimalField: {"form_class": FigureField}}
