"""Small formatting helpers for the public templates."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode, urlsplit

from django import template
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from claims import quantity
from claims.badges import valid_colour
from claims.models import Claim, Evidence, EvidenceRole
from public.language import chosen_language
from sources.fields import DatePrecision

register = template.Library()

FIRST_PUBLISHED = "First published."


@register.filter
def http_url(value: str) -> str:
    """`value` if it is an http(s) URL, otherwise "": no javascript: or data: links."""
    value = (value or "").strip()
    return value if urlsplit(value).scheme in ("http", "https") else ""


@register.filter
def figure(row: Claim | Evidence | None, language: str) -> str:
    """A claim's or a source's figure as the page's language writes it: '約1,158萬人'."""
    if row is None or row.value is None:
        return ""
    return quantity.format(
        quantity.Quantity(
            value=row.value,
            unit=row.unit or None,
            comparator=getattr(row, "comparator", "") or quantity.EQUAL,
        ),
        language or "en",
    )


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
    return _with_query(request.path, query, code)


@register.simple_tag(takes_context=True)
def query_url(context, **changes) -> str:
    """The current page with some query parameters changed; an empty value drops one."""
    request = context["request"]
    query = dict(request.GET.items())
    language = chosen_language(request)
    if language is None:  # an invalid `?lang=` is not echoed into our links
        query.pop("lang", None)
    for key, value in changes.items():
        if value:
            query[key] = value
        else:
            query.pop(key, None)
    return _with_query(request.path, query, language)


@register.simple_tag(takes_context=True)
def public_url(context, view_name: str, *args) -> str:
    """A page of ours, in the language the reader chose on this one with `?lang=`, if any.

    Nothing remembers the choice (no cookie): the links carry it, so a reader who picked a
    language keeps it from page to page, and plain `/` stays Accept-Language's.
    """
    return _with_query(reverse(view_name, args=args), {}, chosen_language(context["request"]))


@register.simple_tag(takes_context=True)
def feed_url(context, view_name: str, *args) -> str:
    """A feed of ours in this page's language: feed readers seldom send Accept-Language."""
    language = chosen_language(context["request"])
    if language is None and translation.get_language() != settings.LANGUAGE_CODE:
        language = translation.get_language()
    return _with_query(reverse(view_name, args=args), {}, language)


@register.simple_tag(takes_context=True)
def chosen_lang(context) -> str:
    """The language chosen with `?lang=`, normalised, or "" (a hostile value is never echoed)."""
    return chosen_language(context["request"]) or ""


def _with_query(path: str, query: dict, language: str | None) -> str:
    if language:
        query = {**query, "lang": language}
    return f"{path}?{urlencode(query)}" if query else path


@register.filter
def restatement_for(claim, language: str) -> str:
    return claim.restatement_in(language or "en")


@register.filter
def ruling_after_verdict(claim, language: str) -> str:
    """The ruling without the verdict it opens with ("Inaccurate. The…"): the page says it once."""
    ruling = claim.ruling_in(language or "en")
    if claim.verdict is None:
        return ruling
    # Either label: a Chinese page shows the English ruling where no translation exists yet.
    labels = "|".join(
        re.escape(label) for label in (claim.verdict.label_en, claim.verdict.label_zh_hant) if label
    )
    match = re.match(rf"\s*(?:{labels})\s*[.。:：!！]\s*", ruling, re.IGNORECASE)
    return ruling[match.end() :] if match else ruling


@register.filter
def published_date(record) -> str:
    """A publication date only as precisely as it is known, as the page's language writes it."""
    if record.published_on is None:
        return ""
    precision = record.published_precision
    if precision == DatePrecision.YEAR:
        return date_format(record.published_on, "Y")
    if precision == DatePrecision.MONTH:
        return date_format(record.published_on, "YEAR_MONTH_FORMAT")
    return date_format(record.published_on, "DATE_FORMAT")


def _shown_language(translation_exists: bool, language: str) -> str:
    """The language of a text shown on a page: Chinese where translated, else the English."""
    chinese = (language or "").lower().startswith("zh")
    return "zh-Hant" if chinese and translation_exists else "en"


@register.filter
def ruling_lang(claim, language: str) -> str:
    return _shown_language(bool(claim.ruling_zh_hant), language)


@register.filter
def restatement_lang(claim, language: str) -> str:
    return _shown_language(bool(claim.restatement_zh), language)


@register.filter
def reason_lang(change, language: str) -> str:
    legacy_default = change.reason == FIRST_PUBLISHED
    return _shown_language(bool(change.reason_zh_hant) or legacy_default, language)


@register.filter
def reason_for(change, language: str) -> str:
    # Log entries written before the default note was stored in both languages.
    if change.reason == FIRST_PUBLISHED and not change.reason_zh_hant:
        return _(FIRST_PUBLISHED)
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
        name = item.get("field", "")
        text = _stored_figure if name == "value" else _text
        lines.append(
            {
                "label": _field_label(name),
                "from": text(item.get("from")),
                "to": text(item.get("to")),
            }
        )
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


def _stored_figure(value, unit: str = "") -> str:
    """A figure as the log stored it (a string), written as the page's language writes it."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return _text(value)
    if not number.is_finite():
        return _text(value)
    reading = quantity.Quantity(value=number, unit=unit or None)
    return quantity.format(reading, translation.get_language() or "en")


def _evidence_summary(row: dict | None) -> str:
    if not row:
        return "—"
    parts = [str(EvidenceRole(row["role"]).label) if row.get("role") in EvidenceRole.values else ""]
    if row.get("value") not in (None, ""):
        parts.append(_stored_figure(row["value"], row.get("unit", "")))
    if row.get("excerpt"):
        parts.append(f"“{row['excerpt']}”")
    if not row.get("seen"):
        parts.append(str(_("not yet read")))
    return "; ".join(part for part in parts if part)
