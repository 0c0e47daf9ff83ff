"""Read and check a fixture file before anything touches the database.

Every problem is reported as a `FixtureError` naming the record (by its slug) and the field, so
whoever edits the file can find the line to fix. The checks mirror the models' own rules (choices,
URL schemes, exact decimals, date precision) so a bad file is refused whole, up front, rather
than half-loaded.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from claims.models.claim import (
    PUBLIC_ID_ALPHABET,
    PUBLIC_ID_LENGTH,
    ClaimKind,
    ClaimStatus,
    Comparator,
    Unit,
)
from claims.models.evidence import EvidenceRole
from claims.models.numbers import VALUE_DECIMAL_PLACES, VALUE_SIGNIFICANT_DIGITS
from sources.fields import DatePrecision
from sources.models import SourceKind

SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
PUBLIC_ID_RE = re.compile(rf"^[{PUBLIC_ID_ALPHABET}]{{{PUBLIC_ID_LENGTH}}}$")
# A loaded claim can be drafted, in review or published; withdrawing is an editor's decision.
LOADABLE_STATUSES = [ClaimStatus.DRAFT, ClaimStatus.REVIEW, ClaimStatus.PUBLISHED]
ELLIPSIS = "..."

PUBLISHER_FIELDS = {"slug": str, "name": str, "url": str}
SOURCE_FIELDS = {
    "slug": str,
    "title": str,
    "url": str,
    "publisher": str,
    "kind": str,
    "published_on": (str, type(None)),
    "published_precision": str,
    "language": str,
    "archive_url": str,
    "accessed_on": (str, type(None)),
}
ARTICLE_FIELDS = {
    "slug": str,
    "title": str,
    "url": str,
    "outlet": str,
    "published_on": (str, type(None)),
    "published_precision": str,
    "language": str,
    "authors": str,
    "source": (str, type(None)),
    "text_file": str,
}
CLAIM_FIELDS = {
    "slug": str,
    "public_id": str,
    "article": str,
    "paragraph": int,
    "quote": str,
    "quote_prefix": str,
    "quote_suffix": str,
    "quote_language": str,
    "restatement": str,
    "claimant": str,
    "kind": str,
    "value": (str, type(None)),
    "comparator": str,
    "unit": str,
    "period": str,
    "place": str,
    "status": str,
    "verdict": str,
    "ruling": str,
    "ruling_zh_hant": str,
    "research_notes": str,
    "evidence": list,
}
# Only needed when the verdict of an already published claim changes: the public log says why.
CLAIM_OPTIONAL_FIELDS = {"verdict_change_reason": str}
EVIDENCE_FIELDS = {
    "source": str,
    "role": str,
    "locator": str,
    "excerpt": str,
    "value": (str, type(None)),
    "unit": str,
    "seen": bool,
    "note": str,
}
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
}


class FixtureError(ValueError):
    """The fixture file is malformed; the message names the record and the field."""


@dataclass(frozen=True)
class Fixture:
    """A checked fixture file: its records, plain and ready for the upsert."""

    path: Path
    publishers: list[dict]
    sources: list[dict]
    articles: list[dict]
    claims: list[dict]


def read_fixture(path: Path | str, *, verdict_codes: set[str], publishable: set[str]) -> Fixture:
    """Parse and check one fixture file; raise FixtureError on the first problem."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise FixtureError(f"{path}: cannot read the file ({error.strerror}).") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FixtureError(f"{path}: not valid UTF-8 JSON ({error}).") from error
    return check_fixture(raw, path=path, verdict_codes=verdict_codes, publishable=publishable)


def check_fixture(raw, *, path: Path, verdict_codes: set[str], publishable: set[str]) -> Fixture:
    if not isinstance(raw, dict):
        raise FixtureError(f"{path}: the file must hold a JSON object.")
    _check_keys(raw, dict.fromkeys(("publishers", "sources", "articles", "claims"), list), "file")

    publishers = [_publisher(r) for r in _records(raw["publishers"], "publisher")]
    publisher_slugs = _unique_slugs(publishers, "publisher")

    sources = [_source(r, publisher_slugs) for r in _records(raw["sources"], "source")]
    source_slugs = _unique_slugs(sources, "source")
    _unique_urls(sources, "source")

    articles = [
        _article(r, publisher_slugs, source_slugs, path.parent)
        for r in _records(raw["articles"], "article")
    ]
    article_texts = {a["slug"]: a["paragraphs"] for a in articles}
    _unique_slugs(articles, "article")
    _unique_urls(articles, "article")

    claims = [
        _claim(r, article_texts, source_slugs, verdict_codes, publishable)
        for r in _records(raw["claims"], "claim")
    ]
    _unique_slugs(claims, "claim")
    seen_ids: dict[str, str] = {}
    for claim in claims:
        other = seen_ids.setdefault(claim["public_id"], claim["slug"])
        if other != claim["slug"]:
            raise FixtureError(
                f"claim '{claim['slug']}': field 'public_id': '{claim['public_id']}' is also "
                f"used by claim '{other}'."
            )
    return Fixture(path, publishers, sources, articles, claims)


def paragraphs_of(text: str) -> list[str]:
    """The article's paragraphs: its non-empty lines, numbered from 1 by the claims."""
    return [line for line in text.splitlines() if line.strip()]


def quote_is_located(paragraph: str, prefix: str, quote: str, suffix: str) -> bool:
    """Whether the quote, with the text just before and after it, occurs in the paragraph.

    A quote may skip text with "..."; its parts must then appear in order.
    """
    parts = quote.split(ELLIPSIS)
    if any(not part for part in parts):
        return False
    start = paragraph.find(prefix + parts[0])
    while start != -1:
        end = start + len(prefix) + len(parts[0])
        for part in parts[1:]:
            found = paragraph.find(part, end)
            if found == -1:
                break
            end = found + len(part)
        else:
            if paragraph.startswith(suffix, end):
                return True
        start = paragraph.find(prefix + parts[0], start + 1)
    return False


# Records --------------------------------------------------------------------------------------


def _publisher(raw) -> dict:
    label = _label("publisher", raw)
    _check_keys(raw, PUBLISHER_FIELDS, label)
    _check_texts(raw, label, required=("slug", "name"))
    _check_url(raw, "url", label)
    return dict(raw)


def _source(raw, publishers: set[str]) -> dict:
    label = _label("source", raw)
    _check_keys(raw, SOURCE_FIELDS, label)
    _check_texts(raw, label, required=("slug", "title"))
    _check_url(raw, "url", label)
    _check_url(raw, "archive_url", label)
    _check_reference(raw, "publisher", publishers, label, "publisher")
    _check_choice(raw, "kind", SourceKind.values, label)
    record = dict(raw)
    record["published_on"] = _partial_date(raw, "published_on", "published_precision", label)
    record["accessed_on"] = _date(raw, "accessed_on", label)
    return record


def _article(raw, publishers: set[str], sources: set[str], folder: Path) -> dict:
    label = _label("article", raw)
    _check_keys(raw, ARTICLE_FIELDS, label)
    _check_texts(raw, label, required=("slug", "title", "language", "text_file"))
    _check_url(raw, "url", label)
    _check_reference(raw, "outlet", publishers, label, "publisher")
    if raw["source"] is not None:
        _check_reference(raw, "source", sources, label, "source")
    record = dict(raw)
    record["published_on"] = _partial_date(raw, "published_on", "published_precision", label)
    name = raw["text_file"]
    if Path(name).name != name or name.startswith("."):
        raise FixtureError(
            f"{label}: field 'text_file': give a file name next to the fixture, not a path."
        )
    try:
        text = (folder / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise FixtureError(
            f"{label}: field 'text_file': cannot read '{name}' as UTF-8 text."
        ) from error
    record["paragraphs"] = paragraphs_of(text)
    return record


def _claim(raw, articles, sources, verdict_codes, publishable) -> dict:
    label = _label("claim", raw)
    _check_keys(raw, CLAIM_FIELDS, label, optional=CLAIM_OPTIONAL_FIELDS)
    _check_texts(
        raw, label, required=("slug", "quote", "quote_language", "restatement", "claimant")
    )
    if not PUBLIC_ID_RE.match(raw["public_id"]):
        raise FixtureError(
            f"{label}: field 'public_id': '{raw['public_id']}' is not {PUBLIC_ID_LENGTH} "
            f"characters from '{PUBLIC_ID_ALPHABET}'."
        )
    _check_reference(raw, "article", set(articles), label, "article")
    _check_choice(raw, "kind", ClaimKind.values, label)
    _check_choice(raw, "status", LOADABLE_STATUSES, label)
    _check_choice(raw, "verdict", sorted(verdict_codes), label, what="verdict")
    _check_choice(raw, "comparator", ["", *Comparator.values], label)
    _check_choice(raw, "unit", ["", *Unit.values], label)
    record = dict(raw)
    record["value"] = _decimal(raw, "value", label)
    if record["value"] is not None and not (raw["unit"] and raw["comparator"]):
        raise FixtureError(f"{label}: field 'value': a value needs a unit and a comparator.")
    if record["value"] is None and (raw["unit"] or raw["comparator"]):
        raise FixtureError(f"{label}: field 'value': a unit or comparator needs a value.")
    if raw["kind"] == ClaimKind.NUMERIC and record["value"] is None:
        raise FixtureError(f"{label}: field 'value': a numeric claim needs a value.")
    if raw["status"] == ClaimStatus.PUBLISHED:
        if raw["verdict"] not in publishable:
            raise FixtureError(
                f"{label}: field 'verdict': a published claim cannot have the verdict "
                f"'{raw['verdict']}'."
            )
        for field in ("ruling", "ruling_zh_hant"):
            if not raw[field].strip():
                raise FixtureError(f"{label}: field '{field}': a published claim needs a ruling.")
    _check_location(raw, articles[raw["article"]], label)
    record["evidence"] = _evidence_rows(raw["evidence"], sources, label)
    return record


def _check_location(raw, paragraphs: list[str], label: str) -> None:
    number = raw["paragraph"]
    if number < 1 or number > len(paragraphs):
        raise FixtureError(
            f"{label}: field 'paragraph': the article has paragraphs 1 to {len(paragraphs)}, "
            f"not {number}."
        )
    if not quote_is_located(
        paragraphs[number - 1], raw["quote_prefix"], raw["quote"], raw["quote_suffix"]
    ):
        raise FixtureError(
            f"{label}: field 'quote': the quote, with its prefix and suffix, is not in "
            f"paragraph {number} of the article."
        )


def _evidence_rows(rows: list, sources: set[str], claim_label: str) -> list[dict]:
    checked, keys = [], set()
    for number, raw in enumerate(rows, start=1):
        label = f"{claim_label}: evidence {number}"
        if not isinstance(raw, dict):
            raise FixtureError(f"{label}: must be a JSON object.")
        _check_keys(raw, EVIDENCE_FIELDS, label)
        _check_texts(raw, label, required=())
        _check_reference(raw, "source", sources, label, "source")
        _check_choice(raw, "role", EvidenceRole.values, label)
        _check_choice(raw, "unit", ["", *Unit.values], label)
        record = dict(raw)
        record["value"] = _decimal(raw, "value", label)
        if (record["value"] is None) != (raw["unit"] == ""):
            raise FixtureError(f"{label}: field 'unit': give a unit exactly when there is a value.")
        key = (raw["source"], raw["role"])
        if key in keys:
            raise FixtureError(
                f"{label}: source '{raw['source']}' is already linked in the role '{raw['role']}'."
            )
        keys.add(key)
        record["position"] = number - 1
        checked.append(record)
    return checked


# Field checks ---------------------------------------------------------------------------------


def _records(value: list, kind: str) -> list[dict]:
    for number, record in enumerate(value, start=1):
        if not isinstance(record, dict):
            raise FixtureError(f"{kind} {number}: must be a JSON object.")
    return value


def _label(kind: str, raw) -> str:
    slug = raw.get("slug") if isinstance(raw, dict) else None
    return f"{kind} '{slug}'" if isinstance(slug, str) and slug else f"{kind} without a slug"


def _check_keys(raw: dict, fields: dict, label: str, optional: dict | None = None) -> None:
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


def _check_texts(raw: dict, label: str, required: tuple[str, ...]) -> None:
    for name in required:
        if not raw[name].strip():
            raise FixtureError(f"{label}: field '{name}' must not be empty.")
    if "slug" in raw and not SLUG_RE.match(raw["slug"]):
        raise FixtureError(f"{label}: field 'slug' may hold only letters, digits, - and _.")
    for name, limit in MAX_LENGTHS.items():
        if isinstance(raw.get(name), str) and len(raw[name]) > limit:
            raise FixtureError(f"{label}: field '{name}' is longer than {limit} characters.")


def _check_url(raw: dict, name: str, label: str) -> None:
    url = raw[name]
    if url and not re.match(r"^https?://[^\s/?#]+[^\s]*$", url):
        raise FixtureError(
            f"{label}: field '{name}': only http:// and https:// addresses are accepted, "
            f"not '{url[:60]}'."
        )


def _check_reference(raw: dict, name: str, known: set[str], label: str, kind: str) -> None:
    if raw[name] not in known:
        raise FixtureError(f"{label}: field '{name}': no {kind} '{raw[name]}' in the file.")


def _check_choice(raw: dict, name: str, allowed, label: str, what: str = "") -> None:
    if raw[name] not in allowed:
        shown = ", ".join(repr(choice) for choice in allowed)
        raise FixtureError(
            f"{label}: field '{name}': unknown {what or name} '{raw[name]}' (one of {shown})."
        )


def _decimal(raw: dict, name: str, label: str) -> Decimal | None:
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


def _date(raw: dict, name: str, label: str) -> date | None:
    text = raw[name]
    if text is None:
        return None
    try:
        if not DATE_RE.match(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise FixtureError(f"{label}: field '{name}': '{text}' is not a YYYY-MM-DD date.") from None


def _partial_date(raw: dict, name: str, precision_name: str, label: str) -> date | None:
    day = _date(raw, name, label)
    precision = raw[precision_name]
    if day is None:
        if precision:
            raise FixtureError(f"{label}: field '{precision_name}': there is no date to qualify.")
        return None
    _check_choice(raw, precision_name, DatePrecision.values, label)
    # A month or a year is written as its first day, so two files never disagree on it.
    if (precision == DatePrecision.MONTH and day.day != 1) or (
        precision == DatePrecision.YEAR and (day.month, day.day) != (1, 1)
    ):
        raise FixtureError(
            f"{label}: field '{name}': write a date known to the {precision} as its first day."
        )
    return day


def _unique_slugs(records: list[dict], kind: str) -> set[str]:
    slugs: set[str] = set()
    for record in records:
        if record["slug"] in slugs:
            raise FixtureError(f"{kind} '{record['slug']}': field 'slug' is used twice.")
        slugs.add(record["slug"])
    return slugs


def _unique_urls(records: list[dict], kind: str) -> None:
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
