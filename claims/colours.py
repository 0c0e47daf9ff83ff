"""Colour contrast as WCAG 2 measures it: verdict colours carry white text in badges and chips."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
WHITE = "#ffffff"
# WCAG 2 level AA for normal text.
READABLE_CONTRAST = 4.5


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""
    channels = []
    for start in (1, 3, 5):
        value = int(colour[start : start + 2], 16) / 255
        channels.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def validate_readable_under_white(colour: str) -> None:
    """A verdict colour carries white text: it must reach WCAG AA against white."""
    if not isinstance(colour, str) or not HEX_COLOUR.match(colour):
        raise ValidationError(_("Give a hex colour such as #1a7f37."), code="invalid")
    ratio = contrast_ratio(colour, WHITE)
    if ratio < READABLE_CONTRAST:
        raise ValidationError(
            _(
                "White text on %(colour)s has a contrast of %(ratio).2f:1; choose a darker "
                "colour that reaches 4.5:1 (WCAG AA)."
            ),
            code="low_contrast",
            params={"colour": colour, "ratio": ratio},
        )
