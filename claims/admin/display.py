"""Small HTML pieces the claim admin shows: verdict chips, values with their units, tables."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString

from claims import quantity
from claims.models import Claim, Verdict


def verdict_chip(verdict: Verdict) -> str:
    # The colour is checked by a database constraint (#rrggbb); the label is escaped.
    return format_html(
        '<span class="verdict-chip" style="background:{};color:#fff;padding:1px 8px;'
        'border-radius:9px;white-space:nowrap;font-weight:600">{}</span>',
        verdict.colour,
        verdict.label(),
    )


def claim_value(claim: Claim) -> str:
    """`about 3.5%`, `約1,158萬人`: the figure as the editor's language writes it."""
    if claim.value is None:
        return ""
    reading = quantity.Quantity(
        value=claim.value, unit=claim.unit or None, comparator=claim.comparator or quantity.EQUAL
    )
    return quantity.format(reading, translation.get_language() or "en")


# Three fixed styles for a machine check's label; never a colour taken from data.
TONE_STYLES = {
    "ok": "background:#1a7f37;color:#fff",
    "note": "background:#6e7781;color:#fff",
    "flag": "background:#cf222e;color:#fff",
}


def check_label(tone: str, text: str) -> str:
    return format_html(
        '<span class="check-label check-{}" style="{};padding:1px 8px;border-radius:9px;'
        'white-space:nowrap;font-weight:600">{}</span>',
        tone,
        TONE_STYLES[tone],
        text,
    )


def readonly_table(css_class: str, headers, rows, *, note: str = "") -> SafeString:
    """A read-only field's table: one row per item, every cell escaped unless already safe."""
    return render_to_string(
        "admin/claims/readonly_table.html",
        {"css_class": css_class, "headers": headers, "rows": rows, "note": note},
    )
