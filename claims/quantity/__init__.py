"""Quantities in news text: 2985.7萬, 逾五成, nearly 30 million — parsed, found and formatted.

Pure Python, no Django: the admin, the API, the checks and the extraction all call this.
"""

from __future__ import annotations

from claims.quantity.formatting import format, number
from claims.quantity.scan import (
    APPROXIMATE,
    COMPARATORS,
    EQUAL,
    GREATER,
    GREATER_EQUAL,
    IRREGULAR_GROUPING,
    LESS,
    LESS_EQUAL,
    UNITS,
    Found,
    Quantity,
    find_all,
    normalise,
    parse,
)

__all__ = [
    "APPROXIMATE",
    "COMPARATORS",
    "EQUAL",
    "GREATER",
    "GREATER_EQUAL",
    "IRREGULAR_GROUPING",
    "LESS",
    "LESS_EQUAL",
    "UNITS",
    "Found",
    "Quantity",
    "find_all",
    "format",
    "normalise",
    "number",
    "parse",
]
