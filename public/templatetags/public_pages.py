"""Small formatting helpers for the public templates."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlencode, urlsplit

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from claims.models import Claim, Evidence, EvidenceRole
from public.badges import valid_colour

register = template.Library()


@register.filter
def http_url(value: str) -> str:
    """`value` if it is an http(s) URL, otherwise "": no javascript: or data: links."""
    value = (value or "").strip()
    return value if urlsplit(value).scheme in ("http", "https") else ""


@register.filter
def plain_number(value: Decimal | None) -> str:
    """18.900 → 18.9, 1000.00 → 1000."""
    if value is None:
        return ""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@register.filter
def matches_claim(evidence, claim) -> bool | None:
    """Whether a read source's figure equals the claim's; None when it cannot be compared."""
    if not evidence.seen or evidence.value is None or claim.value is None:
        return None
    if evidence.unit != claim.unit:
        return None
    return evidence.value == claim.value


@register.simple_tag(takes_context=True)
def switch_language(context, code: str) -> str:
    """The current page in language `code`, keeping the other query parameters."""
    request = context["request"]
    query = {key: value for key, value in request.GET.items() if key != "lang"}
    query["lang"] = code
    return f"{request.path}?{urlencode(query)}"


@register.filter
def restatement_for(claim, language: str) -> str:
    return claim.restatement_in(language or "en")


@register.filter
def ruling_for(claim, language: str) -> str:
    return claim.ruling_in(language or "en")


@register.filter
def reason_for(change, language: str) -> str:
    return change.reason_in(language or "en")


@register.filter
def label_for(verdict, language: str) -> str:
    return verdict.label(language or "en") if verdict else ""


@register.filter
def hex_colour(value: str) -> str:
    return valid_colour(value)


@register.filter
def change_lines(change) -> list[dict]:
    """What an "updated" log entry changed, each as a label and the text before and after."""
    lines = []
    for item in change.changes or []:
        if item.get("field") == "evidence":
            label = _("evidence from “%(source)s”") % {"source": item.get("source", "")}
            lines.append(
                {
                    "label": label,
                    "from": _evidence_summary(item.get("from")),
                    "to": _evidence_summary(item.get("to")),
                }
            )
            continue
        label = _field_label(item.get("field", ""))
        lines.append({"label": label, "from": _text(item.get("from")), "to": _text(item.get("to"))})
    return lines


@register.filter
def changed_fields(change) -> list[str]:
    """What an "updated" log entry changed, in words, each once: "claimant", "evidence"."""
    labels = []
    for item in change.changes or []:
        label = _field_label(item.get("field", ""))
        if label not in labels:
            labels.append(label)
    return labels


def _field_label(name: str) -> str:
    if name == "evidence":
        return str(Evidence._meta.verbose_name_plural)
    try:
        return str(Claim._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a field since renamed: its stored name
        return name


def _text(value) -> str:
    return "—" if value in (None, "") else str(value)


def _evidence_summary(row: dict | None) -> str:
    if not row:
        return "—"
    parts = [str(EvidenceRole(row["role"]).label) if row.get("role") in EvidenceRole.values else ""]
    if row.get("value") not in (None, ""):
        parts.append(f"{row['value']} {row.get('unit', '')}".strip())
    if row.get("excerpt"):
        parts.append(f"“{row['excerpt']}”")
    if not row.get("seen"):
        parts.append(str(_("not yet read")))
    return "; ".join(part for part in parts if part)
