"""Checks of single fields of a fixture record, each failing with a message naming the field."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from claims.models.numbers import VALUE_DECIMAL_PLACES, VALUE_SIGNIFICANT_DIGITS
from sources.fields import DatePrecision
from sources.uri import normalise_url

SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_LENGTHS = {
    "slug": 120,
    "title": 500,
    "name": 200,
    "url": 2000,
    "archive_url": 2000,
    "language": 20,
    "quote_language": 20,
    "authors": 500,
    "quote_prefix": 200,
    "quote_suffix": 200,
    "claimant": 300,
    "period": 100,
    "place": 100,
    "locator": 200,
    "original_title": 500,
    "original_url": 2000,
    "original_publisher": 200,
}


class FixtureError(ValueError):
    """The fixture file is malformed; the message names the record and the field."""


def records_of(value: list, kind: str) -> list[dict]:
    for number, record in enumerate(value, start=1):
        if not isinstance(record, dict):
            raise FixtureError(f"{kind} {number}: must be a JSON object.")
    return value


def label_of(kind: str, raw) -> str:
    slug = raw.get("slug") if isinstance(raw, dict) else None
    return f"{kind} '{slug}'" if isinstance(slug, str) and slug else f"{kind} without a slug"


def check_keys(raw: dict, fields: dict, label: str, optional: dict | None = None) -> None:
    optional = optional or {}
    for name in fields:
        if name not in raw:
            raise FixtureError(f"{label}: field '{name}' is missing.")
    for name in raw:
        if name not in fields and name not in optional:
            raise FixtureError(f"{label}: field '{name}' is not a known field.")
    for name, expected in {**fields, **optional}.items():
        if name not in raw:
            continue
        value = raw[name]
        # bool is an int in Python; a paragraph number of `true` is still a mistake.
        wrong_bool = isinstance(value, bool) and expected is not bool
        if wrong_bool or not isinstance(value, expected):
            raise FixtureError(f"{label}: field '{name}' has the wrong type ({_json_type(value)}).")


def check_texts(raw: dict, label: str, required: tuple[str, ...]) -> None:
    for name in required:
        if not raw[name].strip():
            raise FixtureError(f"{label}: field '{name}' must not be empty.")
    if "slug" in raw and not SLUG_RE.match(raw["slug"]):
        raise FixtureError(f"{label}: field 'slug' may hold only letters, digits, - and _.")
    for name, limit in MAX_LENGTHS.items():
        if isinstance(raw.get(name), str) and len(raw[name]) > limit:
            raise FixtureError(f"{label}: field '{name}' is longer than {limit} characters.")


def check_url(raw: dict, name: str, label: str, notes: list[str]) -> str:
    """The address as it will be stored: an RFC 3986 URI (sources/uri.py). One the file
    writes otherwise is noted in `notes`, so that the load says what it stores."""
    given = raw[name]
    url = normalise_url(given)
    if url and not re.match(r"^https?://[^\s/?#]+[^\s]*$", url):
        raise FixtureError(
            f"{label}: field '{name}': only http:// and https:// addresses are accepted, "
            f"not '{given[:60]}'."
        )
    if len(url) > MAX_LENGTHS[name]:
        raise FixtureError(
            f"{label}: field '{name}' is longer than {MAX_LENGTHS[name]} characters once "
            f"percent-encoded."
        )
    if url != given:
        notes.append(f"{label}: field '{name}': stored as '{url}'.")
    return url


def check_reference(raw: dict, name: str, known: set[str], label: str, kind: str) -> None:
    if raw[name] not in known:
        raise FixtureError(f"{label}: field '{name}': no {kind} '{raw[name]}' in the file.")


def check_choice(raw: dict, name: str, allowed, label: str, what: str = "") -> None:
    if raw[name] not in allowed:
        shown = ", ".join(repr(choice) for choice in allowed)
        raise FixtureError(
            f"{label}: field '{name}': unknown {what or name} '{raw[name]}' (one of {shown})."
        )


def parse_decimal(raw: dict, name: str, label: str) -> Decimal | None:
    text = raw[name]
    if text is None:
        return None
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or text.strip() != text:
        raise FixtureError(f"{label}: field '{name}': '{text}' is not a decimal number.")
    digits = value.normalize().as_tuple()
    if len(digits.digits) > VALUE_SIGNIFICANT_DIGITS:
        raise FixtureError(
            f"{label}: field '{name}': use at most {VALUE_SIGNIFICANT_DIGITS} significant digits."
        )
    if -digits.exponent > VALUE_DECIMAL_PLACES:
        raise FixtureError(
            f"{label}: field '{name}': use at most {VALUE_DECIMAL_PLACES} decimal places."
        )
    return value


def parse_date(raw: dict, name: str, label: str) -> date | None:
    text = raw[name]
    if text is None:
        return None
    try:
        if not DATE_RE.match(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise FixtureError(f"{label}: field '{name}': '{text}' is not a YYYY-MM-DD date.") from None


def parse_moment(raw: dict, name: str, label: str) -> datetime | None:
    """An ISO 8601 date and time with its UTC offset, such as 2026-11-29T22:12:52Z."""
    text = raw.get(name)
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise FixtureError(
            f"{label}: field '{name}': '{text}' is not a date and time with its UTC offset "
            f"(such as 2026-11-29T22:12:52Z)."
        )
    return moment


def parse_partial_date(raw: dict, name: str, precision_name: str, label: str) -> date | None:
    day = parse_date(raw, name, label)
    precision = raw[precision_name]
    if day is None:
        if precision:
            raise FixtureError(f"{label}: field '{precision_name}': there is no date to qualify.")
        return None
    check_choice(raw, precision_name, DatePrecision.values, label)
    # A month or a year is written as its first day, so two files never disagree on it.
    if (precision == DatePrecision.MONTH and day.day != 1) or (
        precision == DatePrecision.YEAR and (day.month, day.day) != (1, 1)
    ):
        raise FixtureError(
            f"{label}: field '{name}': write a date known to the {precision} as its first day."
        )
    return day


def unique_slugs(records: list[dict], kind: str) -> set[str]:
    slugs: set[str] = set()
    for record in records:
        if record["slug"] in slugs:
            raise FixtureError(f"{kind} '{record['slug']}': field 'slug' is used twice.")
        slugs.add(record["slug"])
    return slugs


def unique_urls(records: list[dict], kind: str) -> None:
    urls: dict[str, str] = {}
    for record in records:
        if not record["url"]:
            continue
        other = urls.setdefault(record["url"], record["slug"])
        if other != record["slug"]:
            raise FixtureError(
                f"{kind} '{record['slug']}': field 'url': the same address as {kind} '{other}'."
            )


def _json_type(value) -> str:
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "an object",
        type(None): "null",
    }.get(type(value), type(value).__name__)
