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
from pathlib import Path

from claims.loader.checks import (
    FixtureError,
    check_choice,
    check_keys,
    check_reference,
    check_texts,
    check_url,
    label_of,
    parse_date,
    parse_decimal,
    parse_moment,
    parse_partial_date,
    records_of,
    unique_slugs,
    unique_urls,
)
from claims.loader.quotes import paragraphs_of, quote_is_located
from claims.models.claim import (
    PUBLIC_ID_ALPHABET,
    PUBLIC_ID_LENGTH,
    ClaimKind,
    ClaimStatus,
    Comparator,
    Unit,
)
from claims.models.evidence import EvidenceRole
from claims.models.verdict import VerdictChangeKind
from claims.workflow import visible_text
from sources.models import CopyReliability, SourceKind

PUBLIC_ID_RE = re.compile(rf"^[{PUBLIC_ID_ALPHABET}]{{{PUBLIC_ID_LENGTH}}}$")
# A loaded claim can be drafted, in review or published; withdrawing is an editor's decision.
LOADABLE_STATUSES = [ClaimStatus.DRAFT, ClaimStatus.REVIEW, ClaimStatus.PUBLISHED]

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
# A copy of another document names its original; "formerly" lists the slugs a source had before
# (the loader renames the stored source instead of adding another).
SOURCE_OPTIONAL_FIELDS = {
    "copy_of": (dict, type(None)),
    "copy_reliability": str,
    "formerly": list,
}
COPY_OF_FIELDS = {"title": str, "url": str, "publisher": str}
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
    "restatement_zh": str,
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
# When the check was first published and last reviewed (required once published), and every
# later entry of its public correction log: a published claim changes only on the record.
CLAIM_OPTIONAL_FIELDS = {
    "published_at": (str, type(None)),
    "reviewed_at": (str, type(None)),
    "corrections": list,
    # Evidence rows an earlier version of the file had and this one no longer stands behind:
    # a database loaded before removes them, on the record (a correction entry says why).
    "retired_evidence": list,
}
CORRECTION_FIELDS = {"kind": str, "at": str, "reason": str}
CORRECTION_OPTIONAL_FIELDS = {"from_verdict": (str, type(None)), "reason_zh_hant": str}
CORRECTION_KINDS = [VerdictChangeKind.CORRECTED, VerdictChangeKind.UPDATED]
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
EVIDENCE_OPTIONAL_FIELDS = {"research_note": str, "position": int}


@dataclass(frozen=True)
class Fixture:
    """A checked fixture file: its records, plain and ready for the upsert."""

    path: Path
    publishers: list[dict]
    sources: list[dict]
    articles: list[dict]
    claims: list[dict]
    # "record: field 'url': stored as '…'" for each address written differently in the file.
    normalised: tuple[str, ...] = ()


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
    check_keys(raw, dict.fromkeys(("publishers", "sources", "articles", "claims"), list), "file")

    notes: list[str] = []
    publishers = [_publisher(r, notes) for r in records_of(raw["publishers"], "publisher")]
    publisher_slugs = unique_slugs(publishers, "publisher")

    sources = [_source(r, publisher_slugs, notes) for r in records_of(raw["sources"], "source")]
    source_slugs = unique_slugs(sources, "source")
    unique_urls(sources, "source")

    articles = [
        _article(r, publisher_slugs, source_slugs, path.parent, notes)
        for r in records_of(raw["articles"], "article")
    ]
    article_texts = {a["slug"]: a["paragraphs"] for a in articles}
    unique_slugs(articles, "article")
    unique_urls(articles, "article")

    claims = [
        _claim(r, article_texts, source_slugs, verdict_codes, publishable)
        for r in records_of(raw["claims"], "claim")
    ]
    unique_slugs(claims, "claim")
    seen_ids: dict[str, str] = {}
    for claim in claims:
        other = seen_ids.setdefault(claim["public_id"], claim["slug"])
        if other != claim["slug"]:
            raise FixtureError(
                f"claim '{claim['slug']}': field 'public_id': '{claim['public_id']}' is also "
                f"used by claim '{other}'."
            )
    return Fixture(path, publishers, sources, articles, claims, tuple(notes))


# Records --------------------------------------------------------------------------------------


def _publisher(raw, notes: list[str]) -> dict:
    label = label_of("publisher", raw)
    check_keys(raw, PUBLISHER_FIELDS, label)
    check_texts(raw, label, required=("slug", "name"))
    return {**raw, "url": check_url(raw, "url", label, notes)}


def _source(raw, publishers: set[str], notes: list[str]) -> dict:
    label = label_of("source", raw)
    check_keys(raw, SOURCE_FIELDS, label, optional=SOURCE_OPTIONAL_FIELDS)
    check_texts(raw, label, required=("slug", "title"))
    urls = {name: check_url(raw, name, label, notes) for name in ("url", "archive_url")}
    check_reference(raw, "publisher", publishers, label, "publisher")
    check_choice(raw, "kind", SourceKind.values, label)
    record = {**raw, **urls}
    record.update(_copy_of(raw, label, notes))
    record["formerly"] = list(raw.get("formerly", []))
    if not all(isinstance(slug, str) and slug for slug in record["formerly"]):
        raise FixtureError(f"{label}: field 'formerly': list the source's earlier slugs.")
    record["published_on"] = parse_partial_date(raw, "published_on", "published_precision", label)
    record["accessed_on"] = parse_date(raw, "accessed_on", label)
    return record


def _copy_of(raw: dict, label: str, notes: list[str]) -> dict:
    """The model's copy fields, from the record's `copy_of` and `copy_reliability`."""
    original = raw.get("copy_of")
    reliability = raw.get("copy_reliability", "")
    is_copy = raw["kind"] == SourceKind.COPY
    if is_copy != (original is not None):
        raise FixtureError(
            f"{label}: field 'copy_of': a source of kind 'copy' names its original, and only "
            f"a copy does."
        )
    if original is None:
        if reliability:
            raise FixtureError(f"{label}: field 'copy_reliability': only a copy has one.")
        return {
            "original_title": "",
            "original_url": "",
            "original_publisher": "",
            "copy_reliability": "",
        }
    check_keys(original, COPY_OF_FIELDS, f"{label}: copy_of")
    check_texts(original, f"{label}: copy_of", required=("title",))
    original_url = check_url(original, "url", f"{label}: copy_of", notes)
    check_choice(raw, "copy_reliability", CopyReliability.values, label)
    return {
        "original_title": original["title"],
        "original_url": original_url,
        "original_publisher": original["publisher"],
        "copy_reliability": reliability,
    }


def _article(raw, publishers: set[str], sources: set[str], folder: Path, notes: list[str]) -> dict:
    label = label_of("article", raw)
    check_keys(raw, ARTICLE_FIELDS, label)
    check_texts(raw, label, required=("slug", "title", "language", "text_file"))
    url = check_url(raw, "url", label, notes)
    check_reference(raw, "outlet", publishers, label, "publisher")
    if raw["source"] is not None:
        check_reference(raw, "source", sources, label, "source")
    record = {**raw, "url": url}
    record["published_on"] = parse_partial_date(raw, "published_on", "published_precision", label)
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
    label = label_of("claim", raw)
    check_keys(raw, CLAIM_FIELDS, label, optional=CLAIM_OPTIONAL_FIELDS)
    check_texts(raw, label, required=("slug", "quote", "quote_language", "restatement", "claimant"))
    if not PUBLIC_ID_RE.match(raw["public_id"]):
        raise FixtureError(
            f"{label}: field 'public_id': '{raw['public_id']}' is not {PUBLIC_ID_LENGTH} "
            f"characters from '{PUBLIC_ID_ALPHABET}'."
        )
    check_reference(raw, "article", set(articles), label, "article")
    check_choice(raw, "kind", ClaimKind.values, label)
    check_choice(raw, "status", LOADABLE_STATUSES, label)
    check_choice(raw, "verdict", sorted(verdict_codes), label, what="verdict")
    check_choice(raw, "comparator", ["", *Comparator.values], label)
    check_choice(raw, "unit", ["", *Unit.values], label)
    record = dict(raw)
    record["value"] = parse_decimal(raw, "value", label)
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
        if not visible_text(raw["restatement_zh"]):
            raise FixtureError(
                f"{label}: field 'restatement_zh': a published claim needs its restatement in "
                f"Traditional Chinese."
            )
    _check_dates(raw, record, label, verdict_codes)
    _check_location(raw, articles[raw["article"]], label)
    record["evidence"] = _evidence_rows(raw["evidence"], sources, label)
    record["retired_evidence"] = _retired_rows(raw.get("retired_evidence", []), record, sources)
    return record


def _retired_rows(rows: list, record: dict, sources: set[str]) -> list[tuple[str, str]]:
    label = label_of("claim", record)
    kept = {(row["source"], row["role"]) for row in record["evidence"]}
    retired = []
    for number, raw in enumerate(rows, start=1):
        where = f"{label}: retired evidence {number}"
        if not isinstance(raw, dict):
            raise FixtureError(f"{where}: must be a JSON object.")
        check_keys(raw, {"source": str, "role": str}, where)
        check_reference(raw, "source", sources, where, "source")
        check_choice(raw, "role", EvidenceRole.values, where)
        key = (raw["source"], raw["role"])
        if key in kept:
            raise FixtureError(
                f"{where}: the claim still cites '{raw['source']}' as '{raw['role']}'."
            )
        retired.append(key)
    if retired and record["status"] == ClaimStatus.PUBLISHED and not record["corrections"]:
        raise FixtureError(
            f"{label}: field 'retired_evidence': removing evidence from a published claim is a "
            f"correction: add its entry with the public reason."
        )
    return retired


def _check_dates(raw: dict, record: dict, label: str, verdict_codes) -> None:
    """When the check was published and reviewed, and its later corrections, in order."""
    published = record["published_at"] = parse_moment(raw, "published_at", label)
    reviewed = record["reviewed_at"] = parse_moment(raw, "reviewed_at", label)
    is_published = raw["status"] == ClaimStatus.PUBLISHED
    if is_published != (published is not None) or is_published != (reviewed is not None):
        raise FixtureError(
            f"{label}: field 'published_at': a published claim says when it was first "
            f"published and last reviewed (published_at, reviewed_at); an unpublished one not."
        )
    corrections = []
    for number, entry in enumerate(raw.get("corrections", []), start=1):
        where = f"{label}: correction {number}"
        if not isinstance(entry, dict):
            raise FixtureError(f"{where}: must be a JSON object.")
        check_keys(entry, CORRECTION_FIELDS, where, optional=CORRECTION_OPTIONAL_FIELDS)
        check_choice(entry, "kind", CORRECTION_KINDS, where)
        if not visible_text(entry["reason"]):
            raise FixtureError(f"{where}: field 'reason': write the public reason readers see.")
        at = parse_moment(entry, "at", where)
        if not is_published or at < published or at > reviewed:
            raise FixtureError(
                f"{where}: field 'at': a correction comes after the claim was published and "
                f"no later than its last review."
            )
        if corrections and at <= corrections[-1]["at"]:
            raise FixtureError(f"{where}: field 'at': list the corrections oldest first.")
        from_verdict = entry.get("from_verdict")
        if entry["kind"] == VerdictChangeKind.CORRECTED:
            if from_verdict not in verdict_codes:
                raise FixtureError(
                    f"{where}: field 'from_verdict': a verdict change says which verdict it "
                    f"replaced."
                )
        elif from_verdict is not None:
            raise FixtureError(f"{where}: field 'from_verdict': only a verdict change has one.")
        corrections.append({**entry, "at": at, "from_verdict": from_verdict})
    record["corrections"] = corrections
    if is_published and reviewed < published:
        raise FixtureError(f"{label}: field 'reviewed_at': it comes before published_at.")


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
        check_keys(raw, EVIDENCE_FIELDS, label, optional=EVIDENCE_OPTIONAL_FIELDS)
        check_texts(raw, label, required=())
        check_reference(raw, "source", sources, label, "source")
        check_choice(raw, "role", EvidenceRole.values, label)
        check_choice(raw, "unit", ["", *Unit.values], label)
        record = {"research_note": "", **raw}
        record["value"] = parse_decimal(raw, "value", label)
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
