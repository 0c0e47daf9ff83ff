"""How numbers are stored: exactly, as decimals, on every supported database."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

VALUE_MAX_DIGITS = 24
VALUE_DECIMAL_PLACES = 6
# SQLite keeps 15 significant digits exactly; refusing more keeps both databases exact.
VALUE_SIGNIFICANT_DIGITS = 15


def validate_exact_value(value: Decimal) -> None:
    if value is None:
        return
    if not value.is_finite():
        raise ValidationError(_("Enter a finite number."), code="invalid")
    significant = len(value.normalize().as_tuple().digits)
    if significant > VALUE_SIGNIFICANT_DIGITS:
        raise ValidationError(
            _("Use at most %(max)s significant digits."),
            code="max_significant_digits",
            params={"max": VALUE_SIGNIFICANT_DIGITS},
        )
